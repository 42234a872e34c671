/**
 * Shared subexpressions: one form of an expression as named definitions and a body (issue 10).
 * <ul>
 *   <li>{@link matcalc.share.Interner}: hash-consing of expression DAGs. Expr records compare
 *       structurally, but their {@code hashCode} walks the whole tree below a node (records do not
 *       cache it), which for a deep network's derivative, a DAG whose tree is quadratic in the depth,
 *       made every HashMap over nodes quadratic or worse. The interner gives each structural class
 *       a dense id in linear time; the simplifier's memo uses it too.</li>
 *   <li>{@link matcalc.share.SharedForm}: each part a result uses more than once computed once
 *       (forward values h1, h2, ... when the differentiated function is known), and deep chains of
 *       products cut into links g1, g2, ... (the reverse-mode recurrence), with the body in terms
 *       of the names; linear in the size of the DAG. The renderers print the definitions as
 *       "where ..." ({@link matcalc.render.DiffReport}); a code generator can emit them as
 *       temporaries. Nothing here renders.</li>
 * </ul>
 * The numeric check never sees this form: it checks the derivative itself, and
 * {@link matcalc.share.SharedForm#expand()} gives that derivative back (tested).
 */
package matcalc.share;
