package matcalc.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;

/**
 * A file of identities, one per line:
 * <pre>
 *   # a comment
 *   cookbook:(103)  grad(tr(X^T A), X) = A
 *   cookbook:(81)   grad(x^T B x, x) = (B + B^T) x     where B: n x n   # a note
 * </pre>
 * An optional label comes first (a word containing ':'), then the claim, then an optional
 * {@code where} clause with declarations, then an optional {@code #} comment. A comment
 * {@code # expect: TEXT} states what the check must report (used by the tests of false identities).
 */
public final class IdentityFile {

    public record Entry(int line, String label, String claim, String where, String comment) {
        /** The text after "expect:" in the comment, or null. */
        public String expectation() {
            if (comment == null) return null;
            int i = comment.indexOf("expect:");
            return i < 0 ? null : comment.substring(i + "expect:".length()).strip();
        }
    }

    /** The results of a file, in file order. */
    public record Outcome(Path file, List<Entry> entries, List<CheckResult> results, long millis, int threads) {
        public long passed() { return results.stream().filter(CheckResult::passed).count(); }
        public long failed() { return results.size() - passed(); }
        public String totalLine() {
            long errors = results.stream().filter(r -> r.verdict() == CheckResult.Verdict.ERROR).count();
            long undecided = results.stream().filter(r -> r.verdict() == CheckResult.Verdict.UNDECIDED).count();
            long fails = results.stream().filter(r -> r.verdict() == CheckResult.Verdict.FAIL).count();
            String extra = (errors > 0 ? ", " + errors + " unreadable" : "") + (undecided > 0 ? ", " + undecided + " undecided" : "");
            return passed() + " passed, " + (fails + errors + undecided) + " failed" + extra
                    + String.format(Locale.ROOT, " (%.1f s)", millis / 1000.0);
        }
    }

    private static final Pattern WHERE = Pattern.compile("\\bwhere\\b");

    private IdentityFile() {}

    public static List<Entry> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String comment = null;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                comment = line.substring(hash + 1).strip();
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) continue;
            String label = null;
            int sp = indexOfSpace(line);
            String first = sp < 0 ? line : line.substring(0, sp);
            if (first.contains(":")) {
                label = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
                line = sp < 0 ? "" : line.substring(sp).strip();
            }
            String where = "";
            Matcher m = WHERE.matcher(line);
            if (m.find()) {
                where = line.substring(m.end()).strip();
                line = line.substring(0, m.start()).strip();
            }
            out.add(new Entry(i + 1, label, line, where, comment));
        }
        return out;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    /** Checks every entry, on {@code threads} threads; results keep the file order. */
    public static Outcome run(Path file, Layout layout, ClaimChecker.Options o, int threads) throws IOException {
        return run(file, read(file), layout, o, threads);
    }

    /** As {@link #run(Path, Layout, ClaimChecker.Options, int)}, for entries already read. */
    public static Outcome run(Path file, List<Entry> entries, Layout layout, ClaimChecker.Options o, int threads) {
        long t0 = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(null, r, "check", 64L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Entry e : entries) futures.add(pool.submit(() -> checkEntry(e, layout, o)));
            for (Future<CheckResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException ex) {
                    throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal error while checking: " + ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new MatcalcError(MatcalcError.Kind.INTERNAL, "interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(file, entries, results, (System.nanoTime() - t0) / 1_000_000, Math.max(1, threads));
    }

    static CheckResult checkEntry(Entry e, Layout layout, ClaimChecker.Options o) {
        try {
            return ClaimChecker.check(e.claim(), e.where(), e.label() == null ? "line " + e.line() : e.label(), layout, o);
        } catch (MatcalcError err) {
            return new CheckResult(e.claim(), e.where(), e.label(), CheckResult.Verdict.ERROR, null, null, o.numeric().relTol(),
                    null, List.of(), null, List.of(), List.of(), err.format(), 0);
        } catch (StackOverflowError err) {
            return new CheckResult(e.claim(), e.where(), e.label(), CheckResult.Verdict.ERROR, null, null, o.numeric().relTol(),
                    null, List.of(), null, List.of(), List.of(), "error: too deeply nested", 0);
        }
    }

    /** REPORT.md: one row per identity with its numeric and exact status and time. */
    public static String report(Outcome out, String command, boolean mentionUnsupported) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(out.file().getFileName()).append(": check report\n\n");
        sb.append("Regenerate with `").append(command).append("`.\n\n");
        sb.append(String.format(Locale.ROOT, "%d identities: %d passed, %d failed. Checked in %.1f s on %d threads (numeric + exact, after start-up).%n%n",
                out.results().size(), out.passed(), out.failed(), out.millis() / 1000.0, out.threads()));
        sb.append("Numeric: both sides at 5 random instances (random sizes 2..5 for symbolic dimensions, declared structure), "
                + "relative tolerance 1e-6. Exact: every symbolic dimension set to 2, then 3; both sides computed entry by entry "
                + "as rational functions of symbolic entries (derivatives of the functions as written, independent of matcalc's "
                + "differentiator); \"2,3\" means the difference is identically 0 at both sizes.\n\n");
        sb.append("| eq. | identity | assumptions | verdict | numeric | exact | time (ms) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (CheckResult r : out.results()) {
            String numeric = r.numeric() == null ? "–" : r.numeric().inconclusive() ? "inconclusive"
                    : r.numeric().passed() ? String.format(Locale.ROOT, "%d/%d, err %.0e", r.numeric().instances(), r.numeric().instances(), r.numeric().maxRelError())
                            + (r.byDifferences() ? " (finite differences)" : "")
                    : "differ";
            String exact = r.exact() == null ? "–" : switch (r.exact().status()) {
                case PROVED -> String.join(",", r.exact().proved().stream().map(String::valueOf).toList());
                case PARTIAL -> String.join(",", r.exact().proved().stream().map(String::valueOf).toList()) + " (" + r.exact().reason() + ")";
                case DISPROVED -> "differ at " + r.exact().failedSize();
                case UNDECIDED -> "undecided";
                case SKIPPED -> "skipped: " + r.exact().reason();
            };
            sb.append("| ").append(cell(r.label() == null ? "" : r.label().replaceFirst("^cookbook:", "")))
              .append(" | `").append(r.text().strip().replace("|", "\\|")).append('`')
              .append(" | ").append(cell(r.where()))
              .append(" | ").append(r.verdict())
              .append(" | ").append(cell(numeric))
              .append(" | ").append(cell(exact))
              .append(" | ").append(r.millis()).append(" |\n");
        }
        if (mentionUnsupported) {
            sb.append("\nIdentities the language cannot express yet are listed, with the reason, in `unsupported.md` beside the identity file.\n");
        }
        return sb.toString();
    }

    private static String cell(String s) { return s == null ? "" : s.replace("|", "\\|"); }
}
