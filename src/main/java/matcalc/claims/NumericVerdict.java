package matcalc.claims;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import matcalc.numeric.DomainException;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.numeric.InstanceGenerator;
import matcalc.numeric.Matrices;
import matcalc.numeric.Vars;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Rational;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * Both sides of a claim evaluated at random instances: random sizes for the symbolic dimensions and
 * random values honouring declared structure (and, for {@link ConditionSearch}, extra structure).
 * Besides the verdict it records what a failure looks like: whether the sides agree up to a
 * transpose or up to a constant factor, the usual mistakes.
 */
public final class NumericVerdict {

    /**
     * @param instances   usable instances required (the issue asks for at least 5)
     * @param relTol      largest relative Frobenius error ||l - r|| / max(||l||, ||r||) accepted
     * @param maxAttempts instances drawn in total (undefined ones are redrawn with other strategies)
     */
    public record Options(int instances, long seed, double relTol, int maxAttempts, int minSize, int maxSize) {
        public static Options defaults() { return new Options(5, 1, 1e-6, 80, 2, 5); }
        public Options withSeed(long s) { return new Options(instances, s, relTol, maxAttempts, minSize, maxSize); }
        public Options withInstances(int k) { return new Options(k, seed, relTol, maxAttempts, minSize, maxSize); }
    }

    /** One evaluated instance. */
    public record Sample(Instance instance, RealMatrix lhs, RealMatrix rhs, double error) {}

    /**
     * @param inconclusive no usable instance (every draw was outside the claim's domain)
     * @param transposed   the sides agree once one of them is transposed (at every instance)
     * @param factor       lhs = factor * rhs at every instance, for a simple rational factor != 1; or null
     */
    public record Result(boolean passed, boolean inconclusive, int instances, int failing, double maxRelError, Sample worst,
                         boolean transposed, Rational factor, String note) {
        static Result inconclusive(String why) { return new Result(false, true, 0, 0, Double.NaN, null, false, null, why); }
    }

    private NumericVerdict() {}

    public static Result compare(Expr lhs, Expr rhs, Options o) { return compare(lhs, rhs, o, Map.of()); }

    /**
     * Compares lhs and rhs. Sides of transposed shapes are compared as lhs against rhs^T (the
     * verdict is a failure either way, {@code transposed} says whether they agree like that).
     *
     * @param extra structure to impose on free variables, by name (for {@link ConditionSearch})
     */
    public static Result compare(Expr lhs, Expr rhs, Options o, Map<String, Set<Property>> extra) {
        return compare(lhs, rhs, o, extra, List.of(), null);
    }

    /**
     * Compares the sides of a claim whose derivative operators matcalc could not expand: each
     * placeholder gets the value of the derivative by central finite differences (Richardson
     * extrapolated) of its function, independently of matcalc's differentiator.
     */
    public static Result compareByFiniteDifferences(Claim c, Options o) {
        for (DerivativeCall d : c.derivatives()) {
            if (d.kind() == matcalc.expr.Derivative.Kind.HESSIAN || !Vars.free(d.function()).keySet().stream()
                    .noneMatch(n -> n.startsWith(ClaimParser.PLACEHOLDER))) {
                return Result.inconclusive("finite differences of second derivatives are too noisy to judge");
            }
        }
        return compare(c.lhs(), c.rhs(), o, Map.of(), c.derivatives(), c.layout());
    }

