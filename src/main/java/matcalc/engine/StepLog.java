package matcalc.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.calculus.RuleNames;
import matcalc.expr.*;
import matcalc.render.LatexRenderer;
import matcalc.render.TextRenderer;
import matcalc.simplify.Rules;
import matcalc.simplify.Simplifier;

/**
 * Records a derivation as the engine runs it: which differential rules were used, which
 * simplification rules fired, and the expression after each stage. Nothing here recomputes.
 */
final class StepLog implements Observer {
    private final List<Step> steps;
    private final Set<String> pending = new LinkedHashSet<>();

    StepLog(List<Step> steps) { this.steps = steps; }

    public java.util.function.Consumer<Expr> applied() { return node -> pending.add(RuleNames.of(node)); }

    public java.util.function.Consumer<Simplifier.Firing> fired() { return this::fired; }

    /** The derivative as the identification step showed it, to tell whether the last step changed anything. */
    private String shown;
    private Expr shownExpr;
    /** What the rules listed since the identification produced. */
    private final List<Expr> made = new ArrayList<>();

    private static boolean occurs(Expr part, Expr in) {
        if (in.equals(part)) return true;
        for (Expr c : in.children()) if (occurs(part, c)) return true;
        return false;
    }

    /** A rule is listed only when its rewrite shows on the page (in LaTeX): mul-coeff turning 1 a into a does not. */
    void fired(Simplifier.Firing f) {
        if (LatexRenderer.render(f.before()).equals(LatexRenderer.render(f.after()))) return;
        // after the identification: a rewrite the identification's display already made (1 ⊗ A shown as A)
        // acts on a form the page never showed, unless it works on what an earlier listed rule made
        if (shownExpr != null && readableFired.contains(f.rule().name()) && !occurs(f.before(), shownExpr)
                && made.stream().noneMatch(m -> occurs(m, f.before()))) return;
        if (shownExpr != null) made.add(f.after());
        pending.add(f.rule().name() + ": " + f.rule().identity());
    }

    private void add(String title, String lhs, Expr e) {
        steps.add(new Step(steps.size() + 1, title, new ArrayList<>(pending), lhs, e));
        pending.clear();
    }

    public void function(Expr f, Var x) {
        Set<String> rules = new LinkedHashSet<>(pending);
        pending.clear();
        add("the function, differentiated with respect to " + x.name(), "f", f);
        pending.addAll(rules);
    }

    public void differential(Expr df) { add("take the differential, operation by operation", name(df), df); }

    public void simplifiedDifferential(Expr df) {
        if (pending.isEmpty()) return;
        add("simplify the differential", name(df), df);
    }

    /** df for a scalar function, dF otherwise. */
    private static String name(Expr df) { return df.isScalar() ? "df" : "dF"; }

    /** The identification: df written as <G, dX>, J dvec(X) or F' dx, with the derivative as the engine read it off. */
    public void identified(Calculus.Derivative d, Expr f, Var x) {
        DVar dx = new DVar(x);
        boolean vectors = f.shape().isVectorLike() && x.shape().isVectorLike();
        Expr g = readable.run(d.value());
        shown = TextRenderer.render(g);
        shownExpr = g;
        switch (d.form()) {
            case GRADIENT: case SCALAR:
                if (x.isScalar()) { add(named("identify: df = f' dx", x), "df", Ops.mul(g, dx)); break; }
                if (x.shape().isColumn()) { add(named("identify: df = g^T dx gives the gradient g", x), "df", Mul.of(new Transpose(g), dx)); break; }
                add("identify (Magnus–Neudecker): df = tr(G^T dX) gives dF/dX = G", "df",
                        new Trace(Mul.of(readable.run(new Transpose(g)), dx)));
                break;
            case ROW_GRADIENT:
                add(named("identify: df = (df/dx) dx, the derivative is the row df/dx", x), "df", Mul.of(g, dx));
                break;
            case TANGENT:
                add(named("identify: dF = F' dx", x), "dF", Ops.mul(g, dx));
                break;
            case TANGENT_ROW:
                add(named("identify: dF^T = (dF/dx) dx", x), "dF^T", Ops.mul(g, dx));
                break;
            case VEC:
                // for vectors vec is the identity: dF = J dx, with J as the page writes it (A, not 1 ⊗ A)
                if (vectors) { add(named("identify: dF = J dx gives the Jacobian J", x), "dF", Ops.mul(g, dx)); break; }
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
     * The derivative as read off, written without (A^T)^T, A I, 1 ⊗ A and nested products: the same
     * expression (the next step's rules do the real simplification), but readable in the step.
     */
    /** The rules the identification's display applied: the page showed their effect there. */
    private final Set<String> readableFired = new LinkedHashSet<>();

    // One per derivation: a Simplifier memoises every expression it sees, so a shared static one
    // grew without bound and was unsafe to use from two requests at once (matcalc serve).
    private final Simplifier readable = new Simplifier(READABLE_RULES, fired -> readableFired.add(fired.rule().name()));

    private static final java.util.List<matcalc.simplify.Rule> READABLE_RULES =
            Rules.named("t-t", "t-sum", "t-scalar", "t-product", "mul-identity", "mul-flatten", "mul-coeff", "kron-scalar");

    /** A title written for x in the variable's own one-letter name (dw for w); longer names keep x. */
    private static String named(String title, Var x) {
        String n = x.name();
        if (n.length() != 1 || !Character.isLetter(n.charAt(0)) || n.equals("x")) return title;
        return title.replace("/dx", "/d" + n).replace(" dx", " d" + n);
    }

    private static final String VEC_TITLE = "identify: d vec(F) = J d vec(X), composing each linear operation's vec rule"
            + " (vec(A dX B) = (B^T ⊗ A) vec(dX))";

    /** The last step; when simplifying changed nothing the page shows, it only reads the derivative off. */
    public void result(Expr r, Form form, Var x) {
        if (TextRenderer.render(r).equals(shown)) {
            pending.clear();
            add("read off the derivative", "derivative", r);
        } else {
            add("simplify the derivative", "derivative", r);
        }
    }
}
