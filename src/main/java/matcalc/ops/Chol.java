package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.RealMatrix;

/**
 * chol(A): the lower-triangular L with L L^T = A for a symmetric positive definite A. Of a
 * matrix that is not symmetric, the factor of its symmetric part (A + A^T)/2, so that the value
 * and the derivative are defined for every perturbation the check makes.
 */
final class Chol implements Operator {
    static final Operator OP = new Chol();

    public List<String> names() { return List.of("chol"); }
    public String summary() { return "the Cholesky factor L (lower, L L^T = A) of a positive definite A (of (A + A^T)/2)"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "d chol(A) = L Φ(L^{-1} dA L^{-T}), L = chol(A), dA symmetrised (Murray 2016, eq. 9)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr sym = Ops.mul(new Num(Rational.of(1, 2)), Ops.add(d, Ops.t(d)));
        Expr li = new Inverse(self);
        return Ops.mul(self, new Call(TrilHalf.OP, Ops.mul(li, sym, Ops.t(li))));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix a = args.get(0);
        RealMatrix sym = a.add(a.transpose()).scalarMultiply(0.5);
        try {
            return new CholeskyDecomposition(sym, 1e-12, 1e-12).getL();
        } catch (MathIllegalArgumentException e) {
            throw ctx.undefined("chol needs a positive definite matrix");
        }
    }

    public Expr definition(List<Expr> args) { return null; } // square roots of pivots: no closed form in the core operations
    public String latex(List<String> a) { return "\\operatorname{chol}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.linalg.cholesky(" + Spectral.symmetricPart(false, a.get(0)) + ")"; }
    public String torch(List<String> a) { return "torch.linalg.cholesky(" + Spectral.symmetricPart(true, a.get(0)) + ")"; }
}
