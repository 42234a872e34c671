package matcalc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import matcalc.calculus.Layout;
import matcalc.numeric.NumericCheck;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/**
 * Random well-typed expressions, written as text in the input language (so the parser and the
 * typer are exercised as well), differentiated with respect to a variable that occurs in them; the
 * engine's own numeric check must pass. A subset also checks that the text rendering of the result
 * parses back to the same values.
 *
 * <p>Knobs: {@code -Dmatcalc.seed=N} (default fixed), {@code -Dmatcalc.count=N} (default 5000),
 * {@code -Dmatcalc.verbose=true} prints every case.
 */
class PropertyTest {
    static final String WHERE = "A, B, X: n x n; P: n x n symmetric; G: n x n spd; Q: n x n orthogonal; D: n x n diagonal;"
            + " x, y: n; u: m; C: n x m; s, t: scalar; f, g: function";
    static final long DEFAULT_SEED = 20240611L;
    static final int MAX_DEPTH = 5;
    /** Every ROUND_TRIP-th case also checks that the rendered result parses back to the same values. */
    static final int ROUND_TRIP = 4;

    /** Operators the generator must have produced at least once in a run (a check on the generator itself). */
    static final List<String> REQUIRED = List.of("+", "-", "*", "juxtaposition", "/", ".*", "./", ".^", "transpose^T", "transpose'",
            "inverse", "inv", "inverse-transpose", "matpow", "^scalar", "tr", "det", "logdet", "log(det)", "diag", "sum",
            "norm1", "norm2", "vec", "kron", "exp", "log", "sin", "cos", "tan", "tanh", "sqrt", "abs", "sign", "sigmoid",
            "relu", "softmax", "max", "index", "negate", "identity", "number", "constant-fraction", "grad", "hessian", "jacobian",
            "arcsin", "arccos", "arctan", "sinh", "cosh", "softplus", "log1p", "user-function");
    // ... and every operator of the table (matcalc.ops.Operators.ALL), checked with these.

    record Case(int index, String text, Sh shape, String wrt, Layout layout, matcalc.calculus.VecOrder vec, int order, long seed) {
        String describe() {
            // Quoted for a shell: primes need double quotes (the texts have no " $ or \).
            String quoted = text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
            return String.format(Locale.ROOT, "#%d  diff %s --wrt %s --where \"%s\"%s%s%s --seed %d", index, quoted, wrt, WHERE,
                    layout == Layout.DENOMINATOR ? " --layout denominator" : "",
                    vec == matcalc.calculus.VecOrder.ROWS ? " --vec rows" : "", order == 2 ? " --order 2" : "", seed);
        }
    }

    static Case nextCase(int index, Random rnd, Map<String, Integer> coverage) {
        while (true) {
            double r = rnd.nextDouble();
            Sh shape = r < 0.45 ? Sh.S : r < 0.65 ? Sh.N : r < 0.8 ? Sh.NN : r < 0.85 ? Sh.R : r < 0.9 ? Sh.NM : r < 0.95 ? Sh.M : Sh.MN;
            int depth = 1 + rnd.nextInt(MAX_DEPTH);
            Gen g = new Gen(rnd, coverage);
            Frag f = g.gen(shape, depth);
            if (g.vars.isEmpty()) continue;
            // Variables of every kind get their turn: choose the kind first, then a variable of it.
            Map<VarKind, List<String>> byKind = new EnumMap<>(VarKind.class);
            for (String v : g.vars) byKind.computeIfAbsent(VARS.get(v), k -> new ArrayList<>()).add(v);
            List<VarKind> kinds = new ArrayList<>(byKind.keySet());
            List<String> candidates = byKind.get(kinds.get(rnd.nextInt(kinds.size())));
            String wrt = candidates.get(rnd.nextInt(candidates.size()));
            Layout layout = rnd.nextDouble() < 0.25 ? Layout.DENOMINATOR : Layout.NUMERATOR;
            matcalc.calculus.VecOrder vec = rnd.nextDouble() < 0.15 ? matcalc.calculus.VecOrder.ROWS : matcalc.calculus.VecOrder.COLUMNS;
            boolean small = VARS.get(wrt) != VarKind.MATRIX || (STRUCTURED.contains(wrt) && depth <= 2);
            int order = shape == Sh.S && depth <= 3 && small && rnd.nextDouble() < 0.2 ? 2 : 1;
            return new Case(index, f.text(), shape, wrt, layout, vec, order, 1 + rnd.nextInt(1000));
        }
    }

    enum Outcome { PASSED, BORDERLINE, INCONCLUSIVE, UNSUPPORTED, FAILED }

