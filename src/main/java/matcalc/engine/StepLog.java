package matcalc.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.calculus.RuleNames;
import matcalc.expr.*;
import matcalc.simplify.Rules;
import matcalc.simplify.Simplifier;

/**
 * Records a derivation as the engine runs it: which differential rules were used, which
 * simplification rules fired, and the expression after each stage. Nothing here recomputes.
 */
final class StepLog {
    private final List<Step> steps;
    private final Set<String> pending = new LinkedHashSet<>();

    StepLog(List<Step> steps) { this.steps = steps; }

    void applied(Expr node) { pending.add(RuleNames.of(node)); }

    void fired(Simplifier.Firing f) { pending.add(f.rule().name() + ": " + f.rule().identity()); }

    private void add(String title, String lhs, Expr e) {
        steps.add(new Step(steps.size() + 1, title, new ArrayList<>(pending), lhs, e));
        pending.clear();
    }

    void function(Expr f, Var x) {
        Set<String> rules = new LinkedHashSet<>(pending);
        pending.clear();
        add("the function, differentiated with respect to " + x.name(), "f", f);
        pending.addAll(rules);
    }

    void differential(Expr df) { add("take the differential, operation by operation", name(df), df); }

    void simplifiedDifferential(Expr df) {
        if (pending.isEmpty()) return;
        add("simplify the differential", name(df), df);
    }

    /** df for a scalar function, dF otherwise. */
    private static String name(Expr df) { return df.isScalar() ? "df" : "dF"; }

    /** The identification: df written as <G, dX>, J dvec(X) or F' dx, with the derivative as the engine read it off. */
    void identified(Calculus.Derivative d, Expr f, Var x) {
        DVar dx = new DVar(x);
        Expr g = readable.run(d.value());
        switch (d.form()) {
            case GRADIENT: case SCALAR:
                if (x.isScalar()) { add("identify: df = f' dx", "df", Ops.mul(g, dx)); break; }
                if (x.shape().isColumn()) { add("identify: df = g^T dx gives the gradient g", "df", Mul.of(new Transpose(g), dx)); break; }
                add("identify (Magnus–Neudecker): df = tr(G^T dX) gives dF/dX = G", "df",
                        new Trace(Mul.of(readable.run(new Transpose(g)), dx)));
                break;
            case ROW_GRADIENT:
                add("identify: df = (df/dx) dx, the derivative is the row df/dx", "df", Mul.of(g, dx));
                break;
            case TANGENT:
                add("identify: dF = F' dx", "dF", Ops.mul(g, dx));
                break;
            case TANGENT_ROW:
                add("identify: dF^T = (dF/dx) dx", "dF^T", Ops.mul(g, dx));
                break;
            case VEC:
                add(VEC_TITLE, "d vec(F)", Ops.mul(g, Ops.vec(dx)));
                break;
            case VEC_TRANSPOSED:
                add(VEC_TITLE, "d vec(F)", Ops.mul(Ops.t(g), Ops.vec(dx)));
                break;
            case VEC_ROWS:
                add(VEC_TITLE + " (row-major vec_r(A) = vec(A^T))", "d vec_r(F)", Ops.mul(g, Ops.vec(Ops.t(dx))));
                break;
            default:
                add(VEC_TITLE + " (row-major vec_r(A) = vec(A^T))", "d vec_r(F)", Ops.mul(Ops.t(g), Ops.vec(Ops.t(dx))));
        }
    }

    /**
     * The derivative as read off, written without (A^T)^T, A I and nested products: the same
     * expression (the next step's rules do the real simplification), but readable in the step.
     */
    // One per derivation: a Simplifier memoises every expression it sees, so a shared static one
    // grew without bound and was unsafe to use from two requests at once (matcalc serve).
    private final Simplifier readable = new Simplifier(READABLE_RULES, null);

    private static final java.util.List<matcalc.simplify.Rule> READABLE_RULES =
            Rules.named("t-t", "t-sum", "t-scalar", "t-product", "mul-identity", "mul-flatten", "mul-coeff");

    private static final String VEC_TITLE = "identify: d vec(F) = J d vec(X), composing each linear operation's vec rule"
            + " (vec(A dX B) = (B^T ⊗ A) vec(dX))";

    void result(Expr r, Form form, Var x) { add("simplify the derivative", "derivative", r); }
}
