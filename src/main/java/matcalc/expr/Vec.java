package matcalc.expr;

import java.util.List;

/** vec(A): the columns of A stacked (Magnus–Neudecker). */
public record Vec(Expr arg) implements Expr {
    public Shape shape() { return Shape.column(arg.shape().size()); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Vec(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitVec(this); }
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(shape()) : new Vec(d);
    }
    public Expr adjoint(int i, Expr seed) { return Ops.unvec(seed, arg.shape()); }
    public Expr vecJacobian(int i) { return Ops.identity(shape().rows()); }
}
