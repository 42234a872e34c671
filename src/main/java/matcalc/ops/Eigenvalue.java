package matcalc.ops;

import java.util.List;
import matcalc.numeric.Matrices;
import matcalc.expr.*;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * lambda_max(A), lambda_min(A): the extreme eigenvalues of a symmetric A (of (A + A^T)/2 when A is
 * not symmetric, so that every perturbation the check makes stays in the domain).
 */
final class Eigenvalue implements Operator {
    static final Operator MAX = new Eigenvalue(true), MIN = new Eigenvalue(false);

    private final boolean max;

    private Eigenvalue(boolean max) { this.max = max; }

    public List<String> names() { return List.of(max ? "lambda_max" : "lambda_min"); }
    public String summary() { return "the " + (max ? "largest" : "smallest") + " eigenvalue of a symmetric A (of (A + A^T)/2)"; }
    public Signature signature() { return Signature.of("n x n -> 1"); }
    public String rule() { return "d lambda(A) = v^T dA v, v its unit eigenvector (Cookbook eq. 67; a simple eigenvalue)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        Expr v = new Call(max ? Eigenvector.MAX : Eigenvector.MIN, a);
        return Ops.mul(Ops.t(v), d, v);
    }

    /** A repeated eigenvalue is a kink. */
    static int index(EigenDecompositionSymmetric e, boolean max, Numeric ctx) {
        double[] values = e.getEigenvalues();
        int k = Spectral.extreme(values, max);
        ctx.kink(Spectral.separation(values, k));
        return k;
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        EigenDecompositionSymmetric e = Spectral.symmetricEigen(args.get(0));
        return Matrices.scalar(e.getEigenvalues()[index(e, max, ctx)]);
    }

    public Expr definition(List<Expr> args) { return null; } // a root of the characteristic polynomial
    public String latex(List<String> a) { return "\\lambda_{\\" + (max ? "max" : "min") + "}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return Spectral.eigvalsh(false, a.get(0)) + "[" + (max ? "-1" : "0") + "]"; }
    public String torch(List<String> a) { return Spectral.eigvalsh(true, a.get(0)) + "[" + (max ? "-1" : "0") + "]"; }
}
