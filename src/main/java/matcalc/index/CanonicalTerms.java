package matcalc.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.expr.Rational;

/**
 * Tidies a sum after contraction: factors in a canonical order, summation indices renamed a, b, c, ... in order of first
 * appearance within each term (the names {@link IndexNames} gives, so none is a name of the expression), δ_{ab}
 * written with its indices in order, equal terms collected and zero terms dropped. A delta lists the index that
 * comes first on the left side first.
 */
final class CanonicalTerms {
    private CanonicalTerms() {}

    static IndexSum of(IndexSum s, List<Index> freeOrder, IndexNames names) { return of(s, freeOrder, names, false); }

    /**
     * As {@link #of(IndexSum, List, IndexNames)}; with {@code joinFreeDeltas}, a delta between free indices
     * also renames: δ_jk s_k becomes δ_jk s_j, each index replaced by the first index of the left side it is
     * tied to, so that equal terms of a higher derivative (d^4f/dx_i dx_j dx_k dx_l) look equal and are
     * collected. Orders 1 and 2 keep the forms they always printed.
     */
    static IndexSum of(IndexSum s, List<Index> freeOrder, IndexNames names, boolean joinFreeDeltas) {
        Set<Index> free = new java.util.HashSet<>(freeOrder);
        int most = 0;
        for (Term t : s.terms()) most = Math.max(most, t.indices().size());
        List<String> summation = names.summation(most);
        Map<Term, Rational> collected = new LinkedHashMap<>();
        for (Term t : s.terms()) {
            Term contracted = DeltaContraction.contract(t, free);
            if (joinFreeDeltas) contracted = joined(contracted, freeOrder);
            Term c = rename(ordered(EntryPowers.merge(contracted, free), free, freeOrder), free, freeOrder, summation);
            Term key = new Term(Rational.ONE, c.factors());
            collected.merge(key, c.coefficient(), Rational::add);
        }
        List<Term> out = new ArrayList<>();
        for (Map.Entry<Term, Rational> e : collected.entrySet()) {
            if (!e.getValue().isZero()) out.add(new Term(e.getValue(), e.getKey().factors()));
        }
        out.sort(Comparator.comparing((Term t) -> t.coefficient().signum() < 0)
                .thenComparing(t -> ranks(t, freeOrder), CanonicalTerms::lexicographic)
                .thenComparing(Term::toString));
        return new IndexSum(out);
    }

    /**
     * The free indices tied by deltas, each class written as δ from its first index (in the left side's order)
     * to each other one, and every other factor using that first index: δ_jk δ_ik s_k = δ_ij δ_ik s_i.
     */
    private static Term joined(Term t, List<Index> freeOrder) {
        Map<Index, Index> first = new HashMap<>();
        for (Index i : freeOrder) first.put(i, i);
        boolean any = false;
        for (Factor f : t.factors()) {
            if (!(f instanceof Delta d) || !first.containsKey(d.a()) || !first.containsKey(d.b())) continue;
            any = true;
            Index ra = first.get(d.a()), rb = first.get(d.b());
            Index keep = freeOrder.indexOf(ra) <= freeOrder.indexOf(rb) ? ra : rb, drop = keep == ra ? rb : ra;
            for (Map.Entry<Index, Index> e : first.entrySet()) if (e.getValue().equals(drop)) e.setValue(keep);
        }
        if (!any) return t;
        List<Factor> fs = new ArrayList<>();
        for (Index i : freeOrder) if (!first.get(i).equals(i)) fs.add(new Delta(first.get(i), i));
        for (Factor f : t.factors()) {
            if (f instanceof Delta d && first.containsKey(d.a()) && first.containsKey(d.b())) continue;
            fs.add(f.rename(i -> first.getOrDefault(i, i)));
        }
        return new Term(t.coefficient(), fs);
    }

    private static Term rename(Term t, Set<Index> free, List<Index> freeOrder, List<String> summation) {
        Map<Index, Index> names = new HashMap<>();
        for (Index i : t.indices()) {
            if (free.contains(i) || names.containsKey(i)) continue;
            names.put(i, new Index(summation.get(names.size()), i.dim()));
        }
        Term r = t.rename(i -> names.getOrDefault(i, i));
        List<Factor> fs = new ArrayList<>();
        for (Factor f : r.factors()) {
            fs.add(f instanceof Delta d && rank(d.b(), freeOrder, summation) < rank(d.a(), freeOrder, summation) ? new Delta(d.b(), d.a()) : f);
        }
        return new Term(r.coefficient(), fs);
    }

    /**
     * The factors in an order that does not depend on how the result was arranged: scalars first,
     * then the deltas, then groups of factors linked by summation indices (a chain such as X_{ai} A_{ak}),
     * each group kept in its order, the groups ordered by the first free index they carry (i before j).
     */
    private static Term ordered(Term t, Set<Index> free, List<Index> freeOrder) {
        List<Factor> fs = t.factors();
        int n = fs.size();
        int[] group = new int[n];
        for (int k = 0; k < n; k++) group[k] = k;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (sharesSummation(fs.get(a), fs.get(b), free)) relabel(group, group[b], group[a]);
        Map<Integer, List<Factor>> groups = new LinkedHashMap<>();
        List<Factor> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (fs.get(k).indices().isEmpty()) out.add(fs.get(k));
            else groups.computeIfAbsent(group[k], g -> new ArrayList<>()).add(fs.get(k));
        }
        List<List<Factor>> gs = new ArrayList<>(groups.values());
        gs.sort(Comparator.comparing((List<Factor> g) -> !(g.size() == 1 && g.get(0) instanceof Delta))
                .thenComparingInt(g -> minRank(g, freeOrder)));
        for (List<Factor> g : gs) out.addAll(g);
        return new Term(t.coefficient(), out);
    }

    private static void relabel(int[] group, int from, int to) {
        for (int k = 0; k < group.length; k++) if (group[k] == from) group[k] = to;
    }

    private static boolean sharesSummation(Factor a, Factor b, Set<Index> free) {
        for (Index i : a.indices()) if (!free.contains(i) && b.indices().contains(i)) return true;
        return false;
    }

    private static int minRank(List<Factor> g, List<Index> freeOrder) {
        int r = Integer.MAX_VALUE;
        for (Factor f : g) for (Index i : f.indices()) if (freeOrder.contains(i)) r = Math.min(r, freeOrder.indexOf(i));
        return r;
    }

    private static List<Integer> ranks(Term t, List<Index> freeOrder) {
        List<Integer> r = new ArrayList<>();
        for (Factor f : t.factors()) r.add(minRank(List.of(f), freeOrder));
        return r;
    }

    private static int lexicographic(List<Integer> a, List<Integer> b) {
        for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
            int c = Integer.compare(a.get(k), b.get(k));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Free indices first, in the order of the left side; then summation indices by name. */
    private static int rank(Index i, List<Index> freeOrder, List<String> summation) {
        int k = freeOrder.indexOf(i);
        if (k >= 0) return k;
        int s = summation.indexOf(i.name());
        return freeOrder.size() + (s >= 0 ? s : summation.size());
    }
}
