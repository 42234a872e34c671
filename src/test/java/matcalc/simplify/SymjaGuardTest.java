package matcalc.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import matcalc.numeric.Agreement;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.render.TextRenderer;
import matcalc.symja.FromSymja;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/** A Symja answer is used only when it agrees numerically with what it replaces. */
class SymjaGuardTest {
    private static final Engine ENGINE = new Engine();

    private static Expr parse(String e, String where) { return ENGINE.parse(e, where, matcalc.calculus.Layout.NUMERATOR); }

    /** A round trip whose "Symja" answers are given: the wrong smaller one is rejected, the right one kept. */
    private static SymjaRound round(IExpr... answers) { return new SymjaRound(in -> List.of(answers)); }

    private static Expr viaRound(SymjaRound round, Expr e) {
        return round.best(e, (x, atom) -> atom.apply(x), (answer, atoms) -> FromSymja.scalar(answer, atoms), SymjaGuardTest::size);
    }

    private static int size(Expr e) {
        int n = 1;
        for (Expr c : e.children()) n += size(c);
        return n;
    }

    @Test void aWrongAnswerIsRejectedAndCounted() {
        Expr e = parse("a / (1/4 + b) + a", "a, b: scalar");
        // The whole expression is one opaque symbol q0; "Symja" answers 0 (small, and wrong).
        SymjaRound round = round(F.C0);
        assertSame(e, viaRound(round, e));
        assertEquals(1, round.rejections());
    }

    @Test void aRightAnswerIsKept() {
        Expr e = parse("a - a", "a: scalar"); // not simplified by parse; its value is 0
        SymjaRound round = round(F.C0);
        assertEquals("0", TextRenderer.render(viaRound(round, e)));
        assertEquals(0, round.rejections());
    }

    @Test void agreementNeedsTheCandidateDefinedWhereTheOriginalIs() {
        Expr x = parse("x", "x: n");
        Expr viaLog = parse("exp(log(x))", "x: n"); // equal to x only where x > 0
        assertFalse(Agreement.agree(x, viaLog));
        assertTrue(Agreement.agree(parse("exp(log(x))", "x: n"), parse("x", "x: n")));
    }

    @Test void theReproducerOfTheDroppedFactorComesOutRight() {
        // Symja 3.0.0's Together turns (1 - s)/(1/4 + L) - ... into a form with 1/L: the guard must catch it.
        var r = ENGINE.diff(matcalc.engine.DiffRequest.of("sigmoid(c) / (0.25 + log(1 + c^2))", "c").where("c: scalar"));
        assertTrue(r.check().passed(), r.check().detail());
    }
}
