package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** sum_rows(X) = X 1: the column of row sums (NumPy's X.sum(axis=1)). */
final class SumRows implements Operator {
    static final Operator OP = new SumRows();

    public List<String> names() { return List.of("sum_rows"); }
    public String summary() { return "the row sums of X as a column, X 1 (X.sum(axis=1))"; }
    public Signature signature() { return Signature.of("m x n -> m x 1"); }
    public String rule() { return "d sum_rows(X) = sum_rows(dX) (linear)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        return Ops.isZero(d) ? new Zero(self.shape()) : new Call(this, d);
    }

    /** vec(X 1) = (1^T ⊗ I) vec(X) (Cookbook eq. 520). */
    public Expr vecJacobian(Call self, int i) {
        Shape x = self.arg(0).shape();
        return new Kron(Ops.t(ones(x.cols())), Ops.identity(x.rows()));
    }

    /** <g, X 1> = <g 1^T, X>. */
    public Expr adjoint(Call self, int i, Expr seed) { return Ops.mul(seed, Ops.t(ones(self.arg(0).shape().cols()))); }

    static Expr ones(Dim n) { return n.isOne() ? Num.ONE : new Ones(Shape.column(n)); }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0);
        return x.multiply(org.hipparchus.linear.MatrixUtils.createRealMatrix(x.getColumnDimension(), 1).scalarAdd(1));
    }

    public Expr definition(List<Expr> args) { return Ops.mul(args.get(0), ones(args.get(0).shape().cols())); }
    public String latex(List<String> a) { return "\\operatorname{sum\\_rows}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.sum(" + a.get(0) + ", axis=1, keepdims=True)"; }
    public String torch(List<String> a) { return "torch.sum(" + a.get(0) + ", dim=1, keepdim=True)"; }
}
