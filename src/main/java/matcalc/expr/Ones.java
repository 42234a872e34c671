package matcalc.expr;

import java.util.List;

/** The all-ones vector or matrix, written 1 (bold in LaTeX). */
public record Ones(Shape shape) implements Expr {
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitOnes(this); }
    public Expr differential(Differentials ctx) { return new Zero(shape); }
}
