package matcalc.expr;

import matcalc.MatcalcError;

/** Shape invariants of derived expressions; a violation is an engine bug, reported as such. */
final class Internal {
    private Internal() {}

    static void require(boolean ok, String what) {
        if (!ok) throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal shape error: " + what);
    }

    /** As above, the message built only on failure ("what detail"): constructors are hot. */
    static void require(boolean ok, String what, Object detail) {
        if (!ok) require(false, what + " " + detail);
    }

    static void sameShape(java.util.List<Expr> es, String op) {
        Shape first = es.get(0).shape();
        for (Expr e : es) {
            Shape s = e.shape();
            if (!s.equals(first)) require(false, op + " of " + first + " and " + s);
        }
    }
}
