package matcalc.expr;

import java.util.List;

/** An entry v[i] of a vector or A[i, j] of a matrix (1-based). */
public record Entry(Expr arg, int row, int col) implements Expr {
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Entry(c.get(0), row, col); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitEntry(this); }
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        return Ops.isZero(d) ? new Zero(Shape.SCALAR) : new Entry(d, row, col);
    }
    /** &lt;c, A[i,j]&gt; = &lt;c e_i e_j^T, A&gt;. */
    public Expr adjoint(int i, Expr seed) {
        Shape s = arg.shape();
        Expr ei = new UnitVector(s.rows(), row);
        if (s.cols().isOne()) return Ops.mul(seed, ei);
        return Ops.mul(seed, ei, Ops.t(new UnitVector(s.cols(), col)));
    }
    public Expr vecJacobian(int i) {
        Shape s = arg.shape();
        if (s.cols().isOne()) return Ops.t(new UnitVector(s.rows(), row));
        // vec(e_i e_j^T) = e_j ⊗ e_i
        return Ops.t(new Kron(new UnitVector(s.cols(), col), new UnitVector(s.rows(), row)));
    }
}
