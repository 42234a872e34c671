package matcalc.expr;

import java.util.List;

/** diag(v): the diagonal matrix with the vector v on its diagonal. */
public record Diag(Expr arg) implements Expr {
    public Diag { Internal.require(arg.shape().cols().isOne(), "diag of a non-vector"); }
    public Shape shape() { return Shape.square(arg.shape().rows()); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Diag(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitDiag(this); }
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(shape()) : new Diag(d);
    }
    /** &lt;C, diag(v)&gt; = &lt;diag(C), v&gt;. */
    public Expr adjoint(int i, Expr seed) { return new DiagOf(seed); }
    /** vec(diag(v)) = diag(vec I) (1 kron I) v. */
    public Expr vecJacobian(int i) {
        Dim n = arg.shape().rows();
        return Ops.mul(new Diag(new Vec(new Identity(n))), new Kron(new Ones(Shape.column(n)), new Identity(n)));
    }
}
