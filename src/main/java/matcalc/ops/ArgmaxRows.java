package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** argmax_rows(X): 1 at the largest entry of each row, 0 elsewhere (the one-hot argmax; piecewise constant). */
final class ArgmaxRows implements Operator {
    static final Operator OP = new ArgmaxRows();

    public List<String> names() { return List.of("argmax_rows"); }
    public String summary() { return "1 at each row's largest entry, 0 elsewhere (one-hot argmax, the subgradient of max_rows)"; }
    public Signature signature() { return Signature.of("m x n -> m x n"); }
    public String rule() { return "d argmax_rows(X) = 0 away from ties (piecewise constant)"; }

    public Expr differential(Call self, Differentials ctx) { return new Zero(self.shape()); }

    /** The column of the row's largest entry; the gap to the runner-up is a kink (a tie switches the argmax). */
    static int argmax(double[] row, Numeric ctx) {
        int k = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[k]) k = j;
        double gap = Double.POSITIVE_INFINITY;
        for (int j = 0; j < row.length; j++) if (j != k) gap = Math.min(gap, row[k] - row[j]);
        if (row.length > 1) ctx.kink(gap);
        return k;
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0), out = x.createMatrix(x.getRowDimension(), x.getColumnDimension());
        for (int i = 0; i < x.getRowDimension(); i++) out.setEntry(i, argmax(x.getRow(i), ctx), 1);
        return out;
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\operatorname{argmax\\_rows}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) {
        return "(lambda X: (np.arange(X.shape[1]) == np.argmax(X, axis=1)[:, None]).astype(X.dtype))(" + a.get(0) + ")";
    }
    public String torch(List<String> a) {
        return "(lambda X: torch.nn.functional.one_hot(torch.argmax(X, dim=1), X.shape[1]).to(X.dtype))(" + a.get(0) + ")";
    }
}
