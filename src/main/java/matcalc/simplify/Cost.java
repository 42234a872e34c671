package matcalc.simplify;

import java.util.Comparator;
import java.util.List;
import matcalc.expr.Expr;
import matcalc.expr.Transpose;

/**
 * The one measure by which the rules choose between equal forms that differ only in orientation or
 * order, so that every such choice agrees with every other:
 * <ol>
 *   <li>fewer transposes;</li>
 *   <li>then the smaller canonical {@link Key} (a total order on structure, so the choice is
 *       deterministic and two rules never prefer opposite forms).</li>
 * </ol>
 * A rule rewrites a node into an alternative only when the alternative is strictly
 * {@link #cheaper}; equal forms stay as they are. The choices made through it:
 * <ul>
 *   <li>{@code mul-scalar-orient}: of a 1 x 1 chain u^T A^T v and its transpose v^T A u;</li>
 *   <li>{@code tr-cyclic}: of the rotations of tr(A B C) and of its transpose (after the rule's own
 *       requirement that a differential dX comes last, which the identification reads);</li>
 *   <li>{@code add-order}: the order of a sum's terms (positive terms first, then by the cost of
 *       their bodies), which is a choice among orders rather than orientations;</li>
 *   <li>{@code t-sum}: (A + B)^T becomes A^T + B^T only when that is cheaper by the first
 *       criterion alone ({@link #fewerTransposes}). At a tie the transposed sum stays: pushing the
 *       transpose in would hide the palindromes M M^T and M^T S M that {@link Symmetry} reads (with
 *       the key as tie-break there, 53 of PropertyTest's first 5,000 results changed: 22 shorter,
 *       12 longer, one by 266 characters, where (I + M)^{-1} and (I + M)^{-T} were no longer seen
 *       to be one matrix).</li>
 * </ul>
 * Canonical orders that do not trade transposes (the factors of a Hadamard product, scalar factors,
 * the sign of a sum in {@link Terms#signNormal}) use the key alone.
 */
final class Cost {
    private Cost() {}

    /** How many transposes an expression carries: the primary cost. */
    static int transposes(Expr e) {
        if (e.children().isEmpty()) return 0;
        Memo m = Memo.current();
        Memo.Facts f = m == null ? null : m.of(e);
        if (f != null && f.transposes >= 0) return f.transposes;
        int n = e instanceof Transpose ? 1 : 0;
        for (Expr c : e.children()) n += transposes(c);
        if (f != null) f.transposes = n;
        return n;
    }

    /** Negative when a is the preferred of two equal forms, positive when b is, 0 when they are the same structure. */
    static int compare(Expr a, Expr b) {
        int ta = transposes(a), tb = transposes(b);
        if (ta != tb) return Integer.compare(ta, tb);
        return Key.of(a).compareTo(Key.of(b));
    }

    /**
     * compare(Mul.of(a), Mul.of(b)) for two chains of at least two factors, without building the
     * products (the factors' transposes and keys are known; a product's are theirs).
     */
    static int compareChains(List<Expr> a, List<Expr> b) {
        int ta = 0, tb = 0;
        for (Expr f : a) ta += transposes(f);
        for (Expr f : b) tb += transposes(f);
        if (ta != tb) return Integer.compare(ta, tb);
        return compareProductKeys(a, b);
    }

    /**
     * Key.of(Mul.of(a)).compareTo(Key.of(Mul.of(b))) without building either string: both are
     * "*(" + the factors' keys joined by "," + ")", compared character by character.
     */
    private static int compareProductKeys(List<Expr> a, List<Expr> b) {
        KeyChars x = new KeyChars(a), y = new KeyChars(b);
        while (true) {
            int cx = x.next(), cy = y.next();
            if (cx != cy) return cx < 0 ? -1 : cy < 0 ? 1 : Character.compare((char) cx, (char) cy);
            if (cx < 0) return 0;
        }
    }

    /** The characters of a product's key after "*(", from its factors' keys; -1 at the end. */
    private static final class KeyChars {
        private final List<Expr> factors;
        private int factor, at;
        private String key;

        KeyChars(List<Expr> factors) {
            this.factors = factors;
            this.key = Key.of(factors.get(0));
        }

        int next() {
            if (key == null) return -1;
            if (at < key.length()) return key.charAt(at++);
            factor++;
            at = 0;
            if (factor < factors.size()) {
                key = Key.of(factors.get(factor));
                return ',';
            }
            key = null;
            return ')';
        }
    }

    /** Whether a is strictly preferred to b (a rule rewrites b into a only then). */
    static boolean cheaper(Expr a, Expr b) { return compare(a, b) < 0; }

    /** Whether a is cheaper than b by the first criterion alone: strictly fewer transposes. */
    static boolean fewerTransposes(Expr a, Expr b) { return transposes(a) < transposes(b); }

    /** The order of a sum's terms: positive terms first, then by the cost of their bodies (coefficients aside). */
    static final Comparator<Expr> TERM_ORDER = Comparator
            .comparing((Expr t) -> Terms.term(t).coeff().signum() < 0)
            .thenComparing((x, y) -> compare(Terms.term(x).body(), Terms.term(y).body()));
}
