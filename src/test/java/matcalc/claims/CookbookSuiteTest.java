package matcalc.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.DomainException;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.numeric.InstanceGenerator;
import matcalc.numeric.Matrices;
import matcalc.numeric.Vars;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Dim;
import matcalc.expr.Var;
import matcalc.syntax.Ast;
import matcalc.syntax.Parse;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Matrix Cookbook as a test suite: every identity in testcases/cookbook must PASS `check`, and
 * `diff` of every left side that is a derivative operator must equal the right side.
 */
class CookbookSuiteTest {
    static final Path DIR = Path.of("testcases/cookbook");
    /** matcalc has no gradient rule through kron (MISSING_RULE 'adjoint-kron'); these pass by the exact check. */
    static final Set<String> NO_KRON_ADJOINT = Set.of("cookbook:(105)", "cookbook:(120)");

    static List<IdentityFile.Outcome> outcomes = new ArrayList<>();
    static long wallMillis;

    @BeforeAll static void runFolder() throws IOException {
        long t0 = System.nanoTime();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                outcomes.add(IdentityFile.run(f, Layout.NUMERATOR, ClaimChecker.Options.defaults(), Runtime.getRuntime().availableProcessors()));
            }
        }
        wallMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("cookbook suite: " + outcomes.stream().mapToInt(o -> o.results().size()).sum() + " identities in "
                + wallMillis + " ms (numeric + exact, " + Runtime.getRuntime().availableProcessors() + " threads)");
    }

    @Test void everyIdentityPasses() {
        assertFalse(outcomes.isEmpty());
        List<String> bad = new ArrayList<>();
        int count = 0;
        for (IdentityFile.Outcome o : outcomes) {
            for (CheckResult r : o.results()) {
                count++;
                if (!r.passed()) bad.add(String.join("\n", r.lines()));
            }
        }
        assertTrue(count >= 100, "the suite has " + count + " identities");
        assertTrue(bad.isEmpty(), () -> String.join("\n\n", bad));
    }

    @Test void almostAllAreProvedExactlyAtSizes2And3() {
        int proved = 0, total = 0;
        List<String> notAtAll = new ArrayList<>();
        for (IdentityFile.Outcome o : outcomes) {
            for (CheckResult r : o.results()) {
                total++;
                ExactProof.Result e = r.exact();
                if (e != null && e.status() == ExactProof.Status.PROVED) proved++;
                if (e == null || e.proved().isEmpty()) notAtAll.add(r.label() + " " + (e == null ? "no exact check" : e.summary()));
            }
        }
        assertTrue(proved >= total - 6, proved + " of " + total + " proved at sizes 2 and 3");
        // Only ||x^T x|| = x^T x (sqrt(s^2) = s needs s >= 0) is left undecided.
        assertTrue(notAtAll.size() <= 1, () -> String.join("\n", notAtAll));
    }

    @Test void suiteIsFast() {
        // The issue asks for < 20 s on 2 cores; the guard is looser so that a loaded machine does not fail the build.
        assertTrue(wallMillis < 60_000, "cookbook suite took " + wallMillis + " ms");
    }

    /** diff of the left side (the derivative operator's function) is judged equal to the right side. */
    @Test void diffOfEachLeftSideEqualsItsRightSide() throws IOException {
        Engine engine = new Engine();
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (IdentityFile.Entry e : IdentityFile.read(DIR.resolve("cookbook.txt"))) {
            Ast[] sides = Parse.equation(e.claim());
            if (!(sides[0] instanceof Ast.Call c) || c.args().size() != 2 || !(c.args().get(1) instanceof Ast.Name x)) continue;
            String op = c.name();
            if (!Set.of("grad", "jacobian", "hessian", "diff").contains(op)) continue;
            if (containsDerivative(c.args().get(0))) continue; // nested operators: covered by check
            String f = firstArgument(e.claim(), c.nameSpan().end());
            DiffRequest req = new DiffRequest(f, x.name(), e.where(), op.equals("grad") ? Layout.DENOMINATOR : Layout.NUMERATOR,
                    VecOrder.COLUMNS, op.equals("hessian") ? 2 : 1, true, 1);
            DiffResult d;
            try {
                d = engine.diff(req);
            } catch (MatcalcError err) {
                if (NO_KRON_ADJOINT.contains(e.label()) && err.getMessage().contains("adjoint-kron")) continue;
                bad.add(e.label() + ": diff failed: " + err.getMessage());
                continue;
            }
            if (!d.checkPassed()) bad.add(e.label() + ": diff's own check failed: " + d.check().detail());
            Claim claim = ClaimParser.parse(e.claim(), e.where(), Layout.NUMERATOR);
            String why = sameValue(d, claim);
            if (why != null) bad.add(e.label() + ": diff gives " + matcalc.render.TextRenderer.render(d.result()) + ", " + why);
            compared++;
        }
        assertTrue(compared >= 80, "compared " + compared);
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
    }

    /** The text of the first argument of the call whose '(' follows position at (spans leave out parentheses). */
    private static String firstArgument(String text, int at) {
        int open = text.indexOf('(', at), depth = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(' || ch == '[') depth++;
            else if (ch == ')' || ch == ']') depth--;
            else if (ch == ',' && depth == 0) return text.substring(open + 1, i).strip();
        }
        throw new IllegalArgumentException(text);
    }

    private static boolean containsDerivative(Ast a) {
        if (a instanceof Ast.Call c && Set.of("grad", "jacobian", "hessian", "diff").contains(c.name())) return true;
        if (a instanceof Ast.Call c) return c.args().stream().anyMatch(CookbookSuiteTest::containsDerivative);
        if (a instanceof Ast.Binary b) return containsDerivative(b.left()) || containsDerivative(b.right());
        if (a instanceof Ast.Negate n) return containsDerivative(n.arg());
        if (a instanceof Ast.Power p) return containsDerivative(p.base());
        if (a instanceof Ast.Prime p) return containsDerivative(p.arg());
        return false;
    }

    /**
     * Compares diff's result with the claim's right side at random instances. The two were typed
     * separately, so sizes are matched through the variables they share.
     */
    static String sameValue(DiffResult d, Claim claim) {
        Map<String, Var> claimVars = Vars.free(claim.rhs(), claim.lhs());
        for (DerivativeCall c : claim.derivatives()) claimVars.putAll(Vars.free(c.function(), c.variable()));
        Map<String, String> dimMap = new HashMap<>();
        for (Var v : d.variables()) {
            Var w = claimVars.get(v.name());
            if (w == null) continue;
            map(v.shape().rows(), w.shape().rows(), dimMap);
            map(v.shape().cols(), w.shape().cols(), dimMap);
        }
        map(d.variable().shape().rows(), claim.derivatives().get(0).variable().shape().rows(), dimMap);
        map(d.variable().shape().cols(), claim.derivatives().get(0).variable().shape().cols(), dimMap);
        InstanceGenerator gen = new InstanceGenerator(new Random(7), 2, 4);
        int used = 0;
        for (int attempt = 0; attempt < 60 && used < 4; attempt++) {
            List<Var> vars = new ArrayList<>(claimVars.values());
            vars.removeIf(v -> v.name().startsWith(ClaimParser.PLACEHOLDER));
            Instance inst = gen.generate(vars, Vars.dims(claim.rhsValue(), claim.lhsValue()),
                    Vars.leastSizes(claim.rhsValue(), claim.lhsValue()), attempt % InstanceGenerator.STRATEGIES);
            Map<String, Integer> sizes = new HashMap<>(inst.sizes());
            for (Map.Entry<String, String> m : dimMap.entrySet()) {
                Integer s = inst.sizes().get(m.getValue());
                if (s != null) sizes.put(m.getKey(), s);
            }
            try {
                RealMatrix a = Evaluator.eval(d.result(), new Instance(sizes, inst.values()));
                RealMatrix b = Evaluator.eval(claim.rhsValue(), inst);
                if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
                    return "shapes " + a.getRowDimension() + "x" + a.getColumnDimension() + " and " + b.getRowDimension() + "x" + b.getColumnDimension();
                }
                double err = Matrices.relativeError(a, b);
                if (err > 1e-6) return "relative error " + err + " against the right side";
                used++;
            } catch (DomainException ex) {
                // resample
            }
        }
        return used > 0 ? null : "no usable instance";
    }

    private static void map(Dim from, Dim to, Map<String, String> m) {
        if (from.symbols().size() == 1 && to.symbols().size() == 1) m.put(from.symbols().get(0), to.symbols().get(0));
    }
}
