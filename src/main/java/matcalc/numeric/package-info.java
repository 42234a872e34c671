/**
 * The numeric check of every derivative {@code diff} prints: {@link matcalc.numeric.Evaluator}
 * (Hipparchus) evaluates the IR at random instances of the declared structure
 * ({@link matcalc.numeric.InstanceGenerator}), {@link matcalc.numeric.FiniteDifferences} differentiates
 * the function numerically, {@link matcalc.numeric.NumericCheck} compares, keeping away from kinks.
 * Uses {@code expr}.
 */
package matcalc.numeric;