    @Test void randomExpressionsDifferentiateCorrectly() {
        long seed = Long.getLong("matcalc.seed", DEFAULT_SEED);
        int count = Integer.getInteger("matcalc.count", 5000);
        boolean verbose = Boolean.getBoolean("matcalc.verbose");
        Random rnd = new Random(seed);
        Engine engine = new Engine();
        Map<String, Integer> coverage = new TreeMap<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<String, Integer> wrtKinds = new TreeMap<>();
        List<String> failures = new ArrayList<>(), unsupported = new ArrayList<>(), inconclusive = new ArrayList<>(),
                borderline = new ArrayList<>();
        List<String> roundTripFailures = new ArrayList<>(), undetermined = new ArrayList<>();
        int roundTrips = 0, roundTripsSkipped = 0, roundTripsInconclusive = 0, secondOrder = 0, judgedSecondOrder = 0, readBackByCheck = 0;
        long slowestNanos = 0;
        String slowest = "";
        // Every simplification must reach a normal form: a run stopped by the rewrite budget means two
        // rules undo each other (or one grows without end) on some input.
        List<String> budgetStops = new ArrayList<>();
        long budgetBefore = matcalc.simplify.Simplifier.budgetExhaustions();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Case c = nextCase(i, rnd, coverage);
            wrtKinds.merge(VARS.get(c.wrt()) + " wrt, " + c.shape().describe + " function", 1, Integer::sum);
            if (c.order() == 2) secondOrder++;
            DiffRequest req = DiffRequest.of(c.text(), c.wrt()).where(WHERE).layout(c.layout()).vec(c.vec()).order(c.order()).seed(c.seed());
            long t0 = System.nanoTime();
            long budgetAtCase = matcalc.simplify.Simplifier.budgetExhaustions();
            Outcome outcome;
            DiffResult res = null;
            try {
                res = engine.diff(req);
                NumericCheck.Result chk = res.check();
                if (chk == null) {
                    outcome = Outcome.FAILED;
                    failures.add(c.describe() + "\n    no check result");
                } else if (chk.passed()) {
                    outcome = Outcome.PASSED;
                } else if (chk.inconclusive()) {
                    outcome = Outcome.INCONCLUSIVE;
                    inconclusive.add(c.describe() + "\n    " + chk.detail());
                } else if (chk.maxRelError() < 1e-4
                        || (chk.maxRelError() < 1e-3 && engine.diff(req.seed(c.seed() + 7919)).checkPassed())) {
                    // Finite differences lose digits where a function saturates (cos(tanh(2 t + 8)) has a
                    // derivative of 1e-8, known to finite differences to about 1e-5 relative): a wrong
                    // derivative is off by far more, and at other instances too.
                    outcome = Outcome.BORDERLINE;
                    borderline.add(c.describe() + "\n    " + chk.detail().replace("\n", "\n      "));
                } else {
                    outcome = Outcome.FAILED;
                    failures.add(c.describe() + "\n    result: " + TextRenderer.render(res.result())
                            + "\n    check: " + chk.detail().replace("\n", "\n      "));
                }
            } catch (MatcalcError e) {
                if (e.kind() == MatcalcError.Kind.MISSING_RULE || e.kind() == MatcalcError.Kind.UNSUPPORTED) {
                    outcome = Outcome.UNSUPPORTED;
                    unsupported.add(c.describe() + "\n    " + e.kind() + ": " + e.getMessage());
                } else {
                    outcome = Outcome.FAILED;
                    failures.add(c.describe() + "\n    " + e.kind() + " error: " + e.format().replace("\n", "\n      "));
                }
            } catch (Throwable e) {
                outcome = Outcome.FAILED;
                java.io.StringWriter sw = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(sw));
                String trace = sw.toString();
                failures.add(c.describe() + "\n    crash: " + trace.substring(0, Math.min(trace.length(), 1500)).replace("\n", "\n      "));
            }
            // Second derivatives get an independent judge: differences of differences of f itself.
            if (outcome == Outcome.PASSED && c.order() == 2) {
                String verdict = judgeSecondOrder(res, c);
                if (verdict == null) judgedSecondOrder++;
                else if (!verdict.isEmpty()) {
                    outcome = Outcome.FAILED;
                    failures.add(c.describe() + "\n    result: " + TextRenderer.render(res.result()) + "\n    independent judge: " + verdict);
                }
            }
            if (matcalc.simplify.Simplifier.budgetExhaustions() > budgetAtCase) budgetStops.add(c.describe());
            long nanos = System.nanoTime() - t0;
            if (nanos > slowestNanos) { slowestNanos = nanos; slowest = c.describe(); }
            outcomes.merge(outcome, 1, Integer::sum);
            if (verbose) System.out.println(outcome + " " + (nanos / 1_000_000) + " ms " + c.describe()
                    + (res != null ? "\n    = " + TextRenderer.render(res.result()) : ""));

