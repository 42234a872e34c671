package matcalc.expr;

import java.util.List;

/** A numeric matrix written inline, MATLAB style: [1 2; 3 4]. A single column is a vector. */
public record MatrixLiteral(List<List<Rational>> rows) implements Expr {
    public MatrixLiteral {
        rows = rows.stream().map(List::copyOf).toList();
        Internal.require(!rows.isEmpty() && !rows.get(0).isEmpty(), "empty matrix literal");
        for (List<Rational> r : rows) Internal.require(r.size() == rows.get(0).size(), "ragged matrix literal");
    }
    public Shape shape() { return new Shape(Dim.of(rows.size()), Dim.of(rows.get(0).size())); }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitMatrixLiteral(this); }
    public Expr differential(Differentials ctx) { return new Zero(shape()); }
}
