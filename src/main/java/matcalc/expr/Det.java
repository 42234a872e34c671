package matcalc.expr;

import java.util.List;

/** det(A) of a square matrix. */
public record Det(Expr arg) implements Expr {
    public Det { Internal.require(arg.shape().isSquare(), "det of", arg.shape()); }
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Det(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitDet(this); }
    /** d det(X) = det(X) tr(X^{-1} dX) (Cookbook eq. 42). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        if (arg.isScalar()) return d;
        return Ops.mul(this, new Trace(Ops.mul(new Inverse(arg), d)));
    }
}
