package matcalc.ops;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * dexpm(X, E), dlogm(X, E), dsqrtm(X, E): the Fréchet derivative L_f(X, E) of a matrix function,
 * linear in E. Its adjoint is L_f(X^T, ·) (f has a real power series), and L_f(X, I) = f'(X)
 * because I commutes with X — which is how tr(f(X)) gets the gradient f'(X)^T.
 */
final class Frechet implements Operator {
    static final Frechet EXPM = new Frechet(MatrixFunction.EXPM), LOGM = new Frechet(MatrixFunction.LOGM),
            SQRTM = new Frechet(MatrixFunction.SQRTM);

    static Frechet of(MatrixFunction f) { return f == MatrixFunction.EXPM ? EXPM : f == MatrixFunction.LOGM ? LOGM : SQRTM; }

    private final MatrixFunction f;

    private Frechet(MatrixFunction f) { this.f = f; }

    public List<String> names() { return List.of("d" + f.name); }
    public String summary() { return "the Fréchet derivative L(X, E) of " + f.name + " at X in the direction E"; }
    public Signature signature() { return Signature.of("n x n, n x n -> n x n"); }
    public String rule() { return "d L(X, E) = L(X, dE) (linear in E; its derivative in X is not written)"; }

    public Expr differential(Call self, Differentials ctx) {
        if (!Ops.isZero(ctx.of(self.arg(0)))) {
            throw MatcalcError.missingRule("d2-" + f.name, "no closed matrix form for the second derivative of " + f.name);
        }
        Expr de = ctx.of(self.arg(1));
        return Ops.isZero(de) ? new Zero(self.shape()) : new Call(this, self.arg(0), de);
    }

    /**
     * At a symmetric X = V diag(λ) V^T, vec L(X, E) = (V ⊗ V) diag(vec Γ) (V ⊗ V)^T vec E, Γ = loewner_f(X)
     * (Daleckii–Krein), for every E since V is orthogonal. Only where X is symmetric at every point
     * the result is evaluated at (declared, or the variable differentiated by when declared so).
     */
    public Expr vecJacobian(Call self, int i) {
        Expr x = self.arg(0);
        if (i != 1 || !SymmetricPoints.holds(x)) {
            throw MatcalcError.missingRule("vec-d" + f.name, "no closed matrix form for the Jacobian of " + f.name + " at a general X;"
                    + " for X declared symmetric (X: n x n symmetric) it has one, through its eigen-decomposition (Daleckii–Krein);"
                    + " scalar functions of it, such as tr(" + f.name + "(X)), have gradients");
        }
        Expr v = new Call(Eigenvectors.OP, x), vv = new Kron(v, v);
        return Ops.mul(vv, new Diag(Ops.vec(new Call(Loewner.of(f), x))), Ops.t(vv));
    }

    /** <G, L(X, E)> = <L(X^T, G), E>; L(X^T, c I) = c f'(X^T) = c f'(X)^T. */
    public Expr adjoint(Call self, int i, Expr seed) {
        Expr x = self.arg(0);
        if (seed instanceof Identity) return Ops.t(f.derivative(x));
        if (seed instanceof Mul m && m.factors().size() == 2 && m.factors().get(0).isScalar() && m.factors().get(1) instanceof Identity) {
            return Ops.mul(m.factors().get(0), Ops.t(f.derivative(x)));
        }
        return new Call(this, Ops.t(x), seed);
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        if (f.restricted && !MatrixFunctions.inDomain(args.get(0))) {
            throw ctx.undefined(f.name + " needs a matrix with no eigenvalue on the closed negative real axis");
        }
        return MatrixFunctions.frechet(f.value, args.get(0), args.get(1));
    }

    public Expr definition(List<Expr> args) { return null; }
    public String latex(List<String> a) { return "L_{\\operatorname{" + f.name + "}}(" + a.get(0) + ", " + a.get(1) + ")"; }
    public String numpy(List<String> a) {
        if (f == MatrixFunction.EXPM) return "scipy.linalg.expm_frechet(" + a.get(0) + ", " + a.get(1) + ", compute_expm=False)";
        return "(lambda X, E: scipy.linalg." + f.name + "(np.block([[X, E], [np.zeros_like(X), X]]))[:X.shape[0], X.shape[0]:])("
                + a.get(0) + ", " + a.get(1) + ")";
    }
    public String torch(List<String> a) {
        if (f != MatrixFunction.EXPM) return null;
        return "(lambda X, E: torch.linalg.matrix_exp(torch.cat([torch.cat([X, E], 1), torch.cat([torch.zeros_like(X), X], 1)], 0))"
                + "[:X.shape[0], X.shape[0]:])(" + a.get(0) + ", " + a.get(1) + ")";
    }
}
