package matcalc.program;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.RealMatrix;

/**
 * Numeric values as people read them: rounded half up to a number of decimals (0.66699 is 0.67 to
 * two, never truncated to 0.66), exact integers without decimals, matrices as MATLAB-style literals
 * that read back as program input; and as JSON at full precision.
 */
public final class Values {
    private Values() {}

    /** x rounded half up to {@code digits} decimals; integers (and exact zeros) are written bare. */
    public static String number(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        BigDecimal r = new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP);
        if (r.signum() == 0) r = r.abs();
        return r.toPlainString();
    }

    /** 2.6967, [1; 2] for a column, [1 2] for a row, [-0.22 -0.44; 1.40 2.80] for a matrix. */
    public static String text(RealMatrix m, int digits) {
        if (m.getRowDimension() == 1 && m.getColumnDimension() == 1) return number(m.getEntry(0, 0), digits);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.getRowDimension(); i++) {
            if (i > 0) sb.append("; ");
            for (int j = 0; j < m.getColumnDimension(); j++) {
                if (j > 0) sb.append(' ');
                sb.append(number(m.getEntry(i, j), digits));
            }
        }
        return sb.append(']').toString();
    }

    /** As {@link #text} but every entry at full precision (Java's shortest round-trip form). */
    public static String full(RealMatrix m) {
        StringBuilder sb = new StringBuilder(m.getRowDimension() * m.getColumnDimension() > 1 ? "[" : "");
        for (int i = 0; i < m.getRowDimension(); i++) {
            if (i > 0) sb.append("; ");
            for (int j = 0; j < m.getColumnDimension(); j++) {
                if (j > 0) sb.append(' ');
                double x = m.getEntry(i, j);
                sb.append(x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x));
            }
        }
        return sb.append(m.getRowDimension() * m.getColumnDimension() > 1 ? "]" : "").toString();
    }

    /** A bmatrix (amsmath) with the rounded entries; scalars bare. */
    public static String latex(RealMatrix m, int digits) {
        if (m.getRowDimension() == 1 && m.getColumnDimension() == 1) return number(m.getEntry(0, 0), digits);
        StringBuilder sb = new StringBuilder("\\begin{bmatrix} ");
        for (int i = 0; i < m.getRowDimension(); i++) {
            if (i > 0) sb.append(" \\\\ ");
            for (int j = 0; j < m.getColumnDimension(); j++) {
                if (j > 0) sb.append(" & ");
                sb.append(number(m.getEntry(i, j), digits));
            }
        }
        return sb.append(" \\end{bmatrix}").toString();
    }

    /** For JSON: a number for a scalar, a flat list for a column vector, rows of a matrix otherwise. */
    public static Object json(RealMatrix m) {
        int r = m.getRowDimension(), c = m.getColumnDimension();
        if (r == 1 && c == 1) return full(m.getEntry(0, 0));
        if (c == 1) {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < r; i++) v.add(full(m.getEntry(i, 0)));
            return v;
        }
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            List<Double> row = new ArrayList<>();
            for (int j = 0; j < c; j++) row.add(full(m.getEntry(i, j)));
            rows.add(row);
        }
        return rows;
    }

    private static double full(double x) { return x == 0 ? 0.0 : x; } // no -0.0
}
