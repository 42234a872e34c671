package matcalc.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import matcalc.numeric.Vars;
import matcalc.expr.Shape;
import matcalc.expr.Var;

/**
 * The outcome of checking one claim, and its rendering: a verdict line, how it was established,
 * and for a failure the diagnosis (counterexample, transposed sides, conditions under which the
 * claim holds).
 *
 * @param diagnosis  short statements about a failure ("sides differ by a transpose", ...)
 * @param conditions structure under which a false claim holds
 * @param warnings   anything suspicious (matcalc's derivative failing its finite-difference check, ...)
 * @param error      the message when the claim could not be read (verdict ERROR)
 */
public record CheckResult(String text, String where, String label, Verdict verdict, Claim claim,
                          NumericVerdict.Result numeric, double relTol, ExactProof.Result exact,
                          List<String> diagnosis, Counterexample.Found counterexample,
                          List<ConditionSearch.Condition> conditions, List<String> warnings,
                          String error, long millis) {

    public enum Verdict {
        PASS, FAIL, UNDECIDED, ERROR;
        /** 0 pass, 1 fail, 2 bad input or not decidable. */
        public int exitCode() { return this == PASS ? 0 : this == FAIL ? 1 : 2; }
    }

    public boolean passed() { return verdict == Verdict.PASS; }

    /** The full report of one claim (for `matcalc check CLAIM`). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(verdict + "  " + (label == null || label.isEmpty() ? "" : label + "  ") + text.strip());
        if (verdict == Verdict.ERROR) {
            for (String l : error.split("\n")) out.add("  " + l);
            return out;
        }
        for (String d : diagnosis) out.add("  " + d);
        String n = numericLine();
        if (n != null) out.add("  " + n);
        if (exact != null) out.add("  " + exactLine());
        if (counterexample != null) {
            for (String l : Counterexample.describe(counterexample)) out.add("  " + l);
        }
        for (ConditionSearch.Condition c : conditions) out.add("  " + conditionLine(c));
        if (verdict == Verdict.FAIL && conditions.isEmpty() && claim != null && claim.shapesAgree() && claim.expanded()
                && !ConditionSearch.candidates(claim).isEmpty()) {
            out.add("  does not hold with any free square matrix symmetric, diagonal, SPD or orthogonal, nor any free vector a probability vector");
        }
        for (String w : warnings) out.add("  warning: " + w);
        if (claim != null) out.add("  types: " + types(claim));
        return out;
    }

    /** "holds if A is symmetric (exact for sizes 2, 3)". */
    public static String conditionLine(ConditionSearch.Condition c) { return "holds if " + c.text() + conditionProof(c); }

    private static String conditionProof(ConditionSearch.Condition c) {
        if (c.exact() == null) return "";
        return switch (c.exact().status()) {
            case PROVED, PARTIAL -> " (" + c.exact().summary() + ")";
            case DISPROVED -> " (numerically; but " + c.exact().summary() + ")";
            default -> "";
        };
    }

    /** One line for a file of identities. */
    public String summaryLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-9s", verdict));
        if (label != null && !label.isEmpty()) sb.append(label).append("  ");
        sb.append(text.strip());
        if (where != null && !where.isBlank()) sb.append("  where ").append(where.strip());
        List<String> parts = new ArrayList<>();
        if (verdict == Verdict.ERROR) {
            parts.add(error.split("\n")[0]);
        } else {
            if (!diagnosis.isEmpty()) parts.add(String.join("; ", diagnosis));
            for (ConditionSearch.Condition c : conditions) parts.add("holds if " + c.text());
            if (numeric != null && !numeric.inconclusive() && numeric.instances() > 0) {
                parts.add((numeric.passed() ? "numeric " + numeric.instances() + "/" + numeric.instances() : "numeric: differ")
                        + (byDifferences() ? " (finite differences)" : ""));
            }
            if (exact != null) parts.add(shortExact());
            for (String w : warnings) parts.add("warning: " + w);
        }
        sb.append("  [").append(String.join("; ", parts)).append("]");
        sb.append(String.format(Locale.ROOT, " %d ms", millis));
        return sb.toString();
    }

    String shortExact() {
        if (exact == null) return "exact: not run";
        return switch (exact.status()) {
            case PROVED -> "exact " + sizes(exact.proved());
            case PARTIAL -> "exact " + sizes(exact.proved()) + "; " + exact.reason();
            case DISPROVED -> "exact: differ at size " + exact.failedSize();
            case UNDECIDED -> "exact: undecided";
            case SKIPPED -> "exact: skipped (" + exact.reason() + ")";
        };
    }

    private static String sizes(List<Integer> s) {
        StringBuilder sb = new StringBuilder();
        for (int x : s) { if (sb.length() > 0) sb.append(","); sb.append(x); }
        return sb.toString();
    }

    /** How the numeric check went, or null when it did not run. */
    public String numericLine() {
        if (numeric == null) return null;
        if (numeric.inconclusive()) return "numeric: inconclusive (" + numeric.note() + ")";
        if (numeric.instances() == 0) return null;
        String tol = String.format(Locale.ROOT, "relative tolerance %.0e", relTol);
        if (numeric.passed()) {
            return String.format(Locale.ROOT, "numeric: agree at %d random instances (random sizes, declared structure%s), max rel. error %.1e (%s)%s",
                    numeric.instances(), byDifferences() ? "; derivatives by finite differences" : "", numeric.maxRelError(), tol,
                    numeric.note().isEmpty() ? "" : "; " + numeric.note());
        }
        if (Double.isInfinite(numeric.maxRelError())) return null;
        return String.format(Locale.ROOT, "numeric: differ at %d of %d random instances, max rel. error %.3g (%s)",
                numeric.failing(), numeric.instances(), numeric.maxRelError(), tol);
    }

    /** Whether the numeric check took the derivatives by finite differences (matcalc could not differentiate). */
    public boolean byDifferences() { return claim != null && claim.hasDerivatives() && !claim.expanded(); }

    /** How the exact check went (call only when {@link #exact} is not null). */
    public String exactLine() {
        String what = ": every entry of the difference is identically 0 over symbolic entries";
        if (exact.status() == ExactProof.Status.PROVED) return exact.summary() + what;
        if (exact.status() == ExactProof.Status.PARTIAL) {
            List<Integer> p = exact.proved();
            return "exact for size" + (p.size() > 1 ? "s " : " ") + sizes(p).replace(",", ", ") + what + "; " + exact.reason();
        }
        return exact.summary();
    }

    public static String types(Claim c) {
        List<matcalc.expr.Expr> all = new ArrayList<>(List.of(c.lhs(), c.rhs()));
        for (DerivativeCall d : c.derivatives()) { all.add(d.function()); all.add(d.variable()); }
        Map<String, Var> vars = new TreeMap<>(Vars.free(all.toArray(new matcalc.expr.Expr[0])));
        vars.keySet().removeIf(n -> n.startsWith(ClaimParser.PLACEHOLDER));
        String line = matcalc.render.DiffReport.typesLine(new ArrayList<>(vars.values()));
        java.util.SortedSet<String> fns = new java.util.TreeSet<>();
        for (matcalc.expr.Expr e : all) fns.addAll(matcalc.ops.UserFunction.usedIn(e));
        if (fns.isEmpty()) return line;
        String decl = String.join(", ", fns.stream().map(n -> n + ": function").toList());
        return vars.isEmpty() ? decl : decl + ", " + line;
    }

    static String shape(Shape s) { return matcalc.render.DiffReport.shape(s); }
}
