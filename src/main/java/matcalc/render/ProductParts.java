package matcalc.render;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.ElemPow;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Num;
import matcalc.expr.Pow;
import matcalc.expr.Rational;

/**
 * A product laid out the way both notations print it: one numeric coefficient, then the scalar
 * factors, then the matrix chain (in order), over the scalar denominators (factors a^(-k)).
 *
 * <p>Nested products are spliced in, since juxtaposition is associative, except a scalar inner
 * product such as x^T y next to other factors: that stays one parenthesised factor, (x^T y) A,
 * which is also how the typer groups it.
 */
record ProductParts(Rational coeff, List<Expr> numerator, List<Expr> denominator) {

    static ProductParts of(List<Expr> factors) {
        Rational[] coeff = {Rational.ONE};
        List<Expr> items = new ArrayList<>();
        collect(factors, coeff, items);
        while (true) {
            List<Expr> num = items.stream().filter(f -> denominatorOf(f) == null).toList();
            if (num.size() != 1 || !(num.get(0) instanceof Mul inner)) break;
            // A lone inner product has nothing to be grouped against: -x^T A x, not -(x^T A x).
            items.remove(inner);
            collect(inner.factors(), coeff, items);
        }
        List<Expr> scalars = new ArrayList<>(), chain = new ArrayList<>(), den = new ArrayList<>();
        for (Expr f : items) {
            Expr r = denominatorOf(f);
            if (r != null) den.add(r);
            else (f.isScalar() ? scalars : chain).add(f);
        }
        scalars.addAll(chain);
        return new ProductParts(coeff[0], List.copyOf(scalars), List.copyOf(den));
    }

    /**
     * What a factor divides the product by: only scalars do. A matrix factor A.^(-1) stays in its
     * place in the chain ("/" divides by scalars only, and moving it would reorder the chain).
     */
    private static Expr denominatorOf(Expr f) { return f.isScalar() ? reciprocal(f) : null; }

    private static void collect(List<Expr> factors, Rational[] coeff, List<Expr> items) {
        for (Expr f : factors) {
            if (f instanceof Num n) coeff[0] = coeff[0].mul(n.value());
            else if (f instanceof Mul m && !isInnerProduct(m)) collect(m.factors(), coeff, items);
            else items.add(f);
        }
    }

    /** A scalar made from a matrix chain, like x^T A x. */
    private static boolean isInnerProduct(Mul m) {
        return m.isScalar() && m.factors().stream().anyMatch(f -> !f.isScalar());
    }

    ProductParts negate() { return new ProductParts(coeff.negate(), numerator, denominator); }

    /** A sum prints this term after " - " when it is a negative number or a negatively scaled product. */
    static boolean isNegativeTerm(Expr t) {
        if (t instanceof Num n) return n.value().signum() < 0;
        return t instanceof Mul m && of(m.factors()).coeff().signum() < 0;
    }

    /**
     * For a power with a negative numeric exponent, a^(-k) or A.^(-k), what it divides by (a or
     * a^k, A or A.^k); null for anything else.
     */
    static Expr reciprocal(Expr e) {
        Expr base, exponent;
        if (e instanceof Pow p) { base = p.base(); exponent = p.exponent(); }
        else if (e instanceof ElemPow p) { base = p.base(); exponent = p.exponent(); }
        else return null;
        if (!(exponent instanceof Num n) || n.value().signum() >= 0) return null;
        Rational k = n.value().negate();
        if (k.isOne()) return base;
        return e instanceof Pow ? new Pow(base, new Num(k)) : new ElemPow(base, new Num(k));
    }
}
