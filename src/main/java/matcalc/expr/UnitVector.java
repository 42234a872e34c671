package matcalc.expr;

import java.util.List;

/** The standard basis vector e_i of length n (1-based), the adjoint of taking entry i. */
public record UnitVector(Dim n, int index) implements Expr {
    public Shape shape() { return Shape.column(n); }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitUnitVector(this); }
    public Expr differential(Differentials ctx) { return new Zero(shape()); }
}
