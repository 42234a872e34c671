package matcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 10: the gradient of sum(tanh(W_L ... tanh(W_1 x))) by W1 through the CLI, whose result
 * written out grows with the square of the depth (forward values inlined at every use). Printed in
 * its shared form (h_k and the reverse-mode adjoints g_k named once), text and LaTeX grow linearly,
 * and a 100-layer network takes seconds, not minutes, numeric check included.
 */
class DeepNetworkTest {

    static String network(int layers) {
        StringBuilder e = new StringBuilder("x");
        for (int i = 1; i <= layers; i++) e.insert(0, "tanh(W" + i + " ").append(')');
        return "sum(" + e + ")";
    }

    /** The result's lines: everything before the layout line. */
    private static String result(CliRun r) {
        assertEquals(0, r.exit(), r.stderr());
        int end = r.stdout().indexOf("\nlayout: ");
        assertTrue(end > 0, r.stdout());
        return r.stdout().substring(0, end);
    }

    private static CliRun run(int layers, String format) throws InterruptedException {
        CliRun r = CliRun.of(new String[] {"diff", network(layers), "--wrt", "W1", "--format", format}, 120_000);
        assertFalse(r.timedOut(), layers + " layers, " + format + ": no answer in 120 s");
        return r;
    }

    @Test void outputGrowsLinearlyWithDepth() throws InterruptedException {
        for (String format : new String[] {"text", "latex"}) {
            String at32 = result(run(32, format)), at64 = result(run(64, format));
            assertTrue(at64.length() < 2.2 * at32.length(), format + ": " + at32.length() + " characters at 32 layers, " + at64.length() + " at 64");
            // the forward values and the adjoints, each once
            String h = format.equals("text") ? "h63 = tanh(W63 h62)" : "h_{63} = \\tanh(W_{63} h_{62})";
            assertTrue(at64.contains(h), at64);
            assertTrue(at64.contains(format.equals("text") ? "g1 = W2^T (g2 .* (ones - h2.^2))" : "g_{1} = W_{2}^\\top (g_{2} \\odot (\\mathbf{1} - h_{2}^{\\circ 2}))"), at64);
        }
    }

    @Test void aHundredLayersInSeconds() throws InterruptedException {
        // 2 cores shared with other builds: generous (about 1.5 s here), but minutes before
        CliRun r = run(100, "latex");
        String res = result(r);
        assertTrue(r.millis() < 30_000, "took " + r.millis() + " ms");
        assertTrue(r.stdout().contains("\ncheck: passed"), r.stdout());
        assertTrue(res.length() < 20_000, res.length() + " characters");
        assertTrue(res.startsWith("\\frac{\\partial}{\\partial W_{1}} \\operatorname{sum}(\\tanh(W_{100} "), res.substring(0, 200));
        assertTrue(res.contains(" = (g_{1} \\odot (\\mathbf{1} - h_{1}^{\\circ 2})) x^\\top, \\quad \\text{where } h_{1} = \\tanh(W_{1} x),\\; "),
                res.substring(0, 2000));
        assertTrue(res.endsWith(",\\; g_{1} = W_{2}^\\top (g_{2} \\odot (\\mathbf{1} - h_{2}^{\\circ 2}))"), res.substring(res.length() - 300));
    }
}
