package matcalc.numeric;

import matcalc.expr.Expr;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The numeric Jacobian J = d vec(f) / d vec(x)^T by central differences, each entry of x perturbed on
 * its own (even when x is declared symmetric etc.: we differentiate with respect to unstructured x).
 * Central differences at steps h, h/2 and h/4 give two Richardson extrapolations (each cancels the
 * h^2 error term; about 1e-11 relative accuracy on smooth, well-conditioned functions). How far the
 * two disagree estimates the error, so an instance where finite differences cannot be trusted (a
 * nearly singular matrix, log close to 0) is rejected rather than blamed on the derivative.
 */
public final class FiniteDifferences {
    /** Step relative to max(1, |x_k|); smaller steps lose more to rounding than they gain. */
    static final double STEP = 1e-4;

    private final Expr f;
    private final String x;
    private final Instance inst;
    private final Evaluator base;

    /** base has evaluated f at inst; its kink sides are what every perturbed evaluation must keep. */
    FiniteDifferences(Expr f, String x, Instance inst, Evaluator base) {
        this.f = f;
        this.x = x;
        this.inst = inst;
        this.base = base;
    }

    /** J of f with respect to the variable x at inst; see {@link #jacobian(double)}. */
    public static RealMatrix jacobian(Expr f, String x, Instance inst, double tolerance) {
        Evaluator base = new Evaluator(inst);
        base.eval(f);
        return new FiniteDifferences(f, x, inst, base).jacobian(tolerance);
    }

    /**
     * J, or a {@link DomainException} when a step leaves the domain, crosses a kink, or the two
     * extrapolations differ by more than tolerance (relative, Frobenius).
     */
    RealMatrix jacobian(double tolerance) {
        RealMatrix x0 = inst.value(x), f0 = base.eval(f);
        int m = x0.getRowDimension(), n = x0.getColumnDimension(), size = f0.getRowDimension() * f0.getColumnDimension();
        matcalc.Deadline.checkEntries(size, (long) m * n);
        RealMatrix coarse = new Array2DRowRealMatrix(size, m * n), fine = new Array2DRowRealMatrix(size, m * n);
        for (int k = 0; k < m * n; k++) {
            int row = k % m, col = k / m;
            double h = STEP * Math.max(1, Math.abs(x0.getEntry(row, col)));
            RealMatrix d1 = central(x0, row, col, h), d2 = central(x0, row, col, h / 2), d4 = central(x0, row, col, h / 4);
            coarse.setColumnMatrix(k, richardson(d1, d2));
            fine.setColumnMatrix(k, richardson(d2, d4));
        }
        if (Matrices.relativeError(coarse, fine) > tolerance)
            throw new DomainException("finite differences are unstable here (ill-conditioned)");
        return fine;
    }

    /**
     * The directional derivative vec(df) along the unit direction v (a matrix of x's shape), by
     * central differences at steps h, h/2, h/4 with the same extrapolation and stability test.
     */
    static RealMatrix directional(Expr f, String x, Instance inst, Evaluator base, RealMatrix v, double tolerance) {
        FiniteDifferences fd = new FiniteDifferences(f, x, inst, base);
        RealMatrix x0 = inst.value(x);
        // A unit direction spreads the step over every entry: scale it by |x| so that each entry
        // moves about as far as in an entry-wise difference (roundoff in a large f stays small).
        double h = STEP * Math.max(1, x0.getFrobeniusNorm());
        RealMatrix d1 = fd.along(x0, v, h), d2 = fd.along(x0, v, h / 2), d4 = fd.along(x0, v, h / 4);
        RealMatrix coarse = richardson(d1, d2), fine = richardson(d2, d4);
        if (Matrices.relativeError(coarse, fine) > tolerance)
            throw new DomainException("finite differences are unstable here (ill-conditioned)");
        return fine;
    }

    private RealMatrix along(RealMatrix x0, RealMatrix v, double h) {
        return Matrices.vec(value(x0.add(v.scalarMultiply(h))).subtract(value(x0.subtract(v.scalarMultiply(h))))).scalarMultiply(1 / (2 * h));
    }

    private RealMatrix value(RealMatrix xp) {
        Evaluator ev = new Evaluator(inst.with(x, xp));
        RealMatrix r = ev.eval(f);
        if (!ev.sameKinkSides(base)) throw new DomainException("a finite-difference step crosses a kink");
        return r;
    }

    /** (4 D(h/2) - D(h)) / 3: the h^2 terms of the two central differences cancel. */
    private static RealMatrix richardson(RealMatrix dh, RealMatrix dHalf) {
        return dHalf.scalarMultiply(4).subtract(dh).scalarMultiply(1.0 / 3);
    }

    /** (vec f(x + h e) - vec f(x - h e)) / 2h for the entry (row, col) of x. */
    private RealMatrix central(RealMatrix x0, int row, int col, double h) {
        double xk = x0.getEntry(row, col);
        double up = xk + h, down = xk - h; // the steps actually taken, after rounding
        return Matrices.vec(at(x0, row, col, up).subtract(at(x0, row, col, down))).scalarMultiply(1 / (up - down));
    }

    private RealMatrix at(RealMatrix x0, int row, int col, double value) {
        RealMatrix xp = x0.copy();
        xp.setEntry(row, col, value);
        Evaluator ev = new Evaluator(inst.with(x, xp));
        RealMatrix v = ev.eval(f);
        if (!ev.sameKinkSides(base)) throw new DomainException("a finite-difference step crosses a kink");
        return v;
    }
}
