package matcalc.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.expr.Rational;

/**
 * Collects powers of the same entry in a term: s_i^{-1} s_i is 1, X_{ij} X_{ij} is X_{ij}^2. A
 * summation index that only the cancelled entries mentioned still runs over its range.
 */
final class EntryPowers {
    private EntryPowers() {}

    static Term merge(Term t, Set<Index> free) {
        Map<MatrixEntry, Rational> exponents = new LinkedHashMap<>();
        for (Factor f : t.factors()) {
            if (f instanceof MatrixEntry e) exponents.merge(e, Rational.ONE, Rational::add);
            else if (f instanceof EntryPower p) exponents.merge(p.base(), p.exponent(), Rational::add);
        }
        if (exponents.size() == countEntries(t)) return t;
        List<Factor> out = new ArrayList<>();
        for (Factor f : t.factors()) {
            MatrixEntry base = f instanceof MatrixEntry e ? e : f instanceof EntryPower p ? p.base() : null;
            if (base == null) { out.add(f); continue; }
            Rational x = exponents.remove(base);
            if (x == null || x.isZero()) continue;
            out.add(x.isOne() ? base : new EntryPower(base, x));
        }
        Term merged = new Term(t.coefficient(), out);
        Set<Index> left = merged.indices();
        for (Index i : t.indices()) if (!free.contains(i) && !left.contains(i)) out.add(new SizeFactor(i.dim()));
        return new Term(t.coefficient(), out);
    }

    private static int countEntries(Term t) {
        int n = 0;
        for (Factor f : t.factors()) if (f instanceof MatrixEntry || f instanceof EntryPower) n++;
        return n;
    }
}
