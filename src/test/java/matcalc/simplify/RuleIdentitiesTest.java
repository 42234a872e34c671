package matcalc.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import matcalc.calculus.Layout;
import matcalc.expr.Expr;
import matcalc.claims.CheckResult;
import matcalc.claims.ClaimChecker;
import matcalc.claims.ExactProof;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity string of every rule in {@link Rules#ALL} is a claim, and is checked as one (issue 7
 * §2): the table's prose is a test. An identity string reads
 * <pre>
 *   [order: ] EQUATION [; EQUATION ...] [where DECLARATIONS] [(NOTE)]
 * </pre>
 * <ul>
 *   <li>An EQUATION is {@code lhs = rhs} in matcalc's input language; a chain {@code a = b = c}
 *       means a = b and b = c. Equations are separated by {@code ;} outside brackets.</li>
 *   <li>{@code where} (a word, outside brackets) starts the declarations the equations need, as
 *       {@code --where} reads them ({@code A: n x n symmetric; p: n probability; f: function});
 *       they hold for every equation of the string. Names not declared follow the naming convention
 *       (a–g scalars, h–z vectors, A–Z matrices) and their sizes are inferred per equation.</li>
 *   <li>The NOTE is a parenthesised remark at the very end, its first word prose (two or more
 *       letters, not a call): the citation or a comment, such as {@code (Cookbook eq. 12)} or
 *       {@code (for a commutation matrix K)}. It is not checked, so it has no '='.</li>
 *   <li>{@code order:} in front marks a rule whose content is a choice between equal forms (a
 *       canonical order or rotation): its equations are checked, the choice cannot be; such rules
 *       are listed in {@link #NOT_AN_EQUATION} with the reason.</li>
 * </ul>
 * Each equation goes through {@link ClaimChecker}, as {@code matcalc check 'lhs = rhs' --where ...}
 * does: numerically at 5 random instances and exactly over symbolic entries at sizes 2 and 3, but
 * with a twentieth of {@code check}'s exact work budget (so an expensive proof, such as that of
 * X^{-2} X^{-3} = X^{-5} at size 3, stops at size 2 within a second). Where the exact check cannot
 * run (probability vectors, declared functions, sign and abs) or decide (exp, log, sigmoid), the
 * numeric verdict stands, as in {@code check}; the test prints how many equations were established
 * which way. A failure reports what {@code check} reports: counterexample, diagnosis, and the
 * conditions under which the equation would hold.
 */
class RuleIdentitiesTest {

    /** Rules whose identity is not wholly an equation, with why. Their equations are still checked. */
    static final Map<String, String> NOT_AN_EQUATION = Map.of(
        "add-order", "which of the equal sums it keeps (positive terms first, then a canonical order) is a choice, not an equation",
        "mul-order", "where it moves the scalars of a product (numbers, then scalars, then the matrices) is a choice, not an equation",
        "had-order", "which order of the factors of a Hadamard product it keeps is a choice, not an equation",
        "tr-cyclic", "which rotation of the trace it keeps (fewest transposes, then a canonical key) is a choice, not an equation");

    /** Work for the exact check of one equation (ClaimChecker's default is 20,000,000, about 4 s). */
    static final long EXACT_BUDGET = 1_000_000;

    static final ClaimChecker.Options OPTIONS = new ClaimChecker.Options(
            matcalc.claims.NumericVerdict.Options.defaults(), ExactProof.DEFAULT_SIZES, EXACT_BUDGET, true, true);

    /** An identity string, read by the convention above. */
    record Identity(boolean order, List<String> equations, String where, String note) {}

    private static final Pattern WHERE = Pattern.compile("\\bwhere\\b");
    /** A note starts with a word: two or more letters, then neither a call's bracket nor an exponent. */
    private static final Pattern NOTE_START = Pattern.compile("[A-Za-z][a-z]+(?![A-Za-z0-9(\\[_^'])");

