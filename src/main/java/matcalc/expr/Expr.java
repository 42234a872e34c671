package matcalc.expr;

import java.util.List;
import matcalc.MatcalcError;

/**
 * The typed expression IR that every stage after parsing works on. Nodes are immutable records
 * that know their shape. Each operation owns its calculus next to its definition:
 * <ul>
 *   <li>{@link #differential}: d(this) from the differentials of its children (Magnus–Neudecker);</li>
 *   <li>{@link #adjoint} and {@link #vecJacobian}: for operations that are linear in a child, how
 *       that linear map is identified — as an adjoint (gradients of scalars) or as a matrix acting
 *       on vec(child) (Jacobians in vec/Kronecker form).</li>
 * </ul>
 * Everything else (evaluation, rendering, simplification) dispatches through {@link ExprVisitor}.
 */
public sealed interface Expr
        permits Num, Var, DVar, Identity, Ones, Zero, MatrixLiteral, Commutation, UnitVector,
                Add, Mul, Transpose, Inverse, MatPow, Pow, Hadamard, ElemPow, Apply, Max, Softmax,
                Trace, Det, LogDet, Sum, Norm, Diag, DiagOf, Vec, Kron, Entry, Call, Derivative {

    Shape shape();

    List<Expr> children();

    /** The same operation over new children (shapes must still fit). */
    Expr withChildren(List<Expr> children);

    /** This node with f applied to each child; the same node when nothing changed. */
    default Expr mapChildren(java.util.function.UnaryOperator<Expr> f) {
        List<Expr> cs = children();
        if (cs.isEmpty()) return this;
        List<Expr> out = new java.util.ArrayList<>(cs.size());
        boolean changed = false;
        for (Expr c : cs) {
            Expr d = f.apply(c);
            changed |= d != c;
            out.add(d);
        }
        return changed ? withChildren(out) : this;
    }

    <R> R accept(ExprVisitor<R> v);

    /** d(this); {@code ctx.of(child)} gives a child's differential, {@link Zero} if it is constant. */
    Expr differential(Differentials ctx);

    /**
     * For an operation linear in child i: the adjoint of that linear map applied to {@code seed}
     * (a cotangent of this node's shape). Used to identify gradients of scalars: if
     * df = &lt;seed, this&gt; then the child's cotangent is the returned expression.
     */
    default Expr adjoint(int i, Expr seed) {
        // Any linear map has the adjoint unvec(J^T vec(seed)) where J is its vec Jacobian.
        return Ops.unvec(Ops.mul(Ops.t(vecJacobian(i)), Ops.vec(seed)), children().get(i).shape());
    }

    /** For an operation linear in child i: the matrix M with d vec(this) = M d vec(child i). */
    default Expr vecJacobian(int i) {
        throw MatcalcError.missingRule("vec-" + opName(), "cannot write the derivative of " + opName()
                + " in vec/Kronecker form");
    }

    /** Short operation name used in rule names and messages. */
    default String opName() { return getClass().getSimpleName().toLowerCase(); }

    default boolean isScalar() { return shape().isScalar(); }
}
