/**
 * The numeric check of every derivative {@code diff} prints: {@link matcalc.check.Evaluator}
 * (Hipparchus) evaluates the IR at random instances of the declared structure
 * ({@link matcalc.check.InstanceGenerator}), {@link matcalc.check.FiniteDifferences} differentiates
 * the function numerically, {@link matcalc.check.NumericCheck} compares, keeping away from kinks.
 * Uses {@code expr}.
 */
package matcalc.check;
