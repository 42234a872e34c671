package matcalc.numeric;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import matcalc.expr.Expr;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * Numeric cross-checks at random instances: a symbolic derivative against finite differences of the
 * function, or two expressions against each other. f may be any expression, so a second derivative is
 * checked by passing the first-derivative expression as f.
 */
public final class NumericCheck {
    /** Instances where a kinked function's argument is closer than this to its kink are redrawn. */
    static final double KINK_MARGIN = 1e-3;
    /** Finite differences must be this much more accurate than the tolerance to judge a derivative. */
    static final double FD_MARGIN = 0.1;

    private NumericCheck() {}

    /**
     * @param instances   how many random instances must agree
     * @param seed        of the instance generator: a check is reproducible
     * @param relTol      largest relative Frobenius error accepted; finite differences reach about
     *                    1e-10, so tolerances much below 1e-8 leave no usable instance
     * @param maxAttempts instances drawn in total before giving up as inconclusive
     * @param minSize     range of the values of symbolic dimensions
     * @param shrink      when a value would be too large to evaluate at the sizes drawn, draw
     *                    the next instances with a smaller largest size (down to minSize) instead of
     *                    giving up: derivatives of order 4 and more, n^(k-1) x n, are built of
     *                    Kronecker products with n^(k+1) rows or more
     */
    public record Options(int instances, long seed, double relTol, int maxAttempts, int minSize, int maxSize, boolean shrink) {
        public Options {
            if (instances < 1 || maxAttempts < instances || relTol <= 0 || minSize < 1 || maxSize < minSize)
                throw new IllegalArgumentException("bad check options " + this);
        }
        public Options(int instances, long seed, double relTol, int maxAttempts, int minSize, int maxSize) {
            this(instances, seed, relTol, maxAttempts, minSize, maxSize, false);
        }
        public static Options defaults() { return new Options(3, 1, 1e-6, 60, 2, 5); }
        public Options withSeed(long s) { return new Options(instances, s, relTol, maxAttempts, minSize, maxSize, shrink); }
        public Options withInstances(int k) { return new Options(k, seed, relTol, maxAttempts, minSize, maxSize, shrink); }
        public Options withRelTol(double t) { return new Options(instances, seed, t, maxAttempts, minSize, maxSize, shrink); }
        public Options shrinkingWhenTooLarge() { return new Options(instances, seed, relTol, maxAttempts, minSize, maxSize, true); }
    }

    /**
     * The outcome. {@code inconclusive} means no usable instance was found (never a pass); detail says
     * why, or for a failure shows the worst instance (or the shape mismatch, found before sampling,
     * with no instances and a NaN error); for a pass it is empty unless fewer instances than asked
     * for were usable.
     */
    public record Result(boolean passed, boolean inconclusive, int instances, double maxRelError, String detail) {
        static Result inconclusive(String reason) { return new Result(false, true, 0, Double.NaN, reason); }
        static Result failed(String reason) { return new Result(false, false, 0, Double.NaN, reason); }
    }

    /** Checks that derivative, laid out as arr says, is the derivative of f with respect to x. */
    public static Result check(Expr f, Var x, Expr derivative, Arrangement arr, Options o) {
        Shape expected = arr.derivativeShape(f.shape(), x.shape());
        if (!expected.equals(derivative.shape()))
            return Result.failed("the derivative has shape " + derivative.shape() + ", expected " + expected);
        return sample(o, new Expr[] {f, derivative, x}, inst -> {
            Evaluator base = new Evaluator(inst);
            RealMatrix fv = base.eval(f);
            if (base.minKinkDistance() < KINK_MARGIN) throw new DomainException("too close to a kink");
            RealMatrix xv = inst.value(x.name());
            int p = fv.getRowDimension(), q = fv.getColumnDimension();
            int m = xv.getRowDimension(), n = xv.getColumnDimension();
            RealMatrix d = Evaluator.eval(derivative, inst);
            RealMatrix jsym = arr.toJacobian(d, p, q, m, n);
            if ((long) m * n > FULL_JACOBIAN_ENTRIES) return directional(f, x, inst, base, jsym, o);
            RealMatrix jnum = new FiniteDifferences(f, x.name(), inst, base).jacobian(FD_MARGIN * o.relTol());
            double floor = 1e-6 * Math.max(1, fv.getFrobeniusNorm());
            return new Comparison(Matrices.relativeError(jsym, jnum, floor), d, arr.fromJacobian(jnum, p, q, m, n),
                    "symbolic derivative", "finite differences");
        });
    }

