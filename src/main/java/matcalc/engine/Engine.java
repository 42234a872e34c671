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
import matcalc.simplify.ElementwiseAlgebra;
import matcalc.simplify.ScalarAlgebra;
import matcalc.simplify.Simplifier;
import matcalc.syntax.Ast;
import matcalc.syntax.Parse;

/**
 * The one API the CLI, the tests and later front ends call. Data flows one way:
 * text → syntax tree → typed IR → differential → derivative → simplified → numerically checked.
 */
public final class Engine {
    private final Calculus calculus = new Calculus();

    /** Parses and types an expression (derivative operators inside it are expanded). */
    public Expr parse(String expression, String where, Layout layout) {
        Declarations decls = Declarations.parse(where);
        return typeAll(List.of(parseExpression(expression)), decls, layout, expression).get(0);
    }

    /** The rule table to a fixpoint; then Symja for scalar and element-wise fractions, if any, and the rules again. */
    public Expr simplify(Expr e) { return simplify(e, null); }

    /** As {@link #simplify(Expr)}, reporting every rule that fired. */
    public Expr simplify(Expr e, java.util.function.Consumer<Simplifier.Firing> log) {
        Simplifier rules = new Simplifier(matcalc.simplify.Rules.ALL, log);
        Expr s = rules.run(e);
        Expr t = ScalarAlgebra.tidy(s);
        if (t != s) {
            if (log != null) log.accept(new Simplifier.Firing(ScalarAlgebra.RULE, s, t));
            s = rules.run(t);
        }
        Expr u = ElementwiseAlgebra.tidy(s);
        if (u.equals(s)) return s;
        if (log != null) log.accept(new Simplifier.Firing(ElementwiseAlgebra.RULE, s, u));
        return rules.run(u);
    }

    public DiffResult diff(DiffRequest req) { return run(req, null); }

    /** The derivative together with the steps the engine took to get it (first derivatives). */
    public Derivation derivation(DiffRequest req) {
        List<Step> steps = new ArrayList<>();
        DiffResult r = run(req, steps);
        return new Derivation(r, steps);
    }

    public record Derivation(DiffResult result, List<Step> steps) {}

    private DiffResult run(DiffRequest req, List<Step> steps) {
        Declarations decls = Declarations.parse(req.where());
        Ast ast = parseExpression(req.expression());
        Ast.Name wrt = wrtName(req.wrt(), ast);
        List<Expr> typed = typeAll(List.of(ast, wrt), decls, req.layout(), req.expression());
        Expr f = typed.get(0);
        Var x = ((Var) typed.get(1));
        try {
            Expr result;
            Form form;
            NumericCheck.Result check = null;
            if (req.order() == 1) {
                // differential (each operation's rule) → simplified → derivative identified → simplified
                StepLog log = steps == null ? null : new StepLog(steps);
                Expr dfRaw = log == null ? calculus.differential(f, x) : calculus.differential(f, x, log::applied);
                if (log != null) log.function(f, x);
                if (log != null) log.differential(dfRaw);
                Expr df = simplify(dfRaw, log == null ? null : log::fired);
                if (log != null) log.simplifiedDifferential(df);
                Calculus.Derivative first = calculus.identify(df, f, x, req.layout(), req.vec());
                if (log != null) log.identified(first, f, x);
                result = simplify(first.value(), log == null ? null : log::fired);
                form = first.form();
                if (log != null) log.result(result, form, x);
                if (req.check()) check = NumericCheck.check(f, x, result, arrangement(form), options(req));
            } else {
                Expr firstNatural = simplify(calculus.firstForSecond(f, x));
                Calculus.Derivative second = calculus.derive(firstNatural, x, req.layout(), req.vec());
                result = simplify(second.value());
                form = second.form();
                if (req.check()) {
                    Form naturalForm = f.isScalar() ? Form.GRADIENT : x.isScalar() ? Form.TANGENT : Form.VEC;
                    NumericCheck.Result c1 = NumericCheck.check(f, x, firstNatural, arrangement(naturalForm), options(req));
                    NumericCheck.Result c2 = NumericCheck.check(firstNatural, x, result, arrangement(form), options(req));
                    check = combine(c1, c2);
                }
            }
            List<Var> vars = new ArrayList<>(Vars.free(f, x).values());
            return new DiffResult(req, f, x, result, form, req.order(), vars, check, notes(f, x));
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "expression is too deeply nested to differentiate");
        }
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

    private List<Expr> typeAll(List<Ast> asts, Declarations decls, Layout layout, String source) {
        try {
            return new Typer(decls, Map.of(), operators(layout)).type(asts);
        } catch (MatcalcError e) {
            throw e.withSource(source);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "expression is too deeply nested", List.of(), source);
        }
    }

    /** grad/jacobian/hessian/diff inside expressions: differentiated and simplified on the spot. */
    public DerivativeOperators operators(Layout layout) {
        return new DerivativeOperators() {
            public Expr derive(Kind kind, Expr f, Var x, Span at) {
                Expr raw;
                switch (kind) {
                    case GRAD: raw = calculus.gradient(f, x); break;
                    case HESSIAN: raw = calculus.hessian(f, x); break;
                    case JACOBIAN: raw = jacobian(f, x); break;
                    default: raw = calculus.derive(f, x, layout, matcalc.calculus.VecOrder.COLUMNS).value();
                }
                return simplify(raw);
            }
            public boolean denominatorLayout() { return layout == Layout.DENOMINATOR; }
        };
    }

    /** Numerator-layout Jacobian of a vector (or scalar) function of a vector (or scalar). */
    private Expr jacobian(Expr f, Var x) {
        if (f.isScalar()) return Ops.t(calculus.gradient(f, x));
        return calculus.derive(f, x, Layout.NUMERATOR, matcalc.calculus.VecOrder.COLUMNS).value();
    }
}
