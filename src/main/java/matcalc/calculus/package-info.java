/**
 * Differentiation: {@link matcalc.calculus.Differentiator} applies each node's differential rule;
 * {@link matcalc.calculus.Identify} reads gradients (adjoints) and vec Jacobians off the
 * differential; {@link matcalc.calculus.Layout} and {@link matcalc.calculus.Form} say how a result
 * is arranged. Element-wise derivatives come from Symja, verified ({@link matcalc.calculus.ElementwiseRules}).
 * Uses {@code expr}, {@code symja}, {@code check} (to verify Symja's derivatives).
 */
package matcalc.calculus;
