package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * qr_r(A): the upper-triangular R, with a positive diagonal, of the thin QR factorisation A = Q R
 * of a square or tall full-rank A (m x n, m >= n). The signs make the factorisation unique, so R
 * and Q (qr_q) are continuous in A.
 */
final class QrR implements Operator {
    static final Operator OP = new QrR();

    public List<String> names() { return List.of("qr_r"); }
    public String summary() { return "R (upper, positive diagonal) of the thin QR factorisation A = Q R of a full-rank A, m >= n"; }
    public Signature signature() { return Signature.of("m x n -> n x n"); }
    public String rule() {
        return "d R = (C - Φ(C) + Φ(C)^T) R, C = Q^T dA R^{-1}, Q = qr_q(A), R = qr_r(A)"
                + " (Q^T dQ = Φ(C) - Φ(C)^T is skew, dR R^{-1} upper; Walter, Lehmann & Lamour 2012)";
    }

    public Expr differential(Call self, Differentials ctx) {
        Expr a = self.arg(0), d = ctx.of(a);
        if (Ops.isZero(d)) return new Zero(self.shape());
        wideRefused(a);
        Expr q = new Call(QrQ.OP, a);
        return Ops.mul(upperPart(q, d, self), self);
    }

    /**
     * dR R^{-1} = C - Ω with C = Q^T dA R^{-1} and Ω = Q^T dQ = Φ(C) - Φ(C)^T: from A = Q R,
     * C = Q^T dQ + dR R^{-1}; Q^T dQ is skew (Q^T Q = I) and dR R^{-1} upper triangular, so the
     * strictly lower part L of C is that of Q^T dQ, Q^T dQ = L - L^T, and Φ(C) - Φ(C)^T = L - L^T
     * (the halved diagonals cancel).
     */
    static Expr upperPart(Expr q, Expr d, Expr r) {
        Expr c = Ops.mul(Ops.t(q), d, new Inverse(r));
        Expr phi = new Call(TrilHalf.OP, c);
        return Ops.sub(c, Ops.sub(phi, Ops.t(phi)));
    }

    /** The thin factors are n columns of Q and an n x n R only for m >= n. */
    static void wideRefused(Expr a) {
        Dim m = a.shape().rows(), n = a.shape().cols();
        if (!m.equals(n) && m.symbols().equals(n.symbols()) && m.coeff() < n.coeff()) {
            throw MatcalcError.missingRule("d-qr", "the thin QR factors are written for a square or tall matrix (m >= n); "
                    + m + " x " + n + " is wide");
        }
    }

    /** {Q (m x n), R (n x n)} with R's diagonal positive. */
    static RealMatrix[] factor(RealMatrix a, Numeric ctx) {
        int m = a.getRowDimension(), n = a.getColumnDimension();
        if (m < n) throw ctx.undefined("the thin QR factorisation here needs m >= n, not a " + m + " x " + n + " matrix");
        QRDecomposition qr = new QRDecomposition(a);
        RealMatrix q = qr.getQ().getSubMatrix(0, m - 1, 0, n - 1);
        RealMatrix r = qr.getR().getSubMatrix(0, n - 1, 0, n - 1);
        double smallest = Double.POSITIVE_INFINITY, largest = 0;
        for (int i = 0; i < n; i++) {
            double rii = r.getEntry(i, i);
            smallest = Math.min(smallest, Math.abs(rii));
            largest = Math.max(largest, Math.abs(rii));
            if (rii < 0) {
                for (int j = 0; j < n; j++) r.setEntry(i, j, -r.getEntry(i, j));
                for (int k = 0; k < m; k++) q.setEntry(k, i, -q.getEntry(k, i));
            }
        }
        if (!(smallest > 1e-10 * largest)) throw ctx.undefined("the QR factors of a rank-deficient matrix are not unique");
        ctx.kink(smallest); // rank deficiency: a diagonal entry of R passing through 0
        return new RealMatrix[] {q, r};
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) { return factor(args.get(0), ctx)[1]; }

    public Expr definition(List<Expr> args) { return null; } // square roots and divisions of Gram–Schmidt: no closed form in the core operations
    public String latex(List<String> a) { return "\\operatorname{qr}_R(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "(lambda Q, R: np.sign(np.diag(R))[:, None] * R)(*np.linalg.qr(" + a.get(0) + "))"; }
    public String torch(List<String> a) { return "(lambda Q, R: torch.sign(torch.diagonal(R))[:, None] * R)(*torch.linalg.qr(" + a.get(0) + "))"; }
}
