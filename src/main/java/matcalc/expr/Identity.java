package matcalc.expr;

import java.util.List;

/** The n x n identity matrix I. */
public record Identity(Dim n) implements Expr {
    public Shape shape() { return Shape.square(n); }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitIdentity(this); }
    public Expr differential(Differentials ctx) { return new Zero(shape()); }
}
