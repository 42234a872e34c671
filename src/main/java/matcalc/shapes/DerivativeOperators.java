package matcalc.shapes;

import matcalc.Span;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/** How the typer expands grad/jacobian/hessian/diff written inside an expression. */
public interface DerivativeOperators {
    enum Kind { GRAD, JACOBIAN, HESSIAN, DIFF }

    /** The derivative of f with respect to x, in the shape {@link ShapeInference} promised. */
    Expr derive(Kind kind, Expr f, Var x, Span at);

    /** Whether diff(scalar, vector) is a column in the layout in force (denominator, mixed). */
    boolean columnGradients();

    /** Whether diff(...) of a vector is a transposed Jacobian (denominator layout). */
    boolean transposedJacobians();

    DerivativeOperators NONE = new DerivativeOperators() {
        public Expr derive(Kind kind, Expr f, Var x, Span at) {
            throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.UNSUPPORTED, "derivatives are not available here", at);
        }
        public boolean columnGradients() { return false; }
        public boolean transposedJacobians() { return false; }
    };
}
