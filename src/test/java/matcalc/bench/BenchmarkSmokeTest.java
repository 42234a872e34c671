package matcalc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/** Every benchmark expression differentiates, and its numeric check passes (the benchmark itself skips the check). */
class BenchmarkSmokeTest {
    @Test void everyBenchmarkExpressionIsRight() {
        assertTrue(Benchmark.CASES.size() >= 40, "at least 40 benchmark expressions");
        Set<String> names = new HashSet<>();
        for (Benchmark.Case k : Benchmark.CASES) assertTrue(names.add(k.name()), "duplicate name " + k.name());
        Engine engine = new Engine();
        List<String> problems = new ArrayList<>();
        for (Benchmark.Case k : Benchmark.CASES) {
            try {
                DiffResult r = engine.diff(k.request());
                assertNotNull(r.check());
                if (!r.check().passed()) {
                    problems.add(k.name() + ": " + k.expression() + " --wrt " + k.wrt() + " = " + TextRenderer.render(r.result())
                            + "\n  " + r.check().detail());
                }
            } catch (RuntimeException e) {
                problems.add(k.name() + ": " + k.expression() + " --wrt " + k.wrt() + " threw " + e);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test void harnessRuns() {
        double median = Benchmark.run(Benchmark.CASES.subList(0, 3), 2, 5, true);
        assertTrue(median > 0);
    }
}
