package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import matcalc.key.KeyWriter;
import matcalc.key.ProblemFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer key of testcases/seed/identities.key: claims proved or disproved (verdict, how, the
 * counterexample, the diagnosis and conditions) and a derivative in index notation; it compiles.
 */
class IdentitiesKeyTest {
    static final Path PROBLEMS = Path.of("testcases/seed/identities.key");
    static String key;

    @BeforeAll static void generate() throws Exception {
        KeyWriter.Key k = KeyWriter.write(ProblemFile.read(PROBLEMS));
        assertTrue(k.checksPassed());
        key = k.latex();
    }

    /** The part of the key for one question. */
    static String question(int n) {
        int from = key.indexOf("\\section*{Question " + n + "}");
        int to = key.indexOf("\\section*{", from + 1);
        assertTrue(from >= 0, "question " + n);
        return key.substring(from, to < 0 ? key.length() : to);
    }

    @Test void traceIsCyclic() {
        String q = question(1);
        assertTrue(q.contains("\\[ \\operatorname{tr}(A B) = \\operatorname{tr}(B A) \\]"), q);
        assertTrue(q.contains("\\fbox{\\textbf{TRUE}}"), q);
        assertTrue(q.contains("numeric: agree at 5 random instances"), q);
        assertTrue(q.contains("max rel. error"), q);
        // The exact proof has a time budget: under load it may cover only size 2.
        assertTrue(q.contains("exact for size"), q);
        assertFalse(q.contains("Counterexample"), q);
    }

    @Test void gradientOfAQuadraticFormIsNotTwoAx() {
        String q = question(2);
        assertTrue(q.contains("\\[ \\nabla_{x} \\left(x^\\top A x\\right) = 2 A x \\]"), q);
        assertTrue(q.contains("\\fbox{\\textbf{FALSE}}"), q);
        assertTrue(q.contains("numeric: differ at 5 of 5 random instances"), q);
        assertTrue(q.contains("Sizes $n = 2$; small integer values:"), q);
        assertTrue(q.contains("A = \\begin{bmatrix} 1 & 1 \\\\ 0 & 1 \\end{bmatrix}, \\quad x = \\begin{bmatrix} -1 \\\\ 1 \\end{bmatrix}"), q);
        assertTrue(q.contains("\\text{left side} = \\begin{bmatrix} -1 \\\\ 1 \\end{bmatrix}, \\quad \\text{right side} = \\begin{bmatrix} 0 \\\\ 2 \\end{bmatrix}"), q);
        assertTrue(q.contains("Largest difference: 1 at entry (1, 1)."), q);
        assertTrue(q.contains("Holds if $A$ is symmetric"), q);
    }

    @Test void transposedGradientIsDiagnosed() {
        String q = question(3);
        assertTrue(q.contains("\\[ \\nabla_{X} \\left(a^\\top X b\\right) = b a^\\top \\]"), q);
        assertTrue(q.contains("\\fbox{\\textbf{FALSE}}"), q);
        assertTrue(q.contains("Sides differ by a transpose"), q);
        assertTrue(q.contains("\\text{left side} = \\begin{bmatrix} 0 & 1 \\\\ 0 & 0 \\end{bmatrix}"), q);
        assertTrue(q.contains("\\text{right side} = \\begin{bmatrix} 0 & 0 \\\\ 1 & 0 \\end{bmatrix}"), q);
    }

    @Test void diffWithIndexNotation() {
        String q = question(4);
        assertTrue(q.contains("\\boxed{\\frac{\\partial \\operatorname{vec}(A X B)}{\\partial \\operatorname{vec}(X)^\\top} = B^\\top \\otimes A}"), q);
        assertTrue(q.contains("\\[ \\frac{\\partial F_{ij}}{\\partial X_{kl}} = A_{ik} B_{lj} \\]"), q);
        assertTrue(q.contains("index: $F = A X B$; summation over repeated indices"), q);
    }

    @Test void keyCompilesWithPdflatex(@TempDir Path dir) throws Exception {
        LatexTests.assertKeyCompiles(PROBLEMS, dir, "identities");
    }
}
