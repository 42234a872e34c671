/** Benchmarks with a main method (not timed tests): the pipeline per textbook case, and the server. */
package matcalc.bench;
