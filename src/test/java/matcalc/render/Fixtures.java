package matcalc.render;

import java.util.List;
import matcalc.expr.*;

/** Hand-built expressions shared by the renderer tests; n is a symbolic size. */
final class Fixtures {
    private Fixtures() {}

    static final Dim N = Dim.sym("n");
    static final Var A = square("A"), B = square("B"), X = square("X"), W = square("W");
    static final Var x = column("x"), y = column("y"), s = column("s"), u = column("u"), v = column("v");
    static final Var a = scalar("a"), b = scalar("b"), c = scalar("c");

    static Var square(String name) { return new Var(name, Shape.square(N)); }
    static Var column(String name) { return new Var(name, Shape.column(N)); }
    static Var scalar(String name) { return new Var(name, Shape.SCALAR); }

    static Num num(long n) { return Num.of(n); }
    static Num num(long p, long q) { return new Num(Rational.of(p, q)); }
    static Expr t(Expr e) { return new Transpose(e); }
    static Expr inv(Expr e) { return new Inverse(e); }
    static Expr add(Expr... terms) { return new Add(List.of(terms)); }
    static Expr mul(Expr... factors) { return Mul.of(factors); }
    static Expr neg(Expr e) { return mul(Num.MINUS_ONE, e); }
    static Expr had(Expr... factors) { return new Hadamard(List.of(factors)); }
    static Expr pow(Expr base, Expr exponent) { return new Pow(base, exponent); }
    static Expr recip(Expr e) { return new Pow(e, Num.MINUS_ONE); }
    static Expr apply(Fn fn, Expr arg) { return new Apply(fn, arg); }
}
