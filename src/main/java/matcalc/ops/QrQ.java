package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * qr_q(A): the m x n Q, with orthonormal columns, of the thin QR factorisation A = Q R of a square
 * or tall full-rank A (m >= n), R's diagonal positive (qr_r).
 */
final class QrQ implements Operator {
    static final Operator OP = new QrQ();

    public List<String> names() { return List.of("qr_q"); }
    public String summary() { return "Q (orthonormal columns) of the thin QR factorisation A = Q R of a full-rank A, m >= n, R's diagonal positive"; }
    public Signature signature() { return Signature.of("m x n -> m x n"); }
    public String rule() {
        return "d Q = dA R^{-1} - Q (C - Φ(C) + Φ(C)^T), C = Q^T dA R^{-1}, Q = qr_q(A), R = qr_r(A)"
                + " (from dA = dQ R + Q dR; Walter, Lehmann & Lamour 2012)";
    }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        QrR.wideRefused(a);
        Expr r = new Call(QrR.OP, a);
        return Ops.sub(Ops.mul(d, new Inverse(r)), Ops.mul(self, QrR.upperPart(self, d, r)));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) { return QrR.factor(args.get(0), ctx)[0]; }

    public Expr definition(List<Expr> args) { return null; } // Gram–Schmidt's normalisations: no closed form in the core operations
    public String latex(List<String> a) { return "\\operatorname{qr}_Q(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda Q, R: Q * np.sign(np.diag(R)))(*np.linalg.qr(" + a.get(0) + "))"; }
    public String torch(List<String> a) { return "(lambda Q, R: Q * torch.sign(torch.diagonal(R)))(*torch.linalg.qr(" + a.get(0) + "))"; }
}
