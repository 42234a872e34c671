package matcalc.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.numeric.Vars;
import matcalc.expr.Apply;
import matcalc.expr.Det;
import matcalc.expr.Inverse;
import matcalc.expr.ElemPow;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.LogDet;
import matcalc.expr.Max;
import matcalc.expr.Norm;
import matcalc.expr.Num;
import matcalc.expr.Pow;
import matcalc.expr.Property;
import matcalc.expr.Softmax;
import matcalc.expr.Var;

/**
 * The exact check of a claim at small sizes: every symbolic dimension is set to 2, then 3; every
 * variable becomes a matrix of symbols (x11, x12, ...; shared symbols for symmetric matrices, zeros
 * off a diagonal one, a Cayley parametrisation for orthogonal ones); both sides are computed entry
 * by entry as exact rational functions, derivatives by differentiating the entries of the
 * function as written (independently of matcalc's differentiator); the claim holds at that size
 * when every entry of the difference is identically 0.
 * <p>
 * Two passes per size. First, matrix inverses and determinants are atoms N_ij, D with their exact
 * derivative rules (dN = -N dM N, dD = D tr(N dM)): a difference that vanishes as a polynomial in
 * the atoms vanishes for the true inverse, and derivative identities usually do, without the
 * expression swell of adjugates. Otherwise, the full rational computation (adjugate / determinant)
 * decides: zero, or a nonzero rational function, which disproves the claim at that size. A time
 * budget bounds both (polynomial operations too large for it are refused before they start).
 */
public final class ExactProof {
    public enum Status { PROVED, PARTIAL, DISPROVED, SKIPPED, UNDECIDED }

    /**
     * @param proved     sizes at which the difference was shown to be identically 0
     * @param failedSize the size at which the sides differ (DISPROVED), else null
     * @param reason     why sizes were skipped or undecided; empty when all were proved
     */
    public record Result(Status status, List<Integer> proved, Integer failedSize, String reason, long millis) {
        /** "exact for sizes 2, 3", "exact: skipped (...)", ... */
        public String summary() {
            String sizes = proved.stream().map(String::valueOf).collect(Collectors.joining(", "));
            switch (status) {
                case PROVED: return "exact for size" + (proved.size() > 1 ? "s " : " ") + sizes;
                case PARTIAL: return "exact for size" + (proved.size() > 1 ? "s " : " ") + sizes + "; " + reason;
                case DISPROVED: return "exact: the sides differ identically at size " + failedSize;
                case UNDECIDED: return "exact: undecided (" + reason + ")";
                default: return "exact: skipped (" + reason + ")";
            }
        }
    }

    public static final List<Integer> DEFAULT_SIZES = List.of(2, 3);
    /**
     * Work for the exact check of one claim, all sizes together, in monomial products: about 4 s
     * on this project's 2-core machine, but counted, so the verdict does not depend on load.
     */
    public static final long DEFAULT_BUDGET = 20_000_000;
    /** Largest declared numeric size the exact check takes on (a 6 x 6 matrix is 36 symbols). */
    static final int MAX_FIXED_SIZE = 6;

    private ExactProof() {}

    public static Result prove(Claim claim) { return prove(claim, DEFAULT_SIZES, DEFAULT_BUDGET); }

