package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import matcalc.cli.Main;
import matcalc.render.LatexRenderer;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed homework's Part 2 (testcases/seed/mlp.mc): forward values and reverse-mode gradients,
 * against an independent hand-written Hipparchus computation (exact) and against the numbers the
 * English rendering prints (two decimals).
 */
class SeedBackpropTest {
    static final Path MLP = Path.of("testcases/seed/mlp.mc");

    static Program program;
    static Map<String, RealMatrix> forward;
    static Backprop backprop;
    static Map<String, RealMatrix> grads;

    // ---- the independent computation, by hand
    static final RealMatrix X = col(1, 2, 3, 1);
    static final RealMatrix W1 = m(new double[] {-1, 0, 1, -1}, new double[] {0, -1, 1, 1});
    static final RealMatrix W21 = m(new double[] {1, 1}, new double[] {1, -1}, new double[] {-1, 1});
    static final RealMatrix W22 = m(new double[] {2, -1}, new double[] {4, -2}, new double[] {-2, 1});
    static final RealMatrix Y = col(0, 1, 0);
    static RealMatrix a1, l1, a21, l21, a22, l22, z, yhat, dz, dl21, dl22, dl1, dW1, dW21, dW22;
    static double loss;

    static RealMatrix m(double[]... rows) { return MatrixUtils.createRealMatrix(rows); }
    static RealMatrix col(double... xs) { return MatrixUtils.createColumnRealMatrix(xs); }

    interface F { double f(double x); }
    static RealMatrix map(RealMatrix a, F f) {
        RealMatrix r = a.copy();
        for (int i = 0; i < a.getRowDimension(); i++) for (int j = 0; j < a.getColumnDimension(); j++) r.setEntry(i, j, f.f(a.getEntry(i, j)));
        return r;
    }
    static RealMatrix times(RealMatrix a, RealMatrix b) {
        RealMatrix r = a.copy();
        for (int i = 0; i < a.getRowDimension(); i++) for (int j = 0; j < a.getColumnDimension(); j++) r.setEntry(i, j, a.getEntry(i, j) * b.getEntry(i, j));
        return r;
    }

    @BeforeAll static void compute() throws Exception {
        a1 = W1.multiply(X);
        l1 = map(a1, t -> Math.max(0, t));
        a21 = W21.multiply(l1);
        l21 = map(a21, t -> Math.max(0, t));
        a22 = W22.multiply(l1);
        l22 = map(a22, t -> 1 / (1 + Math.exp(-t)));
        z = col(0, 0, 0);
        for (int i = 0; i < 3; i++) z.setEntry(i, 0, Math.max(l21.getEntry(i, 0), l22.getEntry(i, 0)));
        double s = 0;
        for (int i = 0; i < 3; i++) s += Math.exp(z.getEntry(i, 0));
        final double sum = s;
        yhat = map(z, t -> Math.exp(t) / sum);
        loss = -Math.log(yhat.getEntry(1, 0));
        // backward: softmax + cross-entropy, then max routes to the larger input
        dz = yhat.subtract(Y);
        dl21 = col(0, 0, 0);
        dl22 = col(0, 0, 0);
        for (int i = 0; i < 3; i++) {
            if (l21.getEntry(i, 0) > l22.getEntry(i, 0)) dl21.setEntry(i, 0, dz.getEntry(i, 0));
            else dl22.setEntry(i, 0, dz.getEntry(i, 0));
        }
        RealMatrix g21 = times(dl21, map(a21, t -> t > 0 ? 1 : 0));
        RealMatrix g22 = times(dl22, times(l22, map(l22, t -> 1 - t)));
        dW21 = g21.multiply(l1.transpose());
        dW22 = g22.multiply(l1.transpose());
        dl1 = W21.transpose().multiply(g21).add(W22.transpose().multiply(g22));
        dW1 = times(dl1, map(a1, t -> t > 0 ? 1 : 0)).multiply(X.transpose());

        program = Program.parse(Files.readString(MLP));
        forward = ProgramEvaluator.run(program);
        backprop = Backprop.run(program, "L", List.of("W1", "W21", "W22"));
        grads = backprop.values(forward);
    }

