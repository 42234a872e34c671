package matcalc.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import org.junit.jupiter.api.Test;

/** The exact index notation of the canonical cases. */
class IndexTextTest {
    static IndexForm form(String expr, String wrt) { return IndexNotation.of(result(DiffRequest.of(expr, wrt))); }

    static DiffResult result(DiffRequest r) { return new Engine().diff(r.check(false)); }

    @Test void linearMap() {
        assertEquals("dF[i,j]/dX[k,l] = A[i,k] B[l,j]", IndexTextRenderer.of(form("A X B", "X")));
        assertEquals("\\frac{\\partial F_{ij}}{\\partial X_{kl}} = A_{ik} B_{lj}", IndexLatexRenderer.of(form("A X B", "X")));
    }

    @Test void inverse() {
        assertEquals("dF[i,j]/dX[k,l] = -(X^{-1})[i,k] (X^{-1})[l,j]", IndexTextRenderer.of(form("inv(X)", "X")));
        assertEquals("\\frac{\\partial F_{ij}}{\\partial X_{kl}} = -(X^{-1})_{ik} (X^{-1})_{lj}", IndexLatexRenderer.of(form("inv(X)", "X")));
    }

    @Test void matrixTimesVector() {
        assertEquals("dF[i]/dx[k] = A[i,k]", IndexTextRenderer.of(form("A x", "x")));
        assertEquals("\\frac{\\partial F_{i}}{\\partial x_{k}} = A_{ik}", IndexLatexRenderer.of(form("A x", "x")));
    }

    @Test void gramMatrixKeepsOnlyDeltasThatCannotBeContracted() {
        assertEquals("dF[i,j]/dX[k,l] = delta[i,l] X[k,j] + delta[j,l] X[k,i]", IndexTextRenderer.of(form("X^T X", "X")));
        assertEquals("\\frac{\\partial F_{ij}}{\\partial X_{kl}} = \\delta_{il} X_{kj} + \\delta_{jl} X_{ki}", IndexLatexRenderer.of(form("X^T X", "X")));
    }

    @Test void elementwise() {
        assertEquals("\\frac{\\partial F_{ij}}{\\partial X_{kl}} = \\delta_{ik} \\delta_{jl} \\exp(X_{ij})", IndexLatexRenderer.of(form("exp(X)", "X")));
    }

    @Test void powersOfTheSameEntryAreCollected() {
        assertEquals("dF[i]/dx[k] = W[i,k] - (softmax(W x))[a] W[a,k]", IndexTextRenderer.of(form("log(softmax(W x))", "x")));
        assertEquals("dF[i]/dx[k] = -delta[i,k] x[i]^(-2)", IndexTextRenderer.of(form("x .^ (-1)", "x")));
        assertEquals("\\frac{\\partial F_{i}}{\\partial x_{k}} = \\frac{1}{2} \\delta_{ik} x_{i}^{-\\frac{1}{2}}",
                IndexLatexRenderer.of(form("x .^ 0.5", "x")));
    }

    @Test void hessians() {
        assertEquals("d^2f/dX[i,j] dX[k,l] = delta[j,l] A[i,k] + delta[j,l] A[k,i]",
                IndexTextRenderer.of(IndexNotation.of(result(DiffRequest.of("tr(X^T A X)", "X").order(2)))));
        assertEquals("\\frac{\\partial^2 f}{\\partial x_{i} \\, \\partial x_{k}} = A_{ik} + A_{ki}",
                IndexLatexRenderer.of(IndexNotation.of(result(DiffRequest.of("x^T A x", "x").order(2)))));
    }

    @Test void summationIndicesAreNamedCanonically() {
        assertEquals("dF[i]/dx[k] = (softmax(W x))[i] W[i,k] - (softmax(W x))[i] (softmax(W x))[a] W[a,k]",
                IndexTextRenderer.of(form("softmax(W x)", "x")));
    }

    @Test void kroneckerStructuredRowsAreGroups() {
        IndexForm f = form("kron(X, A)", "X");
        assertEquals("dF[(i,p),(j,q)]/dX[k,l] = delta[i,k] delta[j,l] A[p,q]", IndexTextRenderer.of(f));
        assertTrue(IndexReport.convention(f).contains("(i,p) is position (i - 1) P + p"), IndexReport.convention(f));
    }

    @Test void noIndexFormIsOneClearLine() {
        String s = IndexReport.lines(result(DiffRequest.of("A x", "x").order(2)), false);
        assertEquals("index: cannot write this derivative in index notation: second derivatives are written in index"
                + " notation only for a scalar function (Hessians)", s);
    }

    @Test void conventionLineNamesEinsteinAndLayoutIndependence() {
        String line = IndexReport.convention(form("A X B", "X"));
        assertEquals("index: F = A X B; summation over repeated indices that are not on the left (Einstein);"
                + " entry-wise, so the same for every --layout and --vec", line);
    }
}
