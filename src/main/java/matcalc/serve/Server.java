package matcalc.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import matcalc.Deadline;

/**
 * {@code matcalc serve}: the page and the JSON API on the JDK's HTTP server. The limits live here:
 * the address (loopback unless told otherwise), the body size (413 beyond it), a bounded pool of
 * engine workers with a bounded queue (503 when full), and a time limit per request, enforced
 * inside the engine by {@link Deadline} (so the worker really stops) and here by not waiting longer.
 * Connection handling threads only read, wait and write; the engine runs on the worker pool, on
 * threads with the CLI's large stack so deep input gives an error, not a crash.
 */
public final class Server implements AutoCloseable {

    /** @param workers engine threads; @param queue requests waiting for one; @param timeLimitMillis per request */
    public record Config(String host, int port, int workers, int queue, long timeLimitMillis, int maxBodyBytes) {
        public static Config defaults() {
            return new Config("127.0.0.1", 8080, Math.max(2, Runtime.getRuntime().availableProcessors()), 64, 10_000, 64 * 1024);
        }
        public Config withHost(String h) { return new Config(h, port, workers, queue, timeLimitMillis, maxBodyBytes); }
        public Config withPort(int p) { return new Config(host, p, workers, queue, timeLimitMillis, maxBodyBytes); }
        public Config withWorkers(int w) { return new Config(host, port, w, queue, timeLimitMillis, maxBodyBytes); }
        public Config withQueue(int q) { return new Config(host, port, workers, q, timeLimitMillis, maxBodyBytes); }
        public Config withTimeLimit(long ms) { return new Config(host, port, workers, queue, ms, maxBodyBytes); }
    }

    /** Seconds a client may take to send its request (headers and body) before the connection is closed. */
    public static final int REQUEST_READ_SECONDS = 10;