    static void assertClose(RealMatrix expected, RealMatrix actual, String what) {
        assertEquals(expected.getRowDimension(), actual.getRowDimension(), what + " rows");
        assertEquals(expected.getColumnDimension(), actual.getColumnDimension(), what + " columns");
        assertTrue(expected.subtract(actual).getNorm1() < 1e-12, () -> what + ": expected " + expected + " got " + actual);
    }

    /** The seed's printed numbers, as the engine's two-decimal text. */
    static void assertPrinted(String seed, RealMatrix actual) { assertEquals(seed, Values.text(actual, 2)); }

    @Test void forwardValuesAreExact() {
        assertClose(l1, forward.get("l1"), "l1");
        assertClose(l21, forward.get("l21"), "l21");
        assertClose(l22, forward.get("l22"), "l22");
        assertClose(z, forward.get("z"), "z");
        assertClose(yhat, forward.get("yhat"), "yhat");
        assertEquals(loss, forward.get("L").getEntry(0, 0), 1e-12);
    }

    @Test void forwardValuesMatchTheSeed() {
        assertPrinted("[1; 2]", forward.get("l1"));
        assertPrinted("[3; 0; 1]", forward.get("l21"));
        assertPrinted("[0.50; 0.50; 0.50]", forward.get("l22"));
        assertPrinted("[3; 0.50; 1]", forward.get("z"));
        assertEquals("[0.8214; 0.0674; 0.1112]", Values.text(forward.get("yhat"), 4));
        assertEquals("2.6967", Values.text(forward.get("L"), 4));
    }

    @Test void gradientsAreExact() {
        assertClose(dz, grads.get("dL/dz"), "dL/dz");
        assertClose(dl21, grads.get("dL/dl21"), "dL/dl21");
        assertClose(dl22, grads.get("dL/dl22"), "dL/dl22");
        assertClose(dl1, grads.get("dL/dl1"), "dL/dl1");
        assertClose(dW1, grads.get("dL/dW1"), "dL/dW1");
        assertClose(dW21, grads.get("dL/dW21"), "dL/dW21");
        assertClose(dW22, grads.get("dL/dW22"), "dL/dW22");
    }

    @Test void gradientsMatchTheSeedToTwoDecimals() {
        assertPrinted("[0.82; -0.93; 0.11]", grads.get("dL/dz"));
        assertPrinted("[-0.22; 1.40]", grads.get("dL/dl1"));
        // The original prints -0.66 for -0.66699 (truncation, an erratum): rounded it is -0.67.
        assertPrinted("[-0.22 -0.44 -0.67 -0.22; 1.40 2.80 4.20 1.40]", grads.get("dL/dW1"));
        assertPrinted("[0.82 1.64; 0 0; 0.11 0.22]", grads.get("dL/dW21"));
        // The seed prints -0.46 for -0.46629 (truncated like the -0.66 above): rounded it is -0.47.
        assertEquals(-0.46629, grads.get("dL/dW22").getEntry(1, 1), 1e-5);
        assertPrinted("[0 0; -0.23 -0.47; 0 0]", grads.get("dL/dW22"));
    }