    /** A space of perturbations (the symmetric matrices, the diagonal ones) and how a derivative pairs with them. */
    public interface Subspace {
        /** A random direction V in the space, for x of size m x n. */
        RealMatrix direction(Random rnd, int m, int n);

        /** The matrix L with df(V) = <L, V> for every V in the space, given the derivative's value D. */
        RealMatrix pairing(RealMatrix d);
    }

    /**
     * Checks D as the derivative of a scalar f by x within a subspace: for random directions V of it,
     * (f(x + hV) - f(x - hV)) / 2h against <pairing(D), V>. Perturbing only along the structure is
     * what a derivative by the free entries of a structured variable means.
     */
    public static Result checkInSubspace(Expr f, Var x, Expr derivative, Subspace space, Options o) {
        if (!f.isScalar() || !derivative.shape().equals(x.shape())) return Result.failed("needs a scalar function and a derivative in x's shape");
        return sample(o, new Expr[] {f, derivative, x}, inst -> {
            Evaluator base = new Evaluator(inst);
            RealMatrix fv = base.eval(f);
            if (base.minKinkDistance() < KINK_MARGIN) throw new DomainException("too close to a kink");
            RealMatrix xv = inst.value(x.name());
            RealMatrix pair = space.pairing(Evaluator.eval(derivative, inst));
            Random rnd = new Random(o.seed() * 31 + inst.hashCode());
            double worst = 0;
            RealMatrix sym = null, num = null;
            for (int k = 0; k < 4; k++) {
                RealMatrix v = space.direction(rnd, xv.getRowDimension(), xv.getColumnDimension());
                v = v.scalarMultiply(1 / v.getFrobeniusNorm());
                RealMatrix s = Matrices.scalar(Matrices.dot(pair, v));
                RealMatrix d = FiniteDifferences.directional(f, x.name(), inst, base, v, FD_MARGIN * o.relTol());
                double err = Matrices.relativeError(s, d, 1e-6 * Math.max(1, fv.getFrobeniusNorm()));
                if (sym == null || err > worst) { worst = err; sym = s; num = d; }
            }
            return new Comparison(worst, sym, num, "symbolic derivative along the structure", "finite differences along it");
        });
    }

    /**
     * Checks that a and b (of one shape) have the same value, e.g. before and after simplification.
     * Values at kinks are well defined, so unlike {@link #check} no distance from kinks is required.
     */
    public static Result compareExpressions(Expr a, Expr b, Options o) {
        if (!a.shape().equals(b.shape())) return Result.failed("shapes differ: " + a.shape() + " and " + b.shape());
        return sample(o, new Expr[] {a, b}, inst -> {
            Evaluator ev = new Evaluator(inst);
            RealMatrix va = ev.eval(a), vb = ev.eval(b);
            return new Comparison(Matrices.relativeError(va, vb), va, vb, "first", "second");
        });
    }

    private record Comparison(double error, RealMatrix a, RealMatrix b, String aName, String bName) {}

    /**
     * Variables with more entries than this (numeric sizes such as X: 400 x 400) are checked along
     * random directions instead of entry by entry: finite differences of every entry would take
     * minutes, a directional derivative six evaluations.
     */
    static final int FULL_JACOBIAN_ENTRIES = 900;

