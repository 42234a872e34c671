package matcalc.ops;

import matcalc.expr.Expr;
import matcalc.expr.Num;
import matcalc.expr.Operator;
import matcalc.expr.Ops;
import matcalc.expr.Rational;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Singular and eigen decompositions (Hipparchus) with the conventions the spectral operators share:
 * singular vectors and eigenvectors are signed so that their largest entry is positive, so that
 * the same matrix always gives the same vector; eigenvalues are those of the symmetric part.
 */
final class Spectral {
    private Spectral() {}

    // ------------------------------------------------------------------ NumPy and PyTorch spellings
    // One spelling of each convention, so that generated code signs and symmetrises as the evaluator does.

    /** The library prefix: "np" or "torch". */
    static String lib(boolean torch) { return torch ? "torch" : "np"; }

    /** (A + A^T) / 2 of the matrix a. */
    static String symmetricPart(boolean torch, String a) { return "(lambda A: (A + A." + (torch ? "mT" : "T") + ") / 2)(" + a + ")"; }

    /** The eigenvalues of a's symmetric part, ascending. */
    static String eigvalsh(boolean torch, String a) { return lib(torch) + ".linalg.eigvalsh(" + symmetricPart(torch, a) + ")"; }

    /** The eigen-decomposition (w, V) of a's symmetric part. */
    static String eigh(boolean torch, String a) { return lib(torch) + ".linalg.eigh(" + symmetricPart(torch, a) + ")"; }

    /** The vector v signed so that its largest entry is positive ({@link #signed}). */
    static String signedVector(boolean torch, String v) {
        String l = lib(torch);
        return "(lambda v: v * " + l + ".sign(v[" + l + ".argmax(" + l + ".abs(v))]))(" + v + ")";
    }

    /** The top right singular vector of the matrix named A in the spelling, signed, as a column. */
    static String topRightVector(boolean torch) { return signedVector(torch, lib(torch) + ".linalg.svd(A)[2][0]") + ".reshape(-1, 1)"; }

    /** A gap below this (relative) makes a singular value or eigenvalue a kink: repeated, not differentiable. */
    static double gap(double a, double b, double scale) { return (a - b) / Math.max(scale, 1e-300); }

    static SingularValueDecomposition svd(RealMatrix a) { return new SingularValueDecomposition(a); }

    /** The top right singular vector, signed (a tie for its largest entry is a kink: the sign jumps there). */
    static RealVector topRight(SingularValueDecomposition s, Operator.Numeric ctx) { return signed(s.getV().getColumnVector(0), ctx); }

    /** The top left singular vector matching {@link #topRight}: u = A v / sigma. */
    static RealVector topLeft(RealMatrix a, SingularValueDecomposition s, Operator.Numeric ctx) {
        RealVector v = topRight(s, ctx);
        return a.operate(v).mapDivide(s.getSingularValues()[0]);
    }

    static EigenDecompositionSymmetric symmetricEigen(RealMatrix a) {
        return new EigenDecompositionSymmetric(a.add(a.transpose()).scalarMultiply(0.5));
    }

    /** Index of the largest (max) or smallest eigenvalue. */
    static int extreme(double[] values, boolean max) {
        int k = 0;
        for (int i = 1; i < values.length; i++) if (max ? values[i] > values[k] : values[i] < values[k]) k = i;
        return k;
    }

    /** The smallest distance from values[k] to another eigenvalue (infinite for a 1 x 1 matrix). */
    static double separation(double[] values, int k) {
        double d = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) if (i != k) d = Math.min(d, Math.abs(values[i] - values[k]));
        return d;
    }

    static RealVector signed(RealVector v) {
        int k = 0;
        for (int i = 1; i < v.getDimension(); i++) if (Math.abs(v.getEntry(i)) > Math.abs(v.getEntry(k))) k = i;
        return v.getEntry(k) < 0 ? v.mapMultiply(-1) : v;
    }

    /**
     * As {@link #signed(RealVector)}, reporting a tie for the largest magnitude as a kink: there the
     * sign convention jumps (two entries of opposite signs swap which one is made positive).
     */
    static RealVector signed(RealVector v, Operator.Numeric ctx) {
        double first = 0, second = 0;
        for (int i = 0; i < v.getDimension(); i++) {
            double m = Math.abs(v.getEntry(i));
            if (m > first) { second = first; first = m; } else if (m > second) second = m;
        }
        if (v.getDimension() > 1) ctx.kink(first - second);
        return signed(v);
    }

    /** The eigenvalues of the symmetric part in ascending order (numpy.linalg.eigh's), with its unit eigenvectors as the columns of {@code vectors}. */
    record Eigen(double[] values, RealMatrix vectors) {
        int size() { return values.length; }
    }

    /**
     * The ascending eigen-decomposition of (A + A^T)/2, its eigenvectors signed (largest entry
     * positive) when {@code vectors}. A repeated eigenvalue is a kink (the order, and the
     * eigenvectors, are not differentiable there), so is a tie in a sign convention.
     */
    static Eigen ascending(RealMatrix a, boolean vectors, Operator.Numeric ctx) {
        EigenDecompositionSymmetric e = symmetricEigen(a);
        double[] raw = e.getEigenvalues();
        int n = raw.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(raw[i], raw[j]));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = raw[order[i]];
        for (int i = 0; i + 1 < n; i++) ctx.kink(values[i + 1] - values[i]);
        if (!vectors) return new Eigen(values, null);
        RealMatrix v = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) v.setColumnVector(i, signed(e.getEigenvector(order[i]), ctx));
        return new Eigen(values, v);
    }

    /**
     * (A + A^T)/2, the part of A the eigen operators see. Written out even for a declared symmetric A:
     * a derivative may be differentiated again by A, whose entries are then independent (the
     * simplifier applies A's structure to the finished result).
     */
    static Expr symmetricPart(Expr a) {
        return Ops.mul(new Num(Rational.of(1, 2)), Ops.add(a, Ops.t(a)));
    }

    static RealMatrix column(RealVector v) { return MatrixUtils.createColumnRealMatrix(v.toArray()); }
}
