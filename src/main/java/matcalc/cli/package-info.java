/**
 * The command line (picocli): one class per subcommand, all calling {@code engine} (and
 * {@code identity}, {@code program}, {@code key}); errors become one line with a caret and exit
 * code 2. Nothing here computes.
 */
package matcalc.cli;
