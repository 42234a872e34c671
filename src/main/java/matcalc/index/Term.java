package matcalc.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import matcalc.expr.Rational;

/** A rational coefficient times a product of factors. */
public record Term(Rational coefficient, List<Factor> factors) {
    public Term { factors = List.copyOf(factors); }

    public static Term of(Factor f) { return new Term(Rational.ONE, List.of(f)); }

    public Term times(Term o) {
        List<Factor> fs = new ArrayList<>(factors);
        fs.addAll(o.factors);
        return new Term(coefficient.mul(o.coefficient), fs);
    }

    public Term rename(UnaryOperator<Index> f) {
        return new Term(coefficient, factors.stream().map(x -> x.rename(f)).toList());
    }

    /** Every index in order of first appearance. */
    public Set<Index> indices() {
        Set<Index> s = new LinkedHashSet<>();
        for (Factor f : factors) s.addAll(f.indices());
        return s;
    }
}
