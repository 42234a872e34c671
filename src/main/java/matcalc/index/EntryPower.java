package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.Rational;

/** An entry to a rational power, e.g. X_{ij}^2 from X .^ 2. */
public record EntryPower(MatrixEntry base, Rational exponent) implements Factor {
    public List<Index> indices() { return base.indices(); }
    public Factor rename(UnaryOperator<Index> f) { return new EntryPower((MatrixEntry) base.rename(f), exponent); }
    public <R> R accept(FactorVisitor<R> v) { return v.visitPower(this); }
}
