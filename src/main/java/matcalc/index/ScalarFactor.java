package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.Expr;

/** A scalar sub-expression kept whole, such as det(X). */
public record ScalarFactor(Expr value) implements Factor {
    public List<Index> indices() { return List.of(); }
    public Factor rename(UnaryOperator<Index> f) { return this; }
    public <R> R accept(FactorVisitor<R> v) { return v.visitScalar(this); }
}
