package matcalc.simplify;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Expr;
import matcalc.expr.Identity;
import matcalc.expr.Mul;
import matcalc.expr.Num;
import matcalc.expr.Rational;
import matcalc.expr.Shape;
import matcalc.expr.Zero;

/** Views of sums and products that several rules share: coefficient × body, scalars + chain. */
final class Terms {
    private Terms() {}

    /** c · body, with body = 1 for a pure number. */
    record Term(Rational coeff, Expr body) {}

    static Term term(Expr e) {
        if (e instanceof Num n) return new Term(n.value(), Num.ONE);
        if (e instanceof Zero) return new Term(Rational.ZERO, e);
        if (e instanceof Mul m) {
            Rational c = Rational.ONE;
            List<Expr> rest = new ArrayList<>();
            for (Expr f : m.factors()) {
                if (f instanceof Num n) c = c.mul(n.value()); else rest.add(f);
            }
            if (rest.isEmpty()) return new Term(c, Num.ONE);
            return new Term(c, rest.size() == 1 ? rest.get(0) : Mul.of(rest));
        }
        return new Term(Rational.ONE, e);
    }

    static Expr build(Rational c, Expr body, Shape shape) {
        if (c.isZero()) return new Zero(shape);
        if (body instanceof Num n) return new Num(c.mul(n.value()));
        if (c.isOne()) return body;
        List<Expr> fs = new ArrayList<>();
        fs.add(new Num(c));
        if (body instanceof Mul m) fs.addAll(m.factors()); else fs.add(body);
        return Mul.of(fs);
    }

    /** A product split into its scalar factors and its matrix chain. */
    record Split(List<Expr> scalars, List<Expr> chain) {}

    static Split split(Expr e) {
        List<Expr> s = new ArrayList<>(), c = new ArrayList<>();
        if (e instanceof Mul m) {
            for (Expr f : m.factors()) (f.isScalar() ? s : c).add(f);
        } else if (e.isScalar()) {
            s.add(e);
        } else {
            c.add(e);
        }
        return new Split(s, c);
    }

    /** Product of scalars and chain factors; an empty product is the identity of the given size. */
    static Expr product(List<Expr> scalars, List<Expr> chain, Shape shapeIfEmpty) {
        List<Expr> fs = new ArrayList<>(scalars);
        fs.addAll(chain);
        if (chain.isEmpty() && !shapeIfEmpty.isScalar()) fs.add(new Identity(shapeIfEmpty.rows()));
        if (fs.isEmpty()) return Num.ONE;
        return fs.size() == 1 ? fs.get(0) : Mul.of(fs);
    }

    /**
     * The term with every sum in its body (a factor, or under a transpose) in one sign: of s and -s
     * the one whose first term (by key) is positive, terms sorted. Then (U V^T - X)^T and
     * -(X - U V^T)^T are seen to be like terms.
     */
    static Term signNormal(Term t) {
        int[] sign = {1};
        Expr body = t.body() instanceof Mul m
                ? Mul.of(m.factors().stream().map(f -> normalSum(f, sign)).toList())
                : normalSum(t.body(), sign);
        return new Term(sign[0] < 0 ? t.coeff().negate() : t.coeff(), body);
    }

    private static Expr normalSum(Expr e, int[] sign) {
        if (e instanceof matcalc.expr.Transpose tr && tr.arg() instanceof matcalc.expr.Add) {
            return new matcalc.expr.Transpose(normalSum(tr.arg(), sign));
        }
        if (!(e instanceof matcalc.expr.Add a)) return e;
        List<Term> ts = a.terms().stream().map(Terms::term).toList();
        Term first = ts.stream().min(java.util.Comparator.comparing((Term x) -> Key.of(x.body()))).orElseThrow();
        boolean flip = first.coeff().signum() < 0;
        if (flip) sign[0] = -sign[0];
        List<Expr> out = new ArrayList<>();
        for (Term x : ts) out.add(build(flip ? x.coeff().negate() : x.coeff(), x.body(), a.shape()));
        out.sort(java.util.Comparator.comparing(Key::of));
        return new matcalc.expr.Add(out);
    }
}
