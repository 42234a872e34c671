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
        if (isScalar(m)) return number(m.getEntry(0, 0), digits);
        return "[" + grid(m, "; ", " ", x -> number(x, digits)) + "]";
    }

    /** As {@link #text} but every entry at full precision (Java's shortest round-trip form). */
    public static String full(RealMatrix m) {
        String g = grid(m, "; ", " ", x -> x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x));
        return isScalar(m) ? g : "[" + g + "]";
    }

    /** A bmatrix (amsmath) with the rounded entries; scalars bare. */
    public static String latex(RealMatrix m, int digits) {
        if (isScalar(m)) return number(m.getEntry(0, 0), digits);
        return "\\begin{bmatrix} " + grid(m, " \\\\ ", " & ", x -> number(x, digits)) + " \\end{bmatrix}";
    }

    private static boolean isScalar(RealMatrix m) { return m.getRowDimension() == 1 && m.getColumnDimension() == 1; }

    /** The entries row by row, formatted, with the given separators between rows and between entries. */
    private static String grid(RealMatrix m, String rowSep, String colSep, java.util.function.DoubleFunction<String> fmt) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.getRowDimension(); i++) {
            if (i > 0) sb.append(rowSep);
            for (int j = 0; j < m.getColumnDimension(); j++) {
                if (j > 0) sb.append(colSep);
                sb.append(fmt.apply(m.getEntry(i, j)));
            }
        }
        return sb.toString();
    }

}
