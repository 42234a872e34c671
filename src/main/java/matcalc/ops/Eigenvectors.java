package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * eigvecs(A): the orthonormal eigenvectors of (A + A^T)/2 as columns, in the order of eig(A), each
 * signed so that its entry of largest magnitude is positive (as eigvec_max: the same matrix always
 * gives the same V, and V moves continuously near an instance away from ties).
 */
final class Eigenvectors implements Operator {
    static final Operator OP = new Eigenvectors();

    public List<String> names() { return List.of("eigvecs"); }
    public String summary() { return "the unit eigenvectors of a symmetric A (of (A + A^T)/2) as columns, in the order of eig(A), each with its largest entry positive"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() {
        return "d eigvecs(A) = V (F .* (V^T dA_s V)), V = eigvecs(A), dA_s = (dA + dA^T)/2, F = eig_invgaps(A)"
                + " (F_ij = 1/(lambda_j - lambda_i), F_ii = 0; simple eigenvalues; Cookbook eq. 68 for each column)";
    }

    /**
     * A_s V = V Λ gives V^T dA_s V + Λ C = C Λ + dΛ for dV = V C, so C_ij = (V^T dA_s V)_ij / (λ_j - λ_i)
     * off the diagonal; C_ii = 0 because each column keeps unit length (and its sign is locally constant).
     */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr sym = Ops.mul(new Num(Rational.of(1, 2)), Ops.add(d, Ops.t(d)));
        return Ops.mul(self, Ops.had(new Call(EigenGaps.OP, a), Ops.mul(Ops.t(self), sym, self)));
    }

    /** V^T V = I = V V^T: the eigenvectors of a symmetric matrix are orthonormal. */
    @Override public boolean orthogonal() { return true; }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) { return Spectral.ascending(args.get(0), true, ctx).vectors(); }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\operatorname{eigvecs}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return "(lambda V: V * np.sign(V[np.argmax(np.abs(V), axis=0), np.arange(V.shape[1])]))(" + Spectral.eigh(false, a.get(0)) + "[1])";
    }
    public String torch(List<String> a) {
        return "(lambda V: V * torch.sign(torch.gather(V, 0, torch.argmax(torch.abs(V), dim=0, keepdim=True))))(" + Spectral.eigh(true, a.get(0)) + "[1])";
    }
}
