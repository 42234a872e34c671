package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** svd_v(A): the right singular vector of the largest singular value, signed so its largest entry is positive. */
final class SvdV implements Operator {
    static final Operator OP = new SvdV();

    public List<String> names() { return List.of("svd_v"); }
    public String summary() { return "the right singular vector v of sigma_max(A) (A^T u = sigma v)"; }
    public Signature signature() { return Signature.of("m x n -> n x 1"); }
    public String rule() { return "none: the derivative of a singular vector is not written in matrix form"; }

    public Expr differential(Call self, Differentials ctx) {
        if (Ops.isZero(ctx.of(self.arg(0)))) return new Zero(self.shape());
        throw MatcalcError.missingRule("d-svd_v", "no closed matrix form for the derivative of a singular vector"
                + " (second derivatives of singular values)");
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        SigmaMax.kinks(s, ctx);
        return Spectral.column(Spectral.topRight(s));
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "v_{1}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda A: (lambda v: v * np.sign(v[np.argmax(np.abs(v))]))(np.linalg.svd(A)[2][0]).reshape(-1, 1))(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda A: (lambda v: v * torch.sign(v[torch.argmax(torch.abs(v))]))(torch.linalg.svd(A)[2][0]).reshape(-1, 1))(" + a.get(0) + ")"; }
}
