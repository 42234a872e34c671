package matcalc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import matcalc.MatcalcError;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Operator;
import matcalc.expr.Signature;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the operator table: every operator states every facet, its differential passes the
 * numeric check through the engine (by each argument), a constant argument gives an exact 0
 * (the rule must not fire), its definition (if any) agrees with its value, and it has a golden
 * case. An operator whose derivative has no closed form must say so by a named error.
 */
class OperatorTableTest {
    private static final Engine ENGINE = new Engine();

    /** (operator, argument) pairs whose derivative is a named missing rule, not a formula. */
    private static final Set<String> NO_DERIVATIVE = Set.of("dexpm/0", "dlogm/0", "dsqrtm/0", "loewner_expm/0", "loewner_logm/0", "loewner_sqrtm/0");

    /** Operators PyTorch has no function for (codegen refuses them for the torch target). */
    private static final Set<String> NO_TORCH = Set.of("logm", "sqrtm", "dlogm", "dsqrtm");

    static Stream<Operator> operators() { return Operators.ALL.stream(); }

    static Stream<Arguments> arguments() {
        List<Arguments> out = new ArrayList<>();
        for (Operator op : Operators.ALL) for (int i = 0; i < op.signature().arity(); i++) out.add(Arguments.of(op.name(), i));
        return out.stream();
    }

    private static final String[] NAMES = {"A", "E"};

