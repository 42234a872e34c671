package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** X^n for a square matrix and an integer n >= 2 (negative powers are inverses of these). */
public record MatPow(Expr base, int n) implements Expr {
    public MatPow { Internal.require(base.shape().isSquare() && n >= 2, "matrix power"); }
    public Shape shape() { return base.shape(); }
    public List<Expr> children() { return List.of(base); }
    public Expr withChildren(List<Expr> c) { return new MatPow(c.get(0), n); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitMatPow(this); }

    static Expr power(Expr base, int k) {
        if (k == 0) return new Identity(base.shape().rows());
        if (k == 1) return base;
        return new MatPow(base, k);
    }

    /** d(X^n) = sum_{k=0}^{n-1} X^k dX X^{n-1-k}. */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(base);
        if (Ops.isZero(d)) return new Zero(shape());
        List<Expr> terms = new ArrayList<>();
        for (int k = 0; k < n; k++) terms.add(Ops.mul(power(base, k), d, power(base, n - 1 - k)));
        return Ops.sum(terms, shape());
    }
}
