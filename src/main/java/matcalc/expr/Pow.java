package matcalc.expr;

import java.util.ArrayList;
import java.util.List;

/** a^b for scalars a and b (a^{-1} is also how scalar division is represented). */
public record Pow(Expr base, Expr exponent) implements Expr {
    public Pow { Internal.require(base.isScalar() && exponent.isScalar(), "scalar power"); }
    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(base, exponent); }
    public Expr withChildren(List<Expr> c) { return new Pow(c.get(0), c.get(1)); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitPow(this); }
    /** d(a^b) = b a^(b-1) da + a^b log(a) db. */
    public Expr differential(Differentials ctx) {
        List<Expr> terms = new ArrayList<>();
        Expr da = ctx.of(base), db = ctx.of(exponent);
        if (!Ops.isZero(da)) terms.add(Ops.mul(exponent, new Pow(base, Ops.minusOne(exponent)), da));
        if (!Ops.isZero(db)) terms.add(Ops.mul(this, new Apply(Fn.LOG, base), db));
        return Ops.sum(terms, Shape.SCALAR);
    }
}
