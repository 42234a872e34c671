package matcalc.shapes;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import matcalc.syntax.Ast;

/**
 * Syntax tree to typed IR: infers every size ({@link ShapeInference}), names the sizes nobody
 * fixed (n, m, k, ...), then builds the IR ({@link Elaborator}). Names are resolved from the
 * declarations, then from earlier program bindings, then by convention ({@link Conventions}).
 */
public final class Typer {
    /** The language's function names (the REPL completes them). */
    public static java.util.Set<String> functions() { return ShapeInference.FUNCTIONS; }

    private final Declarations decls;
    private final Map<String, Expr> bound;
    private final DerivativeShapes derivatives;

    /** @param bound names already given a value (program bindings), with their typed expressions */
    public Typer(Declarations decls, Map<String, Expr> bound, DerivativeShapes derivatives) {
        this.decls = decls;
        this.bound = bound;
        this.derivatives = derivatives;
    }

    public Typer(Declarations decls, DerivativeShapes derivatives) { this(decls, Map.of(), derivatives); }

    /** Types one expression. */
    public Expr type(Ast ast) { return type(List.of(ast)).get(0); }

    /** Types several expressions together, so that their sizes agree (the two sides of a claim). */
    public List<Expr> type(List<Ast> asts) { return typeTogether(asts, false); }

    /**
     * Types the two sides of an equation: like {@link #type(List)}, and the shapes of the sides are
     * unified as well, so that a size fixed on one side fixes the other ({@code grad(tr(X), X) = I}).
     * Sides whose shapes cannot agree are typed anyway, each with its own shape: the caller reports
     * the mismatch (a claim with mismatched sides is false, not malformed). A side that is the
     * number 0 is left a scalar; the caller may read it as a zero matrix.
     */
    public List<Expr> typeEquation(Ast lhs, Ast rhs) { return typeTogether(List.of(lhs, rhs), true); }

    private List<Expr> typeTogether(List<Ast> asts, boolean sidesAgree) {
        NameTable table = new NameTable();
        for (Ast a : asts) writtenSizes(a, table.writtenSizes);
        Juxtaposition juxtaposition = new Juxtaposition(table::isVariable, decls::isFunction);
        asts = asts.stream().map(juxtaposition::rewrite).toList();
        ShapeInference inference = new ShapeInference(table);
        List<TShape> shapes = new java.util.ArrayList<>();
        for (Ast a : asts) shapes.add(inference.infer(a));
        if (sidesAgree && !shapes.get(0).isScalar() && !shapes.get(1).isScalar()) {
            // Rows with rows and columns with columns; when that fails (a transposed side), nothing
            // more is forced: both are then reported with the sizes they have.
            if (TDim.unify(shapes.get(0).rows(), shapes.get(1).rows())) TDim.unify(shapes.get(0).cols(), shapes.get(1).cols());
        }
        for (Map.Entry<String, Span> sized : inference.sizeNames.entrySet()) {
            if (table.isVariable(sized.getKey()) || table.seen(sized.getKey())) {
                throw new MatcalcError(MatcalcError.Kind.NAME, "'" + sized.getKey() + "' is written as a size here and used as a variable"
                        + " elsewhere; for a product write I " + sized.getKey() + " (with a space)", sized.getValue());
            }
        }
        Supplier<String> fresh = freshNames(table, inference.sizeNames.keySet());
        Map<Ast, Shape> resolved = new java.util.IdentityHashMap<>();
        Elaborator el = new Elaborator(
                a -> resolved.computeIfAbsent(a, k -> resolve(inference.shapes.get(k), fresh)),
                n -> table.expr(n, fresh),
                table::isVariable, decls::isFunction, inference.products);
        List<Expr> out = new java.util.ArrayList<>();
        for (Ast a : asts) out.add(el.build(a));
        return out;
    }

    /** Size names written in sized constants, I(n), ones(m, n), K(m, n): these are sizes, also where used as scalars. */
    private static void writtenSizes(Ast a, Set<String> out) {
        if (a instanceof Ast.Call c) {
            if (ShapeInference.SIZED.contains(c.name()) && c.adjacent()) {
                for (Ast arg : c.args()) {
                    try { out.addAll(ShapeInference.size(arg).symbols()); } catch (MatcalcError e) { /* reported by inference */ }
                }
            }
            for (Ast arg : c.args()) writtenSizes(arg, out);
        } else if (a instanceof Ast.Binary b) { writtenSizes(b.left(), out); writtenSizes(b.right(), out); }
        else if (a instanceof Ast.Negate n) writtenSizes(n.arg(), out);
        else if (a instanceof Ast.Prime p) writtenSizes(p.arg(), out);
        else if (a instanceof Ast.Power p) { writtenSizes(p.base(), out); writtenSizes(p.exponent(), out); }
        else if (a instanceof Ast.ElemPower p) { writtenSizes(p.base(), out); writtenSizes(p.exponent(), out); }
        else if (a instanceof Ast.Index i) {
            writtenSizes(i.base(), out);
            writtenSizes(i.row(), out);
            if (i.col() != null) writtenSizes(i.col(), out);
        }
    }

