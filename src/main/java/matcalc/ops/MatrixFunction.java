package matcalc.ops;

import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * expm, logm, sqrtm: analytic functions of a square matrix (not element-wise). Their differential
 * is the Fréchet derivative, {@link Frechet}; under a trace it collapses to f'(X) (Cookbook §2.5:
 * d tr(f(X)) = tr(f'(X) dX)).
 */
final class MatrixFunction implements Operator {
    static final MatrixFunction EXPM = new MatrixFunction("expm", "the matrix exponential e^X", MatrixFunctions::expm, false);
    static final MatrixFunction LOGM = new MatrixFunction("logm", "the principal matrix logarithm", MatrixFunctions::logm, true);
    static final MatrixFunction SQRTM = new MatrixFunction("sqrtm", "the principal matrix square root", MatrixFunctions::sqrtm, true);

    private final String what;
    final String name;
    final UnaryOperator<RealMatrix> value;
    /** Whether the value exists only off the closed negative real axis (logm, sqrtm). */
    final boolean restricted;

    private MatrixFunction(String name, String what, UnaryOperator<RealMatrix> value, boolean restricted) {
        this.name = name;
        this.what = what;
        this.value = value;
        this.restricted = restricted;
    }

    public List<String> names() { return List.of(name); }
    public String summary() { return what + (restricted ? " (no eigenvalue on (-inf, 0])" : "") + " of a square matrix"; }
    public Signature signature() { return Signature.of("n x n -> n x n"); }
    public String rule() { return "d " + name + "(X) = L_" + name + "(X, dX), its Fréchet derivative (Higham, Functions of Matrices, §3.1)"; }

    public Expr differential(Call self, Differentials ctx) {
        Expr d = ctx.of(self.arg(0));
        if (Ops.isZero(d)) return new Zero(self.shape());
        return new Call(Frechet.of(this), self.arg(0), d);
    }

    /** f'(X), the derivative of the scalar function applied to a matrix: expm' = expm, logm' = X^{-1}, sqrtm' = sqrtm(X)^{-1} / 2. */
    Expr derivative(Expr x) {
        if (this == EXPM) return new Call(this, x);
        if (this == LOGM) return new Inverse(x);
        return Ops.mul(new Num(Rational.of(1, 2)), new Inverse(new Call(this, x)));
    }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) {
        if (restricted && !MatrixFunctions.inDomain(args.get(0))) {
            throw ctx.undefined(name + " needs a matrix with no eigenvalue on the closed negative real axis");
        }
        return value.apply(args.get(0));
    }

    public Expr definition(List<Expr> args) { return null; } // a power series: no finite closed form
    public String latex(List<String> a) { return "\\operatorname{" + name + "}(" + a.get(0) + ")"; }
    public String numpy(List<String> a) { return "scipy.linalg." + name + "(" + a.get(0) + ")"; }
    public String torch(List<String> a) { return this == EXPM ? "torch.linalg.matrix_exp(" + a.get(0) + ")" : null; }
}
