package matcalc.expr;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact rational number; coefficients are folded exactly so that 1/2 + 1/3 prints as 5/6. */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {
    public static final Rational ZERO = of(0);
    public static final Rational ONE = of(1);
    public static final Rational MINUS_ONE = of(-1);
    public static final Rational TWO = of(2);

    public Rational {
        if (den.signum() == 0) throw new ArithmeticException("division by zero");
        if (den.signum() < 0) { num = num.negate(); den = den.negate(); }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) { num = num.divide(g); den = den.divide(g); }
        if (num.signum() == 0) den = BigInteger.ONE;
    }

    public static Rational of(long n) { return new Rational(BigInteger.valueOf(n), BigInteger.ONE); }
    public static Rational of(long n, long d) { return new Rational(BigInteger.valueOf(n), BigInteger.valueOf(d)); }

    /** Parses a decimal literal such as "0.25" or "1e-3" exactly. */
    public static Rational parse(String text) {
        BigDecimal d = new BigDecimal(text);
        if (d.scale() <= 0) return new Rational(d.toBigIntegerExact(), BigInteger.ONE);
        return new Rational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    public Rational add(Rational o) { return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)); }
    public Rational sub(Rational o) { return add(o.negate()); }
    public Rational mul(Rational o) { return new Rational(num.multiply(o.num), den.multiply(o.den)); }
    public Rational div(Rational o) { return new Rational(num.multiply(o.den), den.multiply(o.num)); }
    public Rational negate() { return new Rational(num.negate(), den); }
    public Rational abs() { return signum() < 0 ? negate() : this; }
    public int signum() { return num.signum(); }
    public boolean isZero() { return num.signum() == 0; }
    public boolean isOne() { return num.equals(BigInteger.ONE) && den.equals(BigInteger.ONE); }
    public boolean isInteger() { return den.equals(BigInteger.ONE); }
    public double toDouble() { return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL128).doubleValue(); }

    /** Integer power; negative exponents invert. */
    public Rational pow(int e) {
        if (e < 0) return ONE.div(pow(-e));
        return new Rational(num.pow(e), den.pow(e));
    }

    public int intValueExact() { if (!isInteger()) throw new ArithmeticException("not an integer: " + this); return num.intValueExact(); }

    @Override public int compareTo(Rational o) { return num.multiply(o.den).compareTo(o.num.multiply(den)); }
    @Override public String toString() { return isInteger() ? num.toString() : num + "/" + den; }
}
