/**
 * Programs ({@code name = expr} statements): evaluation, reverse-mode gradients
 * ({@link matcalc.program.Backprop}), computational graphs (DOT, TikZ) and truth tables, as
 * {@code matcalc eval} and {@code matcalc graph} print them. Uses {@code engine} and below.
 */
package matcalc.program;
