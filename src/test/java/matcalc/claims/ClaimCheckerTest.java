package matcalc.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import matcalc.calculus.Layout;
import matcalc.expr.Property;
import org.junit.jupiter.api.Test;

class ClaimCheckerTest {

    static CheckResult check(String claim) { return check(claim, ""); }

    static CheckResult check(String claim, String where) { return ClaimChecker.check(claim, where, Layout.NUMERATOR); }

    static String report(CheckResult r) { return String.join("\n", r.lines()); }

    static void assertPass(CheckResult r) {
        assertEquals(CheckResult.Verdict.PASS, r.verdict(), () -> report(r));
        assertTrue(r.numeric() == null || r.numeric().passed() || r.numeric().inconclusive(), () -> report(r));
    }

    static void assertFail(CheckResult r, String expected) {
        assertEquals(CheckResult.Verdict.FAIL, r.verdict(), () -> report(r));
        assertTrue(report(r).contains(expected), () -> "expected '" + expected + "' in\n" + report(r));
    }

    @Test void trueClaimsPassNumericallyAndExactly() {
        for (String claim : List.of("grad(tr(X^T A X), X) = (A + A^T) X", "tr(A B) = tr(B A)", "(A B)^T = B^T A^T",
                "jacobian(A x, x) = A", "grad(x^T A x, x) = (A + A^T) x")) {
            CheckResult r = check(claim);
            assertPass(r);
            assertTrue(r.numeric().instances() >= 5, () -> report(r));
            assertEquals(ExactProof.Status.PROVED, r.exact().status(), () -> report(r));
            assertEquals(List.of(2, 3), r.exact().proved());
            assertTrue(report(r).contains("exact for sizes 2, 3"), () -> report(r));
            assertTrue(report(r).contains("relative tolerance 1e-06"), () -> report(r));
            assertEquals(0, r.verdict().exitCode());
        }
        assertPass(check("det(A B) = det(A) det(B)", "A, B: n x n"));
    }

    @Test void classicStudentErrorHoldsIfSymmetric() {
        // A generous exact budget: the default one is for interactive use and a loaded machine can exceed it.
        CheckResult r = ClaimChecker.check("grad(x^T A x, x) = 2 A x", "", null, Layout.NUMERATOR,
                ClaimChecker.Options.defaults().withBudget(30_000));
        assertFail(r, "holds if A is symmetric");
        assertEquals(1, r.verdict().exitCode());
        assertEquals(1, r.conditions().size(), () -> report(r));
        ConditionSearch.Condition c = r.conditions().get(0);
        assertEquals(List.of("A"), c.names());
        assertEquals(Property.SYMMETRIC, c.property());
        assertEquals(ExactProof.Status.PROVED, c.exact().status(), () -> "the condition is proved exactly as well: " + c.exact());
        // The counterexample is small and in integers, with both sides and the largest difference.
        Counterexample.Found cx = r.counterexample();
        assertNotNull(cx);
        assertTrue(cx.integer());
        assertEquals(2, cx.sizes().get("n"));
        assertTrue(cx.largestDiff() > 0);
        String text = report(r);
        assertTrue(text.contains("counterexample (n = 2):"), text);
        assertTrue(text.contains("left side  = ["), text);
        assertTrue(text.contains("right side = ["), text);
        assertTrue(text.contains("largest difference:"), text);
    }

    @Test void declaredSymmetryMakesItTrue() {
        assertPass(check("grad(x^T A x, x) = 2 A x", "A: n x n symmetric"));
    }

    @Test void transposeMixUps() {
        assertFail(check("grad(tr(X^2), X) = 2 X"), "sides differ by a transpose");
        assertFail(check("grad(det(X), X) = det(X) X^-1"), "sides differ by a transpose");
        assertFail(check("grad(tr(X A), X) = A"), "sides differ by a transpose");
        // A variable of differentiation is not offered structure: "2 X" is wrong, not "true for symmetric X".
        CheckResult r = check("grad(tr(X^2), X) = 2 X");
        assertTrue(r.conditions().isEmpty(), () -> report(r));
    }

    @Test void layoutMixUpIsAShapeMismatchWithTransposeDiagnosis() {
        CheckResult r = check("diff(x^T A x, x) = (A + A^T) x");
        assertFail(r, "shapes differ: left side is 1 x n, right side is vector(n)");
        assertFail(r, "sides differ by a transpose");
        assertNull(r.exact());
    }

    @Test void shapeMismatchIsAFailNotACrash() {
        CheckResult r = check("tr(A) = A");
        assertFail(r, "shapes differ: left side is scalar, right side is n x n");
        CheckResult r2 = check("A x = B");
        assertFail(r2, "shapes differ");
        assertFalse(report(r2).contains("transpose"));
    }

    @Test void badInputIsAnError() {
        CheckResult r = check("A x + = B");
        assertEquals(CheckResult.Verdict.ERROR, r.verdict());
        assertEquals(2, r.verdict().exitCode());
        assertTrue(r.error().contains("syntax"), r.error());
        assertEquals(CheckResult.Verdict.ERROR, check("tr(A x)").verdict(), "no '=' is bad input");
        assertEquals(CheckResult.Verdict.ERROR, check("A x = x", "A: n x m; x: n").verdict(), "a side that does not type is bad input");
    }

    @Test void factorAndSignDiagnoses() {
        assertFail(check("grad(x^T x, x) = x"), "left side = 2 × right side");
        assertFail(check("diff(inv(A + t B), t) = inv(A + t B) B inv(A + t B)", "t: scalar"), "sides differ by a sign");
    }

    @Test void structureForSeveralMatrices() {
        assertFail(check("(A B)^T = A^T B^T"), "holds if A and B are diagonal");
    }

    @Test void zeroRightSideMeansTheZeroMatrix() {
        assertPass(check("diff(A, t) = 0", "t: scalar"));
        assertPass(check("A - A = 0"));
    }

    @Test void sidesAreTypedTogether() {
        // I on the right takes its size from the left; ones too.
        assertPass(check("grad(tr(X), X) = I"));
        assertPass(check("grad(sum(X), X) = ones"));
    }

    @Test void kinkedFunctionsSkipTheExactCheckWithAReason() {
        CheckResult r = check("grad(g^T relu(W x), W) = (g .* step(W x)) x^T", "g: m");
        assertPass(r);
        assertEquals(ExactProof.Status.SKIPPED, r.exact().status());
        assertTrue(r.exact().reason().contains("kinks"), r.exact().reason());
    }

    @Test void aWrongDerivativeFromMatcalcCannotMakeAFalseClaimPass() {
        // The exact check differentiates the function as written; here it must agree with the numeric check.
        CheckResult r = check("grad(logdet(X), X) = inv(X)^T");
        assertPass(r);
        assertEquals(ExactProof.Status.PROVED, r.exact().status(), () -> report(r));
        assertTrue(r.warnings().isEmpty(), () -> report(r));
    }

    @Test void summaryLineForFiles() {
        CheckResult r = ClaimChecker.check("grad(tr(X A), X) = A^T", "", "cookbook:(100)", Layout.NUMERATOR, ClaimChecker.Options.defaults());
        String line = r.summaryLine();
        assertTrue(line.startsWith("PASS     cookbook:(100)  grad(tr(X A), X) = A^T"), line);
        assertTrue(line.contains("exact 2,3"), line);
    }
}