            // Round trip: the text rendering parses back (same where, same layout) to the same values.
            if (outcome == Outcome.PASSED && i % ROUND_TRIP == 0) {
                Expr result = res.result();
                if (!expressible(result)) { roundTripsSkipped++; continue; }
                roundTrips++;
                String text = TextRenderer.render(result);
                String problem = null;
                boolean sizes = false;
                try {
                    Expr back = engine.parse(text, WHERE, c.layout());
                    // A size the text leaves open gets a fresh name (k, p, ...).
                    sizes = !matcalc.numeric.Vars.dims(result).containsAll(matcalc.numeric.Vars.dims(back));
                    if (!back.shape().equals(result.shape())) {
                        problem = "parses back as " + back.shape() + ", not " + result.shape();
                        sizes = true;
                    } else {
                        NumericCheck.Result cmp = NumericCheck.compareExpressions(result, back,
                                NumericCheck.Options.defaults().withSeed(c.seed()));
                        if (cmp.inconclusive()) roundTripsInconclusive++;
                        else if (!cmp.passed()) problem = "different values: " + cmp.detail();
                    }
                } catch (MatcalcError e) {
                    problem = "does not parse back: " + e.format();
                    sizes = e.kind() == MatcalcError.Kind.SHAPE;
                } catch (RuntimeException e) {
                    problem = "crash parsing it back: " + e;
                }
                if (problem != null) {
                    String line = c.describe() + "\n    text: " + text + "\n    " + problem.replace("\n", "\n      ");
                    // A bare I or ones whose size only the other side of a claim fixes (the whole
                    // result is I): read back the way a user would, through check 'diff(f, x) = text'.
                    if (sizes && hasBareSizes(result) && c.order() == 1 && c.vec() == matcalc.calculus.VecOrder.COLUMNS) {
                        matcalc.claims.CheckResult back = matcalc.claims.ClaimChecker.check("diff(" + c.text() + ", " + c.wrt() + ") = " + text,
                                WHERE, null, c.layout(), matcalc.claims.ClaimChecker.Options.defaults().withExact(false).withSeed(c.seed()));
                        if (back.verdict() == matcalc.claims.CheckResult.Verdict.PASS) readBackByCheck++;
                        else roundTripFailures.add(line + "\n    check 'diff(f, x) = text': " + String.join(" | ", back.lines()));
                    } else if (sizes && hasBareSizes(result)) {
                        undetermined.add(line);
                    } else {
                        roundTripFailures.add(line);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "PropertyTest seed %d: %d expressions in %.1f s (slowest %.0f ms: %s)%n",
                seed, count, seconds, slowestNanos / 1e6, slowest));
        report.append("  outcomes: ").append(outcomes).append(", second order: ").append(secondOrder)
                .append(" (").append(judgedSecondOrder).append(" judged by second differences)").append('\n');
        report.append("  round trips: ").append(roundTrips).append(" checked, ").append(roundTripFailures.size()).append(" failed, ")
                .append(roundTripsInconclusive).append(" inconclusive, ").append(undetermined.size() + readBackByCheck)
                .append(" with sizes the text alone does not determine (").append(readBackByCheck)
                .append(" of them read back through check 'diff(f, x) = text'), ").append(roundTripsSkipped).append(" not expressible\n");
        for (String u : undetermined.subList(0, Math.min(5, undetermined.size()))) report.append("  sizes undetermined ").append(u).append('\n');
        long budgetRuns = matcalc.simplify.Simplifier.budgetExhaustions() - budgetBefore;
        report.append("  simplifications stopped by the rewrite budget: ").append(budgetRuns).append('\n');
        for (String b : budgetStops.subList(0, Math.min(10, budgetStops.size()))) report.append("  budget ").append(b).append('\n');
        report.append("  kinds: ").append(wrtKinds).append('\n');
        report.append("  operators: ").append(coverage).append('\n');
        for (String u : unsupported.subList(0, Math.min(10, unsupported.size()))) report.append("  unsupported ").append(u).append('\n');
        for (String u : inconclusive.subList(0, Math.min(10, inconclusive.size()))) report.append("  inconclusive ").append(u).append('\n');
        for (String u : borderline) report.append("  borderline ").append(u).append('\n');
        System.out.print(report);

        List<String> problems = new ArrayList<>();
        for (String f : failures.subList(0, Math.min(25, failures.size()))) problems.add("FAILED " + f);
        for (String f : roundTripFailures.subList(0, Math.min(15, roundTripFailures.size()))) problems.add("ROUND TRIP " + f);
        if (!problems.isEmpty()) {
            fail(failures.size() + " wrong/crashing derivatives and " + roundTripFailures.size() + " round-trip failures (seed "
                    + seed + "):\n" + String.join("\n", problems) + "\n" + report);
        }
        assertTrue(budgetRuns == 0, () -> budgetRuns + " simplifications stopped at the rewrite budget instead of a normal form\n" + report);
        List<String> missing = new ArrayList<>();
        for (String op : REQUIRED) if (!coverage.containsKey(op)) missing.add(op);
        for (matcalc.expr.Operator op : matcalc.ops.Operators.ALL) if (!coverage.containsKey(op.name())) missing.add(op.name());
        assertTrue(missing.isEmpty(), () -> "the generator never produced " + missing);
        int inc = outcomes.getOrDefault(Outcome.INCONCLUSIVE, 0), uns = outcomes.getOrDefault(Outcome.UNSUPPORTED, 0);
        assertTrue(inc <= 0.05 * count, () -> "too many inconclusive checks: " + inc + " of " + count + "\n" + report);
        int bord = outcomes.getOrDefault(Outcome.BORDERLINE, 0);
        assertTrue(bord <= 0.005 * count, () -> "too many borderline numeric checks: " + bord + " of " + count + "\n" + report);
        assertTrue(uns < 0.02 * count, () -> "too many MISSING_RULE/UNSUPPORTED: " + uns + " of " + count + "\n" + report);
        assertTrue(roundTripsInconclusive <= 0.05 * Math.max(1, roundTrips), () -> "too many inconclusive round trips\n" + report);
    }

