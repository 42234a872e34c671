package matcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.numeric.DomainException;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.numeric.InstanceGenerator;
import matcalc.numeric.Vars;
import matcalc.codegen.Codegen;
import matcalc.codegen.DerivativeSpec;
import matcalc.codegen.ModuleSpec;
import matcalc.codegen.Target;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.ops.UserFunction;
import matcalc.program.Backprop;
import matcalc.program.Program;
import matcalc.program.ProgramEvaluator;
import matcalc.render.Json;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated code, run for real: every golden case that is a derivative (a {@code diff} case that
 * exits 0) and the programs with gradients (the seed network, the ML programs) become a NumPy and a
 * PyTorch module, which one Python process ({@code harness.py}) compiles, inspects (no unused
 * temporaries, no NumPy in the PyTorch module) and runs against matcalc's own Evaluator at one
 * random instance, against central differences, and against torch.autograd; each module's own
 * self-check must pass too. Python with NumPy and PyTorch is required ({@code .ci/run} installs
 * them); without it the test fails, unless {@code -Dmatcalc.codegen.skipPython=true} is given.
 */
class CodegenSuiteTest {
    static final String SKIP = "matcalc.codegen.skipPython";
    static final int WORKERS = 2;

    /** One thing to generate: an expression's derivatives or a program's gradients. */
    record Source(String label, String expression, List<String> wrt, String where, Layout layout, int order,
                  Path program, String grad, boolean checkedByCase) {}

    /** A source with its manifest entry, or why there is none (an error, or a refusal that is expected). */
    record Prepared(Source source, Map<String, Object> entry, String error, String refusal) {}

