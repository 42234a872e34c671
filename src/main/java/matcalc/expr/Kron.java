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
}
