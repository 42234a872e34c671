package matcalc.claims;

import java.util.List;
import matcalc.calculus.Layout;
import matcalc.expr.Expr;

/**
 * A typed claim {@code lhs = rhs}. Two typed forms of each side are kept:
 * <ul>
 *   <li>{@link #lhs}/{@link #rhs}: derivative operators stand as placeholder variables described by
 *       {@link #derivatives} — what an exact proof works from (it differentiates independently);</li>
 *   <li>{@link #lhsValue}/{@link #rhsValue}: the placeholders replaced by matcalc's own derivatives —
 *       what the numeric check evaluates. Null when matcalc could not differentiate.</li>
 * </ul>
 */
public record Claim(String text, String where, Layout layout, Expr lhs, Expr rhs, Expr lhsValue, Expr rhsValue,
                    List<DerivativeCall> derivatives) {
    public Claim { derivatives = List.copyOf(derivatives); }

    public boolean shapesAgree() { return lhs.shape().equals(rhs.shape()); }

    public boolean hasDerivatives() { return !derivatives.isEmpty(); }

    /** Whether matcalc expanded every derivative operator (so the numeric check can run). */
    public boolean expanded() { return lhsValue != null && rhsValue != null; }

    /** Why matcalc could not expand a derivative operator, or null. */
    public String expansionError() {
        for (DerivativeCall d : derivatives) if (d.error() != null) return d.error();
        return null;
    }
}
