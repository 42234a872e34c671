/**
 * matcalc: symbolic matrix calculus you can trust. The packages follow the pipeline, each using
 * only those before it: {@code syntax} (text → syntax tree) → {@code shapes} (types; typed IR in
 * {@code expr}, operators of the table in {@code ops}) → {@code calculus} (differentials,
 * identification) → {@code simplify} (rewrite rules, Symja through {@code symja}) → {@code check}
 * (numeric verification) → {@code render} → {@code engine} (the one API) → front ends ({@code cli},
 * {@code repl}, {@code serve}, {@code key}); {@code identity} is the {@code check} command,
 * {@code index} index notation, {@code program} programs and backpropagation. {@link matcalc.MatcalcError}
 * with its {@link matcalc.Span} is the one error type.
 */
package matcalc;
