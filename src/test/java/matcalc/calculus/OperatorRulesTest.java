package matcalc.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.render.TextRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each operation's differential rule, through the whole engine: the exact simplified form we
 * promise, and the numeric check against finite differences.
 */
class OperatorRulesTest {
    private static final Engine ENGINE = new Engine();
    private static final String WHERE = "A, B, X: n x n; S: n x n spd; a, b, x, y: n; W: m x n; s: scalar";

    static Stream<Arguments> cases() {
        return Stream.of(
            // expression, wrt, expected (numerator layout)
            Arguments.of("X + A", "X", "I"),
            Arguments.of("a^T x", "x", "a^T"),
            Arguments.of("A X B", "X", "kron(B^T, A)"),
            Arguments.of("tr(X^T A X)", "X", "(A + A^T) X"),
            Arguments.of("tr(X)", "X", "I"),
            Arguments.of("tr(X^T)", "X", "I"),
            Arguments.of("tr(A X^{-1} B)", "X", "-X^{-T} A^T B^T X^{-T}"),
            Arguments.of("X^{-1}", "X", "-kron(X^{-T}, X^{-1})"),
            Arguments.of("tr(X^3)", "X", "3 (X^T)^2"),
            Arguments.of("det(X)", "X", "det(X) X^{-T}"),
            Arguments.of("logdet(X)", "X", "X^{-T}"),
            Arguments.of("log(det(S))", "S", "S^{-1}"),
            Arguments.of("sum(X)", "X", "ones"),
            Arguments.of("norm2(x)", "x", "x^T / norm2(x)"),
            Arguments.of("norm2(x)^2", "x", "2 x^T"),
            Arguments.of("norm1(x)", "x", "sign(x)^T"),
            Arguments.of("x .* y", "x", "diag(y)"),
            Arguments.of("x ./ y", "x", "diag(y.^(-1))"),
            Arguments.of("x.^3", "x", "3 diag(x.^2)"),
            Arguments.of("s^3", "s", "3 s^2"),
            Arguments.of("exp(x)", "x", "diag(exp(x))"),
            Arguments.of("log(x)", "x", "diag(x.^(-1))"),
            Arguments.of("sin(x)", "x", "diag(cos(x))"),
            Arguments.of("cos(s)", "s", "-sin(s)"),
            Arguments.of("tanh(s)", "s", "1 - tanh(s)^2"),
            Arguments.of("tan(s)", "s", "1 + tan(s)^2"),
            Arguments.of("sqrt(s)", "s", "1/2 / sqrt(s)"),
            Arguments.of("sigmoid(s)", "s", "sigmoid(s) (1 - sigmoid(s))"),
            Arguments.of("arcsin(s)", "s", "1 / sqrt(1 - s^2)"),
            Arguments.of("acos(s)", "s", "-1 / sqrt(1 - s^2)"),
            Arguments.of("atan(s)", "s", "1 / (1 + s^2)"),
            Arguments.of("sinh(s)", "s", "cosh(s)"),
            Arguments.of("cosh(s)", "s", "sinh(s)"),
            Arguments.of("softplus(s)", "s", "sigmoid(s)"),
            Arguments.of("log1p(s)", "s", "1 / (1 + s)"),
            Arguments.of("sum(softplus(W x))", "W", "sigmoid(W x) x^T"),
            Arguments.of("relu(W x)", "x", "diag(step(W x)) W"),
            Arguments.of("abs(s)", "s", "sign(s)"),
            Arguments.of("max(x, y)", "x", "diag(step(x - y))"),
            Arguments.of("softmax(x)", "x", "diag(softmax(x)) - softmax(x) softmax(x)^T"),
            Arguments.of("diag(x) a", "x", "diag(a)"),
            Arguments.of("diag(X)", "X", "kron(ones(n)^T, I(n)) diag(vec(I(n)))"),
            Arguments.of("vec(X)", "X", "I"),
            Arguments.of("X^T", "X", "K(n, n)"),
            Arguments.of("kron(x, a)", "x", "kron(I, a)"),
            Arguments.of("x[2]", "x", "onehot(2)^T"),
            Arguments.of("x^T A x", "A", "x x^T"),
            Arguments.of("(x^T a)^2", "x", "2 (a^T x) a^T")
        );
    }

    @ParameterizedTest(name = "d/d{1} {0} = {2}")
    @MethodSource("cases")
    void ruleGivesTextbookFormAndPassesCheck(String expr, String wrt, String expected) {
        DiffResult r = ENGINE.diff(DiffRequest.of(expr, wrt).where(WHERE));
        assertNotNull(r.check());
        assertTrue(r.check().passed(), () -> expr + ": " + r.check().detail());
        assertEquals(expected, TextRenderer.render(r.result()), expr);
    }
}
