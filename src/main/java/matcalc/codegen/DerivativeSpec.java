package matcalc.codegen;

import java.util.List;
import matcalc.calculus.Form;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * One derivative a module returns: by which variable, of which order, its expression and how its
 * entries are arranged. A second derivative names the first (its index among the derivatives and
 * whether it is the transpose of the natural one, d vec(f) / d vec(x)^T), because the self-check
 * differentiates that numerically.
 */
public record DerivativeSpec(Var wrt, int order, Expr expr, Form form, String name, int first, boolean firstTransposed,
                         List<String> doc) {
    public DerivativeSpec { doc = List.copyOf(doc); }

    /** The arrangement's name as the Python self-check spells it (gradient, jacobian, ...). */
    public String arrangement() { return Engine.arrangement(form).name().toLowerCase(java.util.Locale.ROOT); }
}
