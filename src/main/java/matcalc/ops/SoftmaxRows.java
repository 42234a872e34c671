package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** softmax_rows(S): the softmax of each row (attention weights, softmax_rows(Q K^T / sqrt(d)) V). */
final class SoftmaxRows implements Operator {
    static final Operator OP = new SoftmaxRows();

    public List<String> names() { return List.of("softmax_rows"); }
    public String summary() { return "the softmax of each row of S (attention: softmax_rows(Q K^T / sqrt(d)) V)"; }
    public Signature signature() { return Signature.of("m x n -> m x n"); }
    public String rule() { return "d softmax_rows(S) = Y ⊙ (dS - sum_rows(Y ⊙ dS) 1^T), Y = softmax_rows(S) (row-wise softmax Jacobian)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        if (Ops.isZero(d)) return new Zero(self.shape());
        Expr rowDots = new Call(SumRows.OP, Ops.had(self, d));
        return Ops.had(self, Ops.sub(d, Ops.mul(rowDots, Ops.t(SumRows.ones(self.shape().cols())))));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix s = args.get(0).copy();
        for (int i = 0; i < s.getRowDimension(); i++) {
            double[] row = s.getRow(i);
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double x : row) max = Math.max(max, x);
            for (int j = 0; j < row.length; j++) { row[j] = Math.exp(row[j] - max); sum += row[j]; }
            for (int j = 0; j < row.length; j++) row[j] /= sum;
            s.setRow(i, row);
        }
        return s;
    }

    /** exp(S) ./ (exp(S) 1 1^T). */
    public Expr definition(List<Expr> args) {
        Expr e = new Apply(Fn.EXP, args.get(0));
        Dim n = args.get(0).shape().cols();
        Expr rowSums = Ops.mul(e, SumRows.ones(n), Ops.t(SumRows.ones(n)));
        return Ops.had(e, new ElemPow(rowSums, Num.MINUS_ONE));
    }

    public String latex(List<String> a) { return "\\operatorname{softmax\\_rows}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return "(lambda z: z / np.sum(z, axis=1, keepdims=True))(np.exp(" + a.get(0) + " - np.max(" + a.get(0) + ", axis=1, keepdims=True)))";
    }
    public String torch(List<String> a) { return "torch.softmax(" + a.get(0) + ", dim=1)"; }
}
