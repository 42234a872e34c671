package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** polar(A) = U V^T of the thin SVD A = U S V^T: the orthogonal polar factor, the gradient of the nuclear norm. */
final class Polar implements Operator {
    static final Operator OP = new Polar();

    public List<String> names() { return List.of("polar"); }
    public String summary() { return "U V^T of the thin SVD A = U S V^T (the orthogonal polar factor; full rank)"; }
    public Signature signature() { return Signature.of("m x n -> m x n"); }
    public String rule() {
        return "d Q = Q dsqrtm(A^T A, Q^T dA - dA^T Q), Q = polar(A) (square A; for m > n add (I - Q Q^T) dA (Q^T A)^{-1},"
                + " for m < n it is dsqrtm(A A^T, dA Q^T - Q dA^T) Q + (A Q^T)^{-1} dA (I - Q^T Q)); full rank";
    }

    /**
     * A = Q H with H = sqrt(A^T A) = Q^T A symmetric positive definite and Q^T Q = I. Then
     * Q^T dA = Ω H + dH with Ω = Q^T dQ skew, so H Ω + Ω H = Q^T dA - dA^T Q: a Sylvester equation
     * whose solution is the Fréchet derivative of the square root at H^2 = A^T A in that direction
     * (sqrt(X) Y + Y sqrt(X) = E defines L_sqrt(X, E)); at the symmetric A^T A it is
     * V (Γ .* (V^T E V)) V^T with Γ_ij = 1/(s_i + s_j), s the singular values (Daleckii–Krein). For a
     * square A, Q Q^T = I too and dQ = Q Ω. For m > n the columns of Q span only part of the space
     * and (I - Q Q^T) dQ = (I - Q Q^T) dA H^{-1} is added; for m < n, the same for A^T = Q^T H' with
     * H' = A Q^T = sqrt(A A^T). Which form applies depends on the order of m and n, so sizes that
     * are symbols of unknown order (m x n) are a named error.
     */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Dim m = a.shape().rows(), n = a.shape().cols();
        int order = m.equals(n) ? 0 : m.symbols().equals(n.symbols()) ? Long.compare(m.coeff(), n.coeff()) : 2;
        if (order == 2) {
            throw MatcalcError.missingRule("d-polar", "the derivative of the polar factor is written for a square matrix, or for sizes"
                    + " in a known order (m > n and m < n take different forms); " + m + " x " + n + " may be either: declare"
                    + " the matrix square (n x n) or give its sizes as numbers");
        }
        Expr q = self, qt = Ops.t(q), at = Ops.t(a), dt = Ops.t(d);
        if (order < 0) { // m < n: Q = polar(A^T)^T
            Expr omega = new Call(Frechet.SQRTM, Ops.mul(a, at), Ops.sub(Ops.mul(d, qt), Ops.mul(q, dt)));
            Expr rowNull = Ops.sub(new Identity(n), Ops.mul(qt, q));
            return Ops.add(Ops.mul(omega, q), Ops.mul(new Inverse(Ops.mul(a, qt)), d, rowNull));
        }
        Expr rotation = Ops.mul(q, new Call(Frechet.SQRTM, Ops.mul(at, a), Ops.sub(Ops.mul(qt, d), Ops.mul(dt, q))));
        if (order == 0) return rotation;
        Expr colNull = Ops.sub(new Identity(m), Ops.mul(q, qt));
        return Ops.add(rotation, Ops.mul(colNull, d, new Inverse(Ops.mul(qt, a))));
    }

    /** A singular value of 0 (rank deficiency) is where the nuclear norm is not differentiable. */
    static void kinks(SingularValueDecomposition s, Numeric ctx) {
        double[] sv = s.getSingularValues();
        ctx.kink(sv[sv.length - 1]);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        kinks(s, ctx);
        return s.getU().multiply(s.getVT());
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\operatorname{polar}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda U, s, Vt: U @ Vt)(*np.linalg.svd(" + a.get(0) + ", full_matrices=False))"; }
    public String torch(List<String> a) { return "(lambda U, s, Vt: U @ Vt)(*torch.linalg.svd(" + a.get(0) + ", full_matrices=False))"; }
}
