package matcalc.expr;

import java.util.List;

/** sum(A): the sum of all entries, 1^T A 1. */
public record Sum(Expr arg) implements Expr {
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Sum(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitSum(this); }
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(Shape.SCALAR) : new Sum(d);
    }
    /** &lt;c, sum(A)&gt; = &lt;c 1 1^T, A&gt;. */
    public Expr adjoint(int i, Expr seed) { return Ops.mul(seed, new Ones(arg.shape())); }
    public Expr vecJacobian(int i) { return Ops.t(new Ones(Shape.column(arg.shape().size()))); }
}
