package matcalc.calculus;

import java.util.IdentityHashMap;
import java.util.Map;
import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Differentials;
import matcalc.expr.Var;
import matcalc.expr.Zero;

/**
 * Computes the differential d(f) with respect to one variable by asking each operation for its
 * rule (Expr.differential). Subexpressions that do not contain the variable get a {@link Zero}
 * without visiting their rules, so a missing rule in a constant part never matters.
 */
public final class Differentiator implements Differentials {
    private final Var x;
    private final ElementwiseRules elementwise;
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();
    private final Map<Expr, Boolean> depends = new IdentityHashMap<>();

    private final java.util.function.Consumer<Expr> applied;

    public Differentiator(Var x, ElementwiseRules elementwise) { this(x, elementwise, e -> { }); }

    public Differentiator(Var x, ElementwiseRules elementwise, java.util.function.Consumer<Expr> applied) {
        this.x = x;
        this.elementwise = elementwise;
        this.applied = applied != null ? applied : e -> { }; // null: nobody listens
    }

    @Override public Expr of(Expr e) {
        Expr d = memo.get(e);
        if (d != null) return d;
        matcalc.Deadline.check();
        if (!dependsOn(e)) d = new Zero(e.shape());
        else if (e instanceof Var) d = new DVar(x);
        else {
            d = e.differential(this);
            applied.accept(e);
        }
        memo.put(e, d);
        return d;
    }

    @Override public Expr elementwiseDerivative(Fn fn, Expr arg) { return elementwise.derivative(fn, arg); }

    public boolean dependsOn(Expr e) {
        Boolean b = depends.get(e);
        if (b != null) return b;
        boolean r;
        if (e instanceof Var v) r = v.name().equals(x.name());
        else {
            r = false;
            for (Expr c : e.children()) if (dependsOn(c)) { r = true; break; }
        }
        depends.put(e, r);
        return r;
    }
}
