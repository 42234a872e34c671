package matcalc.calculus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import matcalc.MatcalcError;
import matcalc.expr.Apply;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import matcalc.expr.Zero;
import matcalc.numeric.Arrangement;
import matcalc.numeric.NumericCheck;
import matcalc.symja.FromSymja;
import matcalc.symja.Symja;
import matcalc.symja.ToSymja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Derivatives of element-wise scalar functions. Symja's D gives them for the smooth functions
 * (asked once per function, then reused); Symja leaves the kinked ones unevaluated, so their rules
 * are ours, valid almost everywhere:
 * <pre>
 *   d-abs   abs'(t)  = sign(t)
 *   d-relu  relu'(t) = step(t)       (1[t > 0])
 *   d-sign  sign'(t) = 0             (t != 0)
 *   d-step  step'(t) = 0             (t != 0)
 * </pre>
 */
public final class ElementwiseRules {
    static { matcalc.symja.SymjaSetup.ensure(); } // before Symja's factory loads

    private static final Map<Fn, IExpr> SYMJA_DERIVATIVES = new ConcurrentHashMap<>();

    /** Symja's classes load only when a derivative needs them (about a second), hence the holder. */
    private static final class Placeholder {
        static final ISymbol T = F.Dummy("t");
    }

    public Expr derivative(Fn fn, Expr arg) {
        switch (fn) {
            case ABS: return new Apply(Fn.SIGN, arg);
            case RELU: return new Apply(Fn.STEP, arg);
            case SIGN: case STEP: return new Zero(arg.shape());
            default: return FromSymja.elementwise(symjaDerivative(fn), Placeholder.T, arg);
        }
    }

    /**
     * f'(t) from Symja, e.g. LogisticSigmoid'(t) = (1 - LogisticSigmoid(t)) LogisticSigmoid(t),
     * accepted only after it matches central differences of f (Symja's answers are verified, never
     * trusted).
     */
    public static IExpr symjaDerivative(Fn fn) {
        return SYMJA_DERIVATIVES.computeIfAbsent(fn, f -> {
            IExpr d = Symja.get().eval(F.D(ToSymja.apply(f, Placeholder.T), Placeholder.T));
            if (d.isAST() && d.head().isAST()) {
                throw new MatcalcError(MatcalcError.Kind.MISSING_RULE, "no rule 'd-" + f.name + "': Symja left it unevaluated");
            }
            Var t = new Var("t", Shape.SCALAR);
            NumericCheck.Result r = NumericCheck.check(new Apply(f, t), t, FromSymja.elementwise(d, Placeholder.T, t),
                    Arrangement.GRADIENT, NumericCheck.Options.defaults().withInstances(4));
            if (!r.passed()) {
                throw new MatcalcError(MatcalcError.Kind.MISSING_RULE,
                        "no rule 'd-" + f.name + "': Symja's derivative " + d + " failed the numeric check");
            }
            return d;
        });
    }
}
