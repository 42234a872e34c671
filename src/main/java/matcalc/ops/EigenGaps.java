package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * eig_invgaps(A): F with F_ij = 1/(lambda_j - lambda_i) for i != j and F_ii = 0, lambda = eig(A):
 * the factor in the derivative of eigvecs(A). Repeated eigenvalues are its poles (kinks for the check).
 */
final class EigenGaps implements Operator {
    static final Operator OP = new EigenGaps();

    public List<String> names() { return List.of("eig_invgaps"); }
    public String summary() { return "F_ij = 1/(lambda_j - lambda_i) (i != j), F_ii = 0, for lambda = eig(A): the factor in the derivative of eigvecs(A)"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "d eig_invgaps(A) = F .* F .* (d lambda 1^T - 1 d lambda^T), F = eig_invgaps(A), d lambda = d eig(A)"; }

    /** dF_ij = -(dλ_j - dλ_i) / (λ_j - λ_i)^2 = F_ij^2 (dλ_i - dλ_j); F_ii = 0 keeps the diagonal 0. */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0);
        if (Ops.isZero(ctx.of(a))) return new Zero(self.shape());
        Expr dl = ctx.of(new Call(Eigenvalues.OP, a));
        Expr ones = new Ones(Shape.column(a.shape().rows()));
        return Ops.had(self, self, Ops.sub(Ops.mul(dl, Ops.t(ones)), Ops.mul(ones, Ops.t(dl))));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        double[] l = Spectral.ascending(args.get(0), false, ctx).values();
        RealMatrix f = MatrixUtils.createRealMatrix(l.length, l.length);
        for (int i = 0; i < l.length; i++) for (int j = 0; j < l.length; j++) if (i != j) f.setEntry(i, j, 1 / (l[j] - l[i]));
        return f;
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\operatorname{eig\\_invgaps}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return "(lambda w: (1 - np.eye(w.size)) / (w[None, :] - w[:, None] + np.eye(w.size)))(" + Spectral.eigvalsh(false, a.get(0)) + ")";
    }
    public String torch(List<String> a) {
        return "(lambda w: (1 - torch.eye(w.numel(), dtype=w.dtype, device=w.device)) / (w[None, :] - w[:, None] + torch.eye(w.numel(), dtype=w.dtype, device=w.device)))"
                + "(" + Spectral.eigvalsh(true, a.get(0)) + ")";
    }
}
