package matcalc.simplify;

import matcalc.expr.*;

/**
 * Structural symmetry: what we can prove symmetric without numbers. M^T M, M M^T, A + A^T,
 * M^T S M with S symmetric, inverses, powers, sums and scalar multiples of symmetric matrices.
 */
final class Symmetry {
    private Symmetry() {}

    static boolean isSymmetric(Expr e) {
        if (e.children().isEmpty()) return symmetric(e);
        Memo memo = Memo.current();
        Memo.Facts f = memo == null ? null : memo.of(e);
        if (f != null && f.symmetric != 0) return f.symmetric > 0;
        boolean s = symmetric(e);
        if (f != null) f.symmetric = s ? (byte) 1 : (byte) -1;
        return s;
    }

    private static boolean symmetric(Expr e) {
        Shape s = e.shape();
        if (!s.isSquare()) return false;
        if (s.isScalar()) return true;
        if (e instanceof Var v) return v.has(Property.SYMMETRIC);
        if (e instanceof Identity || e instanceof Diag || e instanceof Zero || e instanceof Ones) return true;
        if (e instanceof Inverse i) return isSymmetric(i.arg());
        if (e instanceof MatPow p) return isSymmetric(p.base());
        if (e instanceof Transpose t) return isSymmetric(t.arg());
        if (e instanceof Apply a) return isSymmetric(a.arg());
        if (e instanceof Hadamard h) return h.factors().stream().allMatch(Symmetry::isSymmetric);
        if (e instanceof Add a) {
            if (a.terms().stream().allMatch(Symmetry::isSymmetric)) return true;
            // A + A^T (with equal coefficients) is symmetric.
            return a.terms().size() == 2 && Terms.term(a.terms().get(0)).coeff().equals(Terms.term(a.terms().get(1)).coeff())
                    && Rules.transposeOf(Terms.term(a.terms().get(0)).body()).equals(Terms.term(a.terms().get(1)).body());
        }
        if (e instanceof Mul m) {
            Terms.Split sp = Terms.split(m);
            var c = sp.chain();
            // A palindrome of transposes around a symmetric centre: M^T S M, M M^T, ...
            int i = 0, j = c.size() - 1;
            while (i < j) {
                if (!Rules.transposeOf(c.get(i)).equals(c.get(j))) return false;
                i++;
                j--;
            }
            return i > j || isSymmetric(c.get(i));
        }
        return false;
    }
}
