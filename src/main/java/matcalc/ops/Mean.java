package matcalc.ops;

import java.util.List;
import matcalc.numeric.Matrices;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** mean(X) = sum(X) / (m n), the mean of all entries. */
final class Mean implements Operator {
    static final Operator OP = new Mean();

    public List<String> names() { return List.of("mean"); }
    public String summary() { return "the mean of all entries, sum(X) / (m n)"; }
    public Signature signature() { return Signature.of("m x n -> 1"); }
    public String rule() { return "d mean(X) = mean(dX) (linear)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        return Ops.isZero(d) ? new Zero(Shape.SCALAR) : new Call(this, d);
    }

    /** <g, mean(X)> = <g 1 1^T / (m n), X>. */
    public Expr adjoint(Call self, int i, Expr seed) {
        Shape s = self.arg(0).shape();
        Expr ones = s.isScalar() ? Num.ONE : new Ones(s);
        return Ops.mul(seed, new Pow(Size.scalar(s.size()), Num.MINUS_ONE), ones);
    }

    /** vec form: 1^T / (m n). */
    public Expr vecJacobian(Call self, int i) {
        Shape s = self.arg(0).shape();
        return Ops.mul(new Pow(Size.scalar(s.size()), Num.MINUS_ONE), Ops.t(SumRows.ones(s.size())));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix x = args.get(0);
        double s = 0;
        for (double[] row : x.getData()) for (double v : row) s += v;
        return Matrices.scalar(s / (x.getRowDimension() * (double) x.getColumnDimension()));
    }

    public Expr definition(List<Expr> args) {
        Expr x = args.get(0);
        return Ops.mul(new Pow(Size.scalar(x.shape().size()), Num.MINUS_ONE), new Sum(x));
    }

    public String latex(List<String> a) { return "\\operatorname{mean}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.mean(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "torch.mean(" + a.get(0) + ")"; }
}
