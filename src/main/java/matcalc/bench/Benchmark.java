package matcalc.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import matcalc.calculus.Calculus;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.Vars;
import matcalc.engine.DiffRequest;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.simplify.Strategy;

/**
 * Times parse + type + differentiate + simplify (no numeric check) on textbook derivatives: each
 * call is {@code Engine.diff} with the check off, the pipeline {@code matcalc diff} runs, so the
 * simplification timed is {@link Strategy#FULL}, as in the CLI. No JMH: each expression is warmed
 * up, then timed one call at a time; the median of each and the median of those medians are
 * reported.
 *
 * <pre>
 *   mvn -o -q -DskipTests package
 *   java -cp target/matcalc.jar:$(cat target/runtime-classpath.txt) matcalc.bench.Benchmark [options]
 *     --warmup N       calls per expression before timing (default 200)
 *     --iterations N   timed calls per expression (default 1000)
 *     --filter TEXT    only the expressions whose name or text contains TEXT
 *     --stages         also time the stages separately (parse+type, derive, simplify: Strategy.FULL
 *                      on the raw derivative, one pass where the engine makes two)
 *     --cpu            time by thread CPU time instead of the wall clock
 * </pre>
 */
public final class Benchmark {
    private Benchmark() {}

    /** One benchmark expression: what to differentiate, how, and a short name. */
    public record Case(String name, String expression, String wrt, String where, Layout layout, VecOrder vec, int order) {
        public DiffRequest request() {
            return DiffRequest.of(expression, wrt).where(where).layout(layout).vec(vec).order(order);
        }

        Case layout(Layout l) { return new Case(name, expression, wrt, where, l, vec, order); }
        Case vec(VecOrder v) { return new Case(name, expression, wrt, where, layout, v, order); }
        Case order(int o) { return new Case(name, expression, wrt, where, layout, vec, o); }
    }

    static Case c(String name, String expression, String wrt, String where) {
        return new Case(name, expression, wrt, where, Layout.NUMERATOR, VecOrder.COLUMNS, 1);
    }

    static final String VEC = "a, b, x, y, w, mu: n; A, B: n x n";
    static final String MAT = "A, B, C, X: n x n";
    static final String SPD = "S: n x n spd; A: n x n; x, mu: n";
    static final String DATA = "X: m x n; w: n; y: m; lambda: scalar";
    static final String MLP = "x: n; y: k; W1: h x n; b1: h; W2: k x h; b2: k";

    /** Textbook derivatives: scalar, vector and matrix functions, traces, determinants, inverses, norms, networks. */
    public static final List<Case> CASES = List.of(
        // --- linear and quadratic forms (seed Part 1)
        c("dot", "a^T x", "x", VEC),
        c("dot-reversed", "x^T a", "x", VEC),
        c("dot-denominator", "a^T x", "x", VEC).layout(Layout.DENOMINATOR),
        c("linear-map", "A x", "x", "A: m x n; x: n"),
        c("quadratic", "x^T A x", "x", VEC),
        c("quadratic-symmetric", "x^T A x", "x", "A: n x n symmetric; x: n"),
        c("quadratic-wrt-A", "x^T A x", "A", VEC),
        c("bilinear", "x^T A y", "A", VEC),
        c("quadratic-hessian", "x^T A x", "x", VEC).order(2),
        c("hessian-inside", "y^T hessian(x^T A x, x) y", "y", VEC),
        // --- traces
        c("trace-linear", "tr(A X)", "X", MAT),
        c("trace-quadratic", "tr(X^T A X)", "X", MAT),
        c("trace-four", "tr(X A X^T B)", "X", MAT),
        c("trace-cube", "tr(X^3)", "X", MAT),
        c("trace-inverse", "tr(X^{-1})", "X", MAT),
        c("trace-A-inv-B", "tr(A X^{-1} B)", "X", MAT),
        c("trace-S-inv-A", "tr(S^{-1} A)", "S", SPD),
        // --- determinants
        c("logdet", "log(det(X))", "X", MAT),
        c("det", "det(X)", "X", MAT),
        c("det-product", "det(A X B)", "X", MAT),
        // --- matrix-valued functions (vec / Kronecker form)
        c("kron-AXB", "A X B", "X", MAT),
        c("kron-AXB-rows", "A X B", "X", MAT).vec(VecOrder.ROWS),
        c("inverse", "inv(X)", "X", MAT),
        c("square", "X^2", "X", MAT),
        c("transpose-product", "X^T A X", "X", MAT),
        // --- norms and least squares
        c("norm-squared", "norm2(x)^2", "x", VEC),
        c("norm", "norm2(x)", "x", VEC),
        c("norm1", "norm1(x)", "x", VEC),
        c("frobenius", "norm2(X)^2", "X", MAT),
        c("least-squares", "norm2(A x - b)^2", "x", "A: m x n; x: n; b: m"),
        c("residual-norm", "norm2(A x - b)", "x", "A: m x n; x: n; b: m"),
        c("ridge", "norm2(X w - y)^2 + lambda norm2(w)^2", "w", DATA),
        c("rayleigh", "x^T A x / (x^T x)", "x", VEC),
        // --- statistics
        c("mahalanobis", "(x - mu)^T inv(S) (x - mu)", "mu", SPD),
        c("gaussian-nll", "logdet(S) + (x - mu)^T S^{-1} (x - mu)", "S", SPD),
        c("gaussian-kernel", "exp(-(x - y)^T (x - y) / 2)", "x", VEC),
        c("laplace-nll", "log(2 b) + abs(t - w^T x) / b", "w", "b, t: scalar; w, x: n"),
        // --- element-wise functions
        c("sum-exp", "sum(exp(x))", "x", VEC),
        c("logsumexp", "log(sum(exp(x)))", "x", VEC),
        c("sin-cos", "sum(sin(x) .* cos(x))", "x", VEC),
        c("hadamard", "x .* y", "x", VEC),
        c("sqrt-norm", "sqrt(x^T x)", "x", VEC),
        c("relu-max", "max(x, 0)", "x", VEC),
        c("diag-trace", "tr(diag(x) A)", "x", VEC),
        // --- softmax, logistic regression, networks
        c("softmax", "softmax(x)", "x", VEC),
        c("softmax-linear", "softmax(W x)", "x", "W: k x n; x: n"),
        c("softmax-wrt-W", "softmax(W x)", "W", "W: k x n; x: n"),
        c("logistic", "sigmoid(w^T x)", "w", VEC),
        c("logistic-loss", "-y^T log(sigmoid(X w)) - (1 - y)^T log(1 - sigmoid(X w))", "w", DATA),
        c("relu-layer", "relu(W1 x + b1)", "W1", MLP),
        c("tanh-layer", "tanh(W1 x)", "x", MLP),
        c("mlp-squared-error", "sum((W2 relu(W1 x + b1) + b2 - y).^2)", "W1", MLP),
        c("mlp-cross-entropy", "-y^T log(softmax(W2 tanh(W1 x + b1) + b2))", "W1", MLP),
        c("mlp-sigmoid-jacobian", "W2 sigmoid(W1 x + b1)", "x", MLP),
        c("seed-part2-network", "-log(softmax(max(relu(W21 relu(W1 x)), sigmoid(W22 relu(W1 x))))[2])", "W1",
                "x: 4; W1: 2 x 4; W21, W22: 3 x 2")
    );

