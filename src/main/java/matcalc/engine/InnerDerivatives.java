package matcalc.engine;

import java.util.ArrayList;
import java.util.List;
import matcalc.MatcalcError;
import matcalc.calculus.Calculus;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.Arrangement;
import matcalc.numeric.NumericCheck;
import matcalc.expr.Expr;
import matcalc.expr.Ops;
import matcalc.expr.Var;
import matcalc.render.TextRenderer;
import matcalc.expr.Derivative;
import matcalc.expr.Derivative.Kind;
import matcalc.simplify.Simplifier;
import matcalc.simplify.Strategy;

/**
 * The expansion stage: every grad/jacobian/hessian/diff the typer left in an expression
 * ({@link Derivative} nodes) is replaced by its derivative, innermost first. Each expansion is
 * checked against finite differences of its own argument before it stands in the expression: an
 * outer check only differentiates the expansion, so it cannot see an error in it. A form that fails
 * falls back to a less simplified one; one that cannot be checked is noted. A request with no
 * numeric check (`--no-check`, the benchmark) checks no expansion either.
 */
public final class InnerDerivatives {
    private final Calculus calculus;
    private final Layout layout;
    private final NumericCheck.Options options;
    private final List<String> notes = new ArrayList<>();

    public InnerDerivatives(Layout layout) { this(new Calculus(), layout, NumericCheck.Options.defaults(), Strategy::run, true); }

    /** @param check whether each expansion is checked (off when the request asked for no numeric check at all) */
    InnerDerivatives(Calculus calculus, Layout layout, NumericCheck.Options options, Engine.Simplification simplification, boolean check) {
        this.calculus = calculus;
        this.layout = layout;
        this.options = options;
        this.simplification = simplification;
        this.check = check;
    }

    private final boolean check;

    /** The engine's (tests substitute one that stops at the budget). */
    private final Engine.Simplification simplification;

    /** What the checks of the expansions found worth telling (fallbacks, unchecked expansions). */
    public List<String> notes() { return notes; }

    /** e with every derivative operator in it expanded (the same node when there is none). */
    public Expr expand(Expr e) {
        Expr out = memo.get(e);
        if (out != null) return out;
        out = e.mapChildren(this::expand);
        if (out instanceof Derivative d) {
            Expr value = derive(d.kind(), d.function(), d.variable());
            if (!value.shape().equals(d.shape())) {
                throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal: " + d.opName() + " gave shape " + value.shape()
                        + ", expected " + d.shape());
            }
            out = value;
        }
        memo.put(e, out);
        return out;
    }

    private final java.util.Map<Expr, Expr> memo = new java.util.IdentityHashMap<>();

    private Expr derive(Kind kind, Expr f, Var x) {
        Var xp = x.plain();
        Expr fp = Structure.strip(f, x);
        NumericCheck.Result firstFailure = null;
        for (Strategy s = Strategy.FULL; s != null; s = s.fallback()) {
            budget = false;
            Strategy level = s;
            Expansion e = matcalc.expr.SymmetricPoints.assuming(x, () -> expand(kind, fp, xp, level));
            Expr value = Structure.restore(e.value, x, s::apply);
            if (!check) {
                if (budget) notes.add(what(kind, f, x) + ": " + Strategy.BUDGET_NOTE);
                return value;
            }
            NumericCheck.Result c = check(kind, f, x, e, value);
            if (c.passed() || c.inconclusive()) {
                if (c.inconclusive()) notes.add(what(kind, f, x) + " could not be checked numerically: " + c.detail());
                if (budget) notes.add(what(kind, f, x) + ": " + Strategy.BUDGET_NOTE);
                if (s != Strategy.FULL) {
                    notes.add(what(kind, f, x) + ": the fully simplified form failed the numeric check (max rel. error "
                            + String.format(java.util.Locale.ROOT, "%.1e", firstFailure.maxRelError()) + "); the "
                            + s.description + " form is used");
                }
                return value;
            }
            if (firstFailure == null) firstFailure = c;
        }
        throw new MatcalcError(MatcalcError.Kind.NUMERIC, "no form of " + what(kind, f, x)
                + " passed the numeric check (a bug in matcalc; please report it)");
    }

    /** The operator as written, for notes (rendered only when a note needs it). */
    private static String what(Kind kind, Expr f, Var x) {
        return kind.name().toLowerCase() + "(" + TextRenderer.render(f) + ", " + x.name() + ")";
    }

    /** jacobian(...) is numerator layout whatever the layout in force; diff(...) follows it. */
    private Layout layoutOf(Kind kind) { return kind == Kind.JACOBIAN ? Layout.NUMERATOR : layout; }

    /** The expansion and, for a Hessian, the gradient it is the Jacobian of. */
    private record Expansion(Expr value, Expr gradient) {}

    /** Whether a simplification of the current expansion stopped at its budget (then said in a note). */
    private boolean budget;

    private Expr simplified(Strategy s, Expr e) {
        Simplifier.Simplified r = simplification.apply(s, e, null);
        budget |= r.budgetExhausted();
        return r.result();
    }

    private Expansion expand(Kind kind, Expr f, Var x, Strategy s) {
        switch (kind) {
            case GRAD: return new Expansion(simplified(s, calculus.gradient(f, x)), null);
            case HESSIAN: {
                Expr g = simplified(s, calculus.gradient(f, x));
                Expr h = x.isScalar() ? calculus.gradient(g, x) : calculus.vecJacobian(g, x);
                return new Expansion(simplified(s, h), g);
            }
            default:
                if (kind == Kind.JACOBIAN && f.isScalar()) return new Expansion(simplified(s, Ops.t(calculus.gradient(f, x))), null);
                return new Expansion(simplified(s, calculus.derive(f, x, layoutOf(kind), VecOrder.COLUMNS).value()), null);
        }
    }

    private NumericCheck.Result check(Kind kind, Expr f, Var x, Expansion e, Expr value) {
        switch (kind) {
            case GRAD: return NumericCheck.check(f, x, value, Arrangement.GRADIENT, options);
            case HESSIAN: {
                Expr g = Structure.restore(e.gradient, x, u -> u);
                NumericCheck.Result first = NumericCheck.check(f, x, g, Arrangement.GRADIENT, options);
                if (!first.passed()) return first;
                return NumericCheck.check(g, x, value, x.isScalar() ? Arrangement.GRADIENT : Arrangement.JACOBIAN, options);
            }
            default:
                // For a scalar f the Jacobian is the transposed gradient.
                if (kind == Kind.JACOBIAN && f.isScalar()) return NumericCheck.check(f, x, Ops.t(value), Arrangement.GRADIENT, options);
                Arrangement arr = Engine.arrangement(Calculus.form(f.shape(), x.shape(), layoutOf(kind), VecOrder.COLUMNS));
                return NumericCheck.check(f, x, value, arr, options);
        }
    }
}
