package matcalc.expr;

import java.util.List;

/** An operator of the table ({@link Operator}) applied to its arguments. */
public record Call(Operator op, List<Expr> args) implements Expr {
    public Call {
        args = List.copyOf(args);
        Internal.require(op.signature().apply(shapes(args)) != null, op.name() + " (" + op.signature() + ") of", shapes(args));
    }

    public Call(Operator op, Expr... args) { this(op, List.of(args)); }

    private static List<Shape> shapes(List<Expr> args) {
        return args.stream().map(Expr::shape).toList();
    }

    public Expr arg(int i) { return args.get(i); }
    public Shape shape() { return op.signature().apply(shapes(args)); }
    public List<Expr> children() { return args; }
    public Expr withChildren(List<Expr> c) { return new Call(op, c); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitCall(this); }
    public Expr differential(Differentials ctx) { return op.differential(this, ctx); }
    public Expr vecJacobian(int i) { return op.vecJacobian(this, i); }
    public Expr adjoint(int i, Expr seed) { return op.adjoint(this, i, seed); }
    public String opName() { return op.name(); }
}
