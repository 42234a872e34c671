package matcalc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import matcalc.calculus.Calculus;
import matcalc.numeric.DomainException;
import matcalc.numeric.FiniteDifferences;
import matcalc.numeric.Instance;
import matcalc.numeric.InstanceGenerator;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.index.IndexEvaluator;
import matcalc.index.IndexForm;
import matcalc.index.IndexNotation;
import matcalc.index.IndexTextRenderer;
import matcalc.index.NotIndexable;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * PropertyTest's random expressions (every layout, vec order, Hessians), written in index notation:
 * evaluated over all index values, the index form must equal finite differences of the expression
 * (of its gradient for a Hessian). Here, next to PropertyTest, because its generator is package-private.
 * Expressions with kinks (max, relu, abs, sign, step, norm1) are left out: their ties defeat finite
 * differences. Knobs: -Dmatcalc.index.count=N (default 250), -Dmatcalc.seed=N.
 */
class IndexPropertyTest {
    @Test void randomDerivativesInIndexNotationAgreeWithFiniteDifferences() {
        Random rnd = new Random(Long.getLong("matcalc.seed", 20261126L));
        int count = Integer.getInteger("matcalc.index.count", 250);
        Map<String, Integer> coverage = new TreeMap<>();
        int agreed = 0, notIndexable = 0;
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            PropertyTest.Case c = PropertyTest.nextCase(k, rnd, coverage);
            if (c.text().matches(".*\\b(max|relu|abs|sign|step|norm1)\\b.*")) continue;
            DiffResult r;
            try {
                r = new Engine().diff(new DiffRequest(c.text(), c.wrt(), PropertyTest.WHERE, c.layout(), c.vec(), c.order(), false, c.seed()));
            } catch (MatcalcError e) {
                continue;
            }
            IndexForm f;
            try {
                f = IndexNotation.of(r);
            } catch (NotIndexable e) {
                notIndexable++;
                continue;
            }
            Double err = error(r, f, c.seed());
            if (err == null) continue;
            if (err < 1e-5) agreed++;
            else wrong.add(c.describe() + "\n    " + IndexTextRenderer.of(f) + "\n    relative error " + err);
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " wrong index forms:\n" + String.join("\n", wrong));
        assertTrue(agreed > count / 2, "too few cases checked: " + agreed);
        assertTrue(notIndexable <= count / 50, "too many derivatives without an index form: " + notIndexable);
    }

    /** Relative (Frobenius) error at the first instance where finite differences can be trusted; null if none. */
    private static Double error(DiffResult r, IndexForm f, long seed) {
        Expr target = r.order() == 2 ? new Calculus().gradient(r.function(), r.variable()) : r.function();
        InstanceGenerator gen = new InstanceGenerator(new Random(seed), 2, 3);
        for (int a = 0; a < 12; a++) {
            Instance inst = gen.generate(Math.min(a / 4, InstanceGenerator.STRATEGIES - 1), r.function(), r.variable());
            try {
                RealMatrix fd = FiniteDifferences.jacobian(target, r.variable().name(), inst, 1e-6);
                RealMatrix ix = IndexEvaluator.jacobian(f, inst);
                return fd.subtract(ix).getFrobeniusNorm() / Math.max(1, fd.getFrobeniusNorm());
            } catch (DomainException e) {
                // next instance
            } catch (IndexEvaluator.TooLarge e) {
                return null;
            }
        }
        return null;
    }
}