    /**
     * Compares a second derivative with second differences of the function at two random instances
     * (sizes 2 and 3, the declared structure): null when it agrees, "" when it could not be judged
     * (kinks, domain, row-major vec), else what differs.
     */
    static String judgeSecondOrder(DiffResult res, Case c) {
        Expr f = res.function();
        if (!f.isScalar() || (c.vec() == matcalc.calculus.VecOrder.ROWS && !res.variable().shape().isVectorLike())) return "";
        matcalc.numeric.InstanceGenerator gen = new matcalc.numeric.InstanceGenerator(new Random(c.seed()), 2, 3);
        int judged = 0, strategy = 0;
        for (int attempt = 0; attempt < 8 && judged < 2; attempt++) {
            matcalc.numeric.Instance inst = gen.generate(strategy, f, res.variable());
            try {
                matcalc.numeric.Evaluator base = new matcalc.numeric.Evaluator(inst);
                double scale = base.eval(f).getFrobeniusNorm();
                if (base.minKinkDistance() < 1e-2) throw new matcalc.numeric.DomainException("near a kink");
                org.hipparchus.linear.RealMatrix want = SecondDifferences.hessian(f, res.variable().name(), inst);
                org.hipparchus.linear.RealMatrix got = matcalc.numeric.Evaluator.eval(res.result(), inst);
                // Second differences carry an absolute error of up to about 1e-6 |f| (seen in a 50,000-case
                // run on linear functions, whose Hessian is 0): compare on f's scale too.
                double err = matcalc.numeric.Matrices.relativeError(got, want, 1e-3 * Math.max(1, Math.max(scale, want.getFrobeniusNorm())));
                if (err > 1e-3) return String.format(Locale.ROOT, "relative error %.3g against second differences at sizes %s", err, inst.sizes());
                judged++;
            } catch (matcalc.numeric.DomainException e) {
                strategy = (strategy + 1) % matcalc.numeric.InstanceGenerator.STRATEGIES;
            }
        }
        return judged > 0 ? null : "";
    }

    /** Whether e has an I or ones, which print without their size (the text may not determine it). */
    static boolean hasBareSizes(Expr e) {
        if (e instanceof matcalc.expr.Identity || e instanceof matcalc.expr.Ones) return true;
        for (Expr c : e.children()) if (hasBareSizes(c)) return true;
        return false;
    }

    /**
     * Whether the text renderer can write e in the input language at all: commutation matrices K
     * and unit vectors e_i have no syntax, and a zero matrix or vector prints as the number 0 (by
     * design), which means something else inside a function: softmax(0), norm2(0).
     */
    static boolean expressible(Expr e) {
        if (e instanceof matcalc.expr.UnitVector) return false; // K(m, n) parses since the text form prints it
        if (e instanceof matcalc.expr.Zero z && !z.shape().isScalar()) return false;
        for (Expr c : e.children()) if (!expressible(c)) return false;
        return true;
    }

    // ------------------------------------------------------------------ the generator

    /** Shapes the generator produces: n and m are the symbolic sizes of the declarations above. */
    enum Sh {
        S("scalar"), N("vector n"), R("row 1 x n"), NN("n x n"), NM("n x m"), MN("m x n"), M("vector m");
        final String describe;
        Sh(String d) { describe = d; }
    }

    enum VarKind { SCALAR, VECTOR, MATRIX }

    static final Map<String, VarKind> VARS = Map.ofEntries(Map.entry("s", VarKind.SCALAR), Map.entry("t", VarKind.SCALAR),
            Map.entry("x", VarKind.VECTOR), Map.entry("y", VarKind.VECTOR), Map.entry("u", VarKind.VECTOR),
            Map.entry("A", VarKind.MATRIX), Map.entry("B", VarKind.MATRIX), Map.entry("X", VarKind.MATRIX),
            Map.entry("P", VarKind.MATRIX), Map.entry("C", VarKind.MATRIX), Map.entry("G", VarKind.MATRIX),
            Map.entry("Q", VarKind.MATRIX), Map.entry("D", VarKind.MATRIX));

    /** Declared structure: entries are independent when differentiating, the point is structured. */
    static final Set<String> STRUCTURED = Set.of("P", "G", "Q", "D");

    /** Precedence of a generated fragment, loosest first (as in the grammar). */
    static final int SUM = 0, PRODUCT = 1, UNARY = 2, POSTFIX = 3, ATOM = 4;

    record Frag(String text, int prec) {
        /** As an operand that needs at least this precedence. */
        String at(int need) { return prec >= need ? text : "(" + text + ")"; }
    }

    /** Generates one expression per call; records the variables and the operators it used. */
    static final class Gen {
        final Random rnd;
        final Set<String> vars = new LinkedHashSet<>();
        final Map<String, Integer> coverage;

        Gen(Random rnd, Map<String, Integer> coverage) {
            this.rnd = rnd;
            this.coverage = coverage;
        }

        private void op(String name) { coverage.merge(name, 1, Integer::sum); }

        private boolean p(double prob) { return rnd.nextDouble() < prob; }

        private <T> T pick(List<T> xs) { return xs.get(rnd.nextInt(xs.size())); }

        private Frag v(String name) { vars.add(name); return new Frag(name, ATOM); }

        /** A depth for a child: one child keeps the full budget, the others are usually shallower. */
        private int sub(int d) { return d <= 1 ? 0 : p(0.6) ? d - 1 : rnd.nextInt(d); }

        Frag gen(Sh sh, int d) {
            if (d <= 0 || p(0.12)) return leaf(sh);
            switch (sh) {
                case S: return scalar(d);
                case N: return vector(d);
                case R: return row(d);
                case NN: return square(d);
                case NM: return wide(d);
                case MN: return tall(d);
                default: return vectorM(d);
            }
        }

        Frag leaf(Sh sh) {
            switch (sh) {
                case S:
                    if (p(0.25)) { op("number"); return new Frag(pick(List.of("2", "3", "0.5", "1.5", "4")), ATOM); }
                    return v(pick(List.of("s", "t")));
                case N: return v(pick(List.of("x", "y")));
                case R: { Frag x = v(pick(List.of("x", "y"))); return post(x, p(0.5) ? "^T" : "'", "transpose"); }
                case NN: return v(pick(List.of("A", "B", "X", "X", "P", "G", "Q", "D")));
                case NM: return v("C");
                case MN: return post(v("C"), p(0.5) ? "^T" : "'", "transpose");
                default: return v("u");
            }
        }

        // ---- building blocks

