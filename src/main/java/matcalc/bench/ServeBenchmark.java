package matcalc.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import matcalc.serve.Server;

/**
 * Throughput and latency of {@code matcalc serve} on loopback (not a test: it prints numbers).
 * Clients send a mix of /api/diff (with the numeric check), /api/check and /api/names requests.
 * <pre>java -cp target/matcalc.jar:$(cat target/runtime-classpath.txt) matcalc.bench.ServeBenchmark [clients] [requests each]</pre>
 */
public final class ServeBenchmark {
    private ServeBenchmark() {}

    static final String[][] MIX = {
            {"diff", "{\"expression\":\"tr(X^T A X)\",\"wrt\":\"X\"}"},
            {"diff", "{\"expression\":\"x^T A x\",\"wrt\":\"x\",\"where\":\"A: n x n symmetric\"}"},
            {"diff", "{\"expression\":\"norm2(A x - b)^2\",\"wrt\":\"x\",\"where\":\"b: m\"}"},
            {"diff", "{\"expression\":\"softmax(W x)\",\"wrt\":\"x\"}"},
            {"diff", "{\"expression\":\"A X B\",\"wrt\":\"X\"}"},
            {"diff", "{\"expression\":\"-y^T log(softmax(W x))\",\"wrt\":\"W\"}"},
            {"check", "{\"claim\":\"tr(A B) = tr(B A)\"}"},
            {"names", "{\"expression\":\"x^T A x + b\"}"},
    };

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (Server s = Server.start(Server.Config.defaults().withPort(0))) {
            for (int round = 0; round < 5; round++) for (String[] m : MIX) call(http, s, m); // warm-up (JIT, Symja)
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                final int offset = c;
                fs.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        long a = System.nanoTime();
                        int status = call(http, s, MIX[(k + offset) % MIX.length]);
                        if (status != 200) throw new IllegalStateException("status " + status);
                        latencies.add(System.nanoTime() - a);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
            double secs = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("matcalc serve, %d workers, %d clients x %d requests: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    Server.Config.defaults().workers(), clients, each, sorted.size() / secs,
                    pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static int call(HttpClient http, Server s, String[] m) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/" + m[0]))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(m[1])).build();
        return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
