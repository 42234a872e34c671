/**
 * Claims (identities) and their verdicts: {@code matcalc check 'lhs = rhs'}.
 * <ul>
 *   <li>{@link matcalc.claims.ClaimParser}: parses and types both sides together (their sizes agree;
 *       {@code I}, {@code ones} and {@code 0} take the other side's size). Every derivative operator
 *       (grad, jacobian, hessian, diff), which the typer leaves as a {@link matcalc.expr.Derivative}
 *       node, is replaced after typing: the claim keeps a placeholder variable where
 *       the operator was, plus a {@link matcalc.claims.DerivativeCall} with the typed function (in
 *       the claim's sizes) and matcalc's own derivative of it.</li>
 *   <li>{@link matcalc.claims.NumericVerdict}: both sides at 5 random instances, with matcalc's
 *       derivatives (themselves compared with finite differences); when matcalc cannot
 *       differentiate, the derivative is taken by finite differences instead.</li>
 *   <li>{@link matcalc.claims.ExactProof}: both sides entry by entry over symbolic entries at sizes
 *       2 and 3, derivatives by differentiating the entries of the function as written.</li>
 *   <li>On a failure: {@link matcalc.claims.Counterexample} (small integer instance) and
 *       {@link matcalc.claims.ConditionSearch} ("holds if A is symmetric").</li>
 *   <li>{@link matcalc.claims.ClaimChecker} runs it all; {@link matcalc.claims.IdentityFile}
 *       runs files of identities and writes the Markdown report.</li>
 * </ul>
 * Symja is used through {@link matcalc.symja.Symja#eval} only, on expressions built with its
 * {@code F} factory: for the derivatives of element-wise functions (D[f(t), t]) and their canonical
 * forms. The entry-wise algebra itself uses exact rational functions on JAS polynomials (JAS is the
 * polynomial library Symja's own Together and Cancel run on): measured on this machine, Symja's
 * {@code Inverse} of a symbolic 2 x 2 matrix took 1.6-2.5 s and {@code Together} on Cookbook eq.
 * (126) at size 2 ran over 10 s and came back unevaluated, while the rational normal form proves
 * the whole Cookbook at sizes 2 and 3 in about 2 s.
 */
package matcalc.claims;
