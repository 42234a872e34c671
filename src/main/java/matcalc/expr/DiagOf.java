package matcalc.expr;

import java.util.List;

/** diag(A) of a square matrix: the vector of its diagonal entries. */
public record DiagOf(Expr arg) implements Expr {
    public DiagOf { Internal.require(arg.shape().isSquare(), "diagonal of", arg.shape()); }
    public Shape shape() { return Shape.column(arg.shape().rows()); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new DiagOf(c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitDiagOf(this); }
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(shape()) : new DiagOf(d);
    }
    /** &lt;c, diag(A)&gt; = &lt;diag(c), A&gt;. */
    public Expr adjoint(int i, Expr seed) { return new Diag(seed); }
    /** diag(A) = (1^T kron I) diag(vec I) vec(A). */
    public Expr vecJacobian(int i) {
        Dim n = arg.shape().rows();
        return Ops.mul(new Kron(Ops.t(new Ones(Shape.column(n))), new Identity(n)), new Diag(new Vec(new Identity(n))));
    }
}
