package matcalc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import matcalc.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the real CLI code path, {@link Main#run}, in-process: mutated valid
 * expressions, random characters and bytes, unbalanced brackets, huge numbers, 100 KB inputs,
 * 10,000-deep nesting, bad --where and options, malformed programs, problem files and identity
 * files. Every run must return (no exception escapes), never exit 3 (an internal error is a bug),
 * refuse with exit 2 and a first stderr line starting "error:" (an expression's error with the
 * caret under its position), and finish within 5 s.
 * <p>
 * First the corpus, {@code testcases/fuzz/corpus.txt}: every input that ever failed here, kept as a
 * regression case. A failure prints the input in the corpus's escaped form to add to it. Seeded:
 * {@code -Dmatcalc.fuzz.seed=N -Dmatcalc.fuzz.count=N} for other runs (default seed 1, 2,000 inputs).
 */
class FuzzTest {
    static final Path CORPUS = Path.of("testcases/fuzz/corpus.txt");
    static final long LIMIT_MS = 5_000;

    @TempDir Path tmp;

    record Outcome(int exit, String stdout, String stderr, long millis, Throwable escaped, boolean timedOut) {}

    @Test void hostileInputsAreRefusedCleanlyAndFast() throws Exception {
        long seed = Long.getLong("matcalc.fuzz.seed", 1);
        int count = Integer.getInteger("matcalc.fuzz.count", 2_000);
        List<String[]> inputs = new ArrayList<>(corpus());
        int fromCorpus = inputs.size();
        Generator g = new Generator(new Random(seed), tmp);
        for (int i = 0; i < count; i++) inputs.add(g.next());
        // Symja's one-time start-up (1-4 s on a loaded machine) is not the input's cost.
        run(new String[] {"diff", "sum(1 ./ (1 + exp(x)))", "--wrt", "x"});
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime(), slowest = 0;
        String slowestInput = "";
        for (String[] args : inputs) {
            Outcome o = run(args);
            if (o.millis() > slowest) { slowest = o.millis(); slowestInput = escape(args); }
            String why = problem(args, o);
            if (why != null) failures.add(why + "\n    corpus line: " + clip(escape(args), 2_000) + "\n    stderr: " + clip(o.stderr(), 300));
            if (failures.size() >= 20) break;
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FuzzTest: %d inputs (%d from the corpus, seed %d) in %.1f s; slowest %d ms: %s%n",
                inputs.size(), fromCorpus, seed, total / 1000.0, slowest, clip(slowestInput, 200));
        assertTrue(failures.isEmpty(), failures.size() + " hostile inputs were not refused cleanly:\n" + String.join("\n", failures));
    }

    /** Why the outcome is wrong, or null. */
    static String problem(String[] args, Outcome o) {
        if (o.timedOut()) return "took more than " + LIMIT_MS / 1000 + " s";
        if (o.escaped() != null) return "Main.run threw " + o.escaped();
        if (o.millis() > LIMIT_MS) return "took " + o.millis() + " ms";
        if (o.exit() == 3 || o.stderr().contains("internal error")) return "internal error (exit " + o.exit() + ")";
        if (o.exit() < 0 || o.exit() > 2) return "exit " + o.exit();
        if (o.stderr().contains("\tat ") || o.stderr().contains("Exception")) return "a Java stack trace or exception name on stderr";
        if (o.exit() == 2) {
            String first = o.stderr().lines().findFirst().orElse("");
            if (!first.startsWith("error: ")) return "exit 2 without 'error:' first on stderr";
            if (hasExpression(args) && isInputError(first) && !hasPosition(o.stderr())) return "an expression's error without a position";
        }
        return null;
    }

    /** diff EXPR / check CLAIM: the error is about text the user typed on the command line. */
    static boolean hasExpression(String[] args) {
        return args.length > 1 && (args[0].equals("diff") || args[0].equals("check")) && !args[1].startsWith("--");
    }

    /** Errors about the expression's text (not option or file problems, which have no column). */
    static boolean isInputError(String first) {
        return first.startsWith("error: syntax:") || first.startsWith("error: unknown function") || first.startsWith("error: cannot ")
                && !first.startsWith("error: cannot read") && !first.startsWith("error: cannot write");
    }

    /** A caret line under the input, or "(line N)" with one. */
    static boolean hasPosition(String stderr) {
        return stderr.lines().anyMatch(l -> l.matches("\\s+\\^+.*"));
    }

    /** Main.run as the launcher runs it (CliRun); a run over twice the limit is abandoned. */
    static Outcome run(String[] args) throws InterruptedException {
        CliRun r = CliRun.of(args, LIMIT_MS * 2);
        return new Outcome(r.exit(), r.stdout(), r.stderr(), r.millis(), r.escaped(), r.timedOut());
    }

    // ------------------------------------------------------------------ the corpus

    /** One input per line: the arguments separated by tabs, with \t \n \r \\ and \xHH escapes; '#' lines are comments. */
    static List<String[]> corpus() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t", -1);
            for (int i = 0; i < parts.length; i++) parts[i] = unescape(parts[i]);
            out.add(parts);
        }
        return out;
    }

    static String escape(String[] args) {
        List<String> parts = new ArrayList<>();
        for (String a : args) {
            StringBuilder sb = new StringBuilder();
            for (char c : a.toCharArray()) {
                switch (c) {
                    case '\t': sb.append("\\t"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\\': sb.append("\\\\"); break;
                    default:
                        if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                        else sb.append(c);
                }
            }
            parts.add(sb.toString());
        }
        return String.join("\t", parts);
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) { sb.append(c); continue; }
            char e = s.charAt(++i);
            switch (e) {
                case 't': sb.append('\t'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 'x': sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16)); i += 2; break;
                default: sb.append(e);
            }
        }
        return sb.toString();
    }

    private static String clip(String s, int max) {
        s = s.strip().replace("\n", " | ");
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    // ------------------------------------------------------------------ the generator

    /** Seeded hostile command lines. */
    static final class Generator {
        static final String[] EXPRESSIONS = {
            "tr(X^T A X)", "x^T A x", "-y^T log(softmax(W x))", "norm2(A x - b)^2", "log(det(X))", "logdet(X)",
            "tr(A X^{-1} B)", "A X B", "sigmoid(W x + b)", "relu(W1 x)", "max(u, v)", "min(u, v)", "sum(exp(x))",
            "x .* y ./ z", "x.^2", "kron(A, X)", "vec(X)", "diag(x)", "diag(X)", "X^2 X^T", "inv(X)", "det(X)^2",
            "softmax(W x)[3]", "A[1, 2] x[2]", "[1 2; 3 4] x", "grad(x^T A x, x)", "jacobian(A x, x)", "hessian(x^T x, x)",
            "2^(cos(c))", "a^b", "sqrt(x) .* x", "abs(x)", "tanh(W x)", "Xᵀ A X", "x⊙y", "A ⊗ B", "x²", "X⁻¹",
            "0.5*x'*A*x", "1 + v", "ones^T x", "I + X", "onehot(2)^T x", "norm1(x)", "step(x)", "x / 2", "tr(K(m, n) kron(X, X))",
            "I(n) x", "ones(n)^T x", "-(-(-x))", "x - -x", "(A + B)(x + y)", "A (B + C) x",
            "\\operatorname{tr}(X^\\top A X)", "\\left\\| A x - b \\right\\|_2^2", "\\frac{1}{2} \\mathbf{x}^\\top x", "\\sigma(W x) \\odot y",
            "x^T @ A @ x", "x⊤ A x − b⊤ x",
        };
        static final String[] WRT = {"x", "X", "W", "A", "b", "c", "u", "y", "I", "ones", "2", "", "x y", "W1", "α", "--", "-x"};
        static final String[] WHERE = {
            "A: n x n symmetric; x: n", "W: 3 x 4; x: 4", "y: probability", "X: n x n spd", "b: n", "s: scalar", "x: vector(n)",
            "A, B: n x n", "W1: 2 x 4", "Q: n x n orthogonal", "D: n x n diagonal", "X: 3 x 3 invertible",
        };
        static final String TOKENS = "()[]{}^'.*+-/,;:=#@!$%&|~`\"\\<>?_ \t\nᵀ⊤⁻¹²³⊙∘⊘·⊗−‖∑xyzAXWIT0123456789eE";

        final Random r;
        final Path dir;
        int files;

        Generator(Random r, Path dir) { this.r = r; this.dir = dir; }

        String[] next() throws IOException {
            int kind = r.nextInt(100);
            if (kind < 28) return diff(mutate(pick(EXPRESSIONS)));
            if (kind < 40) return r.nextInt(4) == 0 ? check(random(3) + " = " + random(3)) : diff(random(4));
            if (kind < 48) return diff(randomText(1 + r.nextInt(40)));
            if (kind < 53) return diff(brackets());
            if (kind < 58) return diff(hugeNumber());
            if (kind < 60) return diff(huge());
            if (kind < 63) return diff(deep());
            if (kind < 70) return badWhere();
            if (kind < 75) return badOptions();
            if (kind < 82) return check(mutate(pick(EXPRESSIONS) + " = " + pick(EXPRESSIONS)));
            if (kind < 88) return program(r.nextBoolean() ? "eval" : "graph");
            if (kind < 93) return problemFile();
            if (kind < 97) return identityFile();
            return binaryFile();
        }

        String pick(String[] a) { return a[r.nextInt(a.length)]; }

        static final String[] LEAVES = {"x", "y", "A", "X", "W", "b", "c", "I", "ones", "2", "0", "-1", "0.5", "[1 2; 3 4]", "[1; 2]", "onehot(2)",
            "I(3)", "ones(n)", "K(m, n)", "zeros(2, 3)", "alpha", "W1"};
        static final String[] UNARY = {"exp", "log", "sin", "cos", "tanh", "sqrt", "abs", "sign", "sigmoid", "relu", "step", "tr", "det", "logdet",
            "inv", "diag", "sum", "norm1", "norm2", "vec", "softmax"};
        static final String[] BINARY = {" + ", " - ", " ", " * ", " / ", " .* ", " ./ ", " ⊗ ", " @ "};
        static final String[] SUFFIX = {"^T", "'", "^{-1}", "^2", ".^2", ".^(-1)", "[1]", "[1, 2]", "ᵀ", "^(1/2)"};

        /** A random expression of the grammar: well formed, mostly ill typed (shape errors) or odd (inv(ones)). */
        String random(int depth) {
            if (depth == 0 || r.nextInt(5) == 0) return pick(LEAVES);
            return switch (r.nextInt(6)) {
                case 0, 1 -> random(depth - 1) + pick(BINARY) + random(depth - 1);
                case 2 -> pick(UNARY) + "(" + random(depth - 1) + ")";
                case 3 -> "(" + random(depth - 1) + ")" + pick(SUFFIX);
                case 4 -> pick(new String[] {"max", "min", "kron", "grad", "jacobian", "hessian", "diff"}) + "(" + random(depth - 1) + ", "
                        + (r.nextBoolean() ? pick(new String[] {"x", "X", "A"}) : random(depth - 1)) + ")";
                default -> "-" + random(depth - 1);
            };
        }

        /** A guess at the variable; the check is skipped half the time (faster, and the rest of the pipeline is the same). */
        String[] diff(String e) {
            List<String> a = new ArrayList<>(List.of("diff", e, "--wrt", r.nextInt(4) == 0 ? pick(WRT) : guessVariable(e)));
            // Nested Kronecker products unchecked: the numeric check of A ⊗ B ⊗ B by A takes 2-8 s
            // (large Jacobians at random sizes), a known cost of check/ outside the input limits.
            boolean nestedKron = e.split("⊗|kron", -1).length > 2;
            if (r.nextBoolean() || nestedKron) a.add("--no-check");
            if (r.nextInt(4) == 0) a.addAll(List.of("--format", pick(new String[] {"text", "json", "latex"})));
            // No --order 2: second derivatives of matrix functions cost seconds in the simplifier
            // (X^T A X B X: 2-4 s) and the check (kron(A, A): 20 s), known and outside the input limits.
            if (r.nextInt(8) == 0) a.addAll(List.of("--layout", "denominator"));
            return a.toArray(new String[0]);
        }

        static String guessVariable(String e) {
            for (String v : new String[] {"X", "x", "W", "c", "u", "a", "A"}) if (e.contains(v)) return v;
            return "x";
        }

        String[] check(String claim) {
            List<String> a = new ArrayList<>(List.of("check", claim));
            if (r.nextBoolean()) a.add("--no-exact");
            if (r.nextInt(4) == 0) a.addAll(List.of("--where", pick(WHERE)));
            if (r.nextInt(4) == 0) a.addAll(List.of("--format", "json"));
            return a.toArray(new String[0]);
        }

        /** 1 to 4 edits: delete, insert a syntax character, duplicate or swap a piece, truncate. */
        String mutate(String s) {
            StringBuilder sb = new StringBuilder(s);
            int edits = 1 + r.nextInt(4);
            for (int i = 0; i < edits && sb.length() > 0; i++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(5)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, TOKENS.charAt(r.nextInt(TOKENS.length())));
                    case 2 -> { int end = Math.min(sb.length(), at + 1 + r.nextInt(6)); sb.insert(at, sb.substring(at, end)); }
                    case 3 -> { int j = r.nextInt(sb.length()); char c = sb.charAt(at); sb.setCharAt(at, sb.charAt(j)); sb.setCharAt(j, c); }
                    default -> sb.setLength(at);
                }
            }
            return sb.toString();
        }

        /** Random characters: syntax tokens, control characters, any code point (a lone surrogate too). */
        String randomText(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(10);
                if (k < 6) sb.append(TOKENS.charAt(r.nextInt(TOKENS.length())));
                else if (k < 8) sb.append((char) r.nextInt(0x20));
                else sb.append((char) r.nextInt(0x10000));
            }
            return sb.toString();
        }

        String brackets() {
            StringBuilder sb = new StringBuilder();
            String[] parts = {"(", ")", "[", "]", "{", "}", "x", "A", " ", "^", "tr(", ",", ";"};
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) sb.append(pick(parts));
            return sb.toString();
        }

        String hugeNumber() {
            return switch (r.nextInt(7)) {
                case 0 -> "1e" + (r.nextInt(2) == 0 ? "" : "-") + (100 + r.nextInt(999_999_999)) + " x";
                case 1 -> "9".repeat(50 + r.nextInt(200)) + " x";
                case 2 -> "0." + "0".repeat(r.nextInt(300)) + "1 x";
                case 3 -> "x^" + r.nextInt(Integer.MAX_VALUE);
                case 4 -> "X^" + (r.nextBoolean() ? "-" : "") + r.nextLong();
                case 5 -> "x[" + r.nextLong() + "]";
                default -> "onehot(" + r.nextLong() + ")^T x";
            };
        }

        /** About 100 KB: just under and just over the length limit. */
        String huge() {
            int len = 99_000 + r.nextInt(2_000);
            String unit = pick(new String[] {"x + ", "x .* ", "(x) ", "- ", "exp(", "[1 2; 3 4] ", "tr(X) + "});
            return unit.repeat(len / unit.length()) + "x";
        }

        /** 10,000-deep nesting of one construct. */
        String deep() {
            int n = 10_000;
            return switch (r.nextInt(6)) {
                case 0 -> "(".repeat(n) + "x" + ")".repeat(n);
                case 1 -> "exp(".repeat(n) + "x" + ")".repeat(n);
                case 2 -> "-".repeat(n) + "x";
                case 3 -> "x" + "'".repeat(n);
                case 4 -> "X" + "^T".repeat(n);
                default -> "x" + "[1]".repeat(n);
            };
        }

        String[] badWhere() {
            String w = r.nextBoolean() ? mutate(pick(WHERE)) : randomText(1 + r.nextInt(20));
            if (r.nextInt(5) == 0) w = "x: " + r.nextLong();
            if (r.nextInt(5) == 0) w = "A: 3 x 3, X: 3 x 2";
            return new String[] {"diff", pick(EXPRESSIONS), "--wrt", "x", "--where", w, "--no-check"};
        }

        String[] badOptions() {
            String[][] opts = {{"--layout", "sideways"}, {"--order", "3"}, {"--order", "-1"}, {"--order", "99999999999"}, {"--vec", "diagonal"},
                {"--format", "xml"}, {"--seed", "abc"}, {"--wrt"}, {"--bogus"}, {"--index", "--order", "2"}, {"--steps", "--order", "2"}};
            List<String> a = new ArrayList<>(List.of("diff", pick(EXPRESSIONS), "--wrt", "x"));
            a.addAll(List.of(opts[r.nextInt(opts.length)]));
            if (r.nextInt(6) == 0) return new String[] {pick(new String[] {"dif", "", "-", "--", "help", "check", "eval", "key", "graph"})};
            return a.toArray(new String[0]);
        }

        Path file(String text) throws IOException {
            Path p = dir.resolve("f" + (files++));
            Files.write(p, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes ?
            return p;
        }

        String[] program(String command) throws IOException {
            String good = "x = [1; 2; 3; 1]\nW = [1 0 1 -1; 0 1 1 1]\ny = [0; 1]\nh = relu(W x)\nL = -y^T log(softmax(h))  # loss\n";
            String text = r.nextInt(3) == 0 ? randomText(1 + r.nextInt(60)) : mutate(mutate(good));
            List<String> a = new ArrayList<>(List.of(command, file(text).toString()));
            if (command.equals("eval") && r.nextBoolean()) a.addAll(List.of("--grad", "L", "--wrt", pick(new String[] {"W", "x", "h", "L", "q"})));
            if (command.equals("graph") && r.nextBoolean()) a.add("--backprop");
            return a.toArray(new String[0]);
        }

        String[] problemFile() throws IOException {
            String good = "title: T\n\n== Question 1\ndiff: tr(X^T A X)\nwrt: X\nsteps: no\n\n== Question 2\nclaim: tr(A B) = tr(B A)\nwhere: A: n x m; B: m x n\n";
            String text = r.nextInt(3) == 0 ? randomText(1 + r.nextInt(60)) : mutate(mutate(good));
            return new String[] {"key", file(text).toString()};
        }

        String[] identityFile() throws IOException {
            String good = "a:1  tr(A B) = tr(B A)\nb:2  (A B)^T = B^T A^T   where A, B: n x n  # note\n";
            String text = r.nextInt(3) == 0 ? randomText(1 + r.nextInt(60)) : mutate(mutate(good));
            return new String[] {"check", "--file", file(text).toString(), "--no-exact", "-j", "1"};
        }

        String[] binaryFile() throws IOException {
            byte[] b = new byte[1 + r.nextInt(200)];
            r.nextBytes(b);
            Path p = dir.resolve("b" + (files++));
            Files.write(p, b);
            String c = pick(new String[] {"eval", "graph", "key", "check"});
            return c.equals("check") ? new String[] {"check", "--file", p.toString()} : new String[] {c, p.toString()};
        }
    }
}
