package matcalc.engine;

import java.util.List;
import matcalc.expr.Expr;

/**
 * One line of a derivation: what was done (the rules, named), and the expression it gave.
 * {@code lhs} says what the expression equals: "f", "df", "dvec(F)", the derivative.
 */
public record Step(int number, String title, List<String> rules, String lhs, Expr expr) {
    public Step { rules = List.copyOf(rules); }
}
