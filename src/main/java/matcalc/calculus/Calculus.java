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

    /** d(f), telling {@code applied} (if not null) each node whose differential rule was used, innermost first. */
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
        Form form = form(fs, xs, layout, vec);
        Expr d;
        switch (form) {
            case SCALAR: case GRADIENT: d = new Identify().gradient(df, xs); break;
            case ROW_GRADIENT: d = Ops.t(new Identify().gradient(df, xs)); break;
            case TANGENT: d = new Identify().tangent(df); break;
            case TANGENT_ROW: d = Ops.t(new Identify().tangent(df)); break;
            default: {
                Expr j = new Identify().vecJacobian(df, fs, xs);
                if (form == Form.VEC_ROWS || form == Form.VEC_ROWS_TRANSPOSED) j = rowMajor(j, fs, xs);
                d = form == Form.VEC_TRANSPOSED || form == Form.VEC_ROWS_TRANSPOSED ? Ops.t(j) : j;
            }
        }
        return new Derivative(d, form);
    }

    /** How the derivative of an f of this shape by an x of this shape is arranged, in a layout. */
    public static Form form(Shape fs, Shape xs, Layout layout, VecOrder vec) {
        if (fs.isScalar()) {
            if (xs.isScalar()) return Form.SCALAR;
            return xs.isColumn() && !layout.columnGradients() ? Form.ROW_GRADIENT : Form.GRADIENT;
        }
        if (xs.isScalar()) return fs.isColumn() && layout.transposedJacobians() ? Form.TANGENT_ROW : Form.TANGENT;
        boolean rows = vec == VecOrder.ROWS && !(fs.isVectorLike() && xs.isVectorLike());
        if (layout.transposedJacobians()) return rows ? Form.VEC_ROWS_TRANSPOSED : Form.VEC_TRANSPOSED;
        return rows ? Form.VEC_ROWS : Form.VEC;
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