    /** @param budget work in monomial products ({@link #DEFAULT_BUDGET}), not time */
    public static Result prove(Claim claim, List<Integer> sizes, long budget) {
        long start = System.nanoTime();
        if (!claim.shapesAgree()) return done(Status.SKIPPED, List.of(), null, "the sides have different shapes", start);
        List<Expr> roots = roots(claim);
        String kink = kink(roots);
        if (kink != null) return done(Status.SKIPPED, List.of(), null, kink, start);
        // Symbolic entries of a declared 500 x 500 matrix would exhaust memory long before the budget is checked.
        long largest = 0;
        for (Var v : Vars.free(roots.toArray(new Expr[0])).values()) {
            for (matcalc.expr.Dim d : List.of(v.shape().rows(), v.shape().cols())) largest = Math.max(largest, d.coeff());
        }
        if (largest > MAX_FIXED_SIZE) {
            return done(Status.SKIPPED, List.of(), null, "declared size " + largest + " is too large for symbolic entries; the exact check"
                    + " works with sizes up to " + MAX_FIXED_SIZE, start);
        }
        RationalField.Work work = new RationalField.Work(budget);
        List<Integer> proved = new ArrayList<>();
        // Entries such as v[3] need every indexed dimension that large: smaller sizes are left out.
        int least = Vars.leastSizes(roots.toArray(new Expr[0])).values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Integer> usable = sizes.stream().filter(s -> s >= least).toList();
        if (usable.isEmpty()) usable = List.of(least);
        for (int s : usable) {
            try {
                boolean zero = true;
                // The Cayley parametrisation covers orthogonal matrices of determinant +1; the
                // reflected family Q diag(-1, 1, ..., 1) covers determinant -1.
                List<String> orthogonal = orthogonalNames(claim, roots);
                int families = 1 << Math.min(orthogonal.size(), 3);
                for (int mask = 0; mask < families && zero; mask++) {
                    Set<String> reflected = new java.util.HashSet<>();
                    for (int i = 0; i < Math.min(orthogonal.size(), 3); i++) if ((mask & (1 << i)) != 0) reflected.add(orthogonal.get(i));
                    zero = holds(claim, roots, s, work, reflected);
                }
                if (!zero) return done(Status.DISPROVED, proved, s, "", start);
                proved.add(s);
            } catch (RationalField.OutOfTime e) {
                String why = String.format(java.util.Locale.ROOT, "size %d exceeded the work budget of %,d polynomial products", s, budget);
                return done(proved.isEmpty() ? Status.SKIPPED : Status.PARTIAL, proved, null, why, start);
            } catch (RationalField.Unsupported e) {
                return done(proved.isEmpty() ? Status.SKIPPED : Status.PARTIAL, proved, null, e.getMessage(), start);
            } catch (Undecided e) {
                return done(proved.isEmpty() ? Status.UNDECIDED : Status.PARTIAL, proved, null, e.getMessage(), start);
            } catch (MatcalcError e) {
                return done(proved.isEmpty() ? Status.SKIPPED : Status.PARTIAL, proved, null, e.getMessage(), start);
            } catch (ArithmeticException | IllegalStateException e) {
                return done(proved.isEmpty() ? Status.SKIPPED : Status.PARTIAL, proved, null, "exact arithmetic failed: " + e.getMessage(), start);
            }
        }
        return done(Status.PROVED, proved, null, "", start);
    }

    /** Whether the difference is identically zero at this size (inverses as atoms first, then in full). */
    private static boolean holds(Claim claim, List<Expr> roots, int s, RationalField.Work work, Set<String> reflected) {
        if (hasMatrixFunctions(roots)) {
            try {
                if (new Attempt(claim, roots, s, work, true, reflected).run()) return true;
            } catch (RationalField.Unsupported | Undecided e) {
                // fall through to the full computation
            }
        }
        return new Attempt(claim, roots, s, work, false, reflected).run();
    }

    private static List<String> orthogonalNames(Claim claim, List<Expr> roots) {
        List<String> out = new ArrayList<>();
        for (Var v : Vars.free(roots.toArray(new Expr[0])).values()) if (v.has(Property.ORTHOGONAL)) out.add(v.name());
        return out;
    }

    private static Result done(Status st, List<Integer> proved, Integer failed, String reason, long start) {
        return new Result(st, List.copyOf(proved), failed, reason, (System.nanoTime() - start) / 1_000_000);
    }

    private static final class Undecided extends RuntimeException {
        Undecided(String why) { super(why, null, false, false); }
    }

    static List<Expr> roots(Claim c) {
        List<Expr> roots = new ArrayList<>(List.of(c.lhs(), c.rhs()));
        for (DerivativeCall d : c.derivatives()) roots.add(d.function());
        return roots;
    }

    /** Why the claim has no exact symbolic form (a kinked function), or null. */
    static String kink(List<Expr> roots) {
        for (Expr r : roots) if (hasKink(r)) return ExactEvaluator.kinkReason();
        return null;
    }

    private static boolean hasKink(Expr e) {
        if (e instanceof Apply a && a.fn() == Fn.LOG && a.arg() instanceof Apply in && in.fn() == Fn.ABS) return hasKink(in.arg());
        if (e instanceof Apply a && a.fn().kinked) return true;
        if (e instanceof Max || (e instanceof Norm n && n.p() == 1)) return true;
        for (Expr c : e.children()) if (hasKink(c)) return true;
        return false;
    }