    @TestFactory Stream<DynamicTest> generatedCodeAgreesWithMatcalc() throws Exception {
        Python.Interpreter python = Python.require(SKIP);
        List<Source> sources = new ArrayList<>(goldenDerivatives());
        sources.add(program("seed/mlp.mc", "L", List.of("W1", "W21", "W22")));
        sources.add(program("ml/softmax-regression.mc", "L", List.of("W")));
        sources.add(program("seed/laplace.mc", "L", List.of("mu", "b")));
        assertTrue(sources.size() >= 60, "only " + sources.size() + " sources");

        Path dir = Files.createTempDirectory("matcalc-codegen");
        // Two workers (the machine has two cores), each with the CLI's stack: some golden inputs nest thousands deep.
        long t0 = System.nanoTime();
        Prepared[] slots = new Prepared[sources.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Throwable> escaped = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(null, () -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < sources.size(); ) slots[i] = prepare(i, sources.get(i), dir);
                } catch (Throwable e) {
                    escaped.add(e);
                }
            }, "codegen-" + w, 512L * 1024 * 1024);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) t.join();
        if (!escaped.isEmpty()) throw new AssertionError("preparing the modules failed", escaped.get(0));
        List<Prepared> prepared = List.of(slots);
        double javaSeconds = (System.nanoTime() - t0) / 1e9;

        // The harness in as many processes, each on its share of the cases.
        List<List<Object>> shares = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) shares.add(new ArrayList<>());
        int k = 0;
        for (Prepared p : prepared) if (p.entry() != null) shares.get(k++ % WORKERS).add(p.entry());
        List<java.util.concurrent.Future<Python.Run>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(WORKERS);
        Path script = harness(dir);
        for (int w = 0; w < WORKERS; w++) {
            Path m = dir.resolve("manifest" + w + ".json"), r = dir.resolve("results" + w + ".json");
            Files.writeString(m, Json.compact(Map.of("cases", shares.get(w))));
            runs.add(pool.submit(() -> python.run(List.of(script.toString(), m.toString(), r.toString()), 300)));
        }
        pool.shutdown();
        com.fasterxml.jackson.databind.node.ObjectNode merged = Json.MAPPER.createObjectNode();
        double seconds = 0;
        for (int w = 0; w < WORKERS; w++) {
            Python.Run run = runs.get(w).get();
            if (run.exit() != 0) fail("the harness failed (exit " + run.exit() + "):\n" + run.output());
            JsonNode part = Json.MAPPER.readTree(dir.resolve("results" + w + ".json").toFile());
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) part.get("results"));
            seconds = Math.max(seconds, part.get("seconds").asDouble());
        }
        JsonNode res = merged;
        double pythonSeconds = seconds;

        List<DynamicTest> tests = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
        for (Prepared p : prepared) {
            tests.add(DynamicTest.dynamicTest(p.source().label(), () -> {
                if (p.error() != null) fail(p.error());
                if (p.refusal() != null) { // a case run with --no-check whose derivative matcalc cannot check
                    passed.incrementAndGet();
                    return;
                }
                JsonNode r = res.get((String) p.entry().get("id"));
                List<String> failures = new ArrayList<>();
                r.get("failures").forEach(f -> failures.add(f.asText()));
                assertTrue(failures.isEmpty(), () -> String.join("\n", failures) + "\nmodules in " + dir);
                JsonNode counts = r.get("counts");
                boolean torch = !p.entry().containsKey("unsupported");
                for (String must : torch ? List.of("numpy values", "torch values", "numpy self-check", "torch self-check")
                        : List.of("numpy values", "numpy self-check"))
                    assertTrue(counts.has(must), () -> "not checked: " + must + " " + counts);
                passed.incrementAndGet();
            }));
        }
        // What was checked over all cases: central differences and autograd must not be rare events.
        tests.add(DynamicTest.dynamicTest("coverage", () -> {
            Map<String, Integer> total = new LinkedHashMap<>();
            res.fields().forEachRemaining(e -> e.getValue().get("counts").fields()
                    .forEachRemaining(c -> total.merge(c.getKey(), c.getValue().asInt(), Integer::sum)));
            long derivatives = prepared.stream().filter(p -> p.entry() != null)
                    .mapToLong(p -> ((List<?>) p.entry().get("derivatives")).size()).sum();
            int fd = total.getOrDefault("numpy finite differences", 0), unstable = total.getOrDefault(
                    "numpy finite differences unstable (kink or ill-conditioning)", 0);
            assertEquals(derivatives, fd + unstable, () -> "derivatives " + derivatives + ", " + total);
            assertTrue(fd >= 0.9 * derivatives, () -> "central differences usable for only " + fd + " of " + derivatives + ": " + total);
            assertTrue(total.getOrDefault("torch.autograd.functional.hessian", 0) >= 5, () -> total.toString());
            assertTrue(total.getOrDefault("torch.autograd.grad", 0) >= 40, () -> total.toString());
            System.out.println("codegen suite: " + prepared.size() + " sources, " + derivatives + " derivatives; " + total
                    + String.format(java.util.Locale.ROOT, "; derived and written in %.1f s, run by Python in %.1f s", javaSeconds, pythonSeconds));
        }));
        // The modules stay for a look when a case failed (its message names the folder); else they go.
        tests.add(DynamicTest.dynamicTest("clean up", () -> {
            if (passed.get() < prepared.size()) return;
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }));
        return tests.stream();
    }

    // ------------------------------------------------------------------ sources

    /**
     * The golden diff cases that exit 0, as codegen requests (duplicates once; --vec rows has no
     * codegen). codegen has no --structure: those cases are generated with the default convention
     * (entries independent), whose derivative is checked like any other.
     */
    static List<Source> goldenDerivatives() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(GoldenTest.ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        List<Source> out = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        boolean[] noCheck = {false};
        for (Path f : files) {
            GoldenTest.Case c = GoldenTest.parse(f);
            if (c.exit() != 0) continue;
            List<String> argv = GoldenTest.tokenize(GoldenTest.expand(c.args()));
            if (argv.size() < 2 || !argv.get(0).equals("diff")) continue;
            Map<String, String> opts = new LinkedHashMap<>();
            noCheck[0] = false;
            for (int i = 2; i < argv.size(); i++) {
                String a = argv.get(i);
                noCheck[0] |= a.equals("--no-check");
                if (a.equals("--no-check") || a.equals("--index") || a.equals("--steps")) continue;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) opts.put(a.substring(0, eq), a.substring(eq + 1));
                else if (a.startsWith("--") && i + 1 < argv.size()) opts.put(a, argv.get(++i));
                else throw new IllegalArgumentException(f + ": cannot read argument " + a);
            }
            if (opts.getOrDefault("--vec", "cols").equals("rows")) continue;
            Layout layout = Layout.byName(opts.getOrDefault("--layout", "numerator"));
            int order = Integer.parseInt(opts.getOrDefault("--order", "1"));
            if (order > 2) continue; // third derivatives: codegen writes first and second ones
            String where = opts.getOrDefault("--where", "");
            List<String> wrt = List.of(opts.get("--wrt"));
            if (!seen.add(List.of(argv.get(1), wrt, where, layout, order))) continue;
            out.add(new Source(GoldenTest.ROOT.relativize(f).toString(), argv.get(1), wrt, where, layout, order, null, null, !noCheck[0]));
        }
        return out;
    }

    static Source program(String file, String grad, List<String> wrt) {
        return new Source(file + " --grad " + grad + " --wrt " + String.join(",", wrt), null, wrt, "", Layout.NUMERATOR, 1,
                GoldenTest.ROOT.resolve(file), grad, true);
    }

    // ------------------------------------------------------------------ generation and the instance

    private static Prepared prepare(int i, Source s, Path dir) {
        ModuleSpec spec;
        try {
            spec = derive(s);
        } catch (Codegen.Unchecked e) {
            // Codegen refuses what did not pass matcalc's check; a golden case that passed it must not be refused.
            return s.checkedByCase() ? new Prepared(s, null, "codegen refused: " + e.getMessage(), null) : new Prepared(s, null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Prepared(s, null, "codegen failed: " + e, null);
        }
        try {
            Map<String, Object> entry = new LinkedHashMap<>();
            Map<String, Object> modules = new LinkedHashMap<>();
            for (Target t : Target.values()) {
                String source;
                try {
                    source = Codegen.module(spec, t);
                } catch (MatcalcError e) {
                    // an operator of the table without a spelling in this library (logm in PyTorch) is a named refusal
                    if (!e.getMessage().startsWith("codegen: no PyTorch spelling for ") || t != Target.TORCH) throw e;
                    entry.put("unsupported", e.getMessage());
                    continue;
                }
                Path file = dir.resolve("case" + i + "_" + t.name().toLowerCase() + ".py");
                Files.writeString(file, source);
                modules.put(t.name().toLowerCase(), file.toString());
            }
            entry.put("id", "case" + i);
            entry.put("label", s.label());
            entry.put("modules", modules);
            entry.put("all", spec.secondOrder() ? "f_grad_hess" : "f_and_grad");
            // python3 FILE itself, for the seed network and a Hessian of each target
            entry.put("main", s.program() != null && s.program().endsWith("mlp.mc") || s.label().equals("ml/logistic-loss.case"));
            instance(s, spec, entry);
            return new Prepared(s, entry, null, null);
        } catch (IOException | RuntimeException e) {
            return new Prepared(s, null, "codegen failed: " + e, null);
        }
    }

    private static ModuleSpec derive(Source s) {
        if (s.program() != null) {
            String text;
            try {
                text = Files.readString(s.program(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Codegen.program(text, "", s.grad(), s.wrt(), "matcalc codegen " + s.label());
        }
        return Codegen.expression(new Codegen.Request(s.expression(), s.wrt(), s.where(), s.layout(), s.order(), 1,
                "matcalc codegen (test) " + s.label()));
    }

    /**
     * A random instance of the declared structure where everything is defined and no kink is within
     * 1e-3, with matcalc's values there: its Evaluator's for an expression and its derivatives, the
     * forward pass and the adjoints of `matcalc eval` for a program.
     */
    private static void instance(Source s, ModuleSpec spec, Map<String, Object> entry) {
        List<Expr> all = new ArrayList<>(List.of(spec.value()));
        for (DerivativeSpec d : spec.derivatives()) all.add(d.expr());
        all.addAll(spec.params());
        Expr[] es = all.toArray(new Expr[0]);
        InstanceGenerator gen = new InstanceGenerator(new Random(s.label().hashCode()));
        Program program = null;
        Backprop backprop = null;
        List<Var> drawn = spec.params();
        if (s.program() != null) {
            try {
                program = Program.parse(Files.readString(s.program(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            backprop = Backprop.run(program, s.grad(), s.wrt());
            drawn = new ArrayList<>(program.free().values());
        }
        for (int attempt = 0; attempt < 60; attempt++) {
            Instance inst = gen.generate(drawn, Vars.dims(es), Vars.leastSizes(es), attempt % InstanceGenerator.STRATEGIES);
            List<RealMatrix> expected = new ArrayList<>();
            Map<String, RealMatrix> values = new LinkedHashMap<>(inst.values());
            try {
                if (program == null) {
                    Evaluator ev = new Evaluator(inst);
                    expected.add(ev.eval(spec.value()));
                    if (ev.minKinkDistance() < 1e-3) continue;
                    for (DerivativeSpec d : spec.derivatives()) expected.add(ev.eval(d.expr()));
                } else {
                    values.putAll(ProgramEvaluator.run(program, inst.values()));
                    Map<String, RealMatrix> adjoints = backprop.values(values);
                    expected.add(values.get(s.grad()));
                    for (String w : s.wrt()) expected.add(adjoints.get(Backprop.adjointName(s.grad(), w)));
                }
            } catch (DomainException e) {
                continue;
            }
            List<Object> params = new ArrayList<>();
            for (Var v : spec.params()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", v.name());
                p.put("kind", v.shape().isScalar() ? "scalar" : v.shape().cols().isOne() ? "column" : "matrix");
                p.put("value", rows(values.get(v.name())));
                p.put("structure", v.properties().stream().map(matcalc.expr.Property::word).sorted().toList());
                params.add(p);
            }
            entry.put("params", params);
            entry.put("expected", expected.stream().map(CodegenSuiteTest::rows).toList());
            List<Object> ds = new ArrayList<>();
            for (DerivativeSpec d : spec.derivatives()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("param", spec.params().stream().map(Var::name).toList().indexOf(d.wrt().name()));
                m.put("order", d.order());
                m.put("arrangement", d.arrangement());
                m.put("first", d.first());
                m.put("scalar", d.expr().shape().isScalar());
                ds.add(m);
            }
            entry.put("derivatives", ds);
            entry.put("callables", callables(spec));
            entry.put("sizes", spec.sizeParameters().stream().map(x -> inst.sizes().get(x)).toList());
            return;
        }
        throw new IllegalStateException("no instance where " + s.label() + " is defined in 60 attempts");
    }

    /**
     * The declared functions the module takes, with the constants of matcalc's stand-in for each
     * (UserFunction: f(t) = sin(a t + b) + exp(c t) / 2 with a, b, c from the name), so that the
     * harness passes the functions matcalc evaluated with; checked against UserFunction itself.
     */
    private static List<Object> callables(ModuleSpec spec) {
        java.util.SortedMap<String, Integer> top = new java.util.TreeMap<>();
        List<Expr> roots = new ArrayList<>(List.of(spec.value()));
        for (DerivativeSpec d : spec.derivatives()) roots.add(d.expr());
        for (matcalc.codegen.Definition d : spec.definitions()) roots.add(d.expr());
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(roots);
        Set<String> seen = new java.util.TreeSet<>();
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof matcalc.expr.Call c && c.op() instanceof UserFunction u) seen.add(u.name());
            todo.addAll(e.children());
        }
        List<Object> out = new ArrayList<>();
        for (String n : seen) {
            int order = n.length() - n.replaceAll("'+$", "").length();
            String base = n.substring(0, n.length() - order);
            int h = Math.floorMod(base.hashCode(), 385);
            double a = 1.1 + (h % 7) * 0.1, b = (h % 11) * 0.1, c = 0.4 + (h % 5) * 0.1;
            double t = 0.3, mine = Math.pow(a, order) * Math.sin(a * t + b + order * Math.PI / 2) + 0.5 * Math.pow(c, order) * Math.exp(c * t);
            double theirs = UserFunction.of(base, order).evaluate(List.of(matcalc.numeric.Matrices.scalar(t)), null).getEntry(0, 0);
            assertEquals(theirs, mine, 1e-12, "UserFunction's stand-in for " + n + " changed: update the constants here");
            out.add(Map.of("name", base, "order", order, "a", a, "b", b, "c", c));
        }
        out.sort(java.util.Comparator.comparing((Object o) -> (String) ((Map<?, ?>) o).get("name"))
                .thenComparing(o -> (Integer) ((Map<?, ?>) o).get("order")));
        return out;
    }

    private static List<List<Double>> rows(RealMatrix m) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < m.getRowDimension(); i++) {
            List<Double> r = new ArrayList<>();
            for (int j = 0; j < m.getColumnDimension(); j++) r.add(m.getEntry(i, j));
            out.add(r);
        }
        return out;
    }

    private static Path harness(Path dir) throws IOException {
        // the harness's own file, next to the modules it runs
        Path h = dir.resolve("harness.py");
        try (InputStream in = CodegenSuiteTest.class.getResourceAsStream("/matcalc/codegen/harness.py")) {
            Files.write(h, in.readAllBytes());
        }
        return h;
    }
}
