package matcalc.expr;

import java.util.List;

/** tr(A) of a square matrix. */
public record Trace(Expr arg) implements Expr {
    public Trace { Internal.require(arg.shape().isSquare(), "trace of", arg.shape()); }
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Trace(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitTrace(this); }
    /** d tr(A) = tr(dA) (Cookbook eq. 36). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(Shape.SCALAR) : new Trace(d);
    }
    /** &lt;c, tr(A)&gt; = &lt;c I, A&gt;. */
    public Expr adjoint(int i, Expr seed) { return Ops.mul(seed, Ops.identity(arg.shape().rows())); }
    /** tr(A) = vec(I)^T vec(A). */
    public Expr vecJacobian(int i) { return Ops.t(Ops.vec(Ops.identity(arg.shape().rows()))); }
}
