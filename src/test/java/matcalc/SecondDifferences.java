package matcalc;

import matcalc.numeric.FiniteDifferences;
import matcalc.numeric.Instance;
import matcalc.expr.Expr;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * An independent judge of second derivatives: the Hessian d^2 f / d vec(x) d vec(x)^T of a scalar f
 * by central differences of finite-difference gradients, with no symbolic first derivative involved
 * (the engine's own check differentiates its first derivative, so it cannot see an error there).
 * Every entry of x is perturbed on its own, as the independent-entries convention says.
 */
final class SecondDifferences {
    private SecondDifferences() {}

    /** The Hessian at inst; throws DomainException where finite differences cannot be trusted. */
    static RealMatrix hessian(Expr f, String x, Instance inst) {
        RealMatrix x0 = inst.value(x);
        int m = x0.getRowDimension(), n = x0.getColumnDimension();
        RealMatrix h = new Array2DRowRealMatrix(m * n, m * n);
        for (int k = 0; k < m * n; k++) {
            int row = k % m, col = k / m;
            double step = 1e-3 * Math.max(1, Math.abs(x0.getEntry(row, col)));
            RealMatrix d1 = central(f, x, inst, x0, row, col, step), d2 = central(f, x, inst, x0, row, col, step / 2);
            // Richardson: the step^2 error terms cancel.
            h.setColumnMatrix(k, d2.scalarMultiply(4).subtract(d1).scalarMultiply(1.0 / 3).transpose());
        }
        return h;
    }

    private static RealMatrix central(Expr f, String x, Instance inst, RealMatrix x0, int row, int col, double step) {
        return gradient(f, x, inst, x0, row, col, step).subtract(gradient(f, x, inst, x0, row, col, -step)).scalarMultiply(1 / (2 * step));
    }

    private static RealMatrix gradient(Expr f, String x, Instance inst, RealMatrix x0, int row, int col, double step) {
        RealMatrix xp = x0.copy();
        xp.addToEntry(row, col, step);
        return FiniteDifferences.jacobian(f, x, inst.with(x, xp), 1e-6);
    }
}
