package matcalc.key;

import static org.junit.jupiter.api.Assertions.*;

import matcalc.MatcalcError;
import org.junit.jupiter.api.Test;

/** The problem-file format's claim and index fields, and its one-line errors for them. */
class ProblemFileTest {

    static MatcalcError error(String text) {
        return assertThrows(MatcalcError.class, () -> ProblemFile.parse(text, null));
    }

    @Test void readsClaimsWithWhereAndDiffWithIndex() {
        ProblemFile f = ProblemFile.parse(String.join("\n",
                "title: T",
                "== Claim",
                "claim: grad(x^T A x, x) = 2 A x",
                "where: A: n x n",
                "",
                "== Index",
                "diff: A X B",
                "wrt: X",
                "index: true",
                "== No index",
                "diff: A X B",
                "wrt: X",
                "index: no"), null);
        assertEquals(3, f.problems().size());
        ProblemFile.Problem c = f.problems().get(0);
        assertEquals("grad(x^T A x, x) = 2 A x", c.get("claim"));
        assertEquals("A: n x n", c.get("where"));
        assertEquals(3, c.lineOf("claim"));
        assertTrue(f.problems().get(1).flag("index"));
        assertFalse(f.problems().get(2).flag("index"));
    }

    @Test void aClaimWithoutEqualsIsAOneLineErrorWithItsLine() {
        MatcalcError e = error("== Q\ntext: Prove it.\nclaim: tr(A B) tr(B A)\n");
        assertEquals("problem file, line 3: a claim needs '=' between its two sides, e.g. 'claim: tr(A B) = tr(B A)'", e.getMessage());
    }

    @Test void aClaimThatDoesNotParseNamesItsLine() {
        MatcalcError e = error("== Q\nclaim: tr(A B = tr(B A)\n");
        assertTrue(e.getMessage().startsWith("problem file, line 2: claim 'tr(A B = tr(B A)': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test void indexGoesWithDiffAndIsAFlag() {
        assertEquals("problem file, line 3: 'index:' goes with 'diff:'", error("== Q\nclaim: A = A\nindex: yes\n").getMessage());
        assertEquals("problem file, line 4: 'index:' is yes/true or no/false, got 'maybe'",
                error("== Q\ndiff: A X\nwrt: X\nindex: maybe\n").getMessage());
    }

    @Test void oneKindPerProblem() {
        assertEquals("problem file, line 1: a problem has one of 'diff:', 'program:' or 'claim:', not several",
                error("== Q\ndiff: A X\nwrt: X\nclaim: A = A\n").getMessage());
    }

    @Test void aClaimThatDoesNotTypeFailsTheKeyWithItsLine() {
        ProblemFile f = ProblemFile.parse("== Q\ntext: Prove it.\nclaim: grad(A X, X) = A\n", null);
        MatcalcError e = assertThrows(MatcalcError.class, () -> KeyWriter.write(f));
        assertTrue(e.getMessage().startsWith("problem file, line 3: claim 'grad(A X, X) = A': grad needs a scalar function"), e.getMessage());
    }

    @Test void orderTwoIsAHessianProblem() {
        ProblemFile f = ProblemFile.parse("== H\ndiff: x^T A x\nwrt: x\norder: 2\n", null);
        assertEquals("2", f.problems().get(0).get("order"));
        String key = KeyWriter.write(f).latex();
        assertTrue(key.contains("\\frac{\\partial^2}{\\partial x \\, \\partial x^\\top} \\left(x^\\top A x\\right) = A + A^\\top"), key);
        assertTrue(error("== H\ndiff: x^T A x\nwrt: x\norder: 3\n").getMessage().contains("line 4: 'order:' is 1 (first derivative) or 2 (Hessian), got '3'"));
        assertTrue(error("== H\nclaim: tr(A B) = tr(B A)\norder: 2\n").getMessage().contains("'order:' goes with 'diff:'"));
    }

    /** A false claim about a derivative shows the side as matcalc derives it: X^{-T}, not only "differ by a transpose". */
    @Test void aFalseDerivativeClaimShowsTheCorrectSide() {
        String key = KeyWriter.write(ProblemFile.parse("== Q\nclaim: grad(logdet(X), X) = inv(X)\n", null)).latex();
        assertTrue(key.contains("\\fbox{\\textbf{FALSE}}"), key);
        assertTrue(key.contains("Correct: the left side is\n\\[ \\nabla_{X} \\log\\det(X) = X^{-\\top} \\]"), key);
        String ok = KeyWriter.write(ProblemFile.parse("== Q\nclaim: grad(logdet(X), X) = inv(X)^T\n", null)).latex();
        assertFalse(ok.contains("Correct:"), ok);
    }
}
