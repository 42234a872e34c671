package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
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
    public String rule() { return "none: the derivative of an eigenvector (Cookbook eq. 68) is not written in matrix form here"; }

    public Expr differential(Call self, Differentials ctx) {
        if (Ops.isZero(ctx.of(self.arg(0)))) return new Zero(self.shape());
        throw MatcalcError.missingRule("d-" + names().get(0), "no closed matrix form for the derivative of an eigenvector"
                + " (second derivatives of eigenvalues)");
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        EigenDecompositionSymmetric e = Spectral.symmetricEigen(args.get(0));
        int k = Eigenvalue.index(e, max, ctx);
        return Spectral.column(Spectral.signed(e.getEigenvector(k), ctx)); // a tie for the largest entry flips the sign: a kink
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "v_{\\" + (max ? "max" : "min") + "}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return "(lambda v: (v * np.sign(v[np.argmax(np.abs(v))])).reshape(-1, 1))(np.linalg.eigh((lambda A: (A + A.T) / 2)("
                + a.get(0) + "))[1][:, " + (max ? "-1" : "0") + "])";
    }
    public String torch(List<String> a) {
        return "(lambda v: (v * torch.sign(v[torch.argmax(torch.abs(v))])).reshape(-1, 1))(torch.linalg.eigh((lambda A: (A + A.mT) / 2)("
                + a.get(0) + "))[1][:, " + (max ? "-1" : "0") + "])";
    }
}
