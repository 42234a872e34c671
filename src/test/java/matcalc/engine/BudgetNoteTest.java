package matcalc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import matcalc.render.TextRenderer;
import matcalc.simplify.Simplifier;
import matcalc.simplify.Strategy;
import org.junit.jupiter.api.Test;

/** A result whose simplification ran out of its rewrite budget says so; a saturated one does not. */
class BudgetNoteTest {
    private static Engine stoppingAtTheBudget(boolean secondPassOnly) {
        int[] calls = {0};
        return new Engine((s, e, log) -> {
            Simplifier.Simplified r = s.run(e, log);
            boolean stop = !secondPassOnly || ++calls[0] == 2;
            return stop ? new Simplifier.Simplified(r.result(), Simplifier.Stop.BUDGET, r.rewrites()) : r;
        });
    }

    @Test void theNoteAppearsWhenAnyPassStoppedAtTheBudget() {
        for (boolean secondOnly : new boolean[] {false, true}) {
            DiffResult r = stoppingAtTheBudget(secondOnly).diff(DiffRequest.of("tr(X^T A X)", "X"));
            assertTrue(r.checkPassed(), () -> r.check().detail());
            assertEquals("(A + A^T) X", TextRenderer.render(r.result()));
            assertTrue(r.notes().contains(Strategy.BUDGET_NOTE), r.notes()::toString);
        }
        DiffResult h = stoppingAtTheBudget(false).diff(DiffRequest.of("x^T A x", "x").order(2));
        assertTrue(h.notes().contains(Strategy.BUDGET_NOTE), h.notes()::toString);
    }

    @Test void anInnerDerivativeThatStoppedAtTheBudgetSaysSo() {
        DiffResult r = stoppingAtTheBudget(false).diff(DiffRequest.of("tr(hessian(x^T A x, x))", "A"));
        assertTrue(r.checkPassed(), () -> r.check().detail());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("hessian(") && n.endsWith(Strategy.BUDGET_NOTE)), r.notes()::toString);
        DiffResult quiet = new Engine().diff(DiffRequest.of("tr(hessian(x^T A x, x))", "A"));
        assertFalse(quiet.notes().stream().anyMatch(n -> n.contains(Strategy.BUDGET_NOTE)), quiet.notes()::toString);
    }

    @Test void aSaturatedResultHasNoNote() {
        DiffResult r = new Engine().diff(DiffRequest.of("tr(X^T A X)", "X"));
        assertFalse(r.notes().contains(Strategy.BUDGET_NOTE), r.notes()::toString);
    }
}