        private Frag post(Frag base, String suffix, String opName) {
            op(opName.equals("transpose") ? "transpose" + suffix : opName);
            return new Frag(base.at(POSTFIX) + suffix, POSTFIX);
        }

        private Frag call(String fn, Frag... args) {
            op(fn);
            StringBuilder sb = new StringBuilder(fn).append('(');
            for (int i = 0; i < args.length; i++) { if (i > 0) sb.append(", "); sb.append(args[i].text()); }
            return new Frag(sb.append(')').toString(), ATOM);
        }

        private Frag add(Frag l, Frag r, boolean minus) {
            op(minus ? "-" : "+");
            return new Frag(l.at(SUM) + (minus ? " - " : " + ") + r.at(PRODUCT), SUM);
        }

        /** l op r for * / .* ./ (the right operand may carry a sign), or juxtaposition (it may not). */
        private Frag mul(Frag l, String op, Frag r) {
            if (op.isEmpty()) {
                op("juxtaposition");
                return new Frag(l.at(PRODUCT) + " " + r.at(POSTFIX), PRODUCT);
            }
            op(op);
            return new Frag(l.at(PRODUCT) + " " + op + " " + r.at(UNARY), PRODUCT);
        }

        /** Matrix or scalar product, written with * or by juxtaposition. */
        private Frag times(Frag l, Frag r) { return mul(l, p(0.4) ? "*" : "", r); }

        private Frag neg(Frag a) { op("negate"); return new Frag("-" + a.at(POSTFIX), UNARY); }

        private static final List<String> SMOOTH = List.of("exp", "sin", "cos", "tanh", "sigmoid", "tan");
        private static final List<String> KINKED = List.of("abs", "relu", "sign");

        /** An element-wise function of a (shape-preserving) argument; log/sqrt get a positive argument. */
        private Frag elementwise(Sh sh, int d) {
            double r = rnd.nextDouble();
            if (r < 0.5) {
                String f = pick(SMOOTH);
                Frag a = gen(sh, d - 1);
                if (f.equals("tan") || f.equals("exp")) a = damp(a); // keep away from poles and overflow
                return call(f, a);
            }
            if (r < 0.56) { // declared functions and their derivatives: f(a), f'(a), g''(a)
                String f = pick(List.of("f", "g")) + "'".repeat(rnd.nextInt(3));
                op("user-function");
                return new Frag(f + "(" + damp(gen(sh, d - 1)).text() + ")", ATOM);
            }
            if (r < 0.62) return call(pick(List.of("log", "sqrt")), positive(sh, d - 1));
            if (r < 0.75) { // arcsin/arccos need arguments in (-1, 1); sinh/cosh moderate ones
                String f = pick(List.of("arcsin", "arccos", "arctan", "sinh", "cosh", "softplus", "log1p"));
                Frag a = gen(sh, d - 1);
                if (f.startsWith("arcs") || f.startsWith("arcc")) a = mul(new Frag("0.5", ATOM), "", call("tanh", a));
                else if (f.equals("log1p")) a = positive(sh, d - 1);
                else if (!f.equals("arctan")) a = damp(a);
                return call(f, a);
            }
            return call(pick(KINKED), gen(sh, d - 1));
        }

        /** 0.5 sin(a) or a / 4 style damping, so tan and exp see moderate arguments. */
        private Frag damp(Frag a) {
            if (p(0.5)) return mul(new Frag("0.5", ATOM), "", call("sin", a));
            return mul(a, "/", new Frag("4", ATOM));
        }

        /** Something with positive entries: exp(.), 1 + a.^2, sigmoid(.), or (rarely) anything. */
        private Frag positive(Sh sh, int d) {
            double r = rnd.nextDouble();
            Frag a = gen(sh, Math.max(0, d));
            if (r < 0.3) return call("exp", damp(a));
            if (r < 0.6) {
                Frag sq = sh == Sh.S ? power(a, "^2") : post(a, ".^2", ".^");
                return add(new Frag("1", ATOM), sq, false);
            }
            if (r < 0.8) return call("sigmoid", a);
            return a; // may be negative: the checker resamples with positive values or reports inconclusive
        }

        private Frag power(Frag base, String suffix) {
            op(suffix.startsWith(".^") ? ".^" : "^scalar");
            return new Frag(base.at(POSTFIX) + suffix, POSTFIX);
        }

        /** A positive scalar to divide by. */
        private Frag denominator(int d) {
            if (d <= 0 || p(0.3)) {
                if (p(0.3)) return new Frag(pick(List.of("2", "4", "0.5")), ATOM);
                return add(new Frag("1", ATOM), power(v(pick(List.of("s", "t"))), "^2"), false);
            }
            return positive(Sh.S, d - 1);
        }

        /** A square matrix expression that is usually invertible with positive determinant. */
        private Frag spdish(int d) {
            double r = rnd.nextDouble();
            if (r < 0.4) return v(pick(List.of("A", "B", "X", "P")));
            Frag m = gen(Sh.NN, d - 1);
            if (r < 0.7) { op("identity"); return add(mul(post(m, "^T", "transpose"), "", m), new Frag("I", ATOM), false); }
            op("identity");
            return add(m, new Frag("I", ATOM), false);
        }

        /** Another expression of the shape, not the same text: max(a, a) sits on its kink everywhere. */
        private Frag other(Sh sh, int d, Frag not) {
            for (int i = 0; i < 10; i++) {
                Frag b = gen(sh, d);
                if (!b.text().equals(not.text())) return b;
            }
            return sh == Sh.S ? new Frag("0.5", ATOM) : add(not, new Frag("1", ATOM), false);
        }

