package matcalc.expr;

import java.util.List;

/** log det(A); written logdet(A) or log(det(A)). */
public record LogDet(Expr arg) implements Expr {
    public LogDet { Internal.require(arg.shape().isSquare(), "logdet of", arg.shape()); }
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new LogDet(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitLogDet(this); }
    /** d log det(X) = tr(X^{-1} dX) (Cookbook eq. 43). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        if (arg.isScalar()) return Ops.mul(new Pow(arg, Num.MINUS_ONE), d);
        return new Trace(Ops.mul(new Inverse(arg), d));
    }
}
