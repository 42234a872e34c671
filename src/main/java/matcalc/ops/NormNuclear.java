package matcalc.ops;

import java.util.List;
import matcalc.numeric.Matrices;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** norm_nuclear(A) = sum of the singular values (the trace norm). */
final class NormNuclear implements Operator {
    static final Operator OP = new NormNuclear();

    public List<String> names() { return List.of("norm_nuclear"); }
    public String summary() { return "the nuclear (trace) norm, the sum of the singular values"; }
    public Signature signature() { return Signature.of("m x n -> 1"); }
    public String rule() { return "d ||A||_* = tr(V U^T dA) = sum(polar(A) ⊙ dA), A = U S V^T thin (where A has full rank)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(Shape.SCALAR);
        return new Sum(Ops.had(new Call(Polar.OP, a), d));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        SingularValueDecomposition s = Spectral.svd(args.get(0));
        double sum = 0;
        for (double x : s.getSingularValues()) sum += x;
        Polar.kinks(s, ctx);
        return Matrices.scalar(sum);
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\lVert " + a.get(0) + " \\rVert_*"; }
    public String numpy(List<String> a) { return "np.linalg.norm(" + a.get(0) + ", 'nuc')"; }
    public String torch(List<String> a) { return "torch.linalg.matrix_norm(" + a.get(0) + ", 'nuc')"; }
}
