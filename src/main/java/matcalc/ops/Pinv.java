package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** pinv(A): the Moore–Penrose pseudo-inverse A^+, differentiable where A has full rank. */
final class Pinv implements Operator {
    static final Operator OP = new Pinv();

    public List<String> names() { return List.of("pinv"); }
    public String summary() { return "the Moore-Penrose pseudo-inverse A^+ (derivative where A has full rank)"; }
    public Signature signature() { return Signature.of("m x n -> n x m"); }
    public String rule() {
        return "d A^+ = -A^+ dA A^+ + A^+ A^+^T dA^T (I - A A^+) + (I - A^+ A) dA^T A^+^T A^+ (Golub & Pereyra 1973, constant rank)";
    }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        Shape s = a.shape();
        Expr p = self, dt = Ops.t(d);
        Expr leftNull = Ops.sub(Ops.identity(s.rows()), Ops.mul(a, p));   // I - A A^+
        Expr rightNull = Ops.sub(Ops.identity(s.cols()), Ops.mul(p, a));  // I - A^+ A
        return Ops.sum(List.of(
                Ops.neg(Ops.mul(p, d, p)),
                Ops.mul(p, Ops.t(p), dt, leftNull),
                Ops.mul(rightNull, dt, Ops.t(p), p)), self.shape());
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix a = args.get(0);
        SingularValueDecomposition svd = new SingularValueDecomposition(a);
        double[] sv = svd.getSingularValues();
        double smallest = sv[sv.length - 1];
        if (!(smallest > 1e-8 * sv[0])) throw ctx.undefined("pinv of a rank-deficient matrix is not differentiable");
        return svd.getSolver().getInverse();
    }

    public Expr definition(List<Expr> args) { return null; } // (A^T A)^{-1} A^T or A^T (A A^T)^{-1}: which depends on the sizes
    public String latex(List<String> a) { return "\\operatorname{pinv}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.linalg.pinv(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "torch.linalg.pinv(" + a.get(0) + ")"; }
}
