package matcalc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** matcalc's messages as LaTeX text: formulas in math mode, words, remarks and equation numbers as text. */
class MathTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "t-t: (A^T)^T = A|\\textsf{t-t}: $(A^\\top)^\\top = A$",
        "mul-coeff: 2 A 3 = 6 A|\\textsf{mul-coeff}: $2 A 3 = 6 A$",
        "product rule: d(A B) = dA B + A dB (Cookbook eq. 37)|product rule: $\\mathrm{d}(A B) = \\mathrm{d}A \\, B + A \\, \\mathrm{d}B$ (Cookbook eq. 37)",
        "numerator (Jacobian J_ij = dF_i/dx_j, m x n)|numerator (Jacobian $J_{ij} = \\mathrm{d}F_{i}/\\mathrm{d}x_{j}$, $m \\times n$)",
        "entry-wise, so the same for every --layout and --vec|entry-wise, so the same for every \\texttt{-{}-layout} and \\texttt{-{}-vec}",
        "mul-commutation: K (A + B) = K A + K B for a commutation matrix K|\\textsf{mul-commutation}: $K (A + B) = K A + K B$ for a commutation matrix $K$",
        "check: passed (3 random instances, max rel. error 3.9e-12)|check: passed (3 random instances, max rel. error 3.9e-12)",
        "Check: dL/dW1 agrees at 3 random W1|Check: $\\partial L/\\partial W_{1}$ agrees at 3 random $W_{1}$",
        "diag-sum: c diag(a) + d diag(b) = diag(c a + d b)|\\textsf{diag-sum}: $c \\operatorname{diag}(a) + d \\operatorname{diag}(b) = \\operatorname{diag}(c a + d b)$",
        "kron-identity: I_m ⊗ I_n = I_{mn}|\\textsf{kron-identity}: $I_{m} \\otimes I_{n} = I_{mn}$",
        "summation over repeated indices that are not on the left|summation over repeated indices that are not on the left",
        "through yhat = softmax(z): sum(y) = 1 (its given value)|through $\\hat{y} = \\operatorname{softmax}(z)$: $\\operatorname{sum}(y) = 1$ (its given value)",
    })
    void typesetsFormulasAsMath(String message, String latex) {
        assertEquals(latex, MathText.latex(message));
    }
}
