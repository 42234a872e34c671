package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** svd_u(A): the left singular vector of the largest singular value (signed: largest entry of svd_v positive). */
final class SvdU implements Operator {
    static final Operator OP = new SvdU();

    public List<String> names() { return List.of("svd_u"); }
    public String summary() { return "the left singular vector u of sigma_max(A) (A v = sigma u)"; }
    public Signature signature() { return Signature.of("m x n -> m x 1"); }
    public String rule() { return "none: the derivative of a singular vector is not written in matrix form"; }

    public Expr differential(Call self, Differentials ctx) {
        if (Ops.isZero(ctx.of(self.arg(0)))) return new Zero(self.shape());
        throw MatcalcError.missingRule("d-svd_u", "no closed matrix form for the derivative of a singular vector"
                + " (second derivatives of singular values)");
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        SigmaMax.kinks(s, ctx);
        return Spectral.column(Spectral.topLeft(args.get(0), s));
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "u_{1}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda A: (lambda v: A @ v / np.linalg.norm(A @ v))((lambda v: v * np.sign(v[np.argmax(np.abs(v))]))(np.linalg.svd(A)[2][0]).reshape(-1, 1)))(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda A: (lambda v: A @ v / torch.linalg.norm(A @ v))((lambda v: v * torch.sign(v[torch.argmax(torch.abs(v))]))(torch.linalg.svd(A)[2][0]).reshape(-1, 1)))(" + a.get(0) + ")"; }
}
