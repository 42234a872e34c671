package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** svd_v(A): the right singular vector of the largest singular value, signed so its largest entry is positive. */
final class SvdV implements Operator {
    static final Operator OP = new SvdV();

    public List<String> names() { return List.of("svd_v"); }
    public String summary() { return "the right singular vector v of sigma_max(A) (A^T u = sigma v)"; }
    public Signature signature() { return Signature.of("m x n -> n x 1"); }
    public String rule() {
        return "d v = (sigma^2 I - A^T A + v v^T)^{-1} (I - v v^T) (dA^T A + A^T dA) v, v = svd_v(A), sigma = sigma_max(A)"
                + " (v is the top unit eigenvector of A^T A; a simple top singular value)";
    }

    /** v is the unit eigenvector of A^T A for its simple top eigenvalue sigma^2, signed the same way: d eigvec_max(A^T A). */
    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr at = Ops.t(a), gram = Ops.mul(at, a), dgram = Ops.add(Ops.mul(Ops.t(d), a), Ops.mul(at, d));
        return Eigenvector.resolvent(new Pow(new Call(SigmaMax.OP, a), Num.of(2)), gram, self, dgram);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        SigmaMax.kinks(s, ctx);
        return Spectral.column(Spectral.topRight(s, ctx));
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "v_{1}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda A: " + Spectral.topRightVector(false) + ")(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda A: " + Spectral.topRightVector(true) + ")(" + a.get(0) + ")"; }
}
