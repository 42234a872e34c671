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
            Memo memo = Memo.current();
            if (memo == null) return productTerm(m);
            Memo.Facts f = memo.of(m);
            if (f.term == null) f.term = productTerm(m);
            return f.term;
        }
        return new Term(Rational.ONE, e);
    }

    private static Term productTerm(Mul m) {
        boolean anyNumber = false;
        for (Expr f : m.factors()) anyNumber |= f instanceof Num;
        if (!anyNumber) return new Term(Rational.ONE, m); // the body is the product itself
        Rational c = Rational.ONE;
        List<Expr> rest = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) c = c.mul(n.value()); else rest.add(f);
        }
        if (rest.isEmpty()) return new Term(c, Num.ONE);
        return new Term(c, rest.size() == 1 ? rest.get(0) : Mul.of(rest));
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

    /** The split of e; its lists are not to be modified (they are shared). */
    static Split split(Expr e) {
        if (!(e instanceof Mul m)) return e.isScalar() ? new Split(List.of(e), List.of()) : new Split(List.of(), List.of(e));
        Memo memo = Memo.current();
        Memo.Facts facts = memo == null ? null : memo.of(m);
        if (facts != null && facts.split != null) return facts.split;
        List<Expr> s = new ArrayList<>(), c = new ArrayList<>();
        for (Expr f : m.factors()) (f.isScalar() ? s : c).add(f);
        Split sp = new Split(List.copyOf(s), List.copyOf(c));
        if (facts != null) facts.split = sp;
        return sp;
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
        if (!hasSum(t.body())) return t; // nothing to normalise: the same term
        Memo memo = Memo.current();
        Memo.Facts facts = memo == null ? null : memo.of(t.body());
        Term unit = facts == null ? null : facts.signNormal;
        if (unit == null) {
            int[] sign = {1};
            Expr body = t.body() instanceof Mul m
                    ? Mul.of(m.factors().stream().map(f -> normalSum(f, sign)).toList())
                    : normalSum(t.body(), sign);
            unit = new Term(sign[0] < 0 ? Rational.MINUS_ONE : Rational.ONE, body);
            if (facts != null) facts.signNormal = unit;
        }
        return new Term(unit.coeff().signum() < 0 ? t.coeff().negate() : t.coeff(), unit.body());
    }

    /** Whether normalSum would change a factor of the body: a sum, or a transposed sum, among them. */
    private static boolean hasSum(Expr body) {
        if (body instanceof Mul m) {
            for (Expr f : m.factors()) if (isSum(f)) return true;
            return false;
        }
        return isSum(body);
    }

    private static boolean isSum(Expr e) {
        return e instanceof matcalc.expr.Add || e instanceof matcalc.expr.Transpose tr && tr.arg() instanceof matcalc.expr.Add;
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
