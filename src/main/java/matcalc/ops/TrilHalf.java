package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/** Φ(M): the lower triangle of M with its diagonal halved, the operator in the Cholesky derivative. */
final class TrilHalf implements Operator {
    static final Operator OP = new TrilHalf();

    public List<String> names() { return List.of("tril_half"); }
    public String summary() { return "Φ(M): the strict lower triangle of M plus half its diagonal (in d chol)"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "d Φ(M) = Φ(dM) (linear)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        return Ops.isZero(d) ? new Zero(self.shape()) : new Call(this, d);
    }

    /** Φ is masking by Φ(1 1^T), so its vec matrix is diag(vec(Φ(1 1^T))). */
    public Expr vecJacobian(Call self, int i) {
        return new Diag(Ops.vec(new Call(this, new Ones(self.shape()))));
    }

    /** Masking is self-adjoint. */
    public Expr adjoint(Call self, int i, Expr seed) { return new Call(this, seed); }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        RealMatrix m = args.get(0).copy();
        for (int i = 0; i < m.getRowDimension(); i++) {
            for (int j = i; j < m.getColumnDimension(); j++) m.setEntry(i, j, i == j ? m.getEntry(i, j) / 2 : 0);
        }
        return m;
    }

    public Expr definition(List<Expr> args) { return null; } // a mask of entries: no product of the core operations
    public String latex(List<String> a) { return "\\Phi(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda M: np.tril(M, -1) + np.diag(np.diag(M)) / 2)(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return "(lambda M: torch.tril(M, -1) + torch.diag(torch.diagonal(M)) / 2)(" + a.get(0) + ")"; }
}