    static {
        // The JDK's server reads this once, when it first starts: a client that sends its request
        // slowly (or never finishes it) is cut off instead of holding a connection thread.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_READ_SECONDS));
        }
    }

    /** After the time limit, how long the connection waits for the engine to notice it before answering anyway. */
    private static final long GRACE_MS = 2_000;

    /** Longest wait for a worker before the request is given up as busy. */
    private static final long QUEUE_WAIT_MS = 60_000;

    private final Config config;
    private final HttpServer http;
    private final ExecutorService connections;
    private final ThreadPoolExecutor workers;

    private Server(Config config) throws IOException {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queue())), r -> {
                    Thread t = new Thread(null, r, "matcalc-worker-" + n.incrementAndGet(), 512L * 1024 * 1024);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        // Enough connection threads that the worker queue, not the connections, is what fills up.
        int conns = config.workers() + Math.max(1, config.queue()) + 4;
        this.connections = Executors.newFixedThreadPool(conns, r -> {
            Thread t = new Thread(r, "matcalc-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        http.setExecutor(connections);
        http.createContext("/", this::handle);
    }

    /** Binds and starts; port 0 picks a free port (see {@link #port()}). */
    public static Server start(Config config) throws IOException {
        Server s = new Server(config);
        s.http.start();
        return s;
    }

    public int port() { return http.getAddress().getPort(); }

    public String url() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + h + ":" + port() + "/";
    }

    @Override public void close() {
        http.stop(0);
        workers.shutdownNow();
        connections.shutdownNow();
    }

    // ------------------------------------------------------------------ requests

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/api/")) {
                String endpoint = path.substring("/api/".length());
                if (endpoint.equals("version") && method.equals("GET")) {
                    send(ex, 200, "application/json", ("{\"version\":\"" + Api.VERSION + "\"}").getBytes(StandardCharsets.UTF_8));
                } else if (!Api.ENDPOINTS.contains(endpoint)) {
                    sendJson(ex, Api.error(404, "request", "no endpoint " + path + " (POST /api/diff, /api/check, /api/eval, /api/names)", null, null));
                } else if (!method.equals("POST")) {
                    ex.getResponseHeaders().set("Allow", "POST");
                    sendJson(ex, Api.error(405, "request", path + " takes POST with a JSON body", null, null));
                } else {
                    api(ex, endpoint);
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                sendJson(ex, Api.error(405, "request", "the page takes GET", null, null));
                return;
            }
            Assets.Asset a = Assets.get(path);
            if (a == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", path.startsWith("/katex/") ? "max-age=86400" : "no-cache");
            send(ex, 200, a.type(), a.bytes());
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException e) {
            System.err.println("matcalc serve: internal error: " + e);
        }
    }

    private void api(HttpExchange ex, String endpoint) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                sendJson(ex, Api.error(400, "request", "bad Content-Length", null, null));
                return;
            }
            if (n > config.maxBodyBytes()) {
                refuseTooLarge(ex);
                return;
            }
        }
        byte[] body = readAtMost(ex.getRequestBody(), config.maxBodyBytes());
        if (body == null) {
            refuseTooLarge(ex);
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Future<Api.Answer> f;
        long submitted = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
        try {
            f = workers.submit(() -> {
                started.set(System.nanoTime());
                return Deadline.within(config.timeLimitMillis(), Api.MAX_ENTRIES, () -> Api.handle(endpoint, text));
            });
        } catch (RejectedExecutionException e) {
            ex.getResponseHeaders().set("Retry-After", "1");
            sendJson(ex, Api.error(503, "busy", "the server is busy (" + config.workers() + " workers, "
                    + config.queue() + " waiting); try again", null, null));
            return;
        }
        Api.Answer a = null;
        try {
            // The limit counts from when a worker takes the request; waiting in the (bounded) queue
            // has its own bound. The engine stops itself at the limit; the grace covers a loop that
            // is slow to notice, after which the worker is interrupted and the client answered.
            while (a == null) {
                try {
                    a = f.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long now = System.nanoTime(), s = started.get();
                    if (s != 0 && now - s > (config.timeLimitMillis() + GRACE_MS) * 1_000_000L) {
                        f.cancel(true); // interrupts the worker: Deadline.check() sees it
                        a = Api.error(400, "time_limit", new Deadline.Exceeded(config.timeLimitMillis()).getMessage(), null, null);
                    } else if (s == 0 && now - submitted > QUEUE_WAIT_MS * 1_000_000L) {
                        f.cancel(true);
                        a = Api.error(503, "busy", "the server is busy: the request waited " + QUEUE_WAIT_MS / 1000 + " s for a worker", null, null);
                    }
                }
            }
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            System.err.println("matcalc serve: internal error: " + e.getCause());
            a = Api.error(500, "internal", "internal error: " + e.getCause().getClass().getSimpleName(), null, null);
        }
        sendJson(ex, a);
    }

    /**
     * 413. A client that is still sending when the server closes gets a connection reset instead
     * of the answer, so up to DRAIN bytes of the body are read and dropped first.
     */
    private void refuseTooLarge(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] buf = new byte[8192];
        long left = DRAIN_BYTES;
        int r;
        while (left > 0 && (r = in.read(buf)) > 0) left -= r;
        sendJson(ex, Api.error(413, "limit", "the request body is larger than " + config.maxBodyBytes() / 1024 + " KB", null, null));
    }

    private static final long DRAIN_BYTES = 4L * 1024 * 1024;

    /** The body, or null when it is longer than max (reading stops there). */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) > 0) {
            out.write(buf, 0, r);
            if (out.size() > max) return null;
        }
        return out.toByteArray();
    }

    private static void sendJson(HttpExchange ex, Api.Answer a) throws IOException {
        send(ex, a.status(), "application/json; charset=utf-8", a.json().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream o = ex.getResponseBody()) { o.write(bytes); }
        }
    }

    /** For tests: the engine workers busy now. */
    int activeWorkers() { return workers.getActiveCount(); }
}
