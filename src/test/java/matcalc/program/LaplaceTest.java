package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import matcalc.numeric.Matrices;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.render.LatexRenderer;
import matcalc.render.TextRenderer;
import matcalc.symja.LogExpansion;
import org.junit.jupiter.api.Test;

/** The seed's Part 3, question 3: the Laplace negative log-likelihood through Symja, named, and differentiated. */
class LaplaceTest {
    static final Path LAPLACE = Path.of("testcases/seed/laplace.mc");

    @Test void negativeLogLikelihoodSimplifiesToTheL1Loss() throws Exception {
        Program p = Program.parse(Files.readString(LAPLACE));
        Evaluation e = Evaluation.of(p, "L", List.of("mu"), true);
        Evaluation.Simplified s = e.simplified().get("L");
        assertNotNull(s, "L was not simplified");
        assertEquals("log(2 b) + abs(y - mu) / b", TextRenderer.render(s.expr()));
        assertEquals("\\log(2 b) + \\frac{\\lvert y - \\mu \\rvert}{b}", LatexRenderer.render(s.expr()));
        assertTrue(s.check().passed(), s.check().toString());
        assertEquals(Losses.Kind.ABSOLUTE, s.loss().kind());
        assertEquals("y - mu", TextRenderer.render(s.loss().residual()));
        assertTrue(s.loss().describe().contains("mean absolute error (L1 loss)"), s.loss().describe());
        assertEquals("-sign(y - mu) / b", TextRenderer.render(e.backprop().adjoint("mu").formula()));
        assertTrue(e.checksPassed(), e.checks().toString());
        // by hand at y = 1, mu = 0.3, b = 2: -log(1/4 exp(-0.35)) = log 4 + 0.35
        Instance at = new Instance(Map.of(), Map.of("y", Matrices.scalar(1), "mu", Matrices.scalar(0.3), "b", Matrices.scalar(2)));
        assertEquals(Math.log(4) + 0.35, Evaluator.eval(s.expr(), at).getEntry(0, 0), 1e-12);
        assertEquals(Math.log(4) + 0.35, Evaluator.eval(p.binding("L").expr(), at).getEntry(0, 0), 1e-12);
        assertEquals(-0.5, Evaluator.eval(e.backprop().adjoint("mu").formula(), at).getEntry(0, 0), 1e-12);
    }

    @Test void theGaussianGivesTheSquaredError() {
        Program p = Program.parse("y, mu, sigma: scalar\nL = -log(1/sqrt(2 pi sigma^2) exp(-(y - mu)^2/(2 sigma^2)))");
        var r = LogExpansion.expandLogs(p.binding("L").expr());
        Losses.Loss loss = Losses.classify(r);
        assertNotNull(loss, TextRenderer.render(r));
        assertEquals(Losses.Kind.SQUARED, loss.kind());
        assertTrue(loss.describe().contains("mean squared error"), loss.describe());
    }

    @Test void evalCommandShowsTheLossAndItsGradient() {
        String[] r = SeedBackpropTest.cli("eval", LAPLACE.toString(), "--grad", "L", "--wrt", "mu");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("  = log(2 b) + abs(y - mu) / b"), r[1]);
        assertTrue(r[1].contains("the L1 loss"), r[1]);
        assertTrue(r[1].contains("dL/dmu = -sign(y - mu) / b"), r[1]);
    }
}
