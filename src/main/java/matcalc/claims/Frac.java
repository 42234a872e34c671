package matcalc.claims;

import edu.jas.arith.BigRational;
import edu.jas.poly.GenPolynomial;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exact rational function: a polynomial numerator over a denominator kept as a product of powers
 * of registered factors (see {@link RationalField}), never expanded unless needed. Sums bring two
 * fractions to the least common multiple of their factor powers, so no polynomial gcd is ever
 * computed; a fraction is zero exactly when its numerator is the zero polynomial.
 */
final class Frac {
    final GenPolynomial<BigRational> num;
    /** factor id -> multiplicity (all positive); immutable. */
    final Map<Integer, Integer> den;

    Frac(GenPolynomial<BigRational> num, Map<Integer, Integer> den) {
        this.num = num;
        this.den = num.isZERO() ? Map.of() : den;
    }

    boolean isZero() { return num.isZERO(); }

    boolean isPolynomial() { return den.isEmpty(); }

    boolean isConstant() { return den.isEmpty() && num.isConstant(); }

    /** The constant value, for a constant fraction. */
    BigRational constant() { return num.isZERO() ? BigRational.ZERO : num.leadingBaseCoefficient(); }

    /** A key equal for equal representations (not for every equal value). */
    String key() { return num.toString() + "/" + new TreeMap<>(den); }

    @Override public String toString() { return den.isEmpty() ? num.toString() : "(" + num + ")/" + den; }
}
