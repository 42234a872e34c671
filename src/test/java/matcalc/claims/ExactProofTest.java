package matcalc.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import matcalc.calculus.Layout;
import matcalc.symja.Symja;
import org.junit.jupiter.api.Test;

class ExactProofTest {

    static ExactProof.Result prove(String claim, String where) {
        return ExactProof.prove(ClaimParser.parse(claim, where, Layout.NUMERATOR));
    }

    static void assertProved(String claim, String where) {
        ExactProof.Result r = prove(claim, where);
        assertEquals(ExactProof.Status.PROVED, r.status(), () -> claim + ": " + r.summary());
        assertEquals(List.of(2, 3), r.proved());
    }

    @Test void polynomialAndRationalIdentities() {
        assertProved("tr(A B C) = tr(C A B)", "");
        assertProved("det(A B) = det(A) det(B)", "A, B: n x n");
        assertProved("inv(A B) = inv(B) inv(A)", "A, B: n x n");
        assertProved("det(inv(A)) = 1 / det(A)", "");
        assertProved("vec(A X B) = kron(B^T, A) vec(X)", "");
    }

    @Test void derivativesAreTakenOfTheEntriesAsWritten() {
        assertProved("grad(tr(X^T A X), X) = (A + A^T) X", "");
        assertProved("grad(det(X), X) = det(X) inv(X)^T", "");
        assertProved("grad(logdet(X), X) = inv(X)^T", "");
        assertProved("jacobian(A x, x) = A", "");
        assertProved("hessian(x^T A x + b^T x, x) = A + A^T", "b: n");
        assertProved("diff(x^T A x, x) = x^T (A + A^T)", "");
        assertProved("diff(X A, X) = kron(A^T, I)", "");
        assertProved("diff(det(A + t B), t) = det(A + t B) tr(inv(A + t B) B)", "t: scalar");
    }

    @Test void denominatorLayoutForDiff() {
        ExactProof.Result r = ExactProof.prove(ClaimParser.parse("diff(x^T A x, x) = (A + A^T) x", "", Layout.DENOMINATOR));
        assertEquals(ExactProof.Status.PROVED, r.status(), r.summary());
    }

    @Test void nestedDerivatives() {
        assertProved("jacobian(grad(x^T A x, x), x) = A + A^T", "");
        assertProved("diff(diff(det(A + t B), t), t) = det(A + t B) (tr(inv(A + t B) B)^2 - tr(inv(A + t B) B inv(A + t B) B))", "t: scalar");
    }

    @Test void falseClaimsAreDisproved() {
        ExactProof.Result r = prove("grad(x^T A x, x) = 2 A x", "");
        assertEquals(ExactProof.Status.DISPROVED, r.status());
        assertEquals(2, r.failedSize());
        assertEquals(ExactProof.Status.DISPROVED, prove("grad(tr(X^2), X) = 2 X", "").status());
        // Orthogonal matrices of both determinants are covered (Cayley, and Cayley times a reflection).
        assertEquals(ExactProof.Status.DISPROVED, prove("det(Q) = 1", "Q: n x n orthogonal").status());
    }

    @Test void structureOfVariables() {
        assertProved("grad(x^T A x, x) = 2 A x", "A: n x n symmetric");
        assertProved("A B = B A", "A, B: n x n diagonal");
        assertProved("Q^T Q = I", "Q: n x n orthogonal");
        assertProved("det(Q)^2 = 1", "Q: n x n orthogonal");
        // A symmetric variable of differentiation: its entries are differentiated as independent,
        // then evaluated on the symmetric matrix; G + G^T - G .* I is the structured derivative.
        assertProved("grad(tr(A X), X) + grad(tr(A X), X)^T - I .* grad(tr(A X), X) = A + A^T - A .* I", "X: n x n symmetric");
        assertProved("I .* grad(tr(A X), X) = A .* I", "X: n x n diagonal");
    }

    @Test void elementwiseFunctionsThroughSymja() {
        assertProved("grad(sum(exp(x)), x) = exp(x)", "");
        assertProved("grad(sum(sigmoid(x)), x) = sigmoid(x) .* (1 - sigmoid(x))", "");
        assertProved("grad(sum(tanh(x)), x) = 1 - tanh(x).^2", "");
        assertProved("grad(norm2(x - a), x) = (x - a) / norm2(x - a)", "a: n");
        assertProved("norm2(A)^2 = tr(A^T A)", "");
        assertProved("grad(log(abs(det(X))), X) = inv(X)^T", "");
        assertTrue(Symja.started(), "derivatives of element-wise functions come from Symja's D");
    }

    @Test void undecidedAndSkipped() {
        assertEquals(ExactProof.Status.SKIPPED, prove("grad(sum(relu(x)), x) = step(x)", "").status());
        assertEquals(ExactProof.Status.UNDECIDED, prove("logdet(A B) = logdet(A) + logdet(B)", "A, B: n x n spd").status());
        assertEquals(ExactProof.Status.SKIPPED, prove("tr(A) = A", "").status());
    }

    @Test void workBudgetIsHonouredTheSameWayEveryTime() {
        // True, but only through det(M) M^-1 M = det(M) I, which at size 3 swells beyond the budget.
        Claim c = ClaimParser.parse("det(A + X^T C X) inv(A + X^T C X) (A + X^T C X) = det(A + X^T C X) I", "", Layout.NUMERATOR);
        ExactProof.Result r = ExactProof.prove(c, List.of(2, 3), 5_000_000);
        assertEquals(ExactProof.Status.PARTIAL, r.status(), r.summary());
        assertEquals(List.of(2), r.proved());
        assertTrue(r.summary().contains("work budget"), r.summary());
        // Counted, not timed: the verdict is the same on a loaded machine.
        ExactProof.Result again = ExactProof.prove(c, List.of(2, 3), 5_000_000);
        assertEquals(r.summary(), again.summary());
        // Generous slack for a loaded machine; unbounded, size 3 runs far longer.
        assertTrue(r.millis() < 10_000, "stopped near the budget, took " + r.millis() + " ms");
    }
}
