package matcalc.serve;

import static matcalc.serve.Http.body;
import static matcalc.serve.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A request past its time limit gets a JSON error, its worker stops, and the server keeps serving. */
class TimeLimitTest {
    /** The exact proof at size 3 (18 symbolic entries, degree 16) runs to its 4 s budget. */
    static final String SLOW = body("claim", "tr(X^8 Y^8) = tr(Y^8 X^8)");

    @Test void slowRequestIsCutOffAndTheWorkerFreed() throws Exception {
        try (Server s = Server.start(Server.Config.defaults().withPort(0).withWorkers(1).withTimeLimit(400))) {
            long t0 = System.nanoTime();
            Http.Reply r = post(s, "/api/check", SLOW);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(400, r.status(), r.body());
            JsonNode j = r.json();
            assertEquals(java.util.Set.of(), Http.violations(j));
            assertEquals("time_limit", j.at("/error/kind").asText());
            assertEquals("the request took longer than the time limit of 0.4 s", j.at("/error/message").asText());
            assertTrue(ms < 400 + 2_000, "answered after " + ms + " ms");
            // The single worker is free again: the engine noticed the limit itself.
            long until = System.nanoTime() + 2_000_000_000L;
            while (s.activeWorkers() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertEquals(0, s.activeWorkers());
            Http.Reply next = post(s, "/api/diff", body("expression", "tr(A X)", "wrt", "X"));
            assertEquals(200, next.status(), next.body());
            assertEquals("A^T", next.json().at("/result/text").asText());
        }
    }
}