    /** sum(C .* op(A, E)) (or op(A) when it is a scalar), with A spd when square so every operator is defined. */
    static String expression(Operator op) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < op.signature().arity(); i++) args.add(NAMES[i]);
        String call = op.name() + "(" + String.join(", ", args) + ")";
        return op.signature().result().isScalar() ? call : "sum(C .* " + call + ")";
    }

    static String where(Operator op) {
        Signature s = op.signature();
        List<String> decls = new ArrayList<>();
        for (int i = 0; i < s.arity(); i++) {
            Signature.Dims d = s.params().get(i);
            boolean square = d.rows().equals(d.cols()) && !d.isScalar();
            decls.add(NAMES[i] + ": " + size(d.rows()) + " x " + size(d.cols()) + (square && i == 0 ? " spd" : ""));
        }
        if (!s.result().isScalar()) decls.add("C: " + size(s.result().rows()) + " x " + size(s.result().cols()));
        return String.join("; ", decls);
    }

    /** Fixed sizes, different per letter, so that a transposed shape rule cannot pass. */
    private static String size(String letter) {
        return switch (letter) { case "1" -> "1"; case "m" -> "4"; case "n" -> "3"; default -> "2"; };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void declaresEveryFacet(Operator op) {
        assertFalse(op.names().isEmpty());
        assertFalse(op.summary().isBlank(), "summary");
        assertFalse(op.rule().isBlank(), "rule");
        assertNotNull(op.signature());
        List<String> args = new ArrayList<>();
        for (int i = 0; i < op.signature().arity(); i++) args.add("a" + i);
        assertTrue(op.latex(args).contains("a0"), "latex shows its argument");
        assertTrue(op.numpy(args).contains("a0"), "numpy spelling");
        if (NO_TORCH.contains(op.name())) assertEquals(null, op.torch(args), op.name() + " declares no PyTorch spelling");
        else assertTrue(op.torch(args).contains("a0"), "torch spelling");
        assertTrue(Operators.byName(op.name()) == op);
    }

    /** The differential rule by argument i, checked numerically through the engine as `diff` runs it. */
    @ParameterizedTest(name = "{0} by argument {1}")
    @MethodSource("arguments")
    void differentialPassesTheNumericCheck(String name, int i) {
        Operator op = Operators.byName(name);
        DiffRequest req = DiffRequest.of(expression(op), NAMES[i]).where(where(op));
        if (NO_DERIVATIVE.contains(name + "/" + i)) {
            MatcalcError e = assertThrows(MatcalcError.class, () -> ENGINE.diff(req));
            assertEquals(MatcalcError.Kind.MISSING_RULE, e.kind(), e.getMessage());
            return;
        }
        DiffResult r = ENGINE.diff(req);
        assertTrue(r.check() != null && r.check().passed(), name + ": " + TextRenderer.render(r.result()) + " " + r.check());
    }

    /** Must not fire: by a variable the argument does not contain, the derivative is an exact 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void constantArgumentGivesZero(Operator op) {
        String expr = expression(op) + " + sum(z)";
        DiffResult r = ENGINE.diff(DiffRequest.of(expr, "z").where(where(op) + "; z: 2"));
        assertEquals("ones^T", TextRenderer.render(r.result()));
    }

    /** The definition in the core operations, where there is one, has the operator's value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void definitionAgreesWithValue(Operator op) {
        String call = op.name() + "(" + String.join(", ", java.util.Arrays.copyOf(NAMES, op.signature().arity())) + ")";
        var e = ENGINE.parse(call, where(op), matcalc.calculus.Layout.NUMERATOR);
        var c = (matcalc.expr.Call) e;
        var d = op.definition(c.args());
        if (d == null) return;
        var inst = new matcalc.numeric.InstanceGenerator(new java.util.Random(7)).generate(0, e);
        double err = matcalc.numeric.Matrices.relativeError(matcalc.numeric.Evaluator.eval(e, inst), matcalc.numeric.Evaluator.eval(d, inst));
        assertTrue(err < 1e-9, op.name() + " definition differs: " + err);
    }

    /** Every operator in matcalc/ops is in the table, and every one has a golden case. */
    @Test
    void tableIsCompleteAndEveryOperatorHasAGoldenCase() throws IOException {
        Set<String> classes = Operators.ALL.stream().map(o -> o.getClass().getSimpleName()).collect(Collectors.toSet());
        classes.add(UserFunction.class.getSimpleName()); // made by declarations, tested below
        classes.add(Size.class.getSimpleName());
        try (Stream<Path> files = Files.list(Path.of("src/main/java/matcalc/ops"))) {
            for (Path f : files.toList()) {
                if (Files.readString(f).contains("implements Operator")) {
                    String cls = f.getFileName().toString().replace(".java", "");
                    assertTrue(classes.contains(cls), cls + " implements Operator but is not in Operators.ALL");
                }
            }
        }
        StringBuilder cases = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("testcases"))) {
            // A case file (its command or its expected output) or a program a case runs.
            for (Path f : files.filter(p -> p.toString().endsWith(".case") || p.toString().endsWith(".mc")).toList()) {
                cases.append(Files.readString(f)).append('\n');
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Operator op : Operators.ALL) if (!cases.toString().contains(op.name() + "(")) missing.add(op.name());
        assertTrue(missing.isEmpty(), "no golden case uses " + missing);
    }

    /** Declared functions: f, f', f'' each state every facet, and d f^(k) = f^(k+1) ⊙ dA passes the check. */
    @ParameterizedTest(name = "order {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3})
    void declaredFunctionsAndTheirDerivatives(int order) {
        Operator op = UserFunction.of("f", order);
        assertEquals("f" + "'".repeat(order), op.name());
        assertTrue(op.latex(List.of("a")).startsWith("f"));
        assertEquals(order == 0 ? "f(a)" : "f_d" + order + "(a)", op.numpy(List.of("a")));
        DiffResult r = ENGINE.diff(DiffRequest.of("sum(C .* " + op.name() + "(A))", "A").where("A, C: 3 x 2; f: function"));
        assertTrue(r.check().passed(), r.check().detail());
        assertEquals("C .* f" + "'".repeat(order + 1) + "(A)", TextRenderer.render(r.result()));
        assertEquals(UserFunction.of("f", order), op, "equal name and order are the same operator");
        assertFalse(UserFunction.of("g", order).equals(op));
    }

    /** Different names are different test functions: f = g must fail. */
    @Test
    void differentNamesAreDifferentFunctions() {
        var res = matcalc.claims.ClaimChecker.check("f(x) = g(x)", "f, g: function", matcalc.calculus.Layout.NUMERATOR);
        assertEquals(matcalc.claims.CheckResult.Verdict.FAIL, res.verdict(), "f(x) = g(x)");
    }

    /** A declared size used as a scalar: its value is the size, its definition tr(I(n)), its derivative 0. */
    @Test
    void sizesAreScalars() {
        DiffResult r = ENGINE.diff(DiffRequest.of("sum(x) / n + mean(X)", "x").where("x: n; X: m x n"));
        assertEquals("ones^T / n", TextRenderer.render(r.result()));
        assertTrue(r.check().passed(), r.check().detail());
        var res = matcalc.claims.ClaimChecker.check("mean(X) = sum(X) / (m n)", "X: m x n", matcalc.calculus.Layout.NUMERATOR);
        assertEquals(matcalc.claims.CheckResult.Verdict.PASS, res.verdict(), res.toString());
        assertEquals("(2 * n)", Size.of(matcalc.expr.Dim.sym("n").times(matcalc.expr.Dim.of(2))).numpy(List.of()));
    }
}
