package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.Fn;

/** An element-wise function of one entry, e.g. exp(X_{ij}). */
public record Elementwise(Fn fn, MatrixEntry arg) implements Factor {
    public List<Index> indices() { return arg.indices(); }
    public Factor rename(UnaryOperator<Index> f) { return new Elementwise(fn, (MatrixEntry) arg.rename(f)); }
    public <R> R accept(FactorVisitor<R> v) { return v.visitElementwise(this); }
}
