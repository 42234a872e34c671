package matcalc.expr;

import java.util.List;

/** A^T. */
public record Transpose(Expr arg) implements Expr {
    public Shape shape() { return arg.shape().transpose(); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Transpose(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitTranspose(this); }
    /** d(A^T) = (dA)^T (Cookbook eq. 44). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(shape()) : new Transpose(d);
    }
    public Expr adjoint(int i, Expr seed) { return Ops.t(seed); }
    /** vec(A^T) = K vec(A). */
    public Expr vecJacobian(int i) {
        Shape s = arg.shape();
        if (s.isVectorLike()) return Ops.identity(s.size());
        return new Commutation(s.rows(), s.cols());
    }
}
