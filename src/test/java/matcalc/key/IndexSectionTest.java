package matcalc.key;

import static org.junit.jupiter.api.Assertions.*;

import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import org.junit.jupiter.api.Test;

/** `index: yes` in a key: the index form, or its one-line reason. */
class IndexSectionTest {
    static DiffResult result(DiffRequest r) { return new Engine().diff(r.check(false)); }

    @Test void indexFormWithConventions() {
        assertEquals("In index notation:\n\\[ \\frac{\\partial F_{ij}}{\\partial X_{kl}} = A_{ik} B_{lj} \\]\n"
                + "{\\small index: $F = A X B$; summation over repeated indices that are not on the left (Einstein);"
                + " entry-wise, so the same for every \\texttt{-{}-layout} and \\texttt{-{}-vec}.}\n\n",
                IndexSection.latex(result(DiffRequest.of("A X B", "X"))));
    }

    @Test void noIndexFormIsOneLine() {
        assertEquals("{\\small index: cannot write this derivative in index notation: second derivatives are written in index"
                + " notation only for a scalar function (Hessians).}\n\n", IndexSection.latex(result(DiffRequest.of("A x", "x").order(2))));
    }
}
