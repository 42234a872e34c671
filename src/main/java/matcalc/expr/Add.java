package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** A sum of two or more terms of one shape. */
public record Add(List<Expr> terms) implements Expr {
    public Add {
        terms = List.copyOf(terms);
        Internal.require(terms.size() >= 2, "sum of fewer than two terms");
        Internal.sameShape(terms, "sum");
    }
    public Shape shape() { return terms.get(0).shape(); }
    public List<Expr> children() { return terms; }
    public Expr withChildren(List<Expr> c) { return new Add(c); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitAdd(this); }

    /** d(A + B) = dA + dB */
    public Expr differential(Differentials ctx) {
        List<Expr> ds = new ArrayList<>();
        for (Expr t : terms) ds.add(ctx.of(t));
        return Ops.sum(ds, shape());
    }
    public Expr adjoint(int i, Expr seed) { return seed; }
    public Expr vecJacobian(int i) { return Ops.identity(shape().size()); }
}