    /** J vec(V) against (f(x + h V) - f(x - h V)) / 2h for a random unit direction V (each instance has its own). */
    private static Comparison directional(Expr f, Var x, Instance inst, Evaluator base, RealMatrix jsym, Options o) {
        RealMatrix xv = inst.value(x.name());
        Random rnd = new Random(o.seed() * 31 + inst.hashCode());
        RealMatrix v = new org.hipparchus.linear.Array2DRowRealMatrix(xv.getRowDimension(), xv.getColumnDimension());
        for (int i = 0; i < v.getRowDimension(); i++)
            for (int j = 0; j < v.getColumnDimension(); j++) v.setEntry(i, j, rnd.nextGaussian());
        v = v.scalarMultiply(1 / v.getFrobeniusNorm());
        RealMatrix sym = jsym.multiply(Matrices.vec(v));
        RealMatrix num = FiniteDifferences.directional(f, x.name(), inst, base, v, FD_MARGIN * o.relTol());
        double err = Matrices.relativeError(sym, num, 1e-6 * Math.max(1, base.eval(f).getFrobeniusNorm()));
        return new Comparison(err, sym, num, "symbolic directional derivative J vec(V)", "finite differences along V");
    }

    /** One comparison at an instance; throws DomainException when the instance is unusable. */
    private interface Trial { Comparison run(Instance inst); }

    /**
     * Runs the trial at o.instances() usable instances. Each instance starts with Gaussian values and
     * moves through the generator's strategies while the expressions are undefined there.
     */
    private static Result sample(Options o, Expr[] es, Trial trial) {
        Map<String, Var> vars = Vars.free(es);
        Set<String> dims = Vars.dims(es);
        Map<String, Integer> least = Vars.leastSizes(es);
        InstanceGenerator gen = new InstanceGenerator(new Random(o.seed()), o.minSize(), o.maxSize());
        int used = 0, attempts = 0, strategy = 0, maxSize = o.maxSize();
        double worst = 0;
        String worstDetail = "", lastRejection = "";
        while (used < o.instances() && attempts < o.maxAttempts()) {
            attempts++;
            Instance inst = gen.generate(vars.values(), dims, least, strategy);
            Comparison c;
            try {
                c = trial.run(inst);
                // Values near the end of the floating-point range (1 ./ sigmoid(-500)) cannot be compared.
                if (!Double.isFinite(c.error())) throw new DomainException("values too large to compare");
            } catch (Evaluator.TooLarge e) {
                if (!o.shrink() || maxSize <= o.minSize()) return Result.inconclusive("too large to evaluate numerically: " + e.getMessage());
                // the instances that fitted stand; the next ones are drawn smaller
                gen = new InstanceGenerator(new Random(o.seed() + maxSize), o.minSize(), --maxSize);
                continue;
            } catch (DomainException e) {
                lastRejection = e.getMessage();
                strategy = (strategy + 1) % InstanceGenerator.STRATEGIES;
                continue;
            }
            used++;
            strategy = 0;
            if (used == 1 || c.error() > worst) {
                worst = c.error();
                worstDetail = describe(c, inst);
            }
        }
        if (used == 0)
            return Result.inconclusive("no usable instance in " + attempts + " attempts (last: " + lastRejection + ")");
        boolean passed = worst <= o.relTol();
        String detail = !passed ? worstDetail
                : used < o.instances() ? "only " + used + " of " + o.instances() + " instances usable (last rejection: " + lastRejection + ")"
                : "";
        return new Result(passed, false, used, worst, detail);
    }

    private static String describe(Comparison c, Instance inst) {
        return String.format(Locale.ROOT, "relative error %.3g at sizes %s\n", c.error(), new TreeMap<>(inst.sizes()))
                + c.aName() + ":\n" + Matrices.format(c.a()) + c.bName() + ":\n" + Matrices.format(c.b());
    }
}
