package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/** adj(A) = det(A) A^{-1}, the adjugate (transposed cofactor matrix), differentiated where A is invertible. */
final class Adj implements Operator {
    static final Operator OP = new Adj();

    public List<String> names() { return List.of("adj"); }
    public String summary() { return "the adjugate det(A) A^{-1} (derivative where A is invertible)"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "d adj(A) = det(A) (tr(A^{-1} dA) A^{-1} - A^{-1} dA A^{-1}) (Cookbook eqs. 40, 42)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        if (a.isScalar()) return new Zero(self.shape()); // adj of a 1 x 1 matrix is 1
        Expr inv = new Inverse(a);
        return Ops.mul(new Det(a), Ops.sub(Ops.mul(new Trace(Ops.mul(inv, d)), inv), Ops.mul(inv, d, inv)));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        LUDecomposition lu = new LUDecomposition(args.get(0));
        if (!lu.getSolver().isNonSingular()) throw ctx.undefined("adj's derivative rule needs an invertible matrix");
        return lu.getSolver().getInverse().scalarMultiply(lu.getDeterminant());
    }

    public Expr definition(List<Expr> args) {
        Expr a = args.get(0);
        return a.isScalar() ? Num.ONE : Ops.mul(new Det(a), new Inverse(a));
    }

    public String latex(List<String> a) { return "\\operatorname{adj}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda A: np.linalg.det(A) * np.linalg.inv(A))(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda A: torch.linalg.det(A) * torch.linalg.inv(A))(" + a.get(0) + ")"; }
}
