package matcalc.serve;

import static matcalc.serve.Http.body;
import static matcalc.serve.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import matcalc.cli.Main;
import matcalc.render.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API through a real server on loopback: answers, the schema, errors and limits. */
class ApiTest {
    static Server server;

    @BeforeAll static void start() throws Exception {
        server = Server.start(Server.Config.defaults().withPort(0));
        // Symja started first: a condition's exact proof has a wall-clock budget that Symja's
        // start-up would eat in whichever of the CLI and the API call came first.
        matcalc.symja.Symja.get().eval(org.matheclipse.core.expression.F.Plus(org.matheclipse.core.expression.F.C1, org.matheclipse.core.expression.F.C1));
    }

    @AfterAll static void stop() { server.close(); }

    static JsonNode ok(Http.Reply r) {
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(Set0.EMPTY, Http.violations(j), r.body());
        assertEquals(matcalc.serve.Api.VERSION, j.get("version").asText());
        return j;
    }

    static JsonNode error(Http.Reply r, int status, String kind) {
        assertEquals(status, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(Set0.EMPTY, Http.violations(j), r.body());
        assertEquals(kind, j.at("/error/kind").asText(), r.body());
        assertFalse(r.body().contains("\tat "), "no stack trace: " + r.body());
        return j;
    }

    /** The CLI's --format json output for these arguments, parsed. */
    static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return Json.MAPPER.readTree(out.toString());
    }

