package matcalc.calculus;

import matcalc.expr.Commutation;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Ops;
import matcalc.expr.Shape;
import matcalc.expr.Var;

/**
 * Differentiation, start to end but before simplification: the differential from each
 * operation's rule ({@link Differentiator}), then the derivative read off it ({@link Identify})
 * and arranged for the layout and vec order asked for.
 */
public final class Calculus {
    private final ElementwiseRules elementwise = new ElementwiseRules();

    /** A derivative before simplification, and how its entries are arranged. */
    public record Derivative(Expr value, Form form) {}

    public Expr differential(Expr f, Var x) { return new Differentiator(x, elementwise).of(f); }

    /** d(f), telling {@code applied} each node whose differential rule was used, innermost first. */
    public Expr differential(Expr f, Var x, java.util.function.Consumer<Expr> applied) {
        return new Differentiator(x, elementwise, applied).of(f);
    }

    /** The gradient of a scalar f, in the shape of x (a column for a vector x). */
    public Expr gradient(Expr f, Var x) {
        return new Identify().gradient(differential(f, x), x.shape());
    }

    /**
     * Reverse mode through one operation: the gradient of &lt;seed, F&gt; with respect to x, for a
     * cotangent seed of F's shape (F = f(x, ...) with x a variable; seed 1 for a scalar F).
     */
    public Expr pullback(Expr f, Var x, Expr seed) {
        return new Identify().pullback(differential(f, x), seed, x.shape());
    }

    /** d vec(F) / d vec(X)^T (for vectors, the m x n Jacobian). */
    public Expr vecJacobian(Expr f, Var x) {
        return new Identify().vecJacobian(differential(f, x), f.shape(), x.shape());
    }

    /** The first derivative in the requested layout. */
    public Derivative derive(Expr f, Var x, Layout layout, VecOrder vec) {
        return identify(differential(f, x), f, x, layout, vec);
    }

    /** The derivative read off a differential df of f (raw or already simplified). */
    public Derivative identify(Expr df, Expr f, Var x, Layout layout, VecOrder vec) {
        Shape fs = f.shape(), xs = x.shape();
        if (fs.isScalar()) {
            Expr g = new Identify().gradient(df, xs);
            if (xs.isScalar()) return new Derivative(g, Form.SCALAR);
            if (xs.isColumn() && layout == Layout.NUMERATOR) return new Derivative(Ops.t(g), Form.ROW_GRADIENT);
            return new Derivative(g, Form.GRADIENT);
        }
        if (xs.isScalar()) {
            Expr t = new Identify().tangent(df);
            if (fs.isColumn() && layout == Layout.DENOMINATOR) return new Derivative(Ops.t(t), Form.TANGENT_ROW);
            return new Derivative(t, Form.TANGENT);
        }
        Expr j = new Identify().vecJacobian(df, fs, xs);
        boolean rows = vec == VecOrder.ROWS && !(fs.isVectorLike() && xs.isVectorLike());
        if (rows) j = rowMajor(j, fs, xs);
        if (layout == Layout.DENOMINATOR) return new Derivative(Ops.t(j), rows ? Form.VEC_ROWS_TRANSPOSED : Form.VEC_TRANSPOSED);
        return new Derivative(j, rows ? Form.VEC_ROWS : Form.VEC);
    }

    /** Second derivative: the derivative of the first (gradient, tangent or Jacobian) with respect to x again. */
    public Derivative secondDerivative(Expr f, Var x, Layout layout, VecOrder vec) {
        return derive(firstForSecond(f, x), x, layout, vec);
    }

    /** What the second derivative differentiates: for a scalar f its gradient, so that the result is the Hessian. */
    public Expr firstForSecond(Expr f, Var x) {
        if (f.isScalar()) return gradient(f, x);
        if (x.isScalar()) return new Identify().tangent(differential(f, x));
        return vecJacobian(f, x);
    }

    /** The Hessian d^2 f / d vec(x) d vec(x)^T of a scalar f. */
    public Expr hessian(Expr f, Var x) {
        Expr g = gradient(f, x);
        if (x.isScalar()) return gradient(g, x);
        return vecJacobian(g, x);
    }

    /** vec_r(F) = K vec(F): J_rows = K_{p,q} J K_{n,m}, for F p x q and X m x n. */
    private static Expr rowMajor(Expr j, Shape fs, Shape xs) {
        return Mul.of(new Commutation(fs.rows(), fs.cols()), j, new Commutation(xs.cols(), xs.rows()));
    }
}
