package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;

/** The Kronecker delta: 1 when the two indices are equal, else 0. */
public record Delta(Index a, Index b) implements Factor {
    public List<Index> indices() { return List.of(a, b); }
    public Factor rename(UnaryOperator<Index> f) { return new Delta(f.apply(a), f.apply(b)); }
    public <R> R accept(FactorVisitor<R> v) { return v.visitDelta(this); }
}
