package matcalc.expr;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which square expressions are symmetric at every point where a derivation's result is evaluated.
 * A declared symmetric variable is, even the one being differentiated by: the engine strips that
 * one's structure (its entries are independent while differentiating, {@code engine.Structure}),
 * but evaluates the result only at symmetric points. The engine says so here for the length of
 * the derivation ({@link #assuming}). A rule that holds only at symmetric points (the Kronecker form
 * of a Fréchet derivative through an eigen-decomposition) asks {@link #holds}. Off the symmetric
 * matrices such a form is another function, so it must never be differentiated again by that
 * variable: it contains an operator with no differential, which makes that a named error.
 */
public final class SymmetricPoints {
    private SymmetricPoints() {}

    /** Names of the stripped variables that are symmetric at the points, for the derivation running on this thread. */
    private static final ThreadLocal<Set<String>> ASSUMED = ThreadLocal.withInitial(Set::of);

    /** body's value with x assumed symmetric at the points (when x is declared symmetric, spd or diagonal). */
    public static <T> T assuming(Var x, Supplier<T> body) {
        if (!x.has(Property.SYMMETRIC) || !x.shape().isSquare()) return body.get();
        Set<String> before = ASSUMED.get();
        Set<String> now = new HashSet<>(before);
        now.add(x.name());
        ASSUMED.set(Set.copyOf(now));
        try {
            return body.get();
        } finally {
            ASSUMED.set(before);
        }
    }

    /**
     * Whether e is symmetric at every such point, by its structure alone (sound, not complete):
     * symmetric variables, I, diag(v), their transposes, inverses, powers, element-wise functions,
     * sums, scalar multiples, A + A^T and palindromes M^T S M. The simplifier's own test
     * ({@code simplify.Symmetry}) reads the same structure but must not take the assumed variables
     * as symmetric: while differentiating, their entries are independent.
     */
    public static boolean holds(Expr e) {
        Shape s = e.shape();
        if (!s.isSquare()) return false;
        if (s.isScalar()) return true;
        if (e instanceof Var v) return v.has(Property.SYMMETRIC) || ASSUMED.get().contains(v.name());
        if (e instanceof Identity || e instanceof Diag || e instanceof Zero || e instanceof Ones) return true;
        if (e instanceof Transpose t) return holds(t.arg());
        if (e instanceof Inverse i) return holds(i.arg());
        if (e instanceof MatPow p) return holds(p.base());
        if (e instanceof Apply a) return holds(a.arg());
        if (e instanceof Hadamard h) return h.factors().stream().allMatch(SymmetricPoints::holds);
        if (e instanceof Add a) {
            if (a.terms().stream().allMatch(SymmetricPoints::holds)) return true;
            return a.terms().size() == 2 && transposeOf(a.terms().get(0)).equals(a.terms().get(1));
        }
        if (e instanceof Mul m) {
            List<Expr> chain = m.factors().stream().filter(f -> !f.isScalar()).toList();
            int i = 0, j = chain.size() - 1;
            for (; i < j; i++, j--) if (!transposeOf(chain.get(i)).equals(chain.get(j))) return false;
            return i > j || holds(chain.get(i));
        }
        return false;
    }

    private static Expr transposeOf(Expr e) { return e instanceof Transpose t ? t.arg() : new Transpose(e); }
}
