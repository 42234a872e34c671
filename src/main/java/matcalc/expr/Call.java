package matcalc.expr;

import java.util.List;

/**
 * An operator of the table ({@link Operator}) applied to its arguments. The shape is the
 * signature's result, kept: it is asked for on every visit, and the signature's unification is a
 * map of names (a null shape is computed; a given one must agree).
 */
public record Call(Operator op, List<Expr> args, Shape shape) implements Expr {
    public Call {
        args = List.copyOf(args);
        Shape computed = op.signature().apply(shapes(args));
        Internal.require(computed != null, op.name() + " (" + op.signature() + ") of", shapes(args));
        Internal.require(shape == null || shape.equals(computed), "shape of " + op.name());
        shape = computed;
    }

    public Call(Operator op, List<Expr> args) { this(op, args, null); }

    public Call(Operator op, Expr... args) { this(op, List.of(args), null); }

    private static List<Shape> shapes(List<Expr> args) {
        return args.stream().map(Expr::shape).toList();
    }

    public Expr arg(int i) { return args.get(i); }
    public List<Expr> children() { return args; }
    public Expr withChildren(List<Expr> c) { return new Call(op, c); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitCall(this); }
    public Expr differential(Differentials ctx) { return op.differential(this, ctx); }
    public Expr vecJacobian(int i) { return op.vecJacobian(this, i); }
    public Expr adjoint(int i, Expr seed) { return op.adjoint(this, i, seed); }
    public String opName() { return op.name(); }
}
