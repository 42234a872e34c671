package matcalc.claims;

import matcalc.calculus.Form;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * One derivative operator written in a claim, e.g. {@code grad(tr(X^T A X), X)}. The typed claim
 * holds {@link #placeholder} where the operator was; {@link #function} is the typed function as
 * written (it may contain the placeholders of derivative operators nested inside it), so that an
 * exact proof can differentiate it on its own instead of trusting matcalc's differentiator.
 *
 * @param expansion matcalc's derivative (simplified), with inner placeholders already replaced;
 *                  null when matcalc could not differentiate ({@link #error} says why)
 * @param form      how {@code diff} arranged its result (null for the other operators)
 */
public record DerivativeCall(matcalc.expr.Derivative.Kind kind, Expr function, Var variable, Var placeholder,
                             Expr expandedFunction, Expr expansion, Form form, String error) {

    /** The operator as it reads in the claim, e.g. "grad". */
    public String operator() { return kind.name().toLowerCase(); }

    public boolean expanded() { return expansion != null; }
}
