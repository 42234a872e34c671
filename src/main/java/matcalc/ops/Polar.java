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
    public String rule() { return "none: the derivative of the polar factor is not written in matrix form"; }

    public Expr differential(Call self, Differentials ctx) {
        if (Ops.isZero(ctx.of(self.arg(0)))) return new Zero(self.shape());
        throw MatcalcError.missingRule("d-polar", "no closed matrix form for the derivative of the polar factor"
                + " (second derivatives of the nuclear norm)");
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
