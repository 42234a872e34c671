package matcalc.expr;

import java.util.List;

/** A^{-1} of a square matrix. */
public record Inverse(Expr arg) implements Expr {
    public Inverse { Internal.require(arg.shape().isSquare(), "inverse of", arg.shape()); }
    public Shape shape() { return arg.shape(); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Inverse(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitInverse(this); }
    /** d(X^{-1}) = -X^{-1} dX X^{-1} (Cookbook eq. 40). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(shape());
        return Ops.mul(Num.MINUS_ONE, this, d, this);
    }
}
