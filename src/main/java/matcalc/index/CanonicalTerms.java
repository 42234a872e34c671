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
 * appearance within each term, δ_{ab} written with its indices in order, equal terms collected and
 * zero terms dropped. A delta lists the index that comes first on the left side first.
 */
final class CanonicalTerms {
    static final List<String> SUMMATION_NAMES = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    private CanonicalTerms() {}

    static IndexSum of(IndexSum s, List<Index> freeOrder) {
        Set<Index> free = new java.util.HashSet<>(freeOrder);
        Map<Term, Rational> collected = new LinkedHashMap<>();
        for (Term t : s.terms()) {
            Term c = rename(ordered(EntryPowers.merge(DeltaContraction.contract(t, free), free), free, freeOrder), free, freeOrder);
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

    private static Term rename(Term t, Set<Index> free, List<Index> freeOrder) {
        Map<Index, Index> names = new HashMap<>();
        int next = 0;
        for (Index i : t.indices()) {
            if (free.contains(i) || names.containsKey(i)) continue;
            String n = next < SUMMATION_NAMES.size() ? SUMMATION_NAMES.get(next) : "a" + (next - SUMMATION_NAMES.size() + 1);
            names.put(i, new Index(n, i.dim()));
            next++;
        }
        Term r = t.rename(i -> names.getOrDefault(i, i));
        List<Factor> fs = new ArrayList<>();
        for (Factor f : r.factors()) fs.add(f instanceof Delta d && rank(d.b(), freeOrder) < rank(d.a(), freeOrder) ? new Delta(d.b(), d.a()) : f);
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
    private static int rank(Index i, List<Index> freeOrder) {
        int k = freeOrder.indexOf(i);
        if (k >= 0) return k;
        int s = SUMMATION_NAMES.indexOf(i.name());
        return freeOrder.size() + (s >= 0 ? s : SUMMATION_NAMES.size());
    }
}
