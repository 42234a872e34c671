/**
 * The typed IR: a sealed interface of immutable records, one per core operation, each owning its
 * differential (and adjoint / vec rule where linear) next to its definition; {@link matcalc.expr.Call}
 * applies an operator of the table ({@link matcalc.expr.Operator}, implemented in {@code ops}).
 * Other stages dispatch through {@link matcalc.expr.ExprVisitor}. Uses nothing above it.
 */
package matcalc.expr;
