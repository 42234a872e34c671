package matcalc.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.calculus.Substitute;
import matcalc.calculus.VecOrder;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Ops;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import matcalc.expr.Zero;
import matcalc.shapes.Declarations;
import matcalc.shapes.Typer;
import matcalc.simplify.Strategy;
import matcalc.syntax.Ast;
import matcalc.syntax.Parse;

/**
 * Text to {@link Claim}: parses {@code lhs = rhs}, types both sides together (their sizes agree, and
 * a size fixed on one side fixes the other), and keeps every derivative operator as a
 * {@link DerivativeCall}: the typed function it differentiates and matcalc's derivative of it.
 */
public final class ClaimParser {
    /** Placeholder names cannot be typed by a user (the grammar has no '∂'). */
    static final String PLACEHOLDER = "∂";

    private ClaimParser() {}

    public static Claim parse(String text, String where, Layout layout) {
        if (text == null || text.isBlank()) throw new MatcalcError(MatcalcError.Kind.SYNTAX, "empty claim", List.of(), "");
        if (!text.contains("=")) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "a claim needs '=' between its two sides, e.g. 'tr(A B) = tr(B A)'",
                    List.of(), text);
        }
        Ast[] sides = Parse.equation(text);
        Declarations decls = Declarations.parse(where);
        refuseLargeSizes(decls, where);
        List<Expr> typed;
        try {
            typed = new Typer(decls, Map.of(), layout.derivativeShapes()).typeEquation(sides[0], sides[1]);
        } catch (MatcalcError e) {
            throw e.withSource(text);
        } catch (StackOverflowError e) {
            if (System.getenv("MATCALC_DEBUG") != null) {
                StackTraceElement[] st = e.getStackTrace();
                for (int i = 0; i < Math.min(60, st.length); i++) System.err.println("  at " + st[i]);
            }
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "claim is too deeply nested", List.of(), text);
        }
        Placeholders placeholders = new Placeholders();
        Expr lhs = placeholders.replace(zeroSide(sides[0], typed.get(0), typed.get(1)));
        Expr rhs = placeholders.replace(zeroSide(sides[1], typed.get(1), typed.get(0)));
        List<DerivativeCall> calls = expand(placeholders.pending, layout);
        Expr lv = null, rv = null;
        if (calls.stream().allMatch(DerivativeCall::expanded)) {
            lv = substitute(lhs, calls);
            rv = substitute(rhs, calls);
        }
        return new Claim(text, where == null ? "" : where, layout, lhs, rhs, lv, rv, calls);
    }

    /** Largest declared numeric size: a false claim's counterexample and condition search evaluate hundreds of instances. */
    static final int MAX_DECLARED_SIZE = 100;

    private static void refuseLargeSizes(Declarations decls, String where) {
        for (Declarations.Decl d : decls.list()) {
            if (!d.sized()) continue;
            long largest = Math.max(d.rows().coeff(), d.cols().coeff());
            if (largest > MAX_DECLARED_SIZE) {
                throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "check takes declared sizes up to " + MAX_DECLARED_SIZE
                        + ", not " + largest + "; an identity that holds for every size is checked with symbolic sizes ('"
                        + d.name() + ": " + (d.cols().isOne() ? "n" : d.rows().equals(d.cols()) ? "n x n" : "n x m") + "')", List.of(d.span()), where);
            }
        }
    }

    /** "... = 0" with a matrix on the other side means the zero matrix. */
    private static Expr zeroSide(Ast ast, Expr side, Expr other) {
        if (ast instanceof Ast.Number n && n.value().isZero() && !other.isScalar()) return new Zero(other.shape());
        return side;
    }

    /** Replaces every placeholder by matcalc's derivative. */
    static Expr substitute(Expr e, List<DerivativeCall> calls) {
        Expr out = e;
        for (int i = calls.size() - 1; i >= 0; i--) {
            DerivativeCall c = calls.get(i);
            out = Substitute.var(out, c.placeholder().name(), c.expansion());
        }
        return out;
    }

    static boolean isPlaceholder(Var v) { return v.name().startsWith(PLACEHOLDER); }

    private record Pending(matcalc.expr.Derivative.Kind kind, Expr f, Var x, Var placeholder) {}

    /**
     * Stands a placeholder variable in for each derivative operator the typer left, innermost
     * first (the claim is checked by differences of the placeholders' functions, and exactly).
     */
    private static final class Placeholders {
        final List<Pending> pending = new ArrayList<>();
        private final java.util.Map<Expr, Expr> done = new java.util.IdentityHashMap<>();

        Expr replace(Expr e) {
            Expr out = done.get(e);
            if (out != null) return out;
            out = e.mapChildren(this::replace);
            if (out instanceof matcalc.expr.Derivative d) {
                Var p = new Var(PLACEHOLDER + (pending.size() + 1), d.shape());
                pending.add(new Pending(d.kind(), d.function(), d.variable(), p));
                out = p;
            }
            done.put(e, out);
            return out;
        }
    }

    /** The shape of a derivative operator's result, as the shape inference promised it. */
    static Shape shapeOf(matcalc.expr.Derivative.Kind kind, Shape fs, Shape xs, Layout layout) {
        boolean columns = layout.columnGradients(), transposed = layout.transposedJacobians();
        switch (kind) {
            case GRAD: return xs;
            case HESSIAN: return Shape.square(xs.size());
            case JACOBIAN: return new Shape(fs.rows(), xs.rows());
            default: {
                if (xs.isScalar()) return transposed && fs.cols().isOne() ? fs.transpose() : fs;
                if (fs.isScalar()) {
                    if (xs.cols().isOne()) return columns ? xs : xs.transpose();
                    return xs;
                }
                Dim p = fs.size(), n = xs.size();
                return transposed ? new Shape(n, p) : new Shape(p, n);
            }
        }
    }

    /** matcalc's derivative for every recorded operator, inner ones first. */
    private static List<DerivativeCall> expand(List<Pending> pending, Layout layout) {
        Calculus calculus = new Calculus();
        List<DerivativeCall> done = new ArrayList<>();
        for (Pending p : pending) {
            Expr f = p.f();
            Expr fExp = f;
            boolean innerOk = true;
            for (int i = done.size() - 1; i >= 0; i--) {
                DerivativeCall d = done.get(i);
                if (d.expansion() == null) { innerOk = false; break; }
                fExp = Substitute.var(fExp, d.placeholder().name(), d.expansion());
            }
            if (!innerOk) {
                done.add(new DerivativeCall(p.kind(), f, p.x(), p.placeholder(), null, null, null,
                        "an inner derivative could not be expanded"));
                continue;
            }
            try {
                Expr raw;
                Form form = null;
                switch (p.kind()) {
                    case GRAD: raw = calculus.gradient(fExp, p.x()); break;
                    case HESSIAN: raw = calculus.hessian(fExp, p.x()); break;
                    case JACOBIAN:
                        raw = fExp.isScalar() ? Ops.t(calculus.gradient(fExp, p.x()))
                                : calculus.derive(fExp, p.x(), Layout.NUMERATOR, VecOrder.COLUMNS).value();
                        break;
                    default: {
                        Calculus.Derivative d = calculus.derive(fExp, p.x(), layout, VecOrder.COLUMNS);
                        raw = d.value();
                        form = d.form();
                    }
                }
                Expr value = Strategy.FULL.apply(raw);
                if (!value.shape().equals(p.placeholder().shape())) {
                    throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal: " + p.kind().name().toLowerCase() + " gave shape "
                            + value.shape() + ", expected " + p.placeholder().shape());
                }
                done.add(new DerivativeCall(p.kind(), f, p.x(), p.placeholder(), fExp, value, form, null));
            } catch (MatcalcError e) {
                done.add(new DerivativeCall(p.kind(), f, p.x(), p.placeholder(), fExp, null, null, e.getMessage()));
            } catch (StackOverflowError e) {
                done.add(new DerivativeCall(p.kind(), f, p.x(), p.placeholder(), fExp, null, null, "expression too deeply nested"));
            }
        }
        return done;
    }

}
