package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.util.FastMath;

/**
 * loewner_expm(X), loewner_logm(X), loewner_sqrtm(X): the Loewner matrix of first divided
 * differences of f at the eigenvalues of (X + X^T)/2 (ascending, as eig), Γ_ij = (f(λ_i) - f(λ_j)) /
 * (λ_i - λ_j), Γ_ii = f'(λ_i). For a symmetric X = V diag(λ) V^T, L_f(X, E) = V (Γ ⊙ (V^T E V)) V^T
 * for every direction E (Daleckii–Krein; Higham, Functions of Matrices, Thm. 3.11), which is how
 * {@link Frechet} gets a Kronecker form. Each entry is computed without cancellation, also for
 * near-equal eigenvalues (where the quotient tends to f' at their mean).
 */
final class Loewner implements Operator {
    static final Loewner EXPM = new Loewner(MatrixFunction.EXPM), LOGM = new Loewner(MatrixFunction.LOGM),
            SQRTM = new Loewner(MatrixFunction.SQRTM);

    static Loewner of(MatrixFunction f) { return f == MatrixFunction.EXPM ? EXPM : f == MatrixFunction.LOGM ? LOGM : SQRTM; }

    private final MatrixFunction f;

    private Loewner(MatrixFunction f) { this.f = f; }

    public List<String> names() { return List.of("loewner_" + f.name); }
    public String summary() {
        return "the divided differences (f(l_i) - f(l_j)) / (l_i - l_j), f'(l_i) on the diagonal, of f = " + f.name
                + " at l = eig(X) (of (X + X^T)/2): the Fréchet derivative of " + f.name + " at a symmetric X (Daleckii–Krein)"
                + (f.restricted ? "; positive eigenvalues" : "");
    }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "none: its derivative (a second Fréchet derivative of " + f.name + ") is not written here"; }

    public Expr differential(Call self, Differentials ctx) {
        if (Ops.isZero(ctx.of(self.arg(0)))) return new Zero(self.shape());
        throw MatcalcError.missingRule("d-" + name(), "no closed matrix form for the derivative of the Loewner matrix of " + f.name
                + " (a second Fréchet derivative); the Kronecker form of the Jacobian of " + f.name + " at a symmetric X is not differentiated again");
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        double[] l = Spectral.ascending(args.get(0), false, ctx).values();
        int n = l.length;
        if (f.restricted) {
            double scale = 1;
            for (double v : l) scale = Math.max(scale, Math.abs(v));
            for (double v : l) if (v <= 1e-9 * scale) throw ctx.undefined(name() + " needs a matrix whose symmetric part has positive eigenvalues");
        }
        RealMatrix g = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double d = dividedDifference(l[i], l[j]);
                g.setEntry(i, j, d);
                g.setEntry(j, i, d);
            }
        }
        return g;
    }

    /**
     * (f(a) - f(b)) / (a - b), f'(a) at a = b, with m = (a + b)/2, h = (a - b)/2: exp gives
     * e^m sinh(h)/h; log gives atanh(t)/(t m) with t = h/m; sqrt gives 1/(sqrt(a) + sqrt(b)).
     */
    double dividedDifference(double a, double b) {
        double m = (a + b) / 2, h = (a - b) / 2;
        if (f == MatrixFunction.EXPM) return FastMath.exp(m) * (h == 0 ? 1 : FastMath.sinh(h) / h);
        if (f == MatrixFunction.LOGM) {
            double t = h / m;
            return (t == 0 ? 1 : FastMath.atanh(t) / t) / m;
        }
        return 1 / (Math.sqrt(a) + Math.sqrt(b));
    }

    /** A result with this operator came through the eigen-decomposition, valid at a symmetric argument only: say so. */
    @Override public String note(java.util.function.IntFunction<String> arg) {
        String x = arg.apply(0), d = "d" + f.name;
        return "for symmetric " + x + ", through its eigen-decomposition (Daleckii–Krein): " + d + "(" + x + ", E) = V (" + name() + "(" + x
                + ") .* (V^T E V)) V^T with V = eigvecs(" + x + "), " + name() + "(" + x + ") the divided differences of " + f.name
                + " at eig(" + x + ")";
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "\\operatorname{loewner\\_" + f.name + "}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return spelling("np", Spectral.eigvalsh(false, a.get(0))); }
    public String torch(List<String> a) { return spelling("torch", Spectral.eigvalsh(true, a.get(0))); }

    /** The same divided differences in NumPy or PyTorch, over the outer pair (w_i, w_j) of the eigenvalues w. */
    private String spelling(String lib, String eigenvalues) {
        String where = lib.equals("np") ? "np.where" : "torch.where", one = lib.equals("np") ? "1.0" : "torch.ones_like(t)";
        // t / safe(t) with t = 0 replaced by 1 in both places: no 0/0, and the limit 1 at t = 0.
        String ratio = "(lambda t, g: " + where + "(t == 0, " + one + ", g(t) / " + where + "(t == 0, " + one + ", t)))";
        String body;
        if (f == MatrixFunction.EXPM) body = lib + ".exp((a + b) / 2) * " + ratio + "((a - b) / 2, " + lib + ".sinh)";
        else if (f == MatrixFunction.LOGM) body = ratio + "((a - b) / (a + b), " + lib + ".arctanh) / ((a + b) / 2)";
        else body = "1 / (" + lib + ".sqrt(a) + " + lib + ".sqrt(b))";
        return "(lambda w: (lambda a, b: " + body + ")(w[:, None], w[None, :]))(" + eigenvalues + ")";
    }
}
