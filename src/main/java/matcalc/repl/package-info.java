/** The interactive REPL ({@code matcalc repl}, JLine): reads a line, runs it through the engine, prints. */
package matcalc.repl;
