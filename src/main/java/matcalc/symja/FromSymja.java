package matcalc.symja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.Add;
import matcalc.expr.Apply;
import matcalc.expr.ElemPow;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Num;
import matcalc.expr.Ones;
import matcalc.expr.Ops;
import matcalc.expr.Rational;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Symja's answer for a scalar function of one placeholder t, read back as an element-wise
 * expression in our IR with t replaced by a matrix argument: numbers are broadcast (c 1),
 * products become Hadamard products, powers element-wise powers.
 */
public final class FromSymja {
    static { SymjaSetup.ensure(); } // before Symja's factory loads

    private final java.util.Map<IExpr, Expr> atoms;
    /** The shape every part has: the argument's for element-wise functions, 1 x 1 for scalar algebra. */
    private final matcalc.expr.Shape shape;

    private FromSymja(java.util.Map<IExpr, Expr> atoms, matcalc.expr.Shape shape) {
        this.atoms = atoms;
        this.shape = shape;
    }

    public static Expr elementwise(IExpr e, ISymbol t, Expr arg) {
        return new FromSymja(java.util.Map.of(t, arg), arg.shape()).convert(e);
    }

    /**
     * An element-wise expression of the given shape whose symbols stand for the given expressions:
     * matrices of that shape, or scalars (which scale or, in a sum, broadcast).
     */
    public static Expr elementwise(IExpr e, java.util.Map<IExpr, Expr> atoms, matcalc.expr.Shape shape) {
        FromSymja reader = new FromSymja(atoms, shape);
        return reader.lift(reader.convert(e));
    }

    /** A scalar expression whose symbols stand for the given expressions. */
    public static Expr scalar(IExpr e, java.util.Map<IExpr, Expr> atoms) {
        return new FromSymja(atoms, matcalc.expr.Shape.SCALAR).convert(e);
    }

    private Expr convert(IExpr e) {
        Expr atom = atoms.get(e);
        if (atom != null) return atom;
        if (e instanceof IInteger || e instanceof IFraction) return broadcast(rational(e));
        if (e.isPlus()) {
            List<Expr> terms = new ArrayList<>();
            for (IExpr a : ((IAST) e)) terms.add(convert(a));
            if (terms.stream().anyMatch(t -> !t.isScalar())) terms.replaceAll(this::lift);
            return terms.size() == 1 ? terms.get(0) : new Add(terms);
        }
        if (e.isTimes()) {
            Rational c = Rational.ONE;
            List<Expr> fs = new ArrayList<>(), scalars = new ArrayList<>();
            for (IExpr a : ((IAST) e)) {
                if (a instanceof IInteger || a instanceof IFraction) { c = c.mul(rational(a)); continue; }
                Expr f = convert(a);
                // A scalar symbol among matrix factors scales them; it is no Hadamard factor.
                (f.isScalar() && !shape.isScalar() ? scalars : fs).add(f);
            }
            if (fs.isEmpty() && scalars.isEmpty()) return broadcast(c);
            if (!c.isOne()) scalars.add(0, new Num(c));
            if (fs.isEmpty()) return Ops.mul(scalars); // a scalar: the enclosing sum or the caller broadcasts it
            scalars.add(Ops.had(fs));
            return Ops.mul(scalars);
        }
        if (e.isPower()) {
            IExpr base = e.base(), exp = e.exponent();
            if (base.equals(S.E)) return new Apply(Fn.EXP, convert(exp));
            if (exp instanceof IInteger || exp instanceof IFraction) {
                Rational k = rational(exp);
                // sech^2 = 1 - tanh^2 and sec^2 = 1 + tan^2: stay within functions users know.
                if (k.equals(Rational.TWO) && base.isAST(S.Sech, 2)) return square(Fn.TANH, ((IAST) base).arg1(), -1);
                if (k.equals(Rational.TWO) && base.isAST(S.Sec, 2)) return square(Fn.TAN, ((IAST) base).arg1(), 1);
                if (k.den().equals(BigInteger.TWO)) {
                    Expr root = new Apply(Fn.SQRT, convert(base));
                    Rational n = new Rational(k.num(), BigInteger.ONE);
                    return n.isOne() ? root : ElemPow.of(root, new Num(n));
                }
                return ElemPow.of(convert(base), new Num(k)); // a scalar base gives an ordinary power
            }
            if (shape.isScalar()) return new matcalc.expr.Pow(convert(base), convert(exp));
        }
        if (e.isAST() && ((IAST) e).argSize() == 1) {
            Fn fn = function(e.head());
            if (fn != null) return new Apply(fn, convert(((IAST) e).arg1()));
        }
        if (e.isAST() && e.head().isAST() && ((IAST) e.head()).head().equals(S.Derivative)) {
            throw new MatcalcError(MatcalcError.Kind.MISSING_RULE, "Symja left a derivative unevaluated: " + e);
        }
        throw new MatcalcError(MatcalcError.Kind.MISSING_RULE, "cannot read Symja's result back: " + e);
    }

    /** A scalar where an expression of the full shape is needed: broadcast, c 1. */
    private Expr lift(Expr e) {
        return e.isScalar() && !shape.isScalar() ? Ops.mul(e, new Ones(shape)) : e;
    }

    private Expr square(Fn fn, IExpr inner, int sign) {
        Expr sq = ElemPow.of(new Apply(fn, convert(inner)), Num.of(2));
        return new Add(List.of(broadcast(Rational.ONE), sign < 0 ? Ops.neg(sq) : sq));
    }

    private Expr broadcast(Rational c) {
        if (shape.isScalar()) return new Num(c);
        Ones ones = new Ones(shape);
        return c.isOne() ? ones : Ops.mul(new Num(c), ones);
    }

    static Rational rational(IExpr e) {
        if (e instanceof IInteger i) return new Rational(i.toBigNumerator(), BigInteger.ONE);
        IFraction f = (IFraction) e;
        return new Rational(f.toBigNumerator(), f.toBigDenominator());
    }

    static Fn function(IExpr head) {
        if (head.equals(S.Exp)) return Fn.EXP;
        if (head.equals(S.Log)) return Fn.LOG;
        if (head.equals(S.Sin)) return Fn.SIN;
        if (head.equals(S.Cos)) return Fn.COS;
        if (head.equals(S.Tan)) return Fn.TAN;
        if (head.equals(S.Tanh)) return Fn.TANH;
        if (head.equals(S.Sqrt)) return Fn.SQRT;
        if (head.equals(S.LogisticSigmoid)) return Fn.SIGMOID;
        if (head.equals(S.Abs)) return Fn.ABS;
        if (head.equals(S.Sign)) return Fn.SIGN;
        if (head.equals(S.ArcSin)) return Fn.ARCSIN;
        if (head.equals(S.ArcCos)) return Fn.ARCCOS;
        if (head.equals(S.ArcTan)) return Fn.ARCTAN;
        if (head.equals(S.Sinh)) return Fn.SINH;
        if (head.equals(S.Cosh)) return Fn.COSH;
        return null;
    }
}
