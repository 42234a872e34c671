package matcalc.expr;

import matcalc.MatcalcError;

/** Shape invariants of derived expressions; a violation is an engine bug, reported as such. */
final class Internal {
    private Internal() {}

    static void require(boolean ok, String what) {
        if (!ok) throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal shape error: " + what);
    }

    static void sameShape(java.util.List<Expr> es, String op) {
        for (Expr e : es) require(e.shape().equals(es.get(0).shape()), op + " of " + es.get(0).shape() + " and " + e.shape());
    }
}
