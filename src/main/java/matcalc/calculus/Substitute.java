package matcalc.calculus;

import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/** Replacing leaves of a tree. */
public final class Substitute {
    private Substitute() {}

    /** Replaces dX by a value of the same shape (a scalar dx by 1 gives dF/dx). */
    public static Expr dvar(Expr e, Expr value) {
        if (e instanceof DVar) return value;
        return e.mapChildren(c -> dvar(c, value));
    }

    /** Replaces a variable (by name) by an expression of the same shape. */
    public static Expr var(Expr e, String name, Expr value) {
        if (e instanceof Var v && v.name().equals(name)) return value;
        return e.mapChildren(c -> var(c, name, value));
    }

    /** Replaces every occurrence of a subexpression (structural equality). */
    public static Expr expr(Expr e, Expr target, Expr with) {
        if (e.equals(target)) return with;
        return e.mapChildren(c -> expr(c, target, with));
    }
}
