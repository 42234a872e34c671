package matcalc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.numeric.Arrangement;
import matcalc.numeric.NumericCheck;
import matcalc.numeric.Vars;
import matcalc.expr.Apply;
import matcalc.expr.Call;
import matcalc.expr.SymmetricPoints;
import matcalc.render.TextRenderer;
import matcalc.expr.Expr;
import matcalc.expr.Max;
import matcalc.expr.Norm;
import matcalc.expr.Ops;
import matcalc.expr.Var;
import matcalc.shapes.Declarations;
import matcalc.shapes.Typer;
import matcalc.simplify.Simplifier;
import matcalc.simplify.Strategy;
import matcalc.syntax.Ast;
import matcalc.syntax.Parse;

/**
 * The one API the CLI, the tests and later front ends call. Data flows one way:
 * text → syntax tree → typed IR → differential → derivative → simplified → numerically checked.
 */
public final class Engine {
    private final Calculus calculus = new Calculus();

    /** How a strategy is applied; tests substitute a broken one to see the fallback work. */
    interface Simplification {
        Simplifier.Simplified apply(Strategy s, Expr e, java.util.function.Consumer<Simplifier.Firing> log);

        /** A result that is one scalar formula (a derivative of order k by a scalar), simplified as such. */
        default Simplifier.Simplified asOneFormula(Strategy s, Expr e) { return apply(s, e, null); }
    }

    private static final Simplification STRATEGIES = new Simplification() {
        @Override public Simplifier.Simplified apply(Strategy s, Expr e, java.util.function.Consumer<Simplifier.Firing> log) { return s.run(e, log); }
        @Override public Simplifier.Simplified asOneFormula(Strategy s, Expr e) { return s.runAsOneFormula(e); }
    };

    private final Simplification simplification;

    public Engine() { this(STRATEGIES); }

    Engine(Simplification simplification) { this.simplification = simplification; }

    /** Parses and types an expression (derivative operators inside it are expanded). */
    public Expr parse(String expression, String where, Layout layout) {
        Declarations decls = Declarations.parse(where);
        Expr typed = type(List.of(parseExpression(expression)), decls, layout, expression).get(0);
        return new InnerDerivatives(calculus, layout, NumericCheck.Options.defaults(), simplification, true).expand(typed);
    }

    /** The full simplification (rules, Symja's scalar and element-wise algebra, rules again). */
    public Expr simplify(Expr e) { return Strategy.FULL.apply(e); }

    /** As {@link #simplify(Expr)}, reporting every rule that fired. */
    public Expr simplify(Expr e, java.util.function.Consumer<Simplifier.Firing> log) { return Strategy.FULL.apply(e, log); }

    public DiffResult diff(DiffRequest req) {
        try (Strategy.Session memo = Strategy.session()) { return run(req, null); }
    }

    /** The derivative together with the steps the engine took to get it (first derivatives). */
    public Derivation derivation(DiffRequest req) {
        List<Step> steps = new ArrayList<>();
        DiffResult r = run(req, steps);
        return new Derivation(r, steps);
    }

    public record Derivation(DiffResult result, List<Step> steps) {}

    /** One derivative at one level of simplification, with its check (null when not asked for). */
    private record Attempt(Strategy strategy, Expr result, Form form, NumericCheck.Result check, List<Step> steps, boolean budget) {
        boolean settled() { return check == null || check.passed() || check.inconclusive(); }
    }