    static Identity read(String text) {
        String s = text.strip();
        boolean order = s.startsWith("order:");
        if (order) s = s.substring("order:".length()).strip();
        String note = null;
        if (s.endsWith(")")) {
            int open = matchingOpen(s, s.length() - 1);
            if (open > 0 && Character.isWhitespace(s.charAt(open - 1)) && NOTE_START.matcher(s).region(open + 1, s.length()).lookingAt()) {
                note = s.substring(open + 1, s.length() - 1).strip();
                s = s.substring(0, open).strip();
            }
        }
        String where = "";
        Matcher w = WHERE.matcher(s);
        while (w.find()) {
            if (depth(s, w.start()) != 0) continue;
            where = s.substring(w.end()).strip();
            s = s.substring(0, w.start()).strip();
            break;
        }
        List<String> equations = new ArrayList<>();
        for (String chain : splitTop(s, ';')) {
            List<String> sides = splitTop(chain, '=');
            if (sides.size() < 2) {
                equations.add(chain.strip()); // not an equation: the checker reports it
                continue;
            }
            for (int i = 0; i + 1 < sides.size(); i++) equations.add(sides.get(i).strip() + " = " + sides.get(i + 1).strip());
        }
        return new Identity(order, equations, where, note);
    }

    /** The parts of s between occurrences of c outside brackets. */
    private static List<String> splitTop(String s, char c) {
        List<String> out = new ArrayList<>();
        int d = 0, from = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') d++;
            else if (ch == ')' || ch == ']' || ch == '}') d--;
            else if (ch == c && d == 0) { out.add(s.substring(from, i)); from = i + 1; }
        }
        out.add(s.substring(from));
        out.removeIf(String::isBlank);
        return out;
    }

    private static int depth(String s, int at) {
        int d = 0;
        for (int i = 0; i < at; i++) {
            char ch = s.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') d++;
            else if (ch == ')' || ch == ']' || ch == '}') d--;
        }
        return d;
    }

    private static int matchingOpen(String s, int close) {
        int d = 0;
        for (int i = close; i >= 0; i--) {
            char ch = s.charAt(i);
            if (ch == ')') d++;
            else if (ch == '(' && --d == 0) return i;
        }
        return -1;
    }

    /** Every equation of a rule's identity, checked. */
    static List<CheckResult> check(Rule rule) {
        Identity id = read(rule.identity());
        List<CheckResult> out = new ArrayList<>();
        for (String eq : id.equations()) out.add(ClaimChecker.check(eq, id.where(), rule.name(), Layout.NUMERATOR, OPTIONS));
        return out;
    }

    static Stream<String> rules() { return Rules.ALL.stream().map(Rule::name); }

    private static Rule rule(String name) {
        return Rules.ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** What is wrong with a rule's identity string: empty when every equation in it holds as written. */
    static List<String> problems(Rule r) { return problems(r, new ArrayList<>()); }

    /** As {@link #problems(Rule)}, adding the results of the checks to {@code checked}. */
    static List<String> problems(Rule r, java.util.Collection<CheckResult> checked) {
        Identity id = read(r.identity());
        List<String> out = new ArrayList<>();
        if (id.equations().isEmpty()) out.add("no equation in '" + r.identity() + "'");
        if (id.note() != null && id.note().contains("=")) out.add("a note is not checked, so it may not hold an equation: (" + id.note() + ")");
        for (CheckResult c : check(r)) {
            checked.add(c);
            if (!c.passed()) out.add(String.join("\n", c.lines()) + (id.where().isEmpty() ? "" : "\n  where " + id.where()));
        }
        return out;
    }

    private static final Queue<CheckResult> CHECKED = new ConcurrentLinkedQueue<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void identityHolds(String name) {
        Rule r = rule(name);
        List<String> problems = problems(r, CHECKED);
        assertTrue(problems.isEmpty(), name + ": '" + r.identity() + "' does not hold as written:\n" + String.join("\n", problems));
    }

    @AfterAll
    static void summary() {
        if (CHECKED.isEmpty()) return;
        Map<String, Integer> how = new TreeMap<>();
        for (CheckResult c : CHECKED) {
            String k = c.exact() == null ? "numeric only"
                    : switch (c.exact().status()) {
                        case PROVED -> "exact at sizes " + c.exact().proved();
                        case PARTIAL -> "exact at sizes " + c.exact().proved() + " only";
                        default -> "numeric only (exact " + c.exact().status().name().toLowerCase() + ")";
                    };
            how.merge(k, 1, Integer::sum);
        }
        System.out.println("rule identities: " + CHECKED.size() + " equations of " + Rules.ALL.size() + " rules hold; " + how);
    }

    /** The allowlist is exactly the rules marked order:, each with a reason, and short. */
    @Test
    void allowlistIsTheMarkedRules() {
        Set<String> marked = new TreeSet<>();
        for (Rule r : Rules.ALL) if (read(r.identity()).order()) marked.add(r.name());
        assertEquals(new TreeSet<>(NOT_AN_EQUATION.keySet()), marked,
                "the rules marked 'order:' and the allowlist differ (a listed rule that is a plain equation now is checked like the others: take it off)");
        NOT_AN_EQUATION.forEach((n, why) -> assertFalse(why.isBlank(), n));
        assertTrue(NOT_AN_EQUATION.size() < 10, "the allowlist is meant to be short");
    }

    /**
     * Negative controls, through the same code path as the table's rules: a false identity, one
     * missing its condition (also when the condition is only prose in the note), one false equation
     * among true ones, and a formula that matcalc reads otherwise than a person would.
     */
    @Test
    void falseIdentitiesFail() {
        Map<String, CheckResult.Verdict> wrong = new LinkedHashMap<>();
        wrong.put("tr(A B) = tr(A) tr(B) (a classic mistake)", CheckResult.Verdict.FAIL);
        wrong.put("(A^{-1})^T = A^{-1} (without its condition)", CheckResult.Verdict.FAIL);
        wrong.put("tr(A^T) = tr(A); tr(A B) = tr(A) tr(B)", CheckResult.Verdict.FAIL);
        // as matcalc reads it, ((A C) ⊗ B) D: the old kron-mixed string
        wrong.put("(A ⊗ B) (C ⊗ D) = A C ⊗ B D", CheckResult.Verdict.ERROR);
        // a condition in the note is prose: it has to be a declaration
        wrong.put("Q^T Q = I (for orthogonal Q)", CheckResult.Verdict.FAIL);
        for (Map.Entry<String, CheckResult.Verdict> e : wrong.entrySet()) {
            List<CheckResult> results = new ArrayList<>();
            assertFalse(problems(Rule.of("fake", e.getKey(), Expr.class, x -> null), results).isEmpty(), e.getKey() + " passed");
            List<CheckResult.Verdict> verdicts = results.stream().map(CheckResult::verdict).toList();
            assertTrue(verdicts.contains(e.getValue()), e.getKey() + ": " + verdicts);
            if (e.getKey().contains(";")) assertEquals(List.of(CheckResult.Verdict.PASS, CheckResult.Verdict.FAIL), verdicts, e.getKey());
        }
        // a note holding an equation is refused: it would not be checked
        assertFalse(problems(Rule.of("fake", "tr(A^T) = tr(A) (Cookbook: tr(A B) = tr(A) tr(B))", Expr.class, x -> null)).isEmpty());
        // the declared condition is what makes it true
        assertEquals(List.of(), problems(Rule.of("fake", "(A^{-1})^T = A^{-1} where A: n x n symmetric", Expr.class, x -> null)));
    }

    @Test
    void readsTheConvention() {
        Identity id = read("order: tr(A B C) = tr(B C A) = tr(C^T B^T A^T); X (A + B) = X A + X B where A: n x n; f: function (Cookbook eq. 16)");
        assertTrue(id.order());
        assertEquals(List.of("tr(A B C) = tr(B C A)", "tr(B C A) = tr(C^T B^T A^T)", "X (A + B) = X A + X B"), id.equations());
        assertEquals("A: n x n; f: function", id.where());
        assertEquals("Cookbook eq. 16", id.note());
        // a trailing bracket that is part of the formula is no note
        assertEquals(List.of("A X + B X = (A + B) X", "X A + X B = X (A + B)"), read("A X + B X = (A + B) X; X A + X B = X (A + B)").equations());
        assertEquals(null, read("diag(u v^T) = diag(softmax(u))").note());
        assertEquals("for 1 x 1", read("a^T = a (for 1 x 1)").note());
        assertEquals(List.of("kron(A, B)^T = kron(A^T, B^T)"), read("kron(A, B)^T = kron(A^T, B^T)").equations());
        assertEquals("", read("tr(A) = tr(A^T)").where());
    }
}
