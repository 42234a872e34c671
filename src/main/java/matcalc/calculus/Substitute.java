package matcalc.calculus;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/** Replacing leaves of a tree. */
public final class Substitute {
    private Substitute() {}

    /** Replaces dX by a value of the same shape (a scalar dx by 1 gives dF/dx). */
    public static Expr dvar(Expr e, Expr value) {
        if (e instanceof DVar) return value;
        return map(e, c -> dvar(c, value));
    }

    /** Replaces a variable (by name) by an expression of the same shape. */
    public static Expr var(Expr e, String name, Expr value) {
        if (e instanceof Var v && v.name().equals(name)) return value;
        return map(e, c -> var(c, name, value));
    }

    private static Expr map(Expr e, java.util.function.UnaryOperator<Expr> f) {
        List<Expr> cs = e.children();
        if (cs.isEmpty()) return e;
        List<Expr> out = new ArrayList<>(cs.size());
        boolean changed = false;
        for (Expr c : cs) {
            Expr n = f.apply(c);
            changed |= n != c;
            out.add(n);
        }
        return changed ? e.withChildren(out) : e;
    }
}
