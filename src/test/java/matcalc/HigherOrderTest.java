package matcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of order 4 of scalar functions of a vector: the engine's numeric check (each order
 * against finite differences of the one before) must pass, for textbook functions and for
 * PropertyTest's random scalar expressions in x (here, next to PropertyTest, because its generator
 * is package-private). Knobs: -Dmatcalc.order4.count=N random expressions (default 16), -Dmatcalc.seed=N,
 * -Dmatcalc.verbose=true prints each.
 */
class HigherOrderTest {
    static final String WHERE = "A, B: n x n; P: n x n symmetric; G: n x n spd; a, b, y: n; c, t: scalar; f: function";

    /** Each has a fourth derivative that is not 0, except the quadratic (whose must be exactly 0). */
    static final List<String> TEXTBOOK = List.of(
            "logsumexp(x)", "(a^T x)^4", "x^T A x", "sum(log(x))", "exp(a^T x)", "sum(x.^5)",
            "log(1 + exp(a^T x))", "sum(sigmoid(A x))", "(x^T x)^2", "sum(exp(x) .* sin(x))", "norm2(x)^4",
            "sum(f(A x))", "y^T log(softmax(A x))", "log(x^T G x)", "sum(tanh(A x + b))", "(a^T x) (b^T x)^3",
            "sqrt(1 + x^T x)", "sum(cos(x) ./ (1 + x.^2))", "t sum(x.^3) + c x^T P x");

    @Test void textbookFunctionsPassTheCheckAtOrder4() {
        List<String> failures = new ArrayList<>();
        for (String e : TEXTBOOK) {
            DiffResult r = new Engine().diff(DiffRequest.of(e, "x").where(WHERE).order(4));
            if (!r.checkPassed()) failures.add(e + ": " + r.check().detail());
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + TEXTBOOK.size() + " failed:\n" + String.join("\n", failures));
        assertTrue(TEXTBOOK.size() >= 15);
    }

    @Test void aQuadraticHasExactlyZeroDerivativesOfOrder3And4() {
        for (int k : new int[] {3, 4, 5}) {
            DiffResult r = new Engine().diff(DiffRequest.of("x^T A x + a^T x + c", "x").where(WHERE).order(k));
            assertEquals("0", TextRenderer.render(r.result()), "order " + k);
            assertTrue(r.checkPassed());
        }
    }

    @Test void randomScalarFunctionsOfAVectorPassTheCheckAtOrder4() {
        Random rnd = new Random(Long.getLong("matcalc.seed", 20261201L));
        int count = Integer.getInteger("matcalc.order4.count", 16);
        List<String> failures = new ArrayList<>(), unsupported = new ArrayList<>();
        Set<String> passed = new LinkedHashSet<>();
        for (int tries = 0; passed.size() < count && tries < 40 * count; tries++) {
            PropertyTest.Gen g = new PropertyTest.Gen(rnd, new TreeMap<>());
            String e = g.gen(PropertyTest.Sh.S, 1 + rnd.nextInt(3)).text();
            // a function of x whose fourth derivative is not 0 almost everywhere (kinked functions' are)
            if (!g.vars.contains("x") || e.matches(".*\\b(max|relu|abs|sign|step|norm1)\\b.*") || passed.contains(e)) continue;
            DiffResult r;
            try {
                r = new Engine().diff(new DiffRequest(e, "x", PropertyTest.WHERE, matcalc.calculus.Layout.NUMERATOR,
                        matcalc.calculus.VecOrder.COLUMNS, 4, true, 1 + rnd.nextInt(1000)));
            } catch (MatcalcError err) {
                if (err.kind() != MatcalcError.Kind.MISSING_RULE && err.kind() != MatcalcError.Kind.UNSUPPORTED) failures.add(e + ": " + err.format());
                else unsupported.add(e + ": " + err.getMessage());
                continue;
            }
            if (r.check().inconclusive() || r.result() instanceof matcalc.expr.Zero) continue; // nothing to judge
            if (Boolean.getBoolean("matcalc.verbose")) System.out.println("order 4 of " + e + ": " + r.check().passed() + " " + TextRenderer.render(r.result()));
            if (r.checkPassed()) passed.add(e);
            else failures.add(e + ": " + r.check().detail());
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed:\n" + String.join("\n", failures));
        assertTrue(passed.size() >= count, "only " + passed.size() + " passed; unsupported: " + unsupported);
    }
}
