/**
 * Simplification: the rewrite rules as a table ({@link matcalc.simplify.Rules}, one named rule per
 * line with its identity), dispatched by node type ({@link matcalc.simplify.RuleTable}), the
 * bottom-up/exhaust combinator ({@link matcalc.simplify.Simplifier}, apart from the rules), Symja's
 * scalar and element-wise algebra on opaque regions, and {@link matcalc.simplify.Strategy}, the
 * one way every caller simplifies. Uses {@code expr}, {@code symja}, {@code check} (Symja's answers
 * are verified numerically before use).
 */
package matcalc.simplify;
