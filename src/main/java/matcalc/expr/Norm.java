package matcalc.expr;

import java.util.List;

/** norm1(A) = sum |a_ij|; norm2(A) = Euclidean norm of a vector, Frobenius norm of a matrix. */
public record Norm(int p, Expr arg) implements Expr {
    public Norm { if (p != 1 && p != 2) Internal.require(false, "norm" + p); }
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(arg); }
    public Expr withChildren(List<Expr> c) { return new Norm(p, c.get(0)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitNorm(this); }
    public String opName() { return "norm" + p; }
    /**
     * d||A||_2 = sum(A ⊙ dA) / ||A||_2; d||A||_1 = sum(sign(A) ⊙ dA),
     * almost everywhere.
     */
    public Expr differential(Differentials ctx) {
        Expr d = ctx.of(arg);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        if (p == 1) return new Sum(Ops.had(new Apply(Fn.SIGN, arg), d));
        return Ops.mul(new Pow(this, Num.MINUS_ONE), new Sum(Ops.had(arg, d)));
    }
}
