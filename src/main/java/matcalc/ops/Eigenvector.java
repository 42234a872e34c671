package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/** eigvec_max(A), eigvec_min(A): the unit eigenvector of lambda_max / lambda_min, signed so its largest entry is positive. */
final class Eigenvector implements Operator {
    static final Operator MAX = new Eigenvector(true), MIN = new Eigenvector(false);

    private final boolean max;

    private Eigenvector(boolean max) { this.max = max; }

    public List<String> names() { return List.of(max ? "eigvec_max" : "eigvec_min"); }
    public String summary() { return "the unit eigenvector of lambda_" + (max ? "max" : "min") + "(A), of (A + A^T)/2"; }
    public Signature signature() { return Signature.of("n x n -> n x 1"); }
    public String rule() {
        return "d v = (lambda I - A_s + v v^T)^{-1} (I - v v^T) dA_s v, v = " + names().get(0) + "(A), lambda = lambda_"
                + (max ? "max" : "min") + "(A), A_s = (A + A^T)/2, dA_s = (dA + dA^T)/2 (Cookbook eq. 68: (lambda I - A_s)^+ dA_s v; a simple eigenvalue)";
    }

    /**
     * A_s v = λ v and v^T v = 1 give (λ I - A_s) dv = (I - v v^T) dA_s v and v^T dv = 0, so
     * dv = (λ I - A_s)^+ dA_s v = Σ_{i ≠ k} v_i (v_i^T dA_s v) / (λ - λ_i) (Magnus 1985). The
     * pseudo-inverse is written as an inverse: M = λ I - A_s + v v^T has the eigenvalues λ - λ_i on
     * v_i and 1 on v, so it is invertible wherever λ is simple, M^{-1} v = v, and
     * (λ I - A_s)^+ = M^{-1} - v v^T = M^{-1} (I - v v^T). Unlike V (F .* (V^T dA_s V)) e_k through
     * eigvecs(A), this is defined also where the other eigenvalues repeat (lambda_max(x x^T)). The sign
     * convention (largest entry positive) is locally constant, and v^T dv = 0: the unit vector turns,
     * its derivative orthogonal to it.
     */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        return resolvent(new Call(max ? Eigenvalue.MAX : Eigenvalue.MIN, a), Spectral.symmetricPart(a), self, Spectral.symmetricPart(d));
    }

    /**
     * (λ I - S + v v^T)^{-1} (I - v v^T) dS v: the derivative of the unit eigenvector v of a symmetric
     * S for its simple eigenvalue λ, dS symmetric (also the singular vectors' derivatives, with
     * S = A^T A or A A^T, λ = sigma_max(A)^2).
     */
    static Expr resolvent(Expr lambda, Expr s, Expr v, Expr ds) {
        Dim n = s.shape().rows();
        Expr vvt = Ops.mul(v, Ops.t(v)), id = new Identity(n);
        Expr m = Ops.sum(List.of(Ops.mul(lambda, id), Ops.neg(s), vvt), s.shape());
        return Ops.mul(new Inverse(m), Ops.sub(id, vvt), ds, v);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        EigenDecompositionSymmetric e = Spectral.symmetricEigen(args.get(0));
        int k = Eigenvalue.index(e, max, ctx);
        return Spectral.column(Spectral.signed(e.getEigenvector(k), ctx)); // a tie for the largest entry flips the sign: a kink
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "v_{\\" + (max ? "max" : "min") + "}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return Spectral.signedVector(false, Spectral.eigh(false, a.get(0)) + "[1][:, " + (max ? "-1" : "0") + "]") + ".reshape(-1, 1)";
    }
    public String torch(List<String> a) {
        return Spectral.signedVector(true, Spectral.eigh(true, a.get(0)) + "[1][:, " + (max ? "-1" : "0") + "]") + ".reshape(-1, 1)";
    }
}