    private static Result compare(Expr lhs, Expr rhs, Options o, Map<String, Set<Property>> extra,
                                  List<DerivativeCall> byDifferences, matcalc.calculus.Layout layout) {
        boolean sameShape = lhs.shape().equals(rhs.shape());
        boolean transposedShape = lhs.shape().equals(rhs.shape().transpose());
        if (!sameShape && !transposedShape) {
            return new Result(false, false, 0, 0, Double.NaN, null, false, null, "shapes differ");
        }
        // A transposed side: for matrices of one square shape, and for sides of transposed shapes.
        boolean tryTranspose = !sameShape || (lhs.shape().isSquare() && !lhs.shape().isVectorLike());
        List<Expr> all = new ArrayList<>(List.of(lhs, rhs));
        for (DerivativeCall d : byDifferences) { all.add(d.function()); all.add(d.variable()); }
        Expr[] roots = all.toArray(new Expr[0]);
        Map<String, Var> free = new TreeMap<>(Vars.free(roots));
        free.keySet().removeIf(n -> n.startsWith(ClaimParser.PLACEHOLDER));
        List<Var> vars = withExtra(free, extra);
        Set<String> dims = Vars.dims(roots);
        Map<String, Integer> least = Vars.leastSizes(roots);
        InstanceGenerator gen = new InstanceGenerator(new Random(o.seed()), o.minSize(), o.maxSize());
        List<Sample> samples = new ArrayList<>();
        List<Double> transposedErrors = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        int attempts = 0, strategy = 0;
        String lastRejection = "";
        while (samples.size() < o.instances() && attempts < o.maxAttempts()) {
            attempts++;
            Instance inst;
            try {
                inst = gen.generate(vars, dims, least, strategy);
            } catch (IllegalArgumentException e) {
                return Result.inconclusive(e.getMessage());
            }
            RealMatrix l, r;
            try {
                RealMatrix[] both = sides(lhs, rhs, byDifferences, inst, layout);
                l = both[0];
                r = both[1];
            } catch (DomainException e) {
                lastRejection = e.getMessage();
                strategy = (strategy + 1) % InstanceGenerator.STRATEGIES;
                continue;
            } catch (matcalc.numeric.Evaluator.TooLarge e) {
                return Result.inconclusive("too large to evaluate numerically: " + e.getMessage());
            }
            strategy = 0;
            double err = sameShape ? Matrices.relativeError(l, r) : Double.POSITIVE_INFINITY;
            samples.add(new Sample(inst, l, r, err));
            if (tryTranspose) transposedErrors.add(Matrices.relativeError(l, r.transpose()));
            if (sameShape) factors.add(ratio(l, r));
        }
        if (samples.isEmpty()) {
            return Result.inconclusive("no usable instance in " + attempts + " attempts (last: " + lastRejection + ")");
        }
        Sample worst = samples.get(0);
        for (Sample s : samples) if (s.error() > worst.error()) worst = s;
        double maxErr = worst.error();
        boolean passed = sameShape && maxErr <= o.relTol();
        boolean transposed = !passed && transposedErrors.size() == samples.size()
                && transposedErrors.stream().allMatch(e -> e <= o.relTol());
        Rational factor = passed || !sameShape ? null : commonFactor(factors, samples, o.relTol());
        String note = samples.size() < o.instances()
                ? "only " + samples.size() + " of " + o.instances() + " instances usable (last rejection: " + lastRejection + ")" : "";
        int failing = (int) samples.stream().filter(x -> !(x.error() <= o.relTol())).count();
        return new Result(passed, false, samples.size(), failing, maxErr, worst, transposed, factor, note);
    }

    private static List<Var> withExtra(Map<String, Var> vars, Map<String, Set<Property>> extra) {
        List<Var> out = new ArrayList<>();
        for (Var v : vars.values()) {
            Set<Property> add = extra.get(v.name());
            if (add == null || add.isEmpty()) { out.add(v); continue; }
            Set<Property> ps = EnumSet.noneOf(Property.class);
            ps.addAll(v.properties());
            ps.addAll(add);
            out.add(new Var(v.name(), v.shape(), ps));
        }
        return out;
    }

    /** The least-squares c with l ~ c r, NaN when r is (numerically) zero. */
    private static double ratio(RealMatrix l, RealMatrix r) {
        double lr = 0, rr = 0;
        for (int i = 0; i < l.getRowDimension(); i++)
            for (int j = 0; j < l.getColumnDimension(); j++) {
                lr += l.getEntry(i, j) * r.getEntry(i, j);
                rr += r.getEntry(i, j) * r.getEntry(i, j);
            }
        return rr < 1e-20 ? Double.NaN : lr / rr;
    }

    /** A simple rational c != 1 with lhs = c rhs at every sample, or null. */
    private static Rational commonFactor(List<Double> factors, List<Sample> samples, double tol) {
        if (factors.isEmpty() || factors.stream().anyMatch(f -> Double.isNaN(f))) return null;
        Rational c = simpleRational(factors.get(0));
        if (c == null || c.isOne() || c.isZero()) return null;
        double cv = c.toDouble();
        for (Sample s : samples) {
            if (Matrices.relativeError(s.lhs(), s.rhs().scalarMultiply(cv)) > tol) return null;
        }
        return c;
    }

    /** p/q with q <= 12 within 1e-9 relative of x, or null. */
    static Rational simpleRational(double x) {
        if (!Double.isFinite(x)) return null;
        for (int q = 1; q <= 12; q++) {
            long p = Math.round(x * q);
            if (Math.abs(p - x * q) <= 1e-9 * Math.max(1, Math.abs(x * q))) return Rational.of(p, q);
        }
        return null;
    }

    /**
     * Both sides' values at an instance; derivatives matcalc could not take symbolically are
     * filled in by finite differences first. Throws DomainException where a side is undefined.
     */
    static RealMatrix[] sides(Expr lhs, Expr rhs, List<DerivativeCall> byDifferences, Instance inst, matcalc.calculus.Layout layout) {
        for (DerivativeCall d : byDifferences) inst = inst.with(d.placeholder().name(), FiniteDifference.derivative(d, inst, layout));
        Evaluator ev = new Evaluator(inst);
        return new RealMatrix[] {ev.eval(lhs), ev.eval(rhs)};
    }
}
