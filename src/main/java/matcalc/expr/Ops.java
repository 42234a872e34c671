package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Small builders used by the differential rules. They only drop exact zeros (so a product rule does
 * not build terms that vanish); all other tidying is the simplifier's job.
 */
public final class Ops {
    private Ops() {}

    public static boolean isZero(Expr e) {
        if (e instanceof Zero || (e instanceof Num n && n.value().isZero())) return true;
        return e instanceof Mul m && m.factors().stream().anyMatch(f -> f instanceof Num n && n.value().isZero());
    }

    public static Expr sum(List<Expr> terms, Shape shape) {
        List<Expr> kept = new ArrayList<>();
        for (Expr t : terms) if (!isZero(t)) kept.add(t);
        if (kept.isEmpty()) return new Zero(shape);
        if (kept.size() == 1) return kept.get(0);
        return new Add(kept);
    }

    public static Expr add(Expr a, Expr b) { return sum(List.of(a, b), a.shape()); }

    public static Expr mul(Expr... fs) { return mul(List.of(fs)); }

    public static Expr mul(List<Expr> fs) {
        Shape s = Mul.shapeOf(fs);
        for (Expr f : fs) if (isZero(f)) return new Zero(s);
        if (fs.size() == 1) return fs.get(0);
        return new Mul(fs, s);
    }

    public static Expr neg(Expr e) { return mul(Num.MINUS_ONE, e); }

    public static Expr sub(Expr a, Expr b) { return add(a, neg(b)); }

    public static Expr t(Expr e) { return e.isScalar() ? e : new Transpose(e); }

    /** Element-wise product; for scalars this is the ordinary product. */
    public static Expr had(Expr... fs) { return had(List.of(fs)); }

    public static Expr had(List<Expr> fs) {
        for (Expr f : fs) if (isZero(f)) return new Zero(fs.get(0).shape());
        if (fs.size() == 1) return fs.get(0);
        if (fs.get(0).isScalar()) return mul(fs);
        return new Hadamard(fs);
    }

    public static Expr num(long n) { return Num.of(n); }

    /** The identity of the product chain with this many rows, for empty sides of a Kronecker rule. */
    public static Expr identity(Dim n) { return n.isOne() ? Num.ONE : new Identity(n); }

    /** vec(e): a column vector is its own vec. */
    public static Expr vec(Expr e) { return e.shape().cols().isOne() ? e : new Vec(e); }

    /**
     * unvec(c) for c of length m n: the m x n matrix A with vec(A) = c, written with existing
     * operations as (vec(I_n)^T ⊗ I_m)(I_n ⊗ c) (Magnus–Neudecker).
     */
    public static Expr unvec(Expr c, Shape shape) {
        if (shape.cols().isOne()) return c;
        if (shape.rows().isOne()) return t(c);
        Dim m = shape.rows(), n = shape.cols();
        return mul(new Kron(t(new Vec(new Identity(n))), new Identity(m)), new Kron(new Identity(n), c));
    }

    /** The product rule for any multilinear product: sum_i F1 ... dFi ... Fk, built by {@code product}. */
    static Expr productRule(List<Expr> factors, Differentials ctx, java.util.function.Function<List<Expr>, Expr> product, Shape shape) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            Expr d = ctx.of(factors.get(i));
            if (isZero(d)) continue;
            List<Expr> fs = new ArrayList<>(factors);
            fs.set(i, d);
            terms.add(product.apply(fs));
        }
        return sum(terms, shape);
    }

    /** Exponent minus one, folded when it is a number. */
    public static Expr minusOne(Expr exponent) {
        if (exponent instanceof Num n) return new Num(n.value().sub(Rational.ONE));
        return add(exponent, Num.MINUS_ONE);
    }
}
