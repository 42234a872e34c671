package matcalc.expr;

import java.util.List;
import matcalc.MatcalcError;
import org.hipparchus.linear.RealMatrix;

/**
 * One operation of the language, declared once: everything every stage needs to know about it.
 * The operators of the table ({@code matcalc.ops}, listed in {@code matcalc.ops.Operators}) are
 * applied through one node, {@link Call}; adding one is its own file plus its tests. The abstract
 * methods are the facets every operator must state (the compiler checks them; where a facet has no
 * closed form the operator says so, e.g. a {@code null} definition); the defaults are for
 * operations that are not linear in an argument. {@code OperatorTableTest} walks the table.
 */
public interface Operator {
    /** Its names in the language; the first is the one results are printed with. */
    List<String> names();

    /** What it is, in one line, for the README's language table and {@code help}. */
    String summary();

    /** Its shape rule, e.g. {@code "m x n -> n x m"}. */
    Signature signature();

    /** Its differential rule in words, with its source (shown in the steps). */
    String rule();

    /** d(self) from the differentials of its arguments ({@code ctx.of(arg)}). */
    Expr differential(Call self, Differentials ctx);

    /** Its value at numbers; {@code ctx} reports kinks and where it is undefined. */
    RealMatrix evaluate(List<RealMatrix> args, Numeric ctx);

    /**
     * The same value written with the core operations (for exact proofs over symbolic entries and
     * for index notation), or null when it has none: an exact proof is then skipped with a reason,
     * and index notation reads its entries whole.
     */
    Expr definition(List<Expr> args);

    /** LaTeX for the call, given its arguments' LaTeX (each safe inside parentheses). */
    String latex(List<String> args);

    /** Its NumPy spelling (module imported as {@code np}), given its arguments' Python expressions. */
    String numpy(List<String> args);

    /** Its PyTorch spelling (module imported as {@code torch}). */
    String torch(List<String> args);

    /** For an operator linear in argument i: the matrix M with d vec(self) = M d vec(arg i). */
    default Expr vecJacobian(Call self, int i) {
        throw MatcalcError.missingRule("vec-" + name(), "no closed matrix form for the Jacobian of " + name()
                + " in vec/Kronecker form");
    }

    /** For an operator linear in argument i: the adjoint of that map applied to {@code seed}. */
    default Expr adjoint(Call self, int i, Expr seed) {
        return Ops.unvec(Ops.mul(Ops.t(vecJacobian(self, i)), Ops.vec(seed)), self.args().get(i).shape());
    }

    /**
     * A note for the output of a result that contains this call (which formula it stands for, where
     * it holds), given its arguments' text (rendered when asked for); null for none.
     */
    default String note(java.util.function.IntFunction<String> arg) { return null; }

    /** Whether every value is a square orthogonal matrix (so that V^T V = I = V V^T simplifies). */
    default boolean orthogonal() { return false; }

    /** Size names the value depends on beyond its arguments' shapes (a size used as a scalar: n). */
    default java.util.Set<String> sizes() { return java.util.Set.of(); }

    /** The name results are printed with. */
    default String name() { return names().get(0); }

    /** What a numeric evaluation may report. */
    interface Numeric {
        /** A kink (a point where the operation is not differentiable) at this distance. */
        void kink(double distance);

        /** The value of a size at this instance. */
        double size(Dim d);

        /** The operation has no value here (the check resamples); never returns. */
        RuntimeException undefined(String why);
    }
}
