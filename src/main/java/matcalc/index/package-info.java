/**
 * Index (Einstein) notation of results: {@link matcalc.index.EntryReader} reads an entry of an
 * expression as a sum of products of entries and Kronecker deltas, contracted and rendered in text
 * and LaTeX; {@link matcalc.index.IndexEvaluator} checks the reading numerically. Uses {@code expr}.
 */
package matcalc.index;
