package matcalc.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import matcalc.calculus.Layout;
import matcalc.check.NumericCheck;
import matcalc.engine.Engine;
import matcalc.expr.*;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the table: one case where it fires (exact result, and numerically equal to the
 * node it replaced) and one where it must not fire.
 */
class RulesTest {
    private static final Engine ENGINE = new Engine();
    private static final String WHERE = "A, B, C, X, Y: n x n; S: n x n symmetric; Q: n x n orthogonal; x, y, u, v: n; "
            + "M: n x m; N: m x n; a, b: scalar; P: p x q; R: r x s";

    static Stream<Arguments> fires() {
        return Stream.of(
            Arguments.of("add-zero", "A + 0 B", "A"),
            Arguments.of("add-collect", "2 A + 3 A", "5 A"),
            Arguments.of("add-factor", "A X + B X", "(A + B) X"),
            Arguments.of("add-order", "-B + A", "A - B"),
            Arguments.of("add-scalar-factor", "2 a A + 2 a B", "2 a (A + B)"),
            Arguments.of("mul-zero", "0 A", "0"),
            Arguments.of("mul-coeff", "2 A 3", "6 A"),
            Arguments.of("mul-identity", "I A", "A"),
            Arguments.of("mul-inverse", "A X X^{-1}", "A"),
            Arguments.of("mul-orthogonal", "Q^T Q A", "A"),
            Arguments.of("mul-powers", "a a^2", "a^3"),
            Arguments.of("mul-matpow", "A X X", "A X^2"),
            Arguments.of("mul-scalar-orient", "x^T A^T y", "y^T A x"),
            Arguments.of("mul-order", "A a", "a A"),
            Arguments.of("t-product", "(A B)^T", "B^T A^T"),
            Arguments.of("t-sum", "(A + B^T)^T", "A^T + B"),
            Arguments.of("t-symmetric", "S^T", "S"),
            Arguments.of("t-inverse", "(S^{-1})^T", "S^{-1}"),
            Arguments.of("t-kron", "kron(A, B)^T", "kron(A^T, B^T)"),
            Arguments.of("t-matpow", "(X^2)^T", "(X^T)^2"),
            Arguments.of("inv-inv", "inv(inv(A))", "A"),
            Arguments.of("inv-orthogonal", "Q^{-1}", "Q^T"),
            Arguments.of("inv-transpose", "(A^T)^{-1}", "A^{-T}"),
            Arguments.of("inv-scale", "(2 A)^{-1}", "1/2 A^{-1}"),
            Arguments.of("tr-linear", "tr(A + B)", "tr(A) + tr(B)"),
            Arguments.of("tr-scale", "tr(a A)", "a tr(A)"),
            Arguments.of("tr-transpose", "tr(A^T)", "tr(A)"),
            Arguments.of("tr-to-scalar", "tr(x y^T)", "y^T x"),
            Arguments.of("tr-cyclic", "tr(X A)", "tr(A X)"),
            Arguments.of("sum-scalar", "sum(x^T y)", "x^T y"),
            Arguments.of("sum-linear", "sum(a A)", "a sum(A)"),
            Arguments.of("sum-dot", "sum(x .* y)", "x^T y"),
            Arguments.of("sum-transpose", "sum(A^T)", "sum(A)"),
            Arguments.of("had-zero", "A .* (0 B)", "0"),
            Arguments.of("had-scale", "(2 A) .* B", "2 (A .* B)"),
            Arguments.of("had-order", "B .* A", "A .* B"),
            Arguments.of("had-cancel", "x .* x.^(-1)", "ones"),
            Arguments.of("diag-sum", "diag(x) + diag(y)", "diag(x + y)"),
            Arguments.of("diag-product", "diag(x) diag(y) A", "diag(x .* y) A"),
            Arguments.of("diag-times-ones", "diag(x) vector(1)", "x"),
            Arguments.of("sigmoid-from-exp", "(1 + exp(a))^(-1)", "sigmoid(-a)"),
            Arguments.of("exp-sigmoid", "exp(x) .* sigmoid(-x)", "sigmoid(x)"),
            Arguments.of("add-collect", "(A - B)^T - (B - A)^T", "2 (A - B)^T"),
            Arguments.of("dot-reciprocal", "x^T (y ./ x)", "sum(y)"),
            Arguments.of("unit-dot", "x^T onehot(2)", "x[2]"),
            Arguments.of("unit-had", "onehot(2) .* x", "x[2] onehot(2)"),
            Arguments.of("entry-elementwise", "(x .* y)[2]", "x[2] y[2]"),
            Arguments.of("mul-neg-sum", "-(A - B) C", "(-A + B) C"),
            Arguments.of("softmax-jvp", "(diag(x) - x x^T) (y ./ x)", "x .* (y ./ x) - x x^T (y ./ x)"),
            Arguments.of("epow-one", "A.^1", "A"),
            Arguments.of("epow-epow", "(A.^2).^3", "A.^6"),
            Arguments.of("pow-one", "a^1", "a"),
            Arguments.of("pow-zero", "a^0", "1"),
            Arguments.of("pow-num", "2^3", "8"),
            Arguments.of("pow-pow", "(a^2)^3", "a^6"),
            Arguments.of("pow-product", "(a b)^2", "a^2 b^2"),
            Arguments.of("log-exp", "log(exp(x))", "x"),
            Arguments.of("det-transpose", "det(A^T)", "det(A)"),
            Arguments.of("logdet-transpose", "logdet(A^T)", "logdet(A)"),
            Arguments.of("diagof-diag", "diag(diag(x))", "x"),
            Arguments.of("vec-vector", "vec(x)", "x"),
            Arguments.of("vec-row", "vec(x^T)", "x"),
            Arguments.of("kron-scalar", "kron(a, A)", "a A"),
            Arguments.of("kron-zero", "kron(0 A, B)", "0")
        );
    }

