package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A product. Factors of shape 1 x 1 are scalars and commute; the other factors form a matrix
 * chain whose inner dimensions must agree. (The typer groups x^T A x B as (x^T A x) B.)
 */
public record Mul(List<Expr> factors, Shape shape) implements Expr {
    /** A null shape is computed from the factors (so that {@link #of} walks them once, not twice). */
    public Mul {
        factors = List.copyOf(factors);
        Internal.require(factors.size() >= 2, "product of fewer than two factors");
        Shape computed = shapeOf(factors);
        Internal.require(shape == null || shape.equals(computed), "product shape");
        shape = computed;
    }

    public static Mul of(List<Expr> factors) { return new Mul(factors, null); }

    public static Mul of(Expr... factors) { return of(List.of(factors)); }

    /** Shape of a product; throws on a chain whose inner dimensions disagree. */
    public static Shape shapeOf(List<Expr> factors) {
        Shape chain = null;
        for (Expr f : factors) {
            Shape s = f.shape();
            if (s.isScalar()) continue;
            if (chain == null) { chain = s; continue; }
            if (!chain.cols().equals(s.rows())) Internal.require(false, "product of " + chain + " and " + s);
            chain = new Shape(chain.rows(), s.cols());
        }
        return chain == null ? Shape.SCALAR : chain;
    }

    public List<Expr> children() { return factors; }
    public Expr withChildren(List<Expr> c) { return Mul.of(c); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitMul(this); }

    /** Product rule: d(F1 ... Fk) = sum_i F1 ... dFi ... Fk (Matrix Cookbook eq. 37). */
    public Expr differential(Differentials ctx) { return Ops.productRule(factors, ctx, Ops::mul, shape); }

    private List<Expr> others(int i) {
        List<Expr> o = new ArrayList<>(factors);
        o.remove(i);
        return o;
    }

    private List<Expr> scalarsExcept(int i) {
        List<Expr> s = new ArrayList<>();
        for (int k = 0; k < factors.size(); k++) if (k != i && factors.get(k).isScalar()) s.add(factors.get(k));
        return s;
    }

    private Expr chain(int from, int to) {
        List<Expr> c = new ArrayList<>();
        for (int k = from; k < to; k++) if (!factors.get(k).isScalar()) c.add(factors.get(k));
        if (c.isEmpty()) return null;
        return c.size() == 1 ? c.get(0) : Mul.of(c);
    }

    /**
     * &lt;C, S L F R&gt; = &lt;S L^T C R^T, F&gt; for a chain factor F with left and right chains L, R and
     * scalars S; for a scalar factor f, &lt;C, f P&gt; = f tr(C^T P).
     */
    public Expr adjoint(int i, Expr seed) {
        Expr f = factors.get(i);
        if (f.isScalar()) {
            Expr rest = Ops.mul(others(i));
            if (shape.isScalar()) return Ops.mul(seed, rest);
            return new Trace(Ops.mul(Ops.t(seed), rest));
        }
        List<Expr> fs = new ArrayList<>(scalarsExcept(i));
        Expr left = chain(0, i), right = chain(i + 1, factors.size());
        if (left != null) fs.add(Ops.t(left));
        fs.add(seed);
        if (right != null) fs.add(Ops.t(right));
        return Ops.mul(fs);
    }

    /** vec(L F R) = (R^T kron L) vec(F) (Cookbook eq. 520); vec(f P) = vec(P) f for a scalar f. */
    public Expr vecJacobian(int i) {
        Expr f = factors.get(i);
        if (f.isScalar()) return Ops.vec(Ops.mul(others(i)));
        List<Expr> fs = new ArrayList<>(scalarsExcept(i));
        Expr left = chain(0, i), right = chain(i + 1, factors.size());
        Expr l = left != null ? left : Ops.identity(f.shape().rows());
        Expr r = right != null ? Ops.t(right) : Ops.identity(f.shape().cols());
        fs.add(new Kron(r, l));
        return Ops.mul(fs);
    }
}
