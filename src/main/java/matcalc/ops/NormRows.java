package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** norm_rows(X): the Euclidean norm of each row, as a column (np.linalg.norm(X, axis=1)). */
final class NormRows implements Operator {
    static final Operator OP = new NormRows();

    public List<String> names() { return List.of("norm_rows"); }
    public String summary() { return "the Euclidean norm of each row as a column (np.linalg.norm(X, axis=1))"; }
    public Signature signature() { return Signature.of("m x n -> m x 1"); }
    public String rule() { return "d norm_rows(X) = sum_rows(X ⊙ dX) ./ norm_rows(X) (where no row is 0)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        if (Ops.isZero(d)) return new Zero(self.shape());
        return Ops.had(new Call(SumRows.OP, Ops.had(self.arg(0), d)), new ElemPow(self, Num.MINUS_ONE));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0), out = MatrixUtils.createRealMatrix(x.getRowDimension(), 1);
        for (int i = 0; i < x.getRowDimension(); i++) {
            double n = x.getRowVector(i).getNorm();
            ctx.kink(n); // a zero row: not differentiable
            out.setEntry(i, 0, n);
        }
        return out;
    }

    /** sqrt(sum_rows(X .^ 2)) with sum_rows written as X 1. */
    public Expr definition(List<Expr> args) {
        Expr x = args.get(0);
        return new Apply(Fn.SQRT, Ops.mul(new ElemPow(x, Num.of(2)), SumRows.ones(x.shape().cols())));
    }

    public String latex(List<String> a) { return "\\operatorname{norm\\_rows}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.linalg.norm(" + a.get(0) + ", axis=1, keepdims=True)"; }
    public String torch(List<String> a) { return "torch.linalg.norm(" + a.get(0) + ", dim=1, keepdim=True)"; }
}
