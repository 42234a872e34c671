package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.Dim;

/** A dimension as a number: what a contracted delta δ_{aa} sums to. */
public record SizeFactor(Dim dim) implements Factor {
    public List<Index> indices() { return List.of(); }
    public Factor rename(UnaryOperator<Index> f) { return this; }
    public <R> R accept(FactorVisitor<R> v) { return v.visitSize(this); }
}
