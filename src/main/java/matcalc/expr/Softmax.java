package matcalc.expr;

import java.util.List;

/** softmax(v) = exp(v) / sum(exp(v)) of a column vector. */
public record Softmax(Expr arg) implements Expr {
    public Softmax { Internal.require(arg.shape().cols().isOne(), "softmax of a non-vector"); }
    public Shape shape() { return arg.shape(); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Softmax(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitSoftmax(this); }
    /** d softmax(v) = (diag(s) - s s^T) dv with s = softmax(v). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(shape());
        Expr jac = Ops.sub(new Diag(this), Ops.mul(this, Ops.t(this)));
        return Ops.mul(jac, d);
    }
}
