package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** sum_cols(X) = 1^T X: the row of column sums (NumPy's X.sum(axis=0)). */
final class SumCols implements Operator {
    static final Operator OP = new SumCols();

    public List<String> names() { return List.of("sum_cols"); }
    public String summary() { return "the column sums of X as a row, 1^T X (X.sum(axis=0))"; }
    public Signature signature() { return Signature.of("m x n -> 1 x n"); }
    public String rule() { return "d sum_cols(X) = sum_cols(dX) (linear)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        return Ops.isZero(d) ? new Zero(self.shape()) : new Call(this, d);
    }

    /** vec(1^T X) = (I ⊗ 1^T) vec(X) (Cookbook eq. 520). */
    public Expr vecJacobian(Call self, int i) {
        Shape x = self.arg(0).shape();
        return new Kron(Ops.identity(x.cols()), Ops.t(SumRows.ones(x.rows())));
    }

    /** <g, 1^T X> = <1 g, X>. */
    public Expr adjoint(Call self, int i, Expr seed) { return Ops.mul(SumRows.ones(self.arg(0).shape().rows()), seed); }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0);
        return MatrixUtils.createRealMatrix(1, x.getRowDimension()).scalarAdd(1).multiply(x);
    }

    public Expr definition(List<Expr> args) { return Ops.mul(Ops.t(SumRows.ones(args.get(0).shape().rows())), args.get(0)); }
    public String latex(List<String> a) { return "\\operatorname{sum\\_cols}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.sum(" + a.get(0) + ", axis=0, keepdims=True)"; }
    public String torch(List<String> a) { return "torch.sum(" + a.get(0) + ", dim=0, keepdim=True)"; }
}
