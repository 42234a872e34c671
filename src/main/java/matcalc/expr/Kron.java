package matcalc.expr;

import java.util.List;

/** The Kronecker product A ⊗ B. */
public record Kron(Expr a, Expr b) implements Expr {
    public Shape shape() {
        return new Shape(a.shape().rows().times(b.shape().rows()), a.shape().cols().times(b.shape().cols()));
    }
    public List<Expr> children() { return List.of(a, b); }
    public Expr withChildren(List<Expr> c) { return new Kron(c.get(0), c.get(1)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitKron(this); }
    /** d(A ⊗ B) = dA ⊗ B + A ⊗ dB (Cookbook eq. 39). */
    public Expr differential(Differentials ctx) {
        Expr da = ctx.of(a), db = ctx.of(b);
        return Ops.sum(List.of(Ops.isZero(da) ? da : new Kron(da, b), Ops.isZero(db) ? db : new Kron(a, db)), shape());
    }

    /**
     * vec(A ⊗ B) = (I_n ⊗ K_{q,m} ⊗ I_p)(vec A ⊗ vec B) for A m x n, B p x q (Magnus–Neudecker
     * Th. 3.10), so the Jacobian in A is R (I_{mn} ⊗ vec B) and in B is R (vec A ⊗ I_{pq}).
     */
    public Expr vecJacobian(int i) {
        Shape sa = a.shape(), sb = b.shape();
        Expr r = new Kron(new Kron(Ops.identity(sa.cols()), new Commutation(sb.cols(), sa.rows())), Ops.identity(sb.rows()));
        Expr inner = i == 0 ? new Kron(Ops.identity(sa.size()), Ops.vec(b)) : new Kron(Ops.vec(a), Ops.identity(sb.size()));
        return Ops.mul(r, inner);
    }
}
