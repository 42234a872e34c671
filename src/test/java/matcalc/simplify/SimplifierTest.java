package matcalc.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import matcalc.calculus.Layout;
import matcalc.engine.Engine;
import matcalc.expr.Add;
import matcalc.expr.Expr;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/** The combinator itself: it says why it stopped, and every level of Strategy reports it. */
class SimplifierTest {
    private static final Engine ENGINE = new Engine();
    private static final String WHERE = "A, B, X: n x n; x, y: n";

    private static Expr parse(String text) { return ENGINE.parse(text, WHERE, Layout.NUMERATOR); }

    @Test void aNormalFormIsSaturated() {
        Simplifier.Simplified s = new Simplifier(RuleTable.ALL, null).apply(parse("(A X)^T + X^T A^T"));
        assertEquals(Simplifier.Stop.SATURATED, s.stop());
        assertEquals("2 X^T A^T", TextRenderer.render(s.result()));
        assertTrue(s.rewrites() > 0);
    }

    @Test void rulesThatUndoEachOtherStopAtTheBudget() {
        // a + b = b + a, forever: sound at every step, never a normal form.
        Rule swap = Rule.of("swap", "a + b = b + a", Add.class, a -> a.terms().size() == 2
                ? new Add(List.of(a.terms().get(1), a.terms().get(0))) : null);
        long before = Simplifier.budgetExhaustions();
        Expr e = parse("A + B");
        Simplifier.Simplified s = new Simplifier(List.of(swap), null).apply(e);
        assertEquals(Simplifier.Stop.BUDGET, s.stop());
        assertTrue(s.budgetExhausted());
        assertEquals(Simplifier.BUDGET, s.rewrites());
        assertEquals(e, s.result()); // an even number of swaps
        assertEquals(before + 1, Simplifier.budgetExhaustions());
    }

    @Test void aSimplifierReusedAfterABudgetStopForgetsWhatItHadNotFinished() {
        List<Expr> seen = new ArrayList<>();
        Rule swap = Rule.of("swap", "a + b = b + a", Add.class, a -> a.terms().size() == 2
                ? new Add(List.of(a.terms().get(1), a.terms().get(0))) : null);
        Simplifier s = new Simplifier(List.of(swap), f -> seen.add(f.after()));
        Expr e = parse("A + B");
        assertTrue(s.apply(e).budgetExhausted());
        seen.clear();
        assertTrue(s.apply(e).budgetExhausted(), "not taken from the memo as if it were a normal form");
        assertEquals(Simplifier.BUDGET, seen.size());
    }

    @Test void everyStrategyReportsWhyItStopped() {
        Expr e = parse("x^T (A + A^T) y - y^T A^T x");
        for (Strategy s : Strategy.values()) {
            Simplifier.Simplified r = s.run(e, null);
            assertFalse(r.budgetExhausted(), s.name());
            assertEquals(s.apply(e), r.result(), s.name());
        }
        assertEquals(0, Strategy.NONE.run(e, null).rewrites());
        assertTrue(Strategy.RULES.run(e, null).rewrites() > 0);
    }

    /** The suite runs with -Dmatcalc.verifyGuards=true (pom.xml): every attempt a guard skips is tried, and a rewrite it would have missed fails. */
    @Test void theSuiteVerifiesTheGuards() {
        assertTrue(RuleTable.VERIFY_GUARDS, "run the tests with -Dmatcalc.verifyGuards=true, as pom.xml does");
        // A guard that wrongly claims a rule needs a Kronecker term: the skipped rewrite is reported.
        Rule swap = Rule.of("swap", "a + b = b + a", Add.class, a -> a.terms().get(0) instanceof matcalc.expr.Var v && v.name().equals("A")
                ? new Add(List.of(a.terms().get(1), a.terms().get(0))) : null);
        RuleTable wrong = new RuleTable(List.of(swap), java.util.Map.of("swap", new RuleTable.Guard(null, RuleTable.child(matcalc.expr.Kron.class), 0)));
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> new Simplifier(wrong, null).apply(parse("A + B")));
        assertTrue(e.getMessage().contains("guard of rule swap"), e.getMessage());
        // A right guard skips what cannot fire: B + A is left alone without the rule being asked.
        assertEquals("B + A", TextRenderer.render(new Simplifier(wrong, null).apply(parse("B + A")).result()));
    }

    /** Every guard belongs to a rule of the table. */
    @Test void everyGuardIsOfARule() {
        for (String name : Rules.GUARDS.keySet()) assertEquals(1, Rules.named(name).size(), name);
    }

    @Test void thenKeepsABudgetStopOfEitherPass() {
        Expr e = parse("A");
        Simplifier.Simplified ok = Simplifier.Simplified.unchanged(e), stopped = new Simplifier.Simplified(e, Simplifier.Stop.BUDGET, 3);
        assertTrue(stopped.then(ok).budgetExhausted());
        assertTrue(ok.then(stopped).budgetExhausted());
        assertFalse(ok.then(ok).budgetExhausted());
        assertEquals(6, stopped.then(stopped).rewrites());
    }
}
