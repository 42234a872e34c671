package matcalc.expr;

import java.util.List;

/** An element-wise scalar function f(A). */
public record Apply(Fn fn, Expr arg) implements Expr {
    public Shape shape() { return arg.shape(); }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Apply(fn, c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitApply(this); }
    public String opName() { return fn.name; }
    /** Chain rule, element-wise: d f(A) = f'(A) ⊙ dA (f' from Symja or, for kinks, our rule). */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(shape());
        return Ops.had(ctx.elementwiseDerivative(fn, arg), d);
    }
}
