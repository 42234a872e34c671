package matcalc.symja;

import matcalc.expr.Fn;
import matcalc.expr.Rational;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/** Our scalar building blocks as Symja expressions, built with its factory (never parsed from text). */
public final class ToSymja {
    static { SymjaSetup.ensure(); } // before Symja's factory loads

    private ToSymja() {}

    public static IExpr apply(Fn fn, IExpr x) {
        switch (fn) {
            case EXP: return F.Exp(x);
            case LOG: return F.Log(x);
            case SIN: return F.Sin(x);
            case COS: return F.Cos(x);
            case TAN: return F.Tan(x);
            case TANH: return F.Tanh(x);
            case SQRT: return F.Sqrt(x);
            case SIGMOID: return F.LogisticSigmoid(x);
            case ABS: return F.Abs(x);
            case SIGN: return F.Sign(x);
            case RELU: return F.Max(F.C0, x);
            case STEP: return F.HeavisideTheta(x);
            case ARCSIN: return F.ArcSin(x);
            case ARCCOS: return F.ArcCos(x);
            case ARCTAN: return F.ArcTan(x);
            case SINH: return F.Sinh(x);
            case COSH: return F.Cosh(x);
            case SOFTPLUS: return F.Log(F.Plus(F.C1, F.Exp(x)));
            case LOG1P: return F.Log(F.Plus(F.C1, x));
            default: throw new AssertionError(fn);
        }
    }

    public static IExpr number(Rational r) {
        if (r.isInteger()) return F.ZZ(r.num());
        return F.QQ(F.ZZ(r.num()), F.ZZ(r.den()));
    }

    /** A Symja-safe symbol for one of our names ('_' means a pattern to Symja). */
    public static ISymbol symbol(String name) {
        // One symbol per name, so equal expressions are equal for Symja (and for our caches). The
        // names are users' (a long-running matcalc serve sees any number of them), so the table is
        // bounded: past it a name gets a fresh symbol, which is as correct (callers keep their own
        // name-to-symbol map per conversion) and only misses the caches.
        ISymbol s = SYMBOLS.get(name);
        if (s != null) return s;
        if (SYMBOLS.size() >= MAX_SYMBOLS) return F.Dummy("v" + name.replace("_", "U"));
        return SYMBOLS.computeIfAbsent(name, n -> F.Dummy("v" + n.replace("_", "U")));
    }

    private static final int MAX_SYMBOLS = 4096;
    private static final java.util.Map<String, ISymbol> SYMBOLS = new java.util.concurrent.ConcurrentHashMap<>();
}
