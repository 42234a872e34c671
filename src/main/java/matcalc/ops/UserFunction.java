package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * f(x), f'(x), f''(x), ...: a scalar function declared with {@code --where "f: function"}, applied
 * element-wise and known only by name, so derivatives come out in terms of f', f'', ... The
 * numeric check needs values: each name stands for a fixed smooth test function of its own,
 * f(t) = sin(a t + b) + exp(c t) / 2 with a, b, c taken from the name, whose k-th derivative is
 * exact; no two derivatives (or names) coincide, so a misplaced prime fails the check.
 * Not in {@link Operators#ALL}: the declaration makes the name a function.
 */
public final class UserFunction implements Operator {
    /** The k-th derivative of the declared function. Equal name and order are the same operator (Calls compare by it). */
    public static UserFunction of(String name, int order) { return new UserFunction(name, order); }

    // No cache of instances: a server would grow it with every name a request makes up.
    @Override public boolean equals(Object o) { return o instanceof UserFunction u && u.base.equals(base) && u.order == order; }
    @Override public int hashCode() { return base.hashCode() * 31 + order; }

    private final String base;
    private final int order;
    private final double a, b, c;

    private UserFunction(String base, int order) {
        this.base = base;
        this.order = order;
        int h = Math.floorMod(base.hashCode(), 385);
        this.a = 1.1 + (h % 7) * 0.1;
        this.b = (h % 11) * 0.1;
        this.c = 0.4 + (h % 5) * 0.1;
    }

    /** The declared functions an expression applies (for the types line: "f: function"). */
    public static java.util.SortedSet<String> usedIn(Expr e) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            Expr x = todo.pop();
            if (!seen.add(x)) continue;
            if (x instanceof Call c && c.op() instanceof UserFunction u) out.add(u.base);
            todo.addAll(x.children());
        }
        return out;
    }

    public List<String> names() { return List.of(base + "'".repeat(order)); }
    public String summary() { return "a declared function (f: function) applied element-wise; f', f'' its derivatives"; }
    public Signature signature() { return Signature.of("m x n -> m x n"); }
    public String rule() { return "chain rule, element-wise: d " + name() + "(A) = " + base + "'".repeat(order + 1) + "(A) ⊙ dA"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        if (Ops.isZero(d)) return new Zero(self.shape());
        return Ops.had(new Call(of(base, order + 1), self.arg(0)), d);
    }

    /** The k-th derivative of the test function at t. */
    double value(double t) {
        return Math.pow(a, order) * Math.sin(a * t + b + order * Math.PI / 2) + 0.5 * Math.pow(c, order) * Math.exp(c * t);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix m = args.get(0).copy();
        m.walkInOptimizedOrder(new org.hipparchus.linear.DefaultRealMatrixChangingVisitor() {
            @Override public double visit(int i, int j, double v) { return value(v); }
        });
        return m;
    }

    public Expr definition(List<Expr> args) { return null; } // known by name only
    public String latex(List<String> x) {
        String marks = order <= 3 ? "'".repeat(order) : "^{(" + order + ")}";
        return base + marks + "(" + x.get(0) + ")";
    }
    /** Generated code takes the function and its derivatives as arguments: f, f_d1, f_d2, ... */
    public String numpy(List<String> x) { return (order == 0 ? base : base + "_d" + order) + "(" + x.get(0) + ")"; }
    public String torch(List<String> x) { return numpy(x); }
}
