package matcalc.numeric;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * Whether a rewritten expression still has the original's value: the guard every rewrite from
 * outside our own rule table (Symja's Together, Factor, Simplify and D) passes before it is used.
 * Symja 3.0.0's Together has been seen to drop a factor (1/4 + log(1 + c^2) read as log(1 + c^2)),
 * so an answer is trusted only after it agrees with the original at random instances, as
 * Tensorgrad checks each rewrite.
 * <p>
 * The candidate must be defined wherever the original is: an instance where the original has a
 * value and the candidate has none rejects it. Differentials dX are given random values like any
 * other variable (a differential is linear in them).
 */
public final class Agreement {
    /** Symja's rewrites are exact algebra; this only absorbs rounding in cancelling sums. */
    private static final double REL_TOL = 1e-7;
    private static final int INSTANCES = 3, MAX_ATTEMPTS = 24;

    private Agreement() {}

    /** True when both have a value, and the same one, at several random instances. */
    public static boolean agree(Expr original, Expr candidate) {
        if (!original.shape().equals(candidate.shape())) return false;
        Expr a = differentialsAsVariables(original), b = differentialsAsVariables(candidate);
        Map<String, Var> vars = Vars.free(a, b);
        Set<String> dims = Vars.dims(a, b);
        Map<String, Integer> least = Vars.leastSizes(a, b);
        // Fixed seed: the verdict on an answer must not change from run to run.
        InstanceGenerator gen = new InstanceGenerator(new Random(20261201L), 2, 4);
        int agreed = 0, strategy = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && agreed < INSTANCES; attempt++) {
            Instance inst = gen.generate(vars.values(), dims, least, strategy);
            Evaluator ev = new Evaluator(inst);
            RealMatrix va;
            try {
                va = ev.eval(a);
            } catch (DomainException e) {
                strategy = (strategy + 1) % InstanceGenerator.STRATEGIES;
                continue; // the original is undefined here: no evidence either way
            }
            RealMatrix vb;
            try {
                vb = ev.eval(b);
            } catch (DomainException e) {
                return false; // defined before the rewrite, undefined after it
            }
            double floor = 1e-9 * Math.max(1, va.getFrobeniusNorm());
            if (Matrices.relativeError(va, vb, floor) > REL_TOL) return false;
            agreed++;
        }
        return agreed == INSTANCES;
    }

    /** dX becomes a variable named after it, so differentials can be evaluated. */
    private static Expr differentialsAsVariables(Expr e) {
        if (e instanceof DVar d) return new Var("\u2202" + d.var().name(), d.shape());
        return e.mapChildren(Agreement::differentialsAsVariables);
    }
}