    /** Number of entries of element-wise function nodes (and of inverses and determinants, when they are atoms). */
    private static int atomEntries(List<Expr> roots, Map<String, Integer> sizes, boolean matrixAtoms) {
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] count = {0};
        for (Expr r : roots) countAtoms(r, sizes, seen, count, matrixAtoms);
        return count[0];
    }

    private static void countAtoms(Expr e, Map<String, Integer> sizes, Set<Expr> seen, int[] count, boolean matrixAtoms) {
        if (!seen.add(e)) return;
        boolean atom = e instanceof Apply || e instanceof LogDet || e instanceof Norm || e instanceof Softmax
                || (e instanceof Pow p && !(p.exponent() instanceof Num n && n.value().isInteger()))
                || (e instanceof ElemPow ep && !(ep.exponent() instanceof Num n2 && n2.value().isInteger()));
        if (atom) count[0] += e.shape().rows().value(sizes) * e.shape().cols().value(sizes) + 1;
        if (matrixAtoms && isMatrixFunction(e)) {
            int n = e.children().get(0).shape().rows().value(sizes);
            count[0] += n * n + 1;
        }
        for (Expr c : e.children()) countAtoms(c, sizes, seen, count, matrixAtoms);
    }

    private static boolean isMatrixFunction(Expr e) {
        return (e instanceof Inverse || e instanceof Det || e instanceof LogDet) && !e.children().get(0).isScalar();
    }

    private static boolean hasMatrixFunctions(List<Expr> roots) {
        for (Expr r : roots) if (hasMatrixFunction(r)) return true;
        return false;
    }

    private static boolean hasMatrixFunction(Expr e) {
        if (isMatrixFunction(e)) return true;
        for (Expr c : e.children()) if (hasMatrixFunction(c)) return true;
        return false;
    }

    /** One size: symbols, values, both sides, the difference. */
    private static final class Attempt implements ExactEvaluator.Derivatives {
        private final Claim claim;
        private final List<Expr> roots;
        private final Map<String, Integer> sizes = new TreeMap<>();
        private final List<String> names = new ArrayList<>();
        /** Symbol positions of each variable's entries (-1: a structural zero, -2: not a single symbol). */
        private final Map<String, int[][]> positions = new HashMap<>();
        /** Independent symbols of structured variables that are differentiated with respect to. */
        private final Map<String, int[][]> independent = new HashMap<>();
        private final Map<String, Var> vars;
        private final Map<String, DerivativeCall> calls = new LinkedHashMap<>();
        private final Map<Map<String, Frac[][]>, Map<String, Frac[][]>> derivativeMemo = new IdentityHashMap<>();
        private final RationalField.Work work;
        private RationalField field;

        private final boolean matrixAtoms;
        private final Set<String> reflected;

        Attempt(Claim claim, List<Expr> roots, int size, RationalField.Work work, boolean matrixAtoms, Set<String> reflected) {
            this.matrixAtoms = matrixAtoms;
            this.reflected = reflected;
            this.claim = claim;
            this.roots = roots;
            this.work = work;
            for (String d : Vars.dims(roots.toArray(new Expr[0]))) sizes.put(d, size);
            List<Expr> all = new ArrayList<>(roots);
            for (DerivativeCall c : claim.derivatives()) all.add(c.variable());
            Map<String, Var> vs = new TreeMap<>(Vars.free(all.toArray(new Expr[0])));
            vs.keySet().removeIf(n -> n.startsWith(ClaimParser.PLACEHOLDER));
            this.vars = vs;
            for (DerivativeCall c : claim.derivatives()) calls.put(c.placeholder().name(), c);
        }

        boolean run() {
            Map<String, String> kinds = new HashMap<>();
            for (Var v : vars.values()) allocate(v, kinds);
            for (DerivativeCall c : claim.derivatives()) {
                Var x = vars.getOrDefault(c.variable().name(), c.variable());
                if (!kinds.get(x.name()).equals("general") && !independent.containsKey(x.name())) {
                    if (kinds.get(x.name()).equals("orthogonal")) {
                        throw new RationalField.Unsupported("differentiating with respect to an orthogonal matrix");
                    }
                    independent.put(x.name(), block(x, "d" + x.name()));
                }
            }
            int atoms = atomEntries(roots, sizes, matrixAtoms);
            int capacity = atoms == 0 ? 0 : Math.min(600, 8 + 4 * atoms * (1 + claim.derivatives().size()));
            field = new RationalField(names, capacity, work);
            field.matrixAtoms = matrixAtoms;
            Map<String, Frac[][]> env = new HashMap<>();
            for (Var v : vars.values()) env.put(v.name(), value(v, kinds.get(v.name())));
            ExactEvaluator ev = new ExactEvaluator(field, env, sizes, this);
            Frac[][] l = ev.eval(claim.lhs()), r = ev.eval(claim.rhs());
            boolean atomsLeft = false;
            for (int i = 0; i < l.length; i++)
                for (int j = 0; j < l[0].length; j++) {
                    Frac d = field.sub(l[i][j], r[i][j]);
                    if (field.isZero(d)) continue;
                    if (field.hasAtoms(d)) { atomsLeft = true; continue; }
                    return false;
                }
            if (atomsLeft && matrixAtoms) return false;
            if (atomsLeft) {
                throw new Undecided("a nonzero difference remains in terms of exp/log/sqrt/... of the entries,"
                        + " which the rational normal form cannot decide");
            }
            return true;
        }

        private int[][] block(Var v, String prefix) {
            int r = v.shape().rows().value(sizes), c = v.shape().cols().value(sizes);
            int[][] p = new int[r][c];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) p[i][j] = newSymbol(prefix + (r > 1 && c > 1 ? (i + 1) + "_" + (j + 1) : "" + (r > 1 ? i + 1 : j + 1)));
            return p;
        }

        private int newSymbol(String name) {
            names.add(name.replaceAll("[^A-Za-z0-9_]", "_"));
            return names.size() - 1;
        }

        private void allocate(Var v, Map<String, String> kinds) {
            int r = v.shape().rows().value(sizes), c = v.shape().cols().value(sizes);
            int[][] p = new int[r][c];
            String kind = "general";
            if (r == c && r > 1 && v.has(Property.ORTHOGONAL)) {
                kind = "orthogonal";
                for (int i = 0; i < r; i++) for (int j = i + 1; j < r; j++) p[i][j] = newSymbol("s" + v.name() + (i + 1) + "_" + (j + 1));
            } else if (v.has(Property.PROBABILITY)) {
                throw new RationalField.Unsupported("a probability vector (entries summing to 1) has no exact parametrisation here");
            } else if (v.has(Property.ORTHOGONAL)) {
                throw new RationalField.Unsupported("a non-square orthogonal matrix has no simple exact parametrisation");
            } else if (r == c && r > 1 && v.has(Property.DIAGONAL)) {
                kind = "diagonal";
                for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) p[i][j] = i == j ? newSymbol(v.name() + (i + 1)) : -1;
            } else if (r == c && r > 1 && v.has(Property.SYMMETRIC)) {
                kind = "symmetric";
                for (int i = 0; i < r; i++) for (int j = i; j < c; j++) p[i][j] = newSymbol(v.name() + (i + 1) + "_" + (j + 1));
                for (int i = 0; i < r; i++) for (int j = 0; j < i; j++) p[i][j] = p[j][i];
            } else {
                p = block(v, v.name());
            }
            positions.put(v.name(), p);
            kinds.put(v.name(), kind);
        }

        private Frac[][] value(Var v, String kind) {
            int[][] p = positions.get(v.name());
            int n = p.length;
            if (kind.equals("orthogonal")) {
                // Cayley: Q = (I - S)(I + S)^-1 with S skew-symmetric is orthogonal.
                Frac[][] s = new Frac[n][n], a = new Frac[n][n], b = new Frac[n][n];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) {
                        s[i][j] = i == j ? field.zero : i < j ? field.symbol(p[i][j]) : field.neg(field.symbol(p[j][i]));
                        Frac id = i == j ? field.one : field.zero;
                        a[i][j] = field.sub(id, s[i][j]);
                        b[i][j] = field.add(id, s[i][j]);
                    }
                ExactEvaluator ev = new ExactEvaluator(field, Map.of(), sizes, this);
                Frac[][] q = ev.mul(a, ev.inverse(b));
                if (reflected.contains(v.name())) for (int i = 0; i < n; i++) q[i][0] = field.neg(q[i][0]);
                return q;
            }
            Frac[][] m = new Frac[n][p[0].length];
            for (int i = 0; i < n; i++) for (int j = 0; j < p[0].length; j++) m[i][j] = p[i][j] < 0 ? field.zero : field.symbol(p[i][j]);
            return m;
        }

        private Frac[][] symbols(int[][] p) {
            Frac[][] m = new Frac[p.length][p[0].length];
            for (int i = 0; i < p.length; i++) for (int j = 0; j < p[0].length; j++) m[i][j] = field.symbol(p[i][j]);
            return m;
        }

        @Override public Frac[][] value(Var placeholder, Map<String, Frac[][]> env) {
            Map<String, Frac[][]> memo = derivativeMemo.computeIfAbsent(env, k -> new HashMap<>());
            Frac[][] cached = memo.get(placeholder.name());
            if (cached != null) return cached;
            DerivativeCall call = calls.get(placeholder.name());
            Var x = call.variable();
            int[][] indep = independent.get(x.name());
            int[][] xpos;
            Map<String, Frac[][]> envX = env;
            int[] rename = null;
            if (indep != null) {
                xpos = indep;
                envX = new HashMap<>(env);
                envX.put(x.name(), symbols(indep));
                int[][] structured = positions.get(x.name());
                rename = new int[field.symbols];
                for (int v = 0; v < rename.length; v++) rename[v] = v;
                for (int i = 0; i < indep.length; i++) for (int j = 0; j < indep[0].length; j++) rename[indep[i][j]] = structured[i][j];
            } else {
                xpos = positions.get(x.name());
            }
            Frac[][] fv = new ExactEvaluator(field, envX, sizes, this).eval(call.function());
            Frac[][] d = arrange(call.kind(), fv, xpos);
            if (rename != null) {
                for (int i = 0; i < d.length; i++) for (int j = 0; j < d[0].length; j++) d[i][j] = field.rename(d[i][j], rename);
            }
            memo.put(placeholder.name(), d);
            return d;
        }

        /** The derivative laid out as the operator lays it out (vec stacks columns). */
        private Frac[][] arrange(matcalc.expr.Derivative.Kind kind, Frac[][] fv, int[][] xpos) {
            int xr = xpos.length, xc = xpos[0].length, n = xr * xc;
            int fr = fv.length, fc = fv[0].length, p = fr * fc;
            int[] xv = new int[n];
            for (int k = 0; k < n; k++) xv[k] = xpos[k % xr][k / xr];
            Frac[] fvec = new Frac[p];
            for (int k = 0; k < p; k++) fvec[k] = fv[k % fr][k / fr];
            switch (kind) {
                case GRAD: {
                    Frac[][] g = new Frac[xr][xc];
                    for (int i = 0; i < xr; i++) for (int j = 0; j < xc; j++) g[i][j] = field.deriv(fv[0][0], xpos[i][j]);
                    return g;
                }
                case HESSIAN: {
                    Frac[][] h = new Frac[n][n];
                    for (int i = 0; i < n; i++) {
                        Frac gi = field.deriv(fv[0][0], xv[i]);
                        for (int j = 0; j < n; j++) h[i][j] = field.deriv(gi, xv[j]);
                    }
                    return h;
                }
                default: {
                    Frac[][] jac = new Frac[p][n];
                    for (int i = 0; i < p; i++) for (int j = 0; j < n; j++) jac[i][j] = field.deriv(fvec[i], xv[j]);
                    if (kind == matcalc.expr.Derivative.Kind.JACOBIAN) return jac;
                    boolean denominator = claim.layout().transposedJacobians(), columns = claim.layout().columnGradients();
                    if (n == 1) {
                        // Tangent: the shape of f (a row in denominator layout for a column f).
                        Frac[][] t = new Frac[fr][fc];
                        for (int k = 0; k < p; k++) t[k % fr][k / fr] = jac[k][0];
                        return denominator && fc == 1 ? ExactEvaluator.transpose(t) : t;
                    }
                    if (p == 1) {
                        if (xc == 1) return columns ? ExactEvaluator.transpose(jac) : jac;
                        Frac[][] g = new Frac[xr][xc];
                        for (int k = 0; k < n; k++) g[k % xr][k / xr] = jac[0][k];
                        return g;
                    }
                    return denominator ? ExactEvaluator.transpose(jac) : jac;
                }
            }
        }
    }
}
