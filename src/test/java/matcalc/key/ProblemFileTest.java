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
}
