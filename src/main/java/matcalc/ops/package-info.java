/**
 * The operator table: one file per operation of the language that is applied through
 * {@link matcalc.expr.Call}, each declaring every facet of {@link matcalc.expr.Operator} (names,
 * shape rule, differential, numeric value, definition for exact proofs and index notation, LaTeX,
 * NumPy and PyTorch spelling). {@link matcalc.ops.Operators} lists them. May use {@code expr},
 * {@code check.Matrices} and Hipparchus' decompositions; nothing above them.
 */
package matcalc.ops;
