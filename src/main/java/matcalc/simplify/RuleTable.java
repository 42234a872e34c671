package matcalc.simplify;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Expr;

/**
 * A rule list dispatched by node type: a node tries only the rules written for its own record
 * class (and those for any expression), in the list's order, as SymPy's typed strategy does,
 * instead of asking every rule of the table.
 */
public final class RuleTable {
    private final List<Rule> rules;
    private final ClassValue<List<Rule>> byType = new ClassValue<>() {
        @Override protected List<Rule> computeValue(Class<?> type) {
            List<Rule> mine = new ArrayList<>();
            for (Rule r : rules) if (r.type().isAssignableFrom(type)) mine.add(r);
            return List.copyOf(mine);
        }
    };

    public RuleTable(List<Rule> rules) { this.rules = List.copyOf(rules); }

    /** The table of every rule, built once. */
    public static final RuleTable ALL = new RuleTable(Rules.ALL);

    /** The rules that can fire on a node of e's type, in table order. */
    List<Rule> candidates(Expr e) { return byType.get(e.getClass()); }
}
