/**
 * The one API the CLI, the tests and the other front ends call ({@link matcalc.engine.Engine}): a
 * short sequence of stages — type, expand derivative operators ({@link matcalc.engine.InnerDerivatives}),
 * differentiate, simplify, identify, check — with steps recorded by an observer
 * ({@link matcalc.engine.StepLog}). Uses every pipeline package below it.
 */
package matcalc.engine;