    private static Shape resolve(TShape t, Supplier<String> fresh) {
        return new Shape(t.rows().resolve(fresh), t.cols().resolve(fresh));
    }

    /** n, m, k, p, q, r, s, then n1, n2, ...; never a size name the user declared. */
    private Supplier<String> freshNames(NameTable table, Set<String> written) {
        Set<String> taken = new HashSet<>(written);
        for (Declarations.Decl d : decls.list()) {
            if (d.sized()) { taken.addAll(d.rows().symbols()); taken.addAll(d.cols().symbols()); }
        }
        for (Expr e : bound.values()) { taken.addAll(e.shape().rows().symbols()); taken.addAll(e.shape().cols().symbols()); }
        List<String> pool = List.of("n", "m", "k", "p", "q", "r", "s");
        return new Supplier<>() {
            int next = 0;
            public String get() {
                while (true) {
                    String name = next < pool.size() ? pool.get(next) : "n" + (next - pool.size() + 1);
                    next++;
                    if (taken.add(name)) return name;
                }
            }
        };
    }

    /** Shapes of names during inference; typed leaves afterwards. */
    private final class NameTable implements ShapeInference.Names {
        private final Map<String, TShape> shapes = new LinkedHashMap<>();
        private final Map<String, Expr> exprs = new LinkedHashMap<>();

        public boolean isVariable(String name) { return decls.get(name) != null || bound.containsKey(name); }

        public boolean isFunction(String name) { return decls.isFunction(name); }

        boolean seen(String name) { return shapes.containsKey(name); }

        /** A size of a declaration (or of a program binding) used as a scalar: n in sum(x) / n for x: n. */
        final Set<String> writtenSizes = new HashSet<>();

        boolean isSize(String name) {
            if (isVariable(name)) return false;
            if (writtenSizes.contains(name)) return true;
            for (Declarations.Decl d : decls.list()) {
                if (d.sized() && (d.rows().symbols().contains(name) || d.cols().symbols().contains(name))) return true;
            }
            for (Expr e : bound.values()) {
                if (e.shape().rows().symbols().contains(name) || e.shape().cols().symbols().contains(name)) return true;
            }
            return false;
        }

        public boolean columnGradients() { return derivatives.columnGradients(); }
        public boolean transposedJacobians() { return derivatives.transposedJacobians(); }

        public TShape shapeOf(String name, Span at) {
            TShape s = shapes.get(name);
            if (s != null) return s;
            if (isSize(name)) return TShape.scalar(); // not recorded as a variable: it may be a size elsewhere too
            Declarations.Decl d = decls.get(name);
            if (d != null) {
                if (d.sized()) s = new TShape(TDim.of(d.rows()), TDim.of(d.cols()));
                else if (d.properties().stream().anyMatch(p -> !p.square())) s = TShape.column(TDim.unknown(true)); // y: probability
                else { TDim n = TDim.unknown(true); s = new TShape(n, n); }
            } else if (bound.containsKey(name)) {
                Shape b = bound.get(name).shape();
                s = new TShape(TDim.of(b.rows()), TDim.of(b.cols()));
            } else if (name.equals("I") || name.equals("eye")) {
                // Every use of I may have its own size, so it is not cached.
                TDim n = TDim.unknown(true);
                return new TShape(n, n);
            } else if (name.equals("ones")) {
                return new TShape(TDim.unknown(false), TDim.unknown(false));
            } else {
                switch (Conventions.kindOf(name)) {
                    case SCALAR: s = TShape.scalar(); break;
                    case VECTOR: s = TShape.column(TDim.unknown(true)); break;
                    default: s = new TShape(TDim.unknown(true), TDim.unknown(true));
                }
            }
            shapes.put(name, s);
            return s;
        }

        Expr expr(Ast.Name n, Supplier<String> fresh) {
            String name = n.name();
            if (!isVariable(name) && (name.equals("I") || name.equals("eye") || name.equals("ones"))) {
                throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal: constant " + name + " reached the name table", n.span());
            }
            Expr e = exprs.get(name);
            if (e != null) return e;
            if (isSize(name)) return matcalc.ops.Size.scalar(Dim.sym(name));
            if (bound.containsKey(name) && decls.get(name) == null) {
                e = new Var(name, bound.get(name).shape());
            } else {
                TShape t = shapes.get(name);
                Shape s = resolve(t, fresh);
                Declarations.Decl d = decls.get(name);
                Set<Property> props = d == null ? Set.of() : d.properties();
                e = new Var(name, s, props);
            }
            exprs.put(name, e);
            return e;
        }
    }
}
