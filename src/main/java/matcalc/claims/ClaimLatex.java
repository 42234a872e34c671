package matcalc.claims;

import java.util.List;
import matcalc.expr.Add;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.render.LatexRenderer;

/**
 * A claim's two sides as LaTeX, typeset from the typed claim (not the user's text). Derivative
 * operators stand in the claim as placeholder variables; each is rendered by LatexRenderer like
 * any variable and then replaced by the operator's own notation: grad(f, x) is \nabla_{x} f,
 * diff(f, x) is \frac{\partial}{\partial x} f, jacobian J_{x}(f), hessian \nabla^2_{x} f.
 */
public final class ClaimLatex {
    private ClaimLatex() {}

    /** "lhs = rhs" in math mode (no delimiters). */
    public static String statement(Claim c) {
        return side(c.lhs(), c.derivatives()) + " = " + side(c.rhs(), c.derivatives());
    }

    public static String side(Expr e, List<DerivativeCall> calls) {
        String s = LatexRenderer.render(e);
        // An operator nested in another's function is rendered by the recursion in operator().
        for (int i = calls.size() - 1; i >= 0; i--) {
            DerivativeCall d = calls.get(i);
            String token = LatexRenderer.renderVarName(d.placeholder().name());
            // Braced where something may follow (a ^\top must apply to the whole operator).
            if (s.equals(token)) s = operator(d, calls);
            else if (s.contains(token)) s = s.replace(token, "{" + operator(d, calls) + "}");
        }
        return s;
    }

    private static String operator(DerivativeCall d, List<DerivativeCall> calls) {
        String f = side(d.function(), calls);
        if (d.function() instanceof Add || d.function() instanceof Mul) f = "\\left(" + f + "\\right)";
        String x = LatexRenderer.renderVarName(d.variable().name());
        switch (d.kind()) {
            case GRAD: return "\\nabla_{" + x + "} " + f;
            case HESSIAN: return "\\nabla^2_{" + x + "} " + f;
            case JACOBIAN: return "J_{" + x + "}\\left(" + side(d.function(), calls) + "\\right)";
            default: return "\\frac{\\partial}{\\partial " + x + "} " + f;
        }
    }
}
