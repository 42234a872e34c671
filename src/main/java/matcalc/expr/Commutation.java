package matcalc.expr;

import java.util.List;

/** The commutation matrix K_{m,n}: K vec(A) = vec(A^T) for A of size m x n (Magnus–Neudecker). */
public record Commutation(Dim m, Dim n) implements Expr {
    public Shape shape() { return Shape.square(m.times(n)); }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitCommutation(this); }
    public Expr differential(Differentials ctx) { return new Zero(shape()); }
}
