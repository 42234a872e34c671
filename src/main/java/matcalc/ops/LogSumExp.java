package matcalc.ops;

import java.util.List;
import matcalc.numeric.Matrices;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** logsumexp(v) = log(sum(exp(v))), computed stably. */
final class LogSumExp implements Operator {
    static final Operator OP = new LogSumExp();

    public List<String> names() { return List.of("logsumexp"); }
    public String summary() { return "log(sum(exp(v))) of a vector, computed without overflow"; }
    public Signature signature() { return Signature.of("n x 1 -> 1"); }
    public String rule() { return "d logsumexp(v) = softmax(v)^T dv"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr dv = ctx.of(self.arg(0));
        if (Ops.isZero(dv)) return new Zero(Shape.SCALAR);
        return Ops.mul(Ops.t(new Softmax(self.arg(0))), dv);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        double[] v = args.get(0).getColumn(0);
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (double x : v) max = Math.max(max, x);
        for (double x : v) s += Math.exp(x - max);
        return Matrices.scalar(max + Math.log(s));
    }

    public Expr definition(List<Expr> args) { return new Apply(Fn.LOG, new Sum(new Apply(Fn.EXP, args.get(0)))); }
    public String latex(List<String> a) { return "\\operatorname{logsumexp}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "np.logaddexp.reduce(np.ravel(" + a.get(0) + "))"; }
    public String torch(List<String> a) { return "torch.logsumexp(torch.flatten(" + a.get(0) + "), 0)"; }
}