    /**
     * Time each call by the thread's CPU time instead of the wall clock (--cpu): on a machine shared
     * with other work, wall-clock medians measure the scheduler as much as matcalc.
     */
    private static boolean cpuTime;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long now() { return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime(); }

    public static void main(String[] args) {
        int warmup = 200, iterations = 1000;
        String filter = null;
        boolean stages = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                case "--iterations": iterations = Integer.parseInt(args[++i]); break;
                case "--filter": filter = args[++i]; break;
                case "--stages": stages = true; break;
                case "--cpu": cpuTime = true; break;
                default:
                    System.err.println("usage: Benchmark [--warmup N] [--iterations N] [--filter TEXT] [--stages] [--cpu]");
                    System.exit(2);
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Case k : CASES) if (filter == null || k.name().contains(filter) || k.expression().contains(filter)) cases.add(k);
        run(cases, warmup, iterations, stages);
    }

    /** Runs the benchmark and prints the table; returns the median of the per-expression medians, in µs. */
    public static double run(List<Case> cases, int warmup, int iterations, boolean stages) {
        Engine engine = new Engine();
        System.out.printf(Locale.ROOT, "matcalc benchmark: parse + type + diff + simplify, no numeric check (%s time)%n",
                cpuTime ? "thread CPU" : "wall-clock");
        System.out.printf(Locale.ROOT, "%d expressions, %d warm-up and %d timed calls each; java %s%n%n", cases.size(), warmup,
                iterations, System.getProperty("java.version"));
        for (Case k : cases) for (int i = 0; i < warmup; i++) engine.diff(k.request().check(false));

        double[] medians = new double[cases.size()];
        long start = System.nanoTime();
        String header = stages ? String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s %10s  %s", "name", "median µs", "p90 µs",
                "parse+type", "derive", "simplify", "expression")
                : String.format(Locale.ROOT, "%-22s %10s %10s  %s", "name", "median µs", "p90 µs", "expression");
        System.out.println(header);
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            DiffRequest req = k.request().check(false);
            double[] t = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = now();
                engine.diff(req);
                t[i] = (now() - t0) / 1e3;
            }
            Arrays.sort(t);
            medians[c] = median(t);
            double p90 = t[(int) Math.min(t.length - 1, Math.round(0.9 * (t.length - 1)))];
            if (stages) {
                double[] s = stageMedians(engine, k, Math.max(50, iterations / 4));
                System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %10.1f %10.1f %10.1f  %s%n", k.name(), medians[c], p90, s[0], s[1], s[2],
                        k.expression());
            } else {
                System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f  %s%n", k.name(), medians[c], p90, k.expression());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = medians.clone();
        Arrays.sort(sorted);
        double mm = median(sorted);
        System.out.printf(Locale.ROOT, "%nmedian of medians: %.1f µs; sum of medians: %.1f µs; slowest median: %.1f µs%n", mm,
                Arrays.stream(medians).sum(), sorted[sorted.length - 1]);
        System.out.printf(Locale.ROOT, "total timed: %.2f s for %d calls%n", seconds, (long) iterations * cases.size());
        return mm;
    }

    /** Medians of parse+type, derive and simplify timed separately (first-order cases; second order shows derive only once). */
    static double[] stageMedians(Engine engine, Case k, int n) {
        Calculus calculus = new Calculus();
        double[] p = new double[n], d = new double[n], s = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Expr f = engine.parse(k.expression(), k.where(), k.layout());
            Var x = null;
            for (Var v : Vars.free(f).values()) if (v.name().equals(k.wrt())) x = v.plain();
            long t1 = System.nanoTime();
            Expr raw = x == null ? f : calculus.derive(f, x, k.layout(), k.vec()).value();
            long t2 = System.nanoTime();
            Strategy.FULL.apply(raw);
            long t3 = System.nanoTime();
            p[i] = (t1 - t0) / 1e3;
            d[i] = (t2 - t1) / 1e3;
            s[i] = (t3 - t2) / 1e3;
        }
        Arrays.sort(p);
        Arrays.sort(d);
        Arrays.sort(s);
        return new double[] {median(p), median(d), median(s)};
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