    static Stream<Arguments> silent() {
        return Stream.of(
            Arguments.of("diag-sum", "diag(x) - x x^T"),
            Arguments.of("diag-product", "diag(x) A diag(y)"),
            Arguments.of("diag-times-ones", "diag(x) y"),
            Arguments.of("sigmoid-from-exp", "(2 + exp(a))^(-1)"),
            Arguments.of("exp-sigmoid", "exp(x) .* sigmoid(x)"),
            Arguments.of("add-collect", "(A - B)^T - (B + A)^T"),
            Arguments.of("had-cancel", "x .* y"),
            Arguments.of("dot-reciprocal", "x^T (y ./ u)"),
            Arguments.of("unit-dot", "x^T y"),
            Arguments.of("unit-had", "x .* y"),
            Arguments.of("entry-elementwise", "(A x)[2]"),
            Arguments.of("mul-neg-sum", "-(A + B) C"),
            Arguments.of("softmax-jvp", "(diag(x) - x x^T) y"),
            Arguments.of("add-zero", "A + B"),
            Arguments.of("add-collect", "2 A + 3 B"),
            Arguments.of("add-factor", "A X + X B"),
            Arguments.of("add-order", "A - B"),
            Arguments.of("add-scalar-factor", "2 a A + 3 B"),
            Arguments.of("mul-zero", "2 A"),
            Arguments.of("mul-coeff", "2 A B"),
            Arguments.of("mul-identity", "A B"),
            Arguments.of("mul-inverse", "X A X^{-1}"),
            Arguments.of("mul-orthogonal", "A^T A"),
            Arguments.of("mul-powers", "a b"),
            Arguments.of("mul-matpow", "A X A"),
            Arguments.of("mul-scalar-orient", "x^T A y"),
            Arguments.of("mul-order", "a A"),
            Arguments.of("t-t", "A^T"),
            Arguments.of("t-scalar", "x^T"),
            Arguments.of("t-product", "A^T B"),
            Arguments.of("t-sum", "(A x + y)^T"),
            Arguments.of("t-symmetric", "A^T"),
            Arguments.of("t-inverse", "(A^{-1})^T"),
            Arguments.of("t-kron", "kron(A, B)"),
            Arguments.of("t-matpow", "(X^T)^2"),
            Arguments.of("inv-inv", "inv(A)"),
            Arguments.of("inv-orthogonal", "A^{-1}"),
            Arguments.of("inv-transpose", "(A B)^{-1}"),
            Arguments.of("inv-scale", "(A + B)^{-1}"),
            Arguments.of("tr-scalar", "tr(A)"),
            Arguments.of("tr-linear", "tr(A B)"),
            Arguments.of("tr-scale", "tr(A B)"),
            Arguments.of("tr-transpose", "tr(A B)"),
            Arguments.of("tr-to-scalar", "tr(A B)"),
            Arguments.of("tr-cyclic", "tr(A X)"),
            Arguments.of("sum-scalar", "sum(x)"),
            Arguments.of("sum-linear", "sum(A B)"),
            Arguments.of("sum-dot", "sum(exp(x))"),
            Arguments.of("sum-transpose", "sum(A)"),
            Arguments.of("had-zero", "A .* B"),
            Arguments.of("had-scale", "A .* B"),
            Arguments.of("had-order", "A .* B"),
            Arguments.of("epow-one", "A.^2"),
            Arguments.of("epow-epow", "(A.^2).^(1/2)"),
            Arguments.of("pow-one", "a^2"),
            Arguments.of("pow-zero", "a^2"),
            Arguments.of("pow-num", "2^a"),
            Arguments.of("pow-pow", "(a^2)^(1/2)"),
            Arguments.of("pow-product", "(a + b)^2"),
            Arguments.of("log-exp", "exp(log(x))"),
            Arguments.of("det-transpose", "det(A B)"),
            Arguments.of("logdet-transpose", "logdet(A B)"),
            Arguments.of("diagof-diag", "diag(A)"),
            Arguments.of("vec-vector", "vec(A)"),
            Arguments.of("vec-row", "vec(A)"),
            Arguments.of("kron-scalar", "kron(A, B)"),
            Arguments.of("kron-zero", "kron(A, B)")
        );
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("fires")
    void ruleFiresAndPreservesValue(String rule, String input, String expected) {
        Rule r = rule(rule);
        Expr e = ENGINE.parse(input, WHERE, Layout.NUMERATOR);
        Expr[] hit = firstFiring(r, e);
        assertNotNull(hit, rule + " did not fire on " + input);
        assertEquals(expected, TextRenderer.render(hit[1]), rule + " on " + input);
        NumericCheck.Result same = NumericCheck.compareExpressions(hit[0], hit[1], NumericCheck.Options.defaults());
        assertTrue(same.passed(), rule + " changed the value: " + same.detail());
    }

    @ParameterizedTest(name = "{0} must not fire on {1}")
    @MethodSource("silent")
    void ruleDoesNotFire(String rule, String input) {
        Expr e = ENGINE.parse(input, WHERE, Layout.NUMERATOR);
        Expr[] hit = firstFiring(rule(rule), e);
        assertNull(hit, () -> rule + " fired on " + input + ": " + TextRenderer.render(hit[1]));
    }

    /** Rules built from nodes the parser never produces (it already flattens or folds them). */
    @Test
    void structuralRules() {
        Dim n = Dim.sym("n");
        Var a = new Var("A", Shape.square(n)), b = new Var("B", Shape.square(n)), c = new Var("C", Shape.square(n));
        assertEquals("A + B + C", TextRenderer.render(rule("add-flatten").apply(new Add(List.of(new Add(List.of(a, b)), c)))));
        assertEquals("A B C", TextRenderer.render(rule("mul-flatten").apply(Mul.of(Mul.of(a, b), c))));
        assertEquals("A .* B .* C", TextRenderer.render(rule("had-flatten").apply(new Hadamard(List.of(new Hadamard(List.of(a, b)), c)))));
        assertEquals("A", TextRenderer.render(rule("had-ones").apply(new Hadamard(List.of(new Ones(a.shape()), a)))));
        assertEquals("I", TextRenderer.render(rule("diag-ones").apply(new Diag(new Ones(Shape.column(n))))));
        assertEquals("1", TextRenderer.render(rule("ones-scalar").apply(new Ones(Shape.SCALAR))));
        assertEquals("A", TextRenderer.render(rule("t-t").apply(new Transpose(new Transpose(a)))));
        assertNull(rule("ones-scalar").apply(new Ones(Shape.column(n))));
        assertEquals("0", TextRenderer.render(rule("diag-zero").apply(new Diag(new Zero(Shape.column(n))))));
        assertEquals("ones", TextRenderer.render(rule("epow-zero").apply(new ElemPow(a, Num.ZERO))));
        assertEquals("I", TextRenderer.render(rule("inv-identity").apply(new Inverse(new Identity(n)))));
        assertEquals("I", TextRenderer.render(rule("kron-identity").apply(new Kron(new Identity(n), new Identity(n)))));
        assertEquals("I", TextRenderer.render(rule("commutation-trivial").apply(new Commutation(n, Dim.ONE))));
        assertEquals("K(m, n)", TextRenderer.render(rule("t-commutation").apply(new Transpose(new Commutation(n, Dim.sym("m"))))));
        assertEquals("0", TextRenderer.render(rule("vec-identity").apply(new Vec(new Zero(a.shape())))));
        Var x = new Var("x", Shape.column(n)), y = new Var("y", Shape.column(n));
        assertEquals("x^T y", TextRenderer.render(rule("t-scalar").apply(new Transpose(Mul.of(new Transpose(x), y)))));
        assertEquals("x^T A x", TextRenderer.render(rule("tr-scalar").apply(new Trace(Mul.of(new Transpose(x), a, x)))));
        assertNull(rule("t-scalar").apply(new Transpose(x)));
        assertNull(rule("tr-scalar").apply(new Trace(a)));
        // must not fire
        assertNull(rule("add-flatten").apply(new Add(List.of(a, b))));
        assertNull(rule("mul-flatten").apply(Mul.of(a, b)));
        assertNull(rule("had-flatten").apply(new Hadamard(List.of(a, b))));
        assertNull(rule("had-ones").apply(new Hadamard(List.of(a, b))));
        assertNull(rule("diag-ones").apply(new Diag(new Var("x", Shape.column(n)))));
        assertNull(rule("diag-zero").apply(new Diag(new Var("x", Shape.column(n)))));
        assertNull(rule("epow-zero").apply(new ElemPow(a, Num.ONE)));
        assertNull(rule("inv-identity").apply(new Inverse(a)));
        assertNull(rule("kron-identity").apply(new Kron(a, new Identity(n))));
        assertNull(rule("commutation-trivial").apply(new Commutation(n, n)));
        assertNull(rule("t-commutation").apply(new Transpose(a)));
        assertNull(rule("vec-identity").apply(new Vec(a)));
    }

    /** The vec/Kronecker rules: K (A ⊗ B) K = B ⊗ A and distributing K over a sum. */
    @Test
    void kroneckerRules() {
        Dim m = Dim.sym("m"), n = Dim.sym("n"), p = Dim.sym("p"), q = Dim.sym("q");
        Var a = new Var("A", new Shape(m, n)), b = new Var("B", new Shape(p, q));
        Expr lhs = Mul.of(new Commutation(p, m), new Kron(a, b), new Commutation(n, q));
        Expr out = rule("kron-commute").apply(lhs);
        assertEquals("kron(B, A)", TextRenderer.render(out));
        assertTrue(NumericCheck.compareExpressions(lhs, out, NumericCheck.Options.defaults()).passed());
        assertNull(rule("kron-commute").apply(Mul.of(new Commutation(m, p), new Kron(a, b), new Commutation(n, q))));
        Var c = new Var("C", new Shape(m.times(p), n.times(q)));
        Expr dist = Mul.of(new Commutation(p, m), new Add(List.of(new Kron(a, b), c)));
        Expr d = rule("mul-commutation").apply(dist);
        assertTrue(d instanceof Add);
        assertTrue(NumericCheck.compareExpressions(dist, d, NumericCheck.Options.defaults()).passed());
        assertNull(rule("mul-commutation").apply(Mul.of(new Commutation(p, m), new Kron(a, b))));
        // diag-vec: the vec form of d(diag(v) a) collapses to diag(a)
        Var av = new Var("a", Shape.column(n)), v = new Var("v", Shape.column(n));
        Expr longForm = Mul.of(new Kron(new Transpose(av), new Identity(n)), new Diag(new Vec(new Identity(n))),
                new Kron(new Ones(Shape.column(n)), new Identity(n)), v);
        Expr collapsed = rule("diag-vec").apply(longForm);
        assertEquals("diag(a) v", TextRenderer.render(collapsed));
        assertTrue(NumericCheck.compareExpressions(longForm, collapsed, NumericCheck.Options.defaults()).passed());
        assertNull(rule("diag-vec").apply(Mul.of(new Diag(new Vec(new Identity(n))), new Kron(new Ones(Shape.column(n)), new Identity(n)))));
    }

    @Test
    void everyRuleHasATest() {
        Set<String> tested = new HashSet<>();
        fires().forEach(a -> tested.add((String) a.get()[0]));
        silent().forEach(a -> tested.add((String) a.get()[0]));
        tested.addAll(List.of("ones-scalar", "add-flatten", "mul-flatten", "had-flatten", "had-ones", "diag-ones", "diag-zero", "epow-zero",
                "inv-identity", "kron-identity", "diag-vec", "commutation-trivial", "t-commutation", "vec-identity", "kron-commute", "mul-commutation"));
        List<String> missing = new ArrayList<>();
        for (Rule r : Rules.ALL) if (!tested.contains(r.name())) missing.add(r.name());
        assertTrue(missing.isEmpty(), "rules without a test: " + missing);
    }

    private static Rule rule(String name) {
        return Rules.ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no rule " + name));
    }

    /** Pre-order search for the first node the rule rewrites: {before, after}. */
    private static Expr[] firstFiring(Rule r, Expr e) {
        Expr out = r.apply(e);
        if (out != null) return new Expr[] {e, out};
        for (Expr c : e.children()) {
            Expr[] hit = firstFiring(r, c);
            if (hit != null) return hit;
        }
        return null;
    }
}
