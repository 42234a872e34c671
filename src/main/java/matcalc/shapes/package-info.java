/**
 * Typing: {@link matcalc.shapes.Typer} infers every size by unification
 * ({@link matcalc.shapes.ShapeInference}), names the free ones, then builds the typed IR
 * ({@link matcalc.shapes.Elaborator}). Declarations ({@code --where}) and naming conventions live
 * here. Derivative operators are left as {@link matcalc.expr.Derivative} nodes: typing never
 * differentiates. Uses {@code syntax}, {@code expr}, {@code ops}.
 */
package matcalc.shapes;
