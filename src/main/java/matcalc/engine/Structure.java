package matcalc.engine;

import matcalc.calculus.Substitute;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * The convention for a declared structured variable (symmetric, spd, orthogonal, diagonal...):
 * its entries are treated as independent when differentiating. So what is differentiated must not
 * be rewritten with the structure (inv(D) = D^T for an orthogonal D changes the derivative, and
 * a first derivative simplified with P = P^T differentiates wrongly a second time); the structure
 * is used only on the finished result, which is evaluated at structured points.
 */
final class Structure {
    private Structure() {}

    /** e with x replaced by the same variable without declared structure. */
    static Expr strip(Expr e, Var x) {
        return x.properties().isEmpty() ? e : Substitute.var(e, x.name(), x.plain());
    }

    /** A result in the unstructured x, with x's structure back (and simplified with it). */
    static Expr restore(Expr e, Var x, java.util.function.UnaryOperator<Expr> simplify) {
        return x.properties().isEmpty() ? e : simplify.apply(Substitute.var(e, x.name(), x));
    }
}