    /** Every field of the CLI's answer is in the API's, with the same value (timings aside). */
    static void containsCli(JsonNode api, JsonNode cli) {
        JsonNode a = Http.timeless(api), c = Http.timeless(cli);
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue(), a.get(e.getKey()), "field " + e.getKey());
        }
    }

    @Test void diffHasTheCliFieldsAndVersion() throws Exception {
        JsonNode j = ok(post(server, "/api/diff", body("expression", "tr(X^T A X)", "wrt", "X")));
        assertEquals("(A + A^T) X", j.at("/result/text").asText());
        assertTrue(j.at("/check/passed").asBoolean());
        containsCli(j, cli("diff", "tr(X^T A X)", "--wrt", "X", "--format", "json"));

        JsonNode k = ok(post(server, "/api/diff", body("expression", "x^T A x", "wrt", "x", "where", "A: n x n symmetric",
                "layout", "denominator", "index", true, "steps", true)));
        containsCli(k, cli("diff", "x^T A x", "--wrt", "x", "--where", "A: n x n symmetric", "--layout", "denominator", "--index", "--format", "json"));
        assertEquals("2 A x", k.at("/result/text").asText());
        assertTrue(k.get("steps").size() >= 3, k.toString());
        assertTrue(k.at("/index/text").asText().startsWith("df/dx[k]"), k.toString());

        JsonNode h = ok(post(server, "/api/diff", body("expression", "x^T A x", "wrt", "x", "order", 2, "vec", "rows")));
        assertEquals("A + A^T", h.at("/result/text").asText());

        // orders 3 to 6 (of a scalar by a vector) come with their index form, as on the command line
        JsonNode four = ok(post(server, "/api/diff", body("expression", "(a^T x)^4", "wrt", "x", "where", "a: n", "order", 4)));
        containsCli(four, cli("diff", "(a^T x)^4", "--wrt", "x", "--where", "a: n", "--order", "4", "--format", "json"));
        assertEquals("d^4f/dx[i] dx[j] dx[k] dx[l] = 24 a[i] a[j] a[k] a[l]", four.at("/index/text").asText());
        assertEquals(4, four.get("order").asInt());
    }

    @Test void ordersAboveSixAndBelowOneAreRefusedWithTheReason() throws Exception {
        JsonNode j = error(post(server, "/api/diff", body("expression", "x^T x", "wrt", "x", "order", 7)), 400, "unsupported");
        assertTrue(j.at("/error/message").asText().startsWith("--order 7 is not supported (at most 6): "), j.toString());
        error(post(server, "/api/diff", body("expression", "x^T x", "wrt", "x", "order", 0)), 400, "request");
        error(post(server, "/api/diff", body("expression", "A x", "wrt", "x", "order", 4)), 400, "unsupported");
    }

    @Test void checkHasTheCliFieldsCounterexampleAndConditions() throws Exception {
        JsonNode c = cli("check", "grad(x^T A x, x) = 2 A x", "--format", "json");
        JsonNode j = ok(post(server, "/api/check", body("claim", "grad(x^T A x, x) = 2 A x")));
        containsCli(j, c);
        assertEquals("FAIL", j.get("verdict").asText());
        assertEquals("[[1.0,1.0],[0.0,1.0]]", j.at("/counterexample/values/A").toString());
        assertEquals("holds if A is symmetric", j.at("/conditions/0/text").asText());
        assertTrue(j.at("/latex/statement").asText().endsWith("= 2 A x"), j.toString());

        JsonNode p = ok(post(server, "/api/check", body("claim", "tr(A B) = tr(B A)")));
        assertEquals("PASS", p.get("verdict").asText());
        assertEquals("exact for sizes 2, 3", p.at("/exact/summary").asText());
    }

    @Test void evalHasTheCliValuesAndAGraph() throws Exception {
        String mlp = Files.readString(Path.of("testcases/seed/mlp.mc"));
        JsonNode j = ok(post(server, "/api/eval", body("program", mlp, "grad", "L", "wrt", List.of("W1", "W21", "W22"), "graph", true)));
        assertEquals(cli("eval", "testcases/seed/mlp.mc", "--grad", "L", "--wrt", "W1,W21,W22", "--format", "json"), j.get("values"));
        assertTrue(j.get("checksPassed").asBoolean());
        assertTrue(j.get("text").asText().contains("dL/dW1 = "), j.get("text").asText());
        assertTrue(j.at("/graph/dot").asText().startsWith("digraph"), j.at("/graph/dot").asText());
        assertTrue(j.at("/graph/svg").isTextual() || j.at("/graph/note").asText().contains("Graphviz"));
    }

    @Test void namesListsTheFreeVariablesWithTypes() {
        JsonNode j = ok(post(server, "/api/names", body("expression", "x^T A x + b^T x", "where", "A: 3 x 3")));
        assertEquals("{\"A\":\"3 x 3\",\"b\":\"scalar\",\"x\":\"vector(3)\"}", j.get("names").toString());
    }

    @Test void badInputIsAJsonErrorWithItsSpan() {
        JsonNode j = error(post(server, "/api/diff", body("expression", "A x + y", "wrt", "x", "where", "A: 3 x 4; y: 2")), 400, "shape");
        assertEquals("cannot add a vector of size 3 and a vector of size 2", j.at("/error/message").asText());
        assertEquals("{\"start\":0,\"end\":3}", j.at("/error/span").toString());
        assertEquals(2, j.at("/error/spans").size());
        assertEquals("expression", j.at("/error/field").asText());

        JsonNode s = error(post(server, "/api/diff", body("expression", "x + * y", "wrt", "x")), 400, "syntax");
        assertEquals("expression", s.at("/error/field").asText());
        assertTrue(s.at("/error/span/start").asInt() >= 2, s.toString());

        error(post(server, "/api/diff", body("expression", "x", "wrt", "2x")), 400, "syntax");
        error(post(server, "/api/check", body("claim", "tr(A) = tr(A^T)", "where", "A: 2 x 3")), 400, "shape");
        error(post(server, "/api/eval", body("program", "a = 1\nb = a +* 2")), 400, "syntax");
        error(post(server, "/api/diff", "{not json"), 400, "request");
        error(post(server, "/api/diff", "[1]"), 400, "request");
        error(post(server, "/api/diff", body("expression", "x")), 400, "request");
        error(post(server, "/api/diff", body("expression", "x", "wrt", "x", "colour", "red")), 400, "request");
        error(post(server, "/api/diff", body("expression", 3, "wrt", "x")), 400, "request");
        error(post(server, "/api/diff", body("expression", "x", "wrt", "x", "layout", "sideways")), 400, "request");
        error(post(server, "/api/nothing", "{}"), 404, "request");
        error(Http.get(server, "/api/diff"), 405, "request");
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        JsonNode d = error(post(server, "/api/diff", body("expression", deep, "wrt", "x")), 400, "syntax");
        assertTrue(d.at("/error/message").asText().contains("nested more than"), d.toString());
    }

    @Test void hugeValuesAreRefusedBeforeTheyAreComputed() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10; i++) rows.append(i > 0 ? "; " : "").append("1 2 3 4 5 6 7 8 9 ").append(i);
        String program = "A = [" + rows + "]\nB = kron(kron(A, A), kron(A, A))\nc = sum(B)"; // B would be 10^4 x 10^4
        long t0 = System.nanoTime();
        JsonNode j = error(post(server, "/api/eval", body("program", program)), 400, "limit");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "refused at once");
        assertEquals("a value would have 100,000,000 entries; the server computes values of at most 1,000,000", j.at("/error/message").asText());
        assertEquals(200, post(server, "/api/diff", body("expression", "tr(A X)", "wrt", "X")).status());
    }

    @Test void bodiesOver64KbAreRefusedWith413() {
        String big = body("expression", "x + ".repeat(20_000) + "x", "wrt", "x");
        assertTrue(big.length() > 64 * 1024);
        error(post(server, "/api/diff", big), 413, "limit");
        // Just under the limit is read and answered (one long name, which does not depend on x).
        String under = body("expression", "x".repeat(64 * 1024 - 40), "wrt", "x");
        assertTrue(under.length() <= 64 * 1024);
        assertEquals("0", ok(post(server, "/api/diff", under)).at("/result/text").asText());
    }

    @Test void thePageAndKatexAreServedFromTheJar() {
        Http.Reply page = Http.get(server, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("katex.min.js"), page.body());
        assertEquals(200, Http.get(server, "/katex/katex.min.js").status());
        assertEquals(200, Http.get(server, "/api-schema.json").status());
        assertEquals(404, Http.get(server, "/../pom.xml").status());
        assertEquals(404, Http.get(server, "/katex/../../matcalc/cli/Main.class").status());
    }

    @Test void bindsLoopbackByDefault() throws Exception {
        assertEquals("127.0.0.1", Server.Config.defaults().host());
        assertTrue(InetAddress.getByName(Server.Config.defaults().host()).isLoopbackAddress());
    }

    /** The real command: prints its address; --host 0.0.0.0 warns. Run as a process, stopped by the test. */
    @Test void serveCommandPrintsItsAddressAndWarnsForAllInterfaces() throws Exception {
        List<String> lines = firstLines("--port", "0");
        assertTrue(lines.get(0).matches("matcalc: serving http://127\\.0\\.0\\.1:[0-9]+/"), lines.toString());
        List<String> open = firstLines("--port", "0", "--host", "0.0.0.0");
        assertTrue(open.stream().anyMatch(l -> l.startsWith("matcalc: warning: listening on 0.0.0.0")), open.toString());
        assertTrue(open.stream().anyMatch(l -> l.startsWith("matcalc: serving http://")), open.toString());
    }

    private static List<String> firstLines(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "matcalc.cli.Main", "serve"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new java.util.ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("matcalc: serving")) break;
            }
            return lines;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    /** assertEquals(Set.of(), violations) with a readable name. */
    static final class Set0 { static final java.util.Set<com.networknt.schema.ValidationMessage> EMPTY = java.util.Set.of(); }
}
