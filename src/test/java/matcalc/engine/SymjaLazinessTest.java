package matcalc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import matcalc.symja.Symja;
import org.junit.jupiter.api.Test;

/** Symja's ~1 s start-up is paid only by results that need it; checked in a fresh JVM. */
class SymjaLazinessTest {

    /** Runs in the child JVM: differentiates, then says whether Symja was started. */
    public static void main(String[] args) {
        DiffResult r = new Engine().diff(DiffRequest.of(args[0], args[1]));
        System.out.print(r.checkPassed() + " " + Symja.started());
    }

    private static String child(String expr, String wrt) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SymjaLazinessTest.class.getName(), expr, wrt)).redirectErrorStream(true).start();
        // A library user's JVM must end with main: no non-daemon thread (Symja's pool) may linger.
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        org.junit.jupiter.api.Assertions.assertTrue(ended, "the child JVM did not end within 30 s of differentiating " + expr);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void matrixOnlyResultsNeverStartSymja() throws Exception {
        assertEquals("true false", child("tr(X^T A X)", "X"));
        assertEquals("true false", child("log(det(X)) + norm2(A x - b)^2", "X"));
        // A lone element-wise reciprocal has nothing for Symja to combine.
        assertEquals("true false", child("sum(x ./ y)", "y"));
    }

    @Test
    void fractionsToCombineAskSymja() throws Exception {
        assertEquals("true true", child("sum(x ./ (1 + x))", "x"));
    }

    @Test
    void elementwiseDerivativesAskSymja() throws Exception {
        assertEquals("true true", child("sum(tanh(W x))", "x"));
    }
}
