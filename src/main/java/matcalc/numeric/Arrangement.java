package matcalc.numeric;

import matcalc.expr.Dim;
import matcalc.expr.Shape;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * How a derivative's value D lays out the entries of the full Jacobian J = d vec(f) / d vec(x)^T
 * (p q x m n for f of size p x q and x of size m x n; vec stacks columns).
 */
public enum Arrangement {
    /** f scalar; D has x's shape, D[i][j] = df/dx_ij. */
    GRADIENT,
    /** f scalar, x a vector; D is the 1 x n row J. */
    ROW_GRADIENT,
    /** x scalar; D has f's shape, D[i][j] = df_ij/dx. */
    TANGENT,
    /** D = J (numerator layout). */
    JACOBIAN,
    /** D = J^T (denominator layout). */
    JACOBIAN_TRANSPOSED,
    /** D = J with row-major vec on both sides, vec_r(A) = vec(A^T). */
    JACOBIAN_ROWS,
    JACOBIAN_ROWS_TRANSPOSED;

    /** The shape D must have; throws if this arrangement does not apply to f and x. */
    public Shape derivativeShape(Shape f, Shape x) {
        return switch (this) {
            case GRADIENT -> { requireScalar(f, "function"); yield x; }
            case ROW_GRADIENT -> {
                requireScalar(f, "function");
                if (!x.isVectorLike()) throw new IllegalArgumentException("a row gradient needs a vector variable, not " + x);
                yield new Shape(Dim.ONE, x.size());
            }
            case TANGENT -> { requireScalar(x, "variable"); yield f; }
            case JACOBIAN, JACOBIAN_ROWS -> new Shape(f.size(), x.size());
            case JACOBIAN_TRANSPOSED, JACOBIAN_ROWS_TRANSPOSED -> new Shape(x.size(), f.size());
        };
    }

    private void requireScalar(Shape s, String what) {
        if (!s.isScalar()) throw new IllegalArgumentException(this + " needs a scalar " + what + ", not " + s);
    }

    /** D rearranged as J, for f of size p x q and x of size m x n. */
    public RealMatrix toJacobian(RealMatrix d, int p, int q, int m, int n) {
        int[] ds = derivativeSize(p, q, m, n);
        if (d.getRowDimension() != ds[0] || d.getColumnDimension() != ds[1])
            throw new IllegalArgumentException(this + " derivative is " + d.getRowDimension() + " x "
                    + d.getColumnDimension() + ", expected " + ds[0] + " x " + ds[1]);
        matcalc.Deadline.checkEntries((long) p * q, (long) m * n);
        RealMatrix j = new Array2DRowRealMatrix(p * q, m * n);
        for (int r = 0; r < p * q; r++)
            for (int c = 0; c < m * n; c++) {
                int[] at = position(r, c, p, q, m, n);
                j.setEntry(r, c, d.getEntry(at[0], at[1]));
            }
        return j;
    }

    /** The inverse of {@link #toJacobian}: J shown the way this arrangement shows a derivative. */
    public RealMatrix fromJacobian(RealMatrix j, int p, int q, int m, int n) {
        int[] ds = derivativeSize(p, q, m, n);
        RealMatrix d = new Array2DRowRealMatrix(ds[0], ds[1]);
        for (int r = 0; r < p * q; r++)
            for (int c = 0; c < m * n; c++) {
                int[] at = position(r, c, p, q, m, n);
                d.setEntry(at[0], at[1], j.getEntry(r, c));
            }
        return d;
    }

    private int[] derivativeSize(int p, int q, int m, int n) {
        return switch (this) {
            case GRADIENT -> new int[] {m, n};
            case ROW_GRADIENT -> new int[] {1, m * n};
            case TANGENT -> new int[] {p, q};
            case JACOBIAN, JACOBIAN_ROWS -> new int[] {p * q, m * n};
            case JACOBIAN_TRANSPOSED, JACOBIAN_ROWS_TRANSPOSED -> new int[] {m * n, p * q};
        };
    }

    /** Where J[r][c] sits in D; r and c are column-major indices into f and x. */
    private int[] position(int r, int c, int p, int q, int m, int n) {
        return switch (this) {
            case GRADIENT -> new int[] {c % m, c / m};
            case ROW_GRADIENT -> new int[] {0, c};
            case TANGENT -> new int[] {r % p, r / p};
            case JACOBIAN -> new int[] {r, c};
            case JACOBIAN_TRANSPOSED -> new int[] {c, r};
            case JACOBIAN_ROWS -> new int[] {rowMajor(r, p, q), rowMajor(c, m, n)};
            case JACOBIAN_ROWS_TRANSPOSED -> new int[] {rowMajor(c, m, n), rowMajor(r, p, q)};
        };
    }

    /** The row-major index of the entry at column-major index k of a rows x cols matrix. */
    private static int rowMajor(int k, int rows, int cols) { return (k % rows) * cols + k / rows; }
}