        // ---- productions per shape

        /**
         * A fraction whose numerator or denominator mixes constants (0.5, 1/4, 1 + s^2) with a smooth
         * function of the argument: the class that Symja's round trip once got wrong.
         */
        private Frag constantFraction(Sh sh, int d) {
            op("constant-fraction");
            Frag c = pick(List.of(new Frag("0.5", ATOM), new Frag("0.25", ATOM), new Frag("2", ATOM),
                    add(new Frag("1", ATOM), power(v(pick(List.of("s", "t"))), "^2"), false)));
            Frag inner = gen(sh, Math.min(2, sub(d)));
            String fn = pick(List.of("sigmoid", "exp", "sigmoid"));
            Frag positive = sh == Sh.N && p(0.25) ? add(call("softmax", inner), call("exp", damp(gen(sh, 0))), false)
                    : call(fn, fn.equals("exp") ? damp(inner) : inner);
            Frag den = p(0.5) ? add(c, positive, false) : add(positive, c, false);
            double r = rnd.nextDouble();
            if (r < 0.2) return call("log", den);
            Frag num = r < 0.45 ? gen(sh, sub(d)) : r < 0.7 ? call(pick(List.of("tanh", "sigmoid")), gen(sh, sub(d)))
                    : add(gen(sh, sub(d)), new Frag("1", ATOM), true);
            return mul(num, sh == Sh.S ? "/" : "./", den);
        }

        /** A derivative operator inside the expression: reduced by sum, tr or exp(sum(.)). */
        private Frag nested(int d) {
            String x = pick(List.of("x", "y"));
            vars.add(x);
            Frag body = gen(Sh.S, Math.min(2, d - 1));
            double r = rnd.nextDouble();
            if (r < 0.4) {
                Frag g = call("grad", body, new Frag(x, ATOM));
                return p(0.5) ? call("sum", g) : call("exp", mul(new Frag("0.1", ATOM), "", call("sum", g)));
            }
            if (r < 0.7) return call("tr", call("hessian", gen(Sh.S, Math.min(1, d - 1)), new Frag(x, ATOM)));
            Frag vec = p(0.5) ? constantFraction(Sh.N, 2) : gen(Sh.N, Math.min(2, d - 1));
            return call(p(0.5) ? "tr" : "sum", call("jacobian", vec, new Frag(x, ATOM)));
        }

        /** Operators of the table whose argument must be positive definite to have a value. */
        private static final Set<String> NEEDS_SPD = Set.of("chol", "logm", "sqrtm", "dlogm", "dsqrtm", "loewner_logm", "loewner_sqrtm");

        /**
         * An operator of the table (the least used so far, so every one is drawn in a run) on
         * arguments of its signature's shapes, reduced to a scalar by sum when it is not one.
         */
        private Frag tableOperator(int d) {
            matcalc.expr.Operator op = null;
            for (matcalc.expr.Operator o : matcalc.ops.Operators.ALL) {
                if (op == null || coverage.getOrDefault(o.name(), 0) < coverage.getOrDefault(op.name(), 0)) op = o;
            }
            op(op.name());
            matcalc.expr.Signature sig = op.signature();
            List<Frag> args = new ArrayList<>();
            for (matcalc.expr.Signature.Dims p : sig.params()) {
                if (p.cols().equals("1")) args.add(gen(Sh.N, d - 1));
                else if (!p.rows().equals(p.cols())) args.add(gen(pick(List.of(Sh.NN, Sh.NM, Sh.MN)), d - 1));
                else if (NEEDS_SPD.contains(op.name()) && args.isEmpty()) args.add(p(0.5) ? v("G") : spd(d - 1));
                else args.add(gen(Sh.NN, d - 1));
            }
            Frag c = call(op.name(), args.toArray(new Frag[0]));
            return sig.result().isScalar() ? c : call("sum", c);
        }

        /** m^T m + I: positive definite. */
        private Frag spd(int d) {
            op("identity");
            Frag m = gen(Sh.NN, Math.max(0, d));
            return add(mul(post(m, "^T", "transpose"), "", m), new Frag("I", ATOM), false);
        }

