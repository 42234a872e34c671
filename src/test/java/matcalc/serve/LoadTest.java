package matcalc.serve;

import static matcalc.serve.Http.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 8 concurrent clients x 200 mixed requests on loopback, hostile ones among them: no server error
 * (5xx), every answer identical to the answer the same request got alone, one at a time, and the
 * hostile ones refused (413, a parse error, the time limit) while the rest are served.
 */
class LoadTest {
    record Req(String path, String body, int status) {}

    static final int CLIENTS = 8, PER_CLIENT = 200;

    static List<Req> normal() throws Exception {
        String mlp = Files.readString(Path.of("testcases/seed/mlp.mc"));
        return List.of(
                new Req("/api/diff", body("expression", "tr(X^T A X)", "wrt", "X"), 200),
                new Req("/api/diff", body("expression", "x^T A x", "wrt", "x", "layout", "denominator", "where", "A: n x n symmetric"), 200),
                new Req("/api/diff", body("expression", "softmax(W x)", "wrt", "x"), 200),
                new Req("/api/diff", body("expression", "norm2(A x - b)^2", "wrt", "x", "where", "b: m", "steps", true), 200),
                new Req("/api/diff", body("expression", "A X B", "wrt", "X", "index", true, "vec", "rows"), 200),
                new Req("/api/diff", body("expression", "x^T A x", "wrt", "x", "order", 2), 200),
                new Req("/api/diff", body("expression", "y^T log(sigmoid(X w)) + (1 - y)^T log(1 - sigmoid(X w))", "wrt", "w"), 200),
                new Req("/api/diff", body("expression", "A x + y", "wrt", "x", "where", "A: 3 x 4; y: 2"), 400),
                new Req("/api/check", body("claim", "tr(A B) = tr(B A)"), 200),
                new Req("/api/check", body("claim", "grad(x^T A x, x) = 2 A x", "exact", false), 200),
                new Req("/api/eval", body("program", mlp, "grad", "L", "wrt", "W1,W21,W22"), 200),
                new Req("/api/names", body("expression", "-y^T log(softmax(W x))"), 200));
    }

    static List<Req> hostile() {
        return List.of(
                new Req("/api/diff", body("expression", "x + ".repeat(20_000) + "x", "wrt", "x"), 413),
                new Req("/api/diff", body("expression", "(".repeat(3000) + "x" + ")".repeat(3000), "wrt", "x"), 400),
                new Req("/api/check", TimeLimitTest.SLOW, 400),
                new Req("/api/diff", "{\"expression\": ", 400),
                new Req("/api/eval", body("program", "A = [" + "1 2 3 4 5 6 7 8 9 10; ".repeat(9) + "1 2 3 4 5 6 7 8 9 10]\n"
                        + "B = kron(kron(A, A), kron(A, A))"), 400)); // B would be 10^4 x 10^4
    }

    @Test void concurrentMixedRequestsGetTheSingleThreadedAnswers() throws Exception {
        List<Req> normal = normal(), hostile = hostile();
        List<Req> all = new ArrayList<>(normal);
        all.addAll(hostile);
        try (Server s = Server.start(Server.Config.defaults().withPort(0).withTimeLimit(2000))) {
            // Alone, one at a time: the reference answers. A first round warms up (Symja's start-up
            // alone is about the time limit), the second is the reference.
            for (Req q : normal) Http.post(s, q.path(), q.body());
            Map<Integer, JsonNode> expected = new ConcurrentHashMap<>();
            {
                for (int i = 0; i < all.size(); i++) {
                    Http.Reply r = Http.post(s, all.get(i).path(), all.get(i).body());
                    assertEquals(all.get(i).status(), r.status(), all.get(i).body().substring(0, Math.min(80, all.get(i).body().length())) + " -> " + r.body());
                    assertEquals(java.util.Set.of(), Http.violations(r.json()), r.body());
                    expected.put(i, Http.timeless(r.json()));
                }
            }
            AtomicInteger served = new AtomicInteger(), refused = new AtomicInteger(), serverErrors = new AtomicInteger();
            List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                final int client = c;
                done.add(clients.submit(() -> {
                    java.util.Random rnd = new java.util.Random(client);
                    for (int k = 0; k < PER_CLIENT; k++) {
                        // About one request in 40 is hostile; the slow one holds a worker for the whole limit.
                        int i = rnd.nextInt(40) == 0 ? normal.size() + rnd.nextInt(hostile.size()) : rnd.nextInt(normal.size());
                        Req q = all.get(i);
                        Http.Reply r = Http.post(s, q.path(), q.body());
                        if (r.status() >= 500) serverErrors.incrementAndGet();
                        if (i >= normal.size()) refused.incrementAndGet(); else served.incrementAndGet();
                        JsonNode got = Http.timeless(r.json());
                        if (r.status() != q.status() || !got.equals(expected.get(i))) {
                            mismatches.add("request " + i + ": " + r.status() + " " + r.body().substring(0, Math.min(2000, r.body().length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
            clients.shutdown();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("load test: %d requests (%d hostile) from %d clients in %.1f s, %d server errors, %d mismatches%n",
                    CLIENTS * PER_CLIENT, refused.get(), CLIENTS, secs, serverErrors.get(), mismatches.size());
            assertEquals(0, serverErrors.get());
            assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())));
            assertEquals(CLIENTS * PER_CLIENT, served.get() + refused.get());
            assertTrue(refused.get() > 0 && served.get() > 0);
        }
    }
}
