/**
 * Answer keys: a problem file in, a LaTeX document out ({@link matcalc.key.KeyWriter}), with
 * derivations, graphs, claims and evaluated numbers. Uses {@code engine}, {@code identity},
 * {@code program}, {@code render}.
 */
package matcalc.key;