        Frag scalar(int d) {
            switch (rnd.nextInt(26)) {
                case 25: return tableOperator(d);
                case 22: case 23: return constantFraction(Sh.S, d);
                case 24: return nested(d);
                case 0: return add(gen(Sh.S, sub(d)), gen(Sh.S, sub(d)), p(0.4));
                case 1: return times(gen(Sh.S, sub(d)), gen(Sh.S, sub(d)));
                case 2: return mul(gen(Sh.S, sub(d)), "/", denominator(sub(d)));
                case 3: {
                    Frag b = gen(Sh.S, d - 1);
                    double r = rnd.nextDouble();
                    if (r < 0.4) return power(b, pick(List.of("^2", "^3")));
                    if (r < 0.6) return power(add(new Frag("1", ATOM), power(b, "^2"), false), pick(List.of("^{-1}", "^-2", "^(-1)")));
                    if (r < 0.8) return power(positive(Sh.S, d - 1), pick(List.of("^0.5", "^{1.5}")));
                    return power(positive(Sh.S, d - 1), "^" + v(pick(List.of("s", "t"))).text()); // variable exponent
                }
                case 4: { // inner products
                    Frag a = gen(Sh.N, sub(d)), b = gen(Sh.N, sub(d));
                    return p(0.5) ? mul(post(a, p(0.5) ? "^T" : "'", "transpose"), "", b) : times(gen(Sh.R, sub(d)), b);
                }
                case 5: { // quadratic form
                    Frag a = gen(Sh.N, sub(d - 1)), m = gen(Sh.NN, sub(d)), b = p(0.5) ? a : gen(Sh.N, sub(d - 1));
                    return mul(mul(post(a, "^T", "transpose"), "", m), "", b);
                }
                case 6: return call("tr", gen(Sh.NN, d - 1));
                case 7: return call("det", gen(Sh.NN, d - 1));
                case 8: {
                    Frag m = spdish(d);
                    if (p(0.5)) return call("logdet", m);
                    op("log(det)");
                    return new Frag("log(det(" + m.text() + "))", ATOM);
                }
                case 9: return call("sum", gen(pick(List.of(Sh.N, Sh.NN, Sh.NM, Sh.R, Sh.S)), d - 1));
                case 10: return call(pick(List.of("norm1", "norm2")), gen(pick(List.of(Sh.N, Sh.NN, Sh.NM, Sh.M)), d - 1));
                case 11: return power(call("norm2", gen(pick(List.of(Sh.N, Sh.NN)), d - 1)), "^2");
                case 12: case 13: return elementwise(Sh.S, d);
                case 14: { Frag a = gen(Sh.S, sub(d)); return call("max", a, other(Sh.S, sub(d), a)); }
                case 15: { // Kronecker products and vec, reduced to scalars (rarely: few have adjoint rules)
                    if (p(0.6)) return call("tr", gen(Sh.NN, d - 1));
                    int k = rnd.nextInt(4);
                    if (k == 0) return call("sum", call("kron", gen(Sh.NN, sub(d - 1)), gen(pick(List.of(Sh.NN, Sh.N, Sh.R)), sub(d - 1))));
                    if (k == 1) return call("tr", call("kron", gen(Sh.NN, sub(d - 1)), gen(Sh.NN, sub(d - 1))));
                    if (k == 2) return call("norm2", call("vec", gen(pick(List.of(Sh.NN, Sh.NM)), d - 2)));
                    return mul(post(call("vec", gen(Sh.NN, sub(d - 1))), "^T", "transpose"), "", call("vec", gen(Sh.NN, sub(d - 1))));
                }
                case 16: { // entries
                    op("index");
                    if (p(0.5)) return new Frag(gen(Sh.N, d - 1).at(ATOM) + "[" + (1 + rnd.nextInt(2)) + "]", ATOM);
                    return new Frag(gen(Sh.NN, d - 1).at(ATOM) + "[" + (1 + rnd.nextInt(2)) + ", " + (1 + rnd.nextInt(2)) + "]", ATOM);
                }
                case 17: { // softmax of a vector, reduced
                    Frag sm = call("softmax", gen(Sh.N, d - 1));
                    return p(0.5) ? mul(post(gen(Sh.N, sub(d)), "^T", "transpose"), "", sm) : new Frag(sm.text() + "[1]", ATOM);
                }
                case 18: return neg(gen(Sh.S, d - 1));
                case 19: return mul(gen(Sh.S, sub(d)), ".*", gen(Sh.S, sub(d)));
                case 20: return times(times(post(gen(Sh.M, sub(d - 1)), "^T", "transpose"), post(gen(Sh.NM, sub(d - 1)), "^T", "transpose")), gen(Sh.N, sub(d - 1)));
                default: return call("sum", call("diag", gen(Sh.NN, d - 1)));
            }
        }

        Frag vector(int d) {
            switch (rnd.nextInt(22)) {
                case 20: case 21: return constantFraction(Sh.N, d);
                case 0: return add(gen(Sh.N, sub(d)), gen(Sh.N, sub(d)), p(0.4));
                case 1: return times(gen(Sh.S, sub(d)), gen(Sh.N, sub(d)));
                case 2: return times(gen(Sh.N, sub(d)), gen(Sh.S, sub(d)));
                case 3: return mul(gen(Sh.N, sub(d)), "/", denominator(sub(d)));
                case 4: case 5: return times(gen(Sh.NN, sub(d)), gen(Sh.N, sub(d)));
                case 6: return mul(gen(Sh.N, sub(d)), ".*", gen(Sh.N, sub(d)));
                case 7: return mul(gen(Sh.N, sub(d)), "./", positive(Sh.N, sub(d)));
                case 8: return p(0.6) ? power(gen(Sh.N, d - 1), pick(List.of(".^2", ".^3"))) : power(positive(Sh.N, d - 1), ".^0.5");
                case 9: case 10: return elementwise(Sh.N, d);
                case 11: return call("softmax", gen(Sh.N, d - 1));
                case 12: {
                    Frag a = gen(Sh.N, sub(d));
                    return p(0.7) ? call("max", a, other(Sh.N, sub(d), a)) : call("max", a, gen(Sh.S, 0));
                }
                case 13: return call("diag", gen(Sh.NN, d - 1));
                case 14: return post(gen(Sh.R, d - 1), p(0.5) ? "^T" : "'", "transpose");
                case 15: return times(gen(Sh.NM, sub(d)), gen(Sh.M, sub(d)));
                case 16: { // inverses acting on a vector
                    Frag m = spdish(d);
                    if (p(0.5)) return times(call("inv", m), gen(Sh.N, sub(d)));
                    return times(post(m, "^{-1}", "inverse"), gen(Sh.N, sub(d)));
                }
                case 17: return times(post(gen(Sh.NN, sub(d)), pick(List.of("^2", "^3")), "matpow"), gen(Sh.N, sub(d)));
                case 18: return add(gen(Sh.N, sub(d)), gen(Sh.S, sub(d)), p(0.5)); // scalar broadcast
                default: return neg(gen(Sh.N, d - 1));
            }
        }

