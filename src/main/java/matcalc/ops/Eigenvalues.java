package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * eig(A): the eigenvalues of the symmetric part (A + A^T)/2, ascending (numpy.linalg.eigvalsh's
 * order), as a column. d lambda_i = v_i^T dA v_i (Cookbook eq. 67) for each, so
 * d eig(A) = diag(V^T dA V) with V = eigvecs(A).
 */
final class Eigenvalues implements Operator {
    static final Operator OP = new Eigenvalues();

    public List<String> names() { return List.of("eig"); }
    public String summary() { return "the eigenvalues of a symmetric A (of (A + A^T)/2) in ascending order, as a column (numpy.linalg.eigvalsh)"; }
    public Signature signature() { return Signature.of("n x n -> n x 1"); }
    public String rule() { return "d eig(A) = diag(V^T dA V), V = eigvecs(A) (Cookbook eq. 67 for each eigenvalue; simple eigenvalues)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr v = new Call(Eigenvectors.OP, a);
        return new DiagOf(Ops.mul(Ops.t(v), d, v)); // diag(V^T dA^T V) = diag(V^T dA V): dA's symmetric part is implied
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        return MatrixUtils.createColumnRealMatrix(Spectral.ascending(args.get(0), false, ctx).values());
    }

    public Expr definition(List<Expr> args) { return null; } // the roots of the characteristic polynomial
    public String latex(List<String> a) { return "\\operatorname{eig}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return Spectral.eigvalsh(false, a.get(0)) + ".reshape(-1, 1)"; }
    public String torch(List<String> a) { return Spectral.eigvalsh(true, a.get(0)) + ".reshape(-1, 1)"; }
}
