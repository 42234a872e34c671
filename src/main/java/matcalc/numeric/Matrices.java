package matcalc.numeric;

import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/** Small matrix helpers the checker needs beyond Hipparchus: vec, Kronecker, error measure, printing. */
public final class Matrices {
    private Matrices() {}

    /** <A, B> = sum of A_ij B_ij. */
    public static double dot(RealMatrix a, RealMatrix b) {
        double s = 0;
        for (int i = 0; i < a.getRowDimension(); i++) for (int j = 0; j < a.getColumnDimension(); j++) s += a.getEntry(i, j) * b.getEntry(i, j);
        return s;
    }

    public static RealMatrix scalar(double x) { return new Array2DRowRealMatrix(new double[][] {{x}}, false); }

    public static boolean isFinite(RealMatrix a) {
        for (int i = 0; i < a.getRowDimension(); i++)
            for (int j = 0; j < a.getColumnDimension(); j++)
                if (!Double.isFinite(a.getEntry(i, j))) return false;
        return true;
    }

    /** vec(A): the columns stacked. */
    public static RealMatrix vec(RealMatrix a) {
        int m = a.getRowDimension(), n = a.getColumnDimension();
        RealMatrix v = new Array2DRowRealMatrix(m * n, 1);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) v.setEntry(j * m + i, 0, a.getEntry(i, j));
        return v;
    }

    public static RealMatrix kron(RealMatrix a, RealMatrix b) {
        int p = b.getRowDimension(), q = b.getColumnDimension();
        RealMatrix k = new Array2DRowRealMatrix(a.getRowDimension() * p, a.getColumnDimension() * q);
        for (int i = 0; i < a.getRowDimension(); i++)
            for (int j = 0; j < a.getColumnDimension(); j++)
                k.setSubMatrix(b.scalarMultiply(a.getEntry(i, j)).getData(), i * p, j * q);
        return k;
    }

    /**
     * ||a - b||_F / max(||a||_F, ||b||_F, 1e-8), and 0 when both are below 1e-10 (both are zero up to
     * rounding; a relative measure would only amplify noise).
     */
    public static double relativeError(RealMatrix a, RealMatrix b) { return relativeError(a, b, 1e-8); }

    /**
     * As above with a chosen floor for the denominator. Finite differences of a function of size |f|
     * carry an absolute error of order 1e-12 |f|, so a derivative that is itself tiny (a saturated
     * tanh) is compared on the scale of f, not on its own.
     */
    public static double relativeError(RealMatrix a, RealMatrix b, double floor) {
        double na = a.getFrobeniusNorm(), nb = b.getFrobeniusNorm();
        if (na < 1e-10 && nb < 1e-10) return 0;
        return a.subtract(b).getFrobeniusNorm() / Math.max(Math.max(na, nb), floor);
    }

    /** Rows in brackets with 6 significant digits; large matrices are cut to their top-left corner. */
    public static String format(RealMatrix a) {
        final int max = 12;
        int rows = Math.min(a.getRowDimension(), max), cols = Math.min(a.getColumnDimension(), max);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.append("  [");
            for (int j = 0; j < cols; j++) sb.append(String.format(Locale.ROOT, " %11.6g", a.getEntry(i, j)));
            if (cols < a.getColumnDimension()) sb.append(" ...");
            sb.append(" ]\n");
        }
        if (rows < a.getRowDimension()) sb.append("  ... (").append(a.getRowDimension()).append(" rows)\n");
        return sb.toString();
    }
}