        Frag row(int d) {
            switch (rnd.nextInt(6)) {
                case 0: return post(gen(Sh.N, d - 1), p(0.5) ? "^T" : "'", "transpose");
                case 1: return times(gen(Sh.R, sub(d)), gen(Sh.NN, sub(d)));
                case 2: return times(gen(Sh.S, sub(d)), gen(Sh.R, sub(d)));
                case 3: return add(gen(Sh.R, sub(d)), gen(Sh.R, sub(d)), p(0.4));
                case 4: return mul(gen(Sh.R, sub(d)), ".*", gen(Sh.R, sub(d)));
                default: return elementwise(Sh.R, d);
            }
        }

        Frag square(int d) {
            switch (rnd.nextInt(23)) {
                case 22: return constantFraction(Sh.NN, d);
                case 0: case 1: return add(gen(Sh.NN, sub(d)), gen(Sh.NN, sub(d)), p(0.4));
                case 2: case 3: return times(gen(Sh.NN, sub(d)), gen(Sh.NN, sub(d)));
                case 4: return times(gen(Sh.S, sub(d)), gen(Sh.NN, sub(d)));
                case 5: return mul(gen(Sh.NN, sub(d)), "/", denominator(sub(d)));
                case 6: return mul(gen(Sh.NN, sub(d)), ".*", gen(Sh.NN, sub(d)));
                case 7: return mul(gen(Sh.NN, sub(d)), "./", positive(Sh.NN, sub(d)));
                case 8: return p(0.6) ? power(gen(Sh.NN, d - 1), ".^2") : power(positive(Sh.NN, d - 1), ".^0.5");
                case 9: return post(gen(Sh.NN, d - 1), p(0.5) ? "^T" : "'", "transpose");
                case 10: {
                    Frag m = spdish(d);
                    double r = rnd.nextDouble();
                    if (r < 0.35) return post(m, "^{-1}", "inverse");
                    if (r < 0.55) return call("inv", m);
                    if (r < 0.75) return post(m, "^{-T}", "inverse-transpose");
                    return post(m, pick(List.of("^-1", "^(-2)")), "inverse");
                }
                case 11: return post(gen(Sh.NN, d - 1), pick(List.of("^2", "^3", "^{2}")), "matpow");
                case 12: case 13: return elementwise(Sh.NN, d);
                case 14: return call("diag", gen(Sh.N, d - 1));
                case 15: return times(gen(Sh.N, sub(d)), gen(Sh.R, sub(d)));
                case 16: return times(gen(Sh.NM, sub(d)), gen(Sh.MN, sub(d)));
                case 17: { Frag a = gen(Sh.NN, sub(d)); return call("max", a, other(Sh.NN, sub(d), a)); }
                case 18: op("identity"); return add(gen(Sh.NN, d - 1), new Frag("I", ATOM), p(0.3));
                case 19: return add(gen(Sh.NN, sub(d)), gen(Sh.S, sub(d)), false); // scalar broadcast
                case 20: return neg(gen(Sh.NN, d - 1));
                default: return mul(gen(Sh.NN, sub(d)), "*", gen(Sh.S, sub(d)));
            }
        }

        Frag wide(int d) {
            switch (rnd.nextInt(8)) {
                case 0: return times(gen(Sh.NN, sub(d)), gen(Sh.NM, sub(d)));
                case 1: return add(gen(Sh.NM, sub(d)), gen(Sh.NM, sub(d)), p(0.4));
                case 2: return times(gen(Sh.S, sub(d)), gen(Sh.NM, sub(d)));
                case 3: return mul(gen(Sh.NM, sub(d)), ".*", gen(Sh.NM, sub(d)));
                case 4: return elementwise(Sh.NM, d);
                case 5: return times(gen(Sh.N, sub(d)), post(gen(Sh.M, sub(d)), "^T", "transpose"));
                case 6: return post(gen(Sh.MN, d - 1), p(0.5) ? "^T" : "'", "transpose");
                default: return mul(gen(Sh.NM, sub(d)), "/", denominator(sub(d)));
            }
        }

        Frag tall(int d) {
            switch (rnd.nextInt(5)) {
                case 0: return post(gen(Sh.NM, d - 1), p(0.5) ? "^T" : "'", "transpose");
                case 1: return times(gen(Sh.MN, sub(d)), gen(Sh.NN, sub(d)));
                case 2: return times(gen(Sh.M, sub(d)), gen(Sh.R, sub(d)));
                case 3: return add(gen(Sh.MN, sub(d)), gen(Sh.MN, sub(d)), p(0.4));
                default: return times(gen(Sh.S, sub(d)), gen(Sh.MN, sub(d)));
            }
        }

        Frag vectorM(int d) {
            switch (rnd.nextInt(6)) {
                case 0: return times(gen(Sh.MN, sub(d)), gen(Sh.N, sub(d)));
                case 1: return times(post(gen(Sh.NM, sub(d)), "^T", "transpose"), gen(Sh.N, sub(d)));
                case 2: return add(gen(Sh.M, sub(d)), gen(Sh.M, sub(d)), p(0.4));
                case 3: return elementwise(Sh.M, d);
                case 4: return call("softmax", gen(Sh.M, d - 1));
                default: return times(gen(Sh.S, sub(d)), gen(Sh.M, sub(d)));
            }
        }
    }
}
