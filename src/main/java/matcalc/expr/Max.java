package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** Element-wise maximum max(A, B). */
public record Max(Expr a, Expr b) implements Expr {
    public Max { Internal.require(a.shape().equals(b.shape()), "max of different shapes"); }
    public Shape shape() { return a.shape(); }
    public List<Expr> children() { return List.of(a, b); }
    public Expr withChildren(List<Expr> c) { return new Max(c.get(0), c.get(1)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitMax(this); }
    /** d max(A, B) = 1[A > B] ⊙ dA + 1[B > A] ⊙ dB (almost everywhere; ties are a kink). */
    public Expr differential(Differentials ctx) {
        List<Expr> terms = new ArrayList<>();
        Expr da = ctx.of(a), db = ctx.of(b);
        if (!Ops.isZero(da)) terms.add(Ops.had(new Apply(Fn.STEP, Ops.sub(a, b)), da));
        if (!Ops.isZero(db)) terms.add(Ops.had(new Apply(Fn.STEP, Ops.sub(b, a)), db));
        return Ops.sum(terms, shape());
    }
}
