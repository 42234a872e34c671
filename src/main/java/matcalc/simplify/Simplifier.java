package matcalc.simplify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import matcalc.expr.Expr;
import matcalc.share.Interner;

/**
 * The combinator: simplify children first (bottom-up), then apply the rules at the node until none
 * fires (exhaust), re-simplifying whatever a rule builds. Rules are sound identities, so a run
 * that hits the step budget still returns a correct (if less tidy) expression.
 */
public final class Simplifier {
    /** A rule that fired: its name, the node before and after. The steps view reads these. */
    public record Firing(Rule rule, Expr before, Expr after) {}

    private static final int BUDGET = 20_000;

    private final RuleTable rules;
    private final Consumer<Firing> log;
    /**
     * Simplified forms by structural class (ids from {@link Interner}): structural equality like a
     * HashMap over the nodes, without hashing each deep node anew (Expr records do not cache their
     * hash, so that was quadratic in a deep network's derivative).
     */
    private final Interner classes = new Interner();
    private final Map<Integer, Expr> done = new HashMap<>();
    private int steps;

    public Simplifier(List<Rule> rules, Consumer<Firing> log) { this(new RuleTable(rules), log); }

    public Simplifier(RuleTable rules, Consumer<Firing> log) {
        this.rules = rules;
        this.log = log;
    }

    public Simplifier() { this(RuleTable.ALL, null); }

    public static Expr simplify(Expr e) { return new Simplifier().run(e); }

    public Expr run(Expr e) {
        steps = 0;
        return bottomUp(e);
    }

    private Expr bottomUp(Expr e) {
        int id = classes.id(e);
        Expr cached = done.get(id);
        if (cached != null) return cached;
        Expr node = withSimplifiedChildren(e);
        Expr result = exhaust(node);
        done.put(id, result);
        done.put(classes.id(result), result);
        return result;
    }

    private Expr withSimplifiedChildren(Expr e) { return e.mapChildren(this::bottomUp); }

    private Expr exhaust(Expr node) {
        boolean fired = true;
        while (fired && steps < BUDGET) {
            matcalc.Deadline.check();
            fired = false;
            for (Rule r : rules.candidates(node)) {
                Expr next = r.apply(node);
                if (next == null) continue;
                steps++;
                if (log != null) log.accept(new Firing(r, node, next));
                node = withSimplifiedChildren(next);
                fired = true;
                break;
            }
        }
        return node;
    }
}
