package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** svd_u(A): the left singular vector of the largest singular value (signed: largest entry of svd_v positive). */
final class SvdU implements Operator {
    static final Operator OP = new SvdU();

    public List<String> names() { return List.of("svd_u"); }
    public String summary() { return "the left singular vector u of sigma_max(A) (A v = sigma u)"; }
    public Signature signature() { return Signature.of("m x n -> m x 1"); }
    public String rule() {
        return "d u = (sigma^2 I - A A^T + u u^T)^{-1} (I - u u^T) (dA A^T + A dA^T) u, u = svd_u(A), sigma = sigma_max(A)"
                + " (u is the top unit eigenvector of A A^T; a simple top singular value)";
    }

    /**
     * u = A v / sigma is the unit eigenvector of A A^T for its simple top eigenvalue sigma^2, and its
     * sign follows v's, which is locally constant: the derivative of that eigenvector (the same as
     * d(A v / sigma) = ((I - u u^T) dA v + A dv) / sigma, printed shorter and mirroring svd_v's).
     */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr at = Ops.t(a), gram = Ops.mul(a, at), dgram = Ops.add(Ops.mul(d, at), Ops.mul(a, Ops.t(d)));
        return Eigenvector.resolvent(new Pow(new Call(SigmaMax.OP, a), Num.of(2)), gram, self, dgram);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        SigmaMax.kinks(s, ctx);
        return Spectral.column(Spectral.topLeft(args.get(0), s, ctx));
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "u_{1}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda A: (lambda v: A @ v / np.linalg.norm(A @ v))(" + Spectral.topRightVector(false) + "))(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda A: (lambda v: A @ v / torch.linalg.norm(A @ v))(" + Spectral.topRightVector(true) + "))(" + a.get(0) + ")"; }
}
