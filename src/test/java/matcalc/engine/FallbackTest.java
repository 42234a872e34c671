package matcalc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import matcalc.expr.Expr;
import matcalc.expr.Num;
import matcalc.expr.Ops;
import matcalc.render.DiffReport;
import matcalc.render.TextRenderer;
import matcalc.simplify.Simplifier;
import matcalc.simplify.Strategy;
import org.junit.jupiter.api.Test;

/** A form that fails the numeric check is never the answer: the engine falls back, or says it has none. */
class FallbackTest {
    /** A simplifier with a bug at the given levels: it doubles whatever it simplifies there. */
    private static Engine brokenAt(Strategy... broken) {
        return new Engine((s, e, log) -> {
            Simplifier.Simplified r = s.run(e, log);
            for (Strategy b : broken) if (b == s) return Simplifier.Simplified.unchanged(Ops.mul(Num.of(2), r.result()));
            return r;
        });
    }

    private static final DiffRequest REQ = DiffRequest.of("tr(X^T A X)", "X");

    @Test void aWrongFullySimplifiedFormFallsBackToTheRulesOnlyForm() {
        DiffResult r = brokenAt(Strategy.FULL).diff(REQ);
        assertTrue(r.checkPassed(), () -> r.check().detail());
        assertEquals("(A + A^T) X", TextRenderer.render(r.result()));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("failed the numeric check") && n.contains("rule table alone")), r.notes()::toString);
    }

    @Test void whenEveryFormFailsNoFormulaIsPresentedAsTheAnswer() {
        // Every level broken, the unsimplified one included.
        DiffResult r = brokenAt(Strategy.FULL, Strategy.RULES, Strategy.NONE).diff(REQ);
        assertFalse(r.checkPassed());
        String text = DiffReport.text(r);
        assertTrue(text.startsWith("no verified derivative"), text);
        assertTrue(text.contains("rejected form (failed the check): "), text);
        assertFalse(text.lines().findFirst().orElse("").contains("A^T"), text);
    }

    @Test void aWrongHigherDerivativeFallsBackToo() {
        DiffResult r = brokenAt(Strategy.FULL).diff(DiffRequest.of("logsumexp(x)", "x").order(4));
        assertTrue(r.checkPassed(), () -> r.check().detail());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("failed the numeric check") && n.contains("rule table alone")), r.notes()::toString);
    }

    /** Orders 1 .. k are each checked; a failure is reported at the first order that failed. */
    @Test void theCheckOfAHigherDerivativeNamesTheOrderThatFailed() {
        matcalc.numeric.NumericCheck.Result ok = new matcalc.numeric.NumericCheck.Result(true, false, 3, 1e-12, "");
        matcalc.numeric.NumericCheck.Result bad = new matcalc.numeric.NumericCheck.Result(false, false, 3, 0.5, "relative error 0.5");
        matcalc.numeric.NumericCheck.Result c = null;
        for (int m = 1; m <= 6; m++) c = Engine.combine(c, m >= 4 ? bad : ok, m);
        assertFalse(c.passed());
        assertEquals("derivative of order 4: relative error 0.5", c.detail());
        assertEquals(0.5, c.maxRelError());
    }
}
