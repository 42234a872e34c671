package matcalc.shapes;

/**
 * What typing needs of the layout in force: the shape of diff(...) written inside an expression.
 * (Typing only records such operators as {@link matcalc.expr.Derivative} nodes; it never differentiates.)
 *
 * @param columnGradients whether diff(scalar, vector) is a column (denominator, mixed)
 * @param transposedJacobians whether diff(...) of a vector is a transposed Jacobian (denominator)
 */
public record DerivativeShapes(boolean columnGradients, boolean transposedJacobians) {
    public static final DerivativeShapes NUMERATOR = new DerivativeShapes(false, false);
}
