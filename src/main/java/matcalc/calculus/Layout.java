package matcalc.calculus;

/**
 * Numerator layout (the default, the seed's): the Jacobian of f: R^n -> R^m is m x n, a
 * scalar-by-vector derivative is a row. Denominator layout transposes: gradients are columns.
 * Either way a scalar-by-matrix derivative has the matrix's shape.
 */
public enum Layout { NUMERATOR, DENOMINATOR }
