package matcalc.claims;

import matcalc.calculus.Calculus;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.engine.Engine;
import matcalc.numeric.Arrangement;
import matcalc.numeric.FiniteDifferences;
import matcalc.numeric.Instance;
import matcalc.expr.Shape;
import org.hipparchus.linear.RealMatrix;

/**
 * The value of a derivative operator at an instance by the numeric check's finite differences
 * ({@link FiniteDifferences}), arranged as the operator arranges it. Used when matcalc cannot
 * differentiate the function itself.
 */
final class FiniteDifference {
    /** How far the two Richardson extrapolations may disagree before the instance is rejected. */
    private static final double AGREEMENT = 1e-8;

    private FiniteDifference() {}

    static RealMatrix derivative(DerivativeCall d, Instance inst, Layout layout) {
        RealMatrix x0 = inst.value(d.variable().name());
        Shape fs = d.function().shape();
        RealMatrix j = FiniteDifferences.jacobian(d.function(), d.variable().name(), inst, AGREEMENT);
        return arrangement(d, layout).fromJacobian(j, fs.rows().value(inst.sizes()), fs.cols().value(inst.sizes()),
                x0.getRowDimension(), x0.getColumnDimension());
    }

    /** How the operator lays out J = d vec(f) / d vec(x)^T. */
    static Arrangement arrangement(DerivativeCall d, Layout layout) {
        switch (d.kind()) {
            case GRAD: return Arrangement.GRADIENT;
            case JACOBIAN: return Arrangement.JACOBIAN;
            default: return Engine.arrangement(Calculus.form(d.function().shape(), d.variable().shape(), layout, VecOrder.COLUMNS));
        }
    }
}
