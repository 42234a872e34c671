package matcalc.identity;

import matcalc.calculus.Layout;
import matcalc.check.Arrangement;
import matcalc.check.DomainException;
import matcalc.check.Evaluator;
import matcalc.check.Instance;
import matcalc.check.Matrices;
import matcalc.expr.Shape;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The value of a derivative operator at an instance by central differences of its function (two
 * Richardson extrapolations, which must agree), arranged as the operator arranges it. Used when
 * matcalc cannot differentiate the function itself.
 */
final class FiniteDifference {
    private static final double STEP = 1e-4;
    private static final double AGREEMENT = 1e-8;

    private FiniteDifference() {}

    static RealMatrix derivative(DerivativeCall d, Instance inst, Layout layout) {
        String x = d.variable().name();
        RealMatrix x0 = inst.value(x), f0 = Evaluator.eval(d.function(), inst);
        int m = x0.getRowDimension(), n = x0.getColumnDimension();
        int p = f0.getRowDimension(), q = f0.getColumnDimension();
        RealMatrix coarse = new Array2DRowRealMatrix(p * q, m * n), fine = new Array2DRowRealMatrix(p * q, m * n);
        for (int k = 0; k < m * n; k++) {
            int row = k % m, col = k / m;
            double h = STEP * Math.max(1, Math.abs(x0.getEntry(row, col)));
            RealMatrix d1 = central(d, inst, x0, row, col, h), d2 = central(d, inst, x0, row, col, h / 2),
                    d4 = central(d, inst, x0, row, col, h / 4);
            coarse.setColumnMatrix(k, d2.scalarMultiply(4).subtract(d1).scalarMultiply(1.0 / 3));
            fine.setColumnMatrix(k, d4.scalarMultiply(4).subtract(d2).scalarMultiply(1.0 / 3));
        }
        if (Matrices.relativeError(coarse, fine) > AGREEMENT) throw new DomainException("finite differences are unstable here");
        return arrangement(d, layout).fromJacobian(fine, p, q, m, n);
    }

    private static RealMatrix central(DerivativeCall d, Instance inst, RealMatrix x0, int row, int col, double h) {
        double xk = x0.getEntry(row, col);
        RealMatrix up = x0.copy(), down = x0.copy();
        up.setEntry(row, col, xk + h);
        down.setEntry(row, col, xk - h);
        String x = d.variable().name();
        RealMatrix fu = Evaluator.eval(d.function(), inst.with(x, up)), fd = Evaluator.eval(d.function(), inst.with(x, down));
        return Matrices.vec(fu.subtract(fd)).scalarMultiply(1 / ((xk + h) - (xk - h)));
    }

    /** How the operator lays out J = d vec(f) / d vec(x)^T. */
    static Arrangement arrangement(DerivativeCall d, Layout layout) {
        Shape fs = d.function().shape(), xs = d.variable().shape();
        boolean denominator = layout == Layout.DENOMINATOR;
        switch (d.kind()) {
            case GRAD: return Arrangement.GRADIENT;
            case JACOBIAN: return Arrangement.JACOBIAN;
            default:
                if (xs.isScalar()) return denominator && fs.isColumn() ? Arrangement.JACOBIAN_TRANSPOSED : Arrangement.TANGENT;
                if (fs.isScalar()) {
                    if (xs.cols().isOne()) return denominator ? Arrangement.GRADIENT : Arrangement.ROW_GRADIENT;
                    return Arrangement.GRADIENT;
                }
                return denominator ? Arrangement.JACOBIAN_TRANSPOSED : Arrangement.JACOBIAN;
        }
    }
}