    /**
     * The stages, top-down: parse and type (derivative operators stay unexpanded nodes) → expand
     * them → differentiate, simplify, identify and check. Should the fully simplified form fail the
     * numeric check, the less simplified ones are tried (each level is a sound rewriting, so a
     * failure there is a bug in a rule, and a wrong formula must not be printed as the answer).
     */
    private DiffResult run(DiffRequest req, List<Step> steps) {
        Typed typed = type(req);
        Var x = typed.variable();
        req.structure().requireApplicable(typed.function(), x, req.order());
        requireOrder(req.order(), typed.function(), x);
        InnerDerivatives inner = new InnerDerivatives(calculus, req.layout(), options(req), simplification, req.check());
        try {
            Expr f = inner.expand(typed.function());
            Attempt first = null, chosen = null;
            for (Strategy s = Strategy.FULL; s != null; s = req.check() ? s.fallback() : null) {
                Strategy level = s;
                // x's entries are independent while differentiating, but the result is evaluated at x's structure only.
                Attempt a = SymmetricPoints.assuming(x, () -> derivative(f, x, req, level, steps != null));
                if (first == null) first = a;
                if (a.settled()) { chosen = a; break; }
            }
            List<String> notes = notes(f, x, req.structure());
            notes.addAll(inner.notes());
            if (chosen == null) {
                chosen = first; // every level failed: reported as failed, with no formula presented as the answer
            } else if (chosen != first) {
                notes.add(String.format(java.util.Locale.ROOT, "the fully simplified form failed the numeric check (max rel. error %.1e);"
                        + " this is the %s form", first.check().maxRelError(), chosen.strategy().description));
            }
            if (chosen.budget()) notes.add(Strategy.BUDGET_NOTE);
            operatorNotes(chosen.result(), notes);
            if (steps != null) steps.addAll(chosen.steps());
            List<Var> vars = new ArrayList<>(Vars.free(f, x).values());
            notes = ConventionNotes.with(notes, f, typed.declarations());
            return new DiffResult(req, f, x, chosen.result(), chosen.form(), req.order(), vars, chosen.check(), notes);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "expression is too deeply nested to differentiate");
        }
    }

    /** The request's expression and variable, typed together (their sizes agree). */
    private record Typed(Expr function, Var variable, Declarations declarations) {}

    private static Typed type(DiffRequest req) {
        Declarations decls = Declarations.parse(req.where());
        Ast ast = parseExpression(req.expression());
        Ast.Name wrt = wrtName(req.wrt(), ast);
        List<Expr> typed = type(List.of(ast, wrt), decls, req.layout(), req.expression());
        if (!(typed.get(1) instanceof Var x)) {
            // A size written in I(x) or ones(x) is a scalar constant, not a variable.
            throw new MatcalcError(MatcalcError.Kind.NAME, "'" + wrt.name() + "' is written as a size here and used as a variable elsewhere;"
                    + " for a product write I " + wrt.name() + " (with a space)", List.of(wordAt(req.expression(), wrt.name())), req.expression());
        }
        return new Typed(typed.get(0), x, decls);
    }

    /**
     * The highest order asked of {@code diff}: the derivative of order k by x in R^n has n^k entries
     * (4,096 at n = 4, the size the numeric check may draw), each order checked against the one before.
     */
    public static final int MAX_ORDER = 6;

    /** Orders 3 and up are for scalar functions of vectors (or scalars), and at most {@link #MAX_ORDER}. */
    private static void requireOrder(int order, Expr f, Var x) {
        if (order > MAX_ORDER) {
            String atFour = order <= 20 ? ", " + String.format(java.util.Locale.ROOT, "%,d", 1L << (2 * order)) + " already at n = 4" : "";
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--order " + order + " is not supported (at most " + MAX_ORDER
                    + "): the derivative of order k by an x of n entries has n^k entries" + atFour + ", too many to print or to check");
        }
        if (order >= 3 && (!f.isScalar() || !x.shape().cols().isOne())) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--order " + order + " is for a scalar function of a vector (or scalar) variable");
        }
    }

    /**
     * The derivative of the order asked for. First and second derivatives have stages of their own
     * (every shape, layout and vec order, the steps view, structure conventions); orders 3 and up,
     * for a scalar by a vector, are one loop ({@link #higherDerivative}).
     */
    private Attempt derivative(Expr f, Var x, DiffRequest req, Strategy s, boolean logSteps) {
        switch (req.order()) {
            case 1: return firstDerivative(f, x, req, s, logSteps);
            case 2: return secondDerivative(f, x, req, s);
            default: return higherDerivative(f, x, req, s);
        }
    }

    /** differential (each operation's rule) → simplified → derivative identified → simplified → checked. */
    private Attempt firstDerivative(Expr f, Var x, DiffRequest req, Strategy s, boolean logSteps) {
        List<Step> steps = new ArrayList<>();
        Observer log = logSteps ? new StepLog(steps) : Observer.NONE;
        Var xp = x.plain();
        Expr fp = Structure.strip(f, x);
        boolean[] budget = {false};
        Expr dfRaw = calculus.differential(fp, xp, log.applied());
        log.function(f, x);
        log.differential(dfRaw);
        Expr df = simplified(s, dfRaw, log.fired(), budget);
        log.simplifiedDifferential(df);
        Calculus.Derivative d = calculus.identify(df, fp, xp, req.layout(), req.vec());
        log.identified(d, f, x);
        Expr result = Structure.restore(simplified(s, d.value(), log.fired(), budget), x, e -> simplified(s, e, null, budget));
        NumericCheck.Result check = req.check() ? NumericCheck.check(f, x, result, arrangement(d.form()), options(req)) : null;
        StructureConvention c = req.structure();
        if (c.applies(f, x)) {
            // By the structure's own convention: from the gradient by independent entries, checked along the structure.
            Expr g = result;
            result = simplified(s, c.apply(g, x), log.fired(), budget);
            if (check != null) check = combine(check, NumericCheck.checkInSubspace(f, x, result, c.subspace(x), options(req)));
        }
        log.result(result, d.form(), x);
        return new Attempt(s, result, d.form(), check, steps, budget[0]);
    }

    /**
     * The derivative of the first derivative (a gradient, tangent or Jacobian). Both are checked:
     * the first against finite differences of f, the second against finite differences of the
     * first as derived, before x's structure touched it (so a perturbation off the structure sees
     * the same function the second derivative was taken of).
     */
    private Attempt secondDerivative(Expr f, Var x, DiffRequest req, Strategy s) {
        Var xp = x.plain();
        Expr fp = Structure.strip(f, x);
        boolean[] budget = {false};
        Expr firstNatural = simplified(s, calculus.firstForSecond(fp, xp), null, budget);
        Calculus.Derivative second = calculus.derive(firstNatural, xp, req.layout(), req.vec());
        Expr result = Structure.restore(simplified(s, second.value(), null, budget), x, e -> simplified(s, e, null, budget));
        NumericCheck.Result check = null;
        if (req.check()) {
            Form naturalForm = f.isScalar() ? Form.GRADIENT : x.isScalar() ? Form.TANGENT : Form.VEC;
            Expr firstAtX = Structure.restore(firstNatural, x, e -> e);
            NumericCheck.Result c1 = NumericCheck.check(f, x, firstAtX, arrangement(naturalForm), options(req));
            NumericCheck.Result c2 = NumericCheck.check(firstAtX, x, result, arrangement(second.form()), options(req));
            check = combine(c1, c2);
        }
        return new Attempt(s, result, second.form(), check, List.of(), budget[0]);
    }

    /** As {@link #simplified}, and a scalar result simplified as one formula as well ({@link Strategy#runAsOneFormula}). */
    private Expr oneFormula(Strategy s, Expr e, boolean[] budget) {
        Simplifier.Simplified r = simplification.asOneFormula(s, e);
        budget[0] |= r.budgetExhausted();
        return r.result();
    }

    /** s applied to e; budget[0] is set when a pass stopped at the rewrite budget (the result gets a note). */
    private Expr simplified(Strategy s, Expr e, java.util.function.Consumer<Simplifier.Firing> log, boolean[] budget) {
        Simplifier.Simplified r = simplification.apply(s, e, log);
        budget[0] |= r.budgetExhausted();
        return r.result();
    }

    /**
     * Order k >= 3 of a scalar f by a vector (or scalar) x. D1 is the gradient (a column) and
     * D(m+1) = d vec(Dm) / dx^T, so D2 is the Hessian and Dk is n^(k-1) x n, with entry
     * ((i1, ..., i(k-1)), ik) = d^k f / dx_i1 ... dx_ik (i1 fastest, as vec stacks). For a scalar x
     * every Dm is the ordinary m-th derivative. Each Dm is checked against finite differences of
     * D(m-1) as derived (D0 = f; before x's structure touched it), so a wrong order is caught at
     * the order where it went wrong.
     */
    private Attempt higherDerivative(Expr f, Var x, DiffRequest req, Strategy s) {
        Var xp = x.plain();
        boolean[] budget = {false};
        List<Expr> ds = new ArrayList<>(); // D1 .. Dk, simplified, in x without its structure
        ds.add(simplified(s, calculus.firstForSecond(Structure.strip(f, x), xp), null, budget));
        while (ds.size() < req.order()) ds.add(simplified(s, calculus.vecJacobian(ds.get(ds.size() - 1), xp), null, budget));
        Expr result = Structure.restore(ds.get(ds.size() - 1), x, e -> simplified(s, e, null, budget));
        if (x.isScalar()) result = oneFormula(s, result, budget); // sin(x) by x four times is sin(x)
        NumericCheck.Result check = null;
        if (req.check()) {
            // Dk is built of Kronecker products with n^(k+1) rows: at sizes where one is too large, smaller n
            NumericCheck.Options o = options(req).shrinkingWhenTooLarge();
            Expr before = f;
            for (int m = 1; m <= req.order(); m++) {
                Expr dm = m == req.order() ? result : Structure.restore(ds.get(m - 1), x, e -> e);
                // D1 is a gradient; every later Dm is the Jacobian of vec(D(m-1)) (for a scalar x, a derivative again)
                Arrangement a = m == 1 || x.isScalar() ? Arrangement.GRADIENT : Arrangement.JACOBIAN;
                NumericCheck.Result c = NumericCheck.check(before, x, dm, a, o);
                check = combine(check, c, m);
                before = dm;
            }
        }
        return new Attempt(s, result, x.isScalar() ? Form.SCALAR : Form.VEC, check, List.of(), budget[0]);
    }

    static NumericCheck.Result combine(NumericCheck.Result a, NumericCheck.Result b) {
        boolean passed = a.passed() && b.passed();
        boolean inconclusive = a.inconclusive() || b.inconclusive();
        String detail = !a.passed() ? "first derivative: " + a.detail() : !b.passed() ? b.detail() : b.detail();
        return new NumericCheck.Result(passed, inconclusive, Math.min(a.instances(), b.instances()),
                Math.max(a.maxRelError(), b.maxRelError()), detail);
    }

    /**
     * The check of orders 1 .. m-1 ({@code soFar}, null before order 1) with that of order m. A failure
     * is reported at the first order that failed (the orders after it differentiate a wrong derivative).
     */
    static NumericCheck.Result combine(NumericCheck.Result soFar, NumericCheck.Result orderM, int m) {
        if (!orderM.passed()) {
            orderM = new NumericCheck.Result(false, orderM.inconclusive(), orderM.instances(), orderM.maxRelError(),
                    "derivative of order " + m + ": " + orderM.detail());
        }
        if (soFar == null) return orderM;
        return new NumericCheck.Result(soFar.passed() && orderM.passed(), soFar.inconclusive() || orderM.inconclusive(),
                Math.min(soFar.instances(), orderM.instances()), Math.max(soFar.maxRelError(), orderM.maxRelError()),
                soFar.passed() ? orderM.detail() : soFar.detail());
    }

    static NumericCheck.Options options(DiffRequest req) { return NumericCheck.Options.defaults().withSeed(req.seed()); }

    /** How the derivative's entries relate to ∂vec(f)/∂vec(x)^T, for the numeric check. */
    public static Arrangement arrangement(Form form) {
        switch (form) {
            case SCALAR: case GRADIENT: return Arrangement.GRADIENT;
            case ROW_GRADIENT: return Arrangement.ROW_GRADIENT;
            case TANGENT: return Arrangement.TANGENT;
            case TANGENT_ROW: case VEC_TRANSPOSED: return Arrangement.JACOBIAN_TRANSPOSED;
            case VEC: return Arrangement.JACOBIAN;
            case VEC_ROWS: return Arrangement.JACOBIAN_ROWS;
            default: return Arrangement.JACOBIAN_ROWS_TRANSPOSED;
        }
    }

    private static List<String> notes(Expr f, Var x, StructureConvention convention) {
        List<String> notes = new ArrayList<>();
        Map<String, Var> free = Vars.free(f);
        if (!free.containsKey(x.name())) notes.add("the expression does not depend on " + x.name() + ": its derivative is 0");
        if (hasKink(f)) {
            notes.add("relu, abs, sign, step, max and norms are not differentiable everywhere: the derivative holds"
                    + " almost everywhere (away from zeros and ties)");
        }
        Var v = free.get(x.name());
        if (v != null && convention.applies(f, x)) {
            notes.add(convention.describe(x));
        } else if (v != null && !v.properties().isEmpty()) {
            notes.add(x.name() + " is declared " + v.properties().iterator().next().word()
                    + "; its entries are treated as independent when differentiating");
        }
        return notes;
    }

    /** The notes of the table's operators in a result (which formula a call stands for, where it holds), once each. */
    private static void operatorNotes(Expr result, List<String> notes) {
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(List.of(result));
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (!seen.add(e)) continue;
            if (e instanceof Call c) {
                String note = c.op().note(i -> TextRenderer.render(c.arg(i)));
                if (note != null && !notes.contains(note)) notes.add(note);
            }
            todo.addAll(e.children());
        }
    }

    private static boolean hasKink(Expr e) {
        if (e instanceof Apply a && a.fn().kinked) return true;
        if (e instanceof Max || (e instanceof Norm n && n.p() == 1)) return true;
        for (Expr c : e.children()) if (hasKink(c)) return true;
        return false;
    }

    /** Where a name first occurs as a whole word (for the caret). */
    private static Span wordAt(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_])" + java.util.regex.Pattern.quote(name)
                + "(?![\\p{L}\\p{N}_])").matcher(text);
        return m.find() ? new Span(m.start(), m.end()) : new Span(0, Math.max(1, text.length()));
    }

    static Ast parseExpression(String text) {
        if (text == null || text.isBlank()) throw new MatcalcError(MatcalcError.Kind.SYNTAX, "empty expression", List.of(), text == null ? "" : text);
        return Parse.expression(text);
    }

    private static Ast.Name wrtName(String wrt, Ast f) {
        String w = wrt == null ? "" : wrt.strip();
        if (!Declarations.isName(w)) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "--wrt needs a variable name, got '" + wrt + "'",
                    List.of(new Span(0, Math.max(1, wrt == null ? 1 : wrt.length()))), wrt == null ? "" : wrt);
        }
        // The constants are typed as such, never as a variable (ClassCastException before).
        if (w.equals("I") || w.equals("eye") || w.equals("ones")) {
            throw new MatcalcError(MatcalcError.Kind.NAME, "--wrt needs a variable; '" + w + "' is the "
                    + (w.equals("ones") ? "all-ones constant" : "identity matrix"), List.of(new Span(0, w.length())), w);
        }
        return new Ast.Name(w, new Span(0, w.length()));
    }

    /** Types the syntax trees; derivative operators in them stay unexpanded {@link matcalc.expr.Derivative} nodes. */
    private static List<Expr> type(List<Ast> asts, Declarations decls, Layout layout, String source) {
        try {
            return new Typer(decls, Map.of(), layout.derivativeShapes()).type(asts);
        } catch (MatcalcError e) {
            throw e.withSource(source);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "expression is too deeply nested", List.of(), source);
        }
    }
}
