package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** max_rows(X): the largest entry of each row, as a column (NumPy's X.max(axis=1)). */
final class MaxRows implements Operator {
    static final Operator OP = new MaxRows();

    public List<String> names() { return List.of("max_rows"); }
    public String summary() { return "the largest entry of each row as a column (X.max(axis=1)); subgradient at the row's argmax"; }
    public Signature signature() { return Signature.of("m x n -> m x 1"); }
    public String rule() { return "d max_rows(X) = sum_rows(argmax_rows(X) ⊙ dX), away from ties (a subgradient)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        if (Ops.isZero(d)) return new Zero(self.shape());
        return new Call(SumRows.OP, Ops.had(new Call(ArgmaxRows.OP, self.arg(0)), d));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0);
        RealMatrix out = MatrixUtils.createRealMatrix(x.getRowDimension(), 1);
        for (int i = 0; i < x.getRowDimension(); i++) out.setEntry(i, 0, x.getEntry(i, ArgmaxRows.argmax(x.getRow(i), ctx)));
        return out;
    }

    public Expr definition(List<Expr> args) { return null; } // a maximum: no polynomial form
    public String latex(List<String> a) { return "\\operatorname{max\\_rows}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.max(" + a.get(0) + ", axis=1, keepdims=True)"; }
    public String torch(List<String> a) { return "torch.amax(" + a.get(0) + ", dim=1, keepdim=True)"; }
}
