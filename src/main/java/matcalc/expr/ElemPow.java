package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** A.^c, element-wise power by a scalar exponent (A.^(-1) is element-wise reciprocal). */
public record ElemPow(Expr base, Expr exponent) implements Expr {
    public ElemPow { Internal.require(exponent.isScalar(), "element-wise power by a non-scalar"); }
    public Shape shape() { return base.shape(); }
    public List<Expr> children() { return List.of(base, exponent); }
    public Expr withChildren(List<Expr> c) { return new ElemPow(c.get(0), c.get(1)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitElemPow(this); }
    /** d(A.^c) = c A.^(c-1) ⊙ dA  (+ A.^c ⊙ log(A) dc when the exponent varies). */
    public Expr differential(Differentials ctx) {
        List<Expr> terms = new ArrayList<>();
        Expr da = ctx.of(base), dc = ctx.of(exponent);
        if (!Ops.isZero(da)) terms.add(Ops.had(Ops.mul(exponent, ElemPow.of(base, Ops.minusOne(exponent))), da));
        if (!Ops.isZero(dc)) terms.add(Ops.mul(dc, Ops.had(this, new Apply(Fn.LOG, base))));
        return Ops.sum(terms, shape());
    }

    /** base.^c, written as an ordinary power for scalars. */
    public static Expr of(Expr base, Expr exponent) {
        return base.isScalar() ? new Pow(base, exponent) : new ElemPow(base, exponent);
    }
}
