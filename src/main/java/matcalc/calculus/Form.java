package matcalc.calculus;

/** How a derivative is arranged, i.e. what each entry of the result means. */
public enum Form {
    /** df/dx for scalars. */
    SCALAR,
    /** Scalar by matrix (or vector in denominator layout): entry ij is df/dx_ij, the shape of x. */
    GRADIENT,
    /** Scalar by vector in numerator layout: the row (df/dx_1 ... df/dx_n). */
    ROW_GRADIENT,
    /** Non-scalar by scalar: entry ij is dF_ij/dx, the shape of F. */
    TANGENT,
    /** Vector by scalar in denominator layout: the row dF^T/dx. */
    TANGENT_ROW,
    /** d vec(F) / d vec(X)^T (Jacobian for vectors): numerator layout. */
    VEC,
    /** (d vec(F) / d vec(X)^T)^T: denominator layout. */
    VEC_TRANSPOSED,
    /** As VEC with row-major vec on both sides. */
    VEC_ROWS,
    VEC_ROWS_TRANSPOSED
}
