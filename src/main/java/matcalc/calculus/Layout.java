package matcalc.calculus;

/**
 * Numerator layout (the default, the seed's): the Jacobian of f: R^n -> R^m is m x n, a
 * scalar-by-vector derivative is a row. Denominator layout transposes: gradients are columns.
 * Mixed layout (matrixcalculus.org's): gradients are columns, Jacobians m x n. In every layout a
 * scalar-by-matrix derivative has the matrix's shape.
 */
public enum Layout {
    NUMERATOR, DENOMINATOR, MIXED;

    /** Whether the derivative of a scalar by a column vector is a column (the gradient). */
    public boolean columnGradients() { return this != NUMERATOR; }

    /** The layout a user's word names (numerator/num/jacobian, denominator/den/gradient, mixed), or null. */
    public static Layout byName(String word) {
        switch (word.toLowerCase()) {
            case "numerator": case "num": case "jacobian": return NUMERATOR;
            case "denominator": case "den": case "gradient": return DENOMINATOR;
            case "mixed": return MIXED;
            default: return null;
        }
    }

    /** Whether Jacobians are n x m for f: R^n -> R^m (and a vector's derivative by a scalar a row). */
    public boolean transposedJacobians() { return this == DENOMINATOR; }

    /** What typing needs of this layout: the shape of diff(...) inside an expression. */
    public matcalc.shapes.DerivativeShapes derivativeShapes() {
        return new matcalc.shapes.DerivativeShapes(columnGradients(), transposedJacobians());
    }
}
