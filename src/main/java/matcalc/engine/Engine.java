package matcalc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.check.Arrangement;
import matcalc.check.NumericCheck;
import matcalc.check.Vars;
import matcalc.expr.Apply;
import matcalc.expr.Expr;
import matcalc.expr.Max;
import matcalc.expr.Norm;
import matcalc.expr.Ops;
import matcalc.expr.Var;
import matcalc.shapes.Declarations;
import matcalc.shapes.DerivativeOperators;
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
    }

    private final Simplification simplification;

    public Engine() { this(Strategy::run); }

    Engine(Simplification simplification) { this.simplification = simplification; }

    /** Parses and types an expression (derivative operators inside it are expanded). */
    public Expr parse(String expression, String where, Layout layout) {
        Declarations decls = Declarations.parse(where);
        return typeAll(List.of(parseExpression(expression)), decls, operators(layout), expression).get(0);
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
     * Parse, type, then differentiate and check: the fully simplified form first and, should it
     * fail the numeric check, the less simplified ones (each level is a sound rewriting, so a
     * failure there is a bug in a rule, and a wrong formula must not be printed as the answer).
     */
    private DiffResult run(DiffRequest req, List<Step> steps) {
        Declarations decls = Declarations.parse(req.where());
        Ast ast = parseExpression(req.expression());
        Ast.Name wrt = wrtName(req.wrt(), ast);
        InnerDerivatives inner = new InnerDerivatives(calculus, req.layout(), options(req));
        List<Expr> typed = typeAll(List.of(ast, wrt), decls, inner, req.expression());
        Expr f = typed.get(0);
        if (!(typed.get(1) instanceof Var x)) {
            // A size written in I(x) or ones(x) is a scalar constant, not a variable.
            throw new MatcalcError(MatcalcError.Kind.NAME, "'" + wrt.name() + "' is written as a size here and used as a variable elsewhere;"
                    + " for a product write I " + wrt.name() + " (with a space)", List.of(wordAt(req.expression(), wrt.name())), req.expression());
        }
        try {
            Attempt first = null, chosen = null;
            for (Strategy s = Strategy.FULL; s != null; s = req.check() ? s.fallback() : null) {
                Attempt a = req.order() == 1 ? firstDerivative(f, x, req, s, steps != null) : secondDerivative(f, x, req, s);
                if (first == null) first = a;
                if (a.settled()) { chosen = a; break; }
            }
            List<String> notes = notes(f, x);
            notes.addAll(inner.notes());
            if (chosen == null) {
                chosen = first; // every level failed: reported as failed, with no formula presented as the answer
            } else if (chosen != first) {
                notes.add(String.format(java.util.Locale.ROOT, "the fully simplified form failed the numeric check (max rel. error %.1e);"
                        + " this is the %s form", first.check().maxRelError(), chosen.strategy().description));
            }
            if (chosen.budget()) notes.add(Strategy.BUDGET_NOTE);
            if (steps != null) steps.addAll(chosen.steps());
            List<Var> vars = new ArrayList<>(Vars.free(f, x).values());
            return new DiffResult(req, f, x, chosen.result(), chosen.form(), req.order(), vars, chosen.check(), notes);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "expression is too deeply nested to differentiate");
        }
    }

    /** differential (each operation's rule) → simplified → derivative identified → simplified → checked. */
    private Attempt firstDerivative(Expr f, Var x, DiffRequest req, Strategy s, boolean logSteps) {
        List<Step> steps = new ArrayList<>();
        StepLog log = logSteps ? new StepLog(steps) : null;
        Var xp = x.plain();
        Expr fp = Structure.strip(f, x);
        Expr dfRaw = log == null ? calculus.differential(fp, xp) : calculus.differential(fp, xp, log::applied);
        if (log != null) log.function(f, x);
        if (log != null) log.differential(dfRaw);
        boolean[] budget = {false};
        Expr df = simplified(s, dfRaw, log == null ? null : log::fired, budget);
        if (log != null) log.simplifiedDifferential(df);
        Calculus.Derivative d = calculus.identify(df, fp, xp, req.layout(), req.vec());
        if (log != null) log.identified(d, f, x);
        Expr result = Structure.restore(simplified(s, d.value(), log == null ? null : log::fired, budget), x,
                e -> simplified(s, e, null, budget));
        if (log != null) log.result(result, d.form(), x);
        NumericCheck.Result check = req.check() ? NumericCheck.check(f, x, result, arrangement(d.form()), options(req)) : null;
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

    /** s applied to e; budget[0] is set when a pass stopped at the rewrite budget (the result gets a note). */
    private Expr simplified(Strategy s, Expr e, java.util.function.Consumer<Simplifier.Firing> log, boolean[] budget) {
        Simplifier.Simplified r = simplification.apply(s, e, log);
        budget[0] |= r.budgetExhausted();
        return r.result();
    }

    static NumericCheck.Result combine(NumericCheck.Result a, NumericCheck.Result b) {
        boolean passed = a.passed() && b.passed();
        boolean inconclusive = a.inconclusive() || b.inconclusive();
        String detail = !a.passed() ? "first derivative: " + a.detail() : !b.passed() ? b.detail() : b.detail();
        return new NumericCheck.Result(passed, inconclusive, Math.min(a.instances(), b.instances()),
                Math.max(a.maxRelError(), b.maxRelError()), detail);
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

    private static List<String> notes(Expr f, Var x) {
        List<String> notes = new ArrayList<>();
        if (!Vars.free(f).containsKey(x.name())) notes.add("the expression does not depend on " + x.name() + ": its derivative is 0");
        if (hasKink(f)) {
            notes.add("relu, abs, sign, step, max and norms are not differentiable everywhere: the derivative holds"
                    + " almost everywhere (away from zeros and ties)");
        }
        for (Var v : Vars.free(f).values()) {
            if (v.name().equals(x.name()) && !v.properties().isEmpty()) {
                notes.add(x.name() + " is declared " + v.properties().iterator().next().word()
                        + "; its entries are treated as independent when differentiating");
            }
        }
        return notes;
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
        if (!w.matches("[\\p{L}_][\\p{L}\\p{N}_]*")) {
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

    private List<Expr> typeAll(List<Ast> asts, Declarations decls, DerivativeOperators ops, String source) {
        try {
            return new Typer(decls, Map.of(), ops).type(asts);
        } catch (MatcalcError e) {
            throw e.withSource(source);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "expression is too deeply nested", List.of(), source);
        }
    }

    /** grad/jacobian/hessian/diff inside expressions: differentiated, simplified and checked on the spot. */
    public DerivativeOperators operators(Layout layout) {
        return new InnerDerivatives(calculus, layout, NumericCheck.Options.defaults());
    }
}