    @Test void formulasReuseTheForwardNames() {
        assertEquals("yhat - y", formula("z"));
        assertEquals("dL/dz .* step(l21 - l22)", formula("l21"));
        assertEquals("dL/dz .* step(l22 - l21)", formula("l22"));
        assertEquals("(dL/dl21 .* step(W21 l1)) l1^T", formula("W21"));
        assertEquals("(dL/dl22 .* l22 .* (ones - l22)) l1^T", formula("W22"));
        assertEquals("W21^T (dL/dl21 .* step(W21 l1)) + W22^T (dL/dl22 .* l22 .* (ones - l22))", formula("l1"));
        assertEquals("(dL/dl1 .* step(W1 x)) x^T", formula("W1"));
        assertEquals("\\left(\\frac{\\partial L}{\\partial l_{21}} \\odot \\mathbf{1}[W_{21} l_{1} > 0]\\right) l_{1}^\\top",
                LatexRenderer.render(backprop.adjoint("W21").formula()));
        assertTrue(backprop.adjoint("z").notes().get(0).contains("sum(y) = 1"), backprop.adjoint("z").notes().toString());
    }

    static String formula(String n) { return TextRenderer.render(backprop.adjoint(n).formula()); }

    @Test void gradientsPassTheFiniteDifferenceCheck() {
        for (String w : List.of("W1", "W21", "W22")) {
            var c = backprop.check(w, forward);
            assertTrue(c.passed(), w + ": " + c);
            assertEquals(3, c.instances());
        }
    }

    @Test void crossEntropyWithAClassIndexGivesTheSameGradients() {
        String text = program.text().replace("L = -y^T log(yhat)", "L = -log(yhat[2])");
        Program p = Program.parse(text);
        Map<String, RealMatrix> fw = ProgramEvaluator.run(p);
        Backprop b = Backprop.run(p, "L", List.of("W1", "W21", "W22", "z"));
        Map<String, RealMatrix> g = b.values(fw);
        assertEquals(loss, fw.get("L").getEntry(0, 0), 1e-12);
        assertEquals("yhat - onehot(2)", TextRenderer.render(b.adjoint("z").formula()));
        assertClose(dW1, g.get("dL/dW1"), "dL/dW1");
        assertClose(dW21, g.get("dL/dW21"), "dL/dW21");
        assertClose(dW22, g.get("dL/dW22"), "dL/dW22");
        assertTrue(b.check("z", fw).passed());
        assertTrue(b.check("W1", fw).passed());
    }

    @Test void gradientWithRespectToAnEarlierBinding() {
        Backprop b = Backprop.run(program, "L", List.of("l1"));
        assertClose(dl1, b.values(forward).get("dL/dl1"), "dL/dl1");
        assertTrue(b.check("l1", forward).passed());
    }

    @Test void evalCommandPrintsTheSeedNumbers() {
        String[] r = cli("eval", MLP.toString(), "--grad", "L", "--wrt", "W1,W21,W22", "--digits", "2");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("yhat = softmax(z) = [0.82; 0.07; 0.11]"), out);
        assertTrue(out.contains("dL/dz = yhat - y = [0.82; -0.93; 0.11]"), out);
        assertTrue(out.contains("dL/dW1 = (dL/dl1 .* step(W1 x)) x^T = [-0.22 -0.44 -0.67 -0.22; 1.40 2.80 4.20 1.40]"), out);
        assertTrue(out.contains("dL/dW21 = (dL/dl21 .* step(W21 l1)) l1^T = [0.82 1.64; 0 0; 0.11 0.22]"), out);
        assertTrue(out.contains("dL/dW22 = (dL/dl22 .* l22 .* (ones - l22)) l1^T = [0 0; -0.23 -0.47; 0 0]"), out);
        assertTrue(out.contains("check: dL/dW1 passed"), out);
    }

    @Test void evalJsonHasFullPrecision() {
        String[] r = cli("eval", MLP.toString(), "--grad", "L", "--wrt", "W1,W21,W22", "--format", "json");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("\"l1\": [1.0, 2.0]"), out);
        assertTrue(out.contains("\"L\": " + forward.get("L").getEntry(0, 0)), out);
        assertTrue(out.contains("\"dL/dW21\": [[" + dW21.getEntry(0, 0) + ", " + dW21.getEntry(0, 1) + "], [0.0, 0.0], ["), out);
        assertTrue(out.contains("\"dL/dW1\": [["), out);
    }

    static String[] cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
