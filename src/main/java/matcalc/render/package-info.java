/**
 * Output: LaTeX and text of the IR (the text form reads back as input), the diff report, JSON
 * (Jackson), and the display of repeated subexpressions. Uses {@code expr}, {@code engine}'s
 * result records, {@code check}'s results.
 */
package matcalc.render;
