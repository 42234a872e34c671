/**
 * Text to syntax tree: the ANTLR grammar ({@code grammar/matcalc/syntax/Matcalc.g4}, no embedded
 * actions), {@link matcalc.syntax.AstBuilder} (parse tree → {@link matcalc.syntax.Ast}, the
 * untyped tree with a span on every node), {@link matcalc.syntax.Limits} (bounded input). Uses
 * nothing of matcalc but the error type.
 */
package matcalc.syntax;
