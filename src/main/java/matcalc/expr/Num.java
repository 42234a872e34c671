package matcalc.expr;

import java.util.List;

/** A numeric scalar constant, exact. */
public record Num(Rational value) implements Expr {
    public static final Num ZERO = new Num(Rational.ZERO);
    public static final Num ONE = new Num(Rational.ONE);
    public static final Num MINUS_ONE = new Num(Rational.MINUS_ONE);

    public static Num of(long n) { return new Num(Rational.of(n)); }

    public Shape shape() { return Shape.SCALAR; }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitNum(this); }
    public Expr differential(Differentials ctx) { return new Zero(Shape.SCALAR); }
}
