package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** Element-wise product A ⊙ B of equal shapes. */
public record Hadamard(List<Expr> factors) implements Expr {
    public Hadamard {
        factors = List.copyOf(factors);
        Internal.require(factors.size() >= 2, "Hadamard product of fewer than two factors");
        Internal.sameShape(factors, "Hadamard product");
    }
    public Shape shape() { return factors.get(0).shape(); }
    public List<Expr> children() { return factors; }
    public Expr withChildren(List<Expr> c) { return new Hadamard(c); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitHadamard(this); }

    private List<Expr> others(int i) {
        List<Expr> o = new ArrayList<>(factors);
        o.remove(i);
        return o;
    }

    /** d(A ⊙ B) = dA ⊙ B + A ⊙ dB (Cookbook eq. 38). */
    public Expr differential(Differentials ctx) { return Ops.productRule(factors, ctx, Ops::had, shape()); }
    /** &lt;C, A ⊙ B&gt; = &lt;C ⊙ B, A&gt;. */
    public Expr adjoint(int i, Expr seed) {
        List<Expr> fs = new ArrayList<>();
        fs.add(seed);
        fs.addAll(others(i));
        return Ops.had(fs);
    }
    /** vec(A ⊙ B) = diag(vec B) vec(A). */
    public Expr vecJacobian(int i) { return new Diag(Ops.vec(Ops.had(others(i)))); }
}
