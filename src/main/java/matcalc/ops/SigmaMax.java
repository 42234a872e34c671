package matcalc.ops;

import java.util.List;
import matcalc.numeric.Matrices;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** sigma_max(A) = ||A||_2, the largest singular value (the spectral norm). */
final class SigmaMax implements Operator {
    static final Operator OP = new SigmaMax();

    public List<String> names() { return List.of("sigma_max", "norm_spectral"); }
    public String summary() { return "the largest singular value, the spectral norm ||A||_2 (also norm_spectral)"; }
    public Signature signature() { return Signature.of("m x n -> 1"); }
    public String rule() { return "d sigma_max(A) = u^T dA v, u, v its singular vectors (away from a repeated top singular value)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        return Ops.mul(Ops.t(new Call(SvdU.OP, a)), d, new Call(SvdV.OP, a));
    }

    /** Where the top two singular values meet (or the top one is 0) sigma_max has a kink. */
    static void kinks(SingularValueDecomposition s, Numeric ctx) {
        double[] sv = s.getSingularValues();
        ctx.kink(sv.length > 1 ? sv[0] - sv[1] : sv[0]);
        ctx.kink(sv[0]);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        kinks(s, ctx);
        return Matrices.scalar(s.getSingularValues()[0]);
    }

    public Expr definition(List<Expr> args) { return null; } // a root of the characteristic polynomial of A^T A
    public String latex(List<String> a) { return "\\sigma_{\\max}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.linalg.norm(" + a.get(0) + ", 2)"; }
    public String torch(List<String> a) { return "torch.linalg.matrix_norm(" + a.get(0) + ", 2)"; }
}
