package matcalc.expr;

import java.util.List;

/** A zero of the given shape: a derivative that really is zero, never a stand-in for a missing rule. */
public record Zero(Shape shape) implements Expr {
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitZero(this); }
    public Expr differential(Differentials ctx) { return this; }
}
