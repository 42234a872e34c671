/**
 * Symja (matheclipse-core) behind one door: {@link matcalc.symja.Symja} runs evaluations on a
 * worker with a time limit, {@link matcalc.symja.ToSymja}/{@link matcalc.symja.FromSymja} build and
 * read Symja expressions from the IR — user text never reaches Symja's parser. Uses {@code expr}.
 */
package matcalc.symja;
