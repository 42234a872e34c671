package matcalc.simplify;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import matcalc.expr.Expr;

/**
 * The combinator: simplify children first (bottom-up), then apply the rules at the node until none
 * fires (exhaust), re-simplifying whatever a rule builds. Rules are sound identities, so a run
 * that hits the rewrite budget still returns a correct (if less tidy) expression; it says so
 * ({@link Stop#BUDGET}). Callers outside this package go through {@link Strategy}.
 */
public final class Simplifier {
    /** A rule that fired: its name, the node before and after. The steps view reads these. */
    public record Firing(Rule rule, Expr before, Expr after) {}

    /** Why a run stopped. */
    public enum Stop {
        /** No rule fires anywhere: the result is a normal form of the rule table. */
        SATURATED,
        /** The rewrite budget ran out first: the result is correct but may not be fully simplified. */
        BUDGET
    }

    /** A run's result, why it stopped, and how many rewrites it took. */
    public record Simplified(Expr result, Stop stop, int rewrites) {
        /** An expression taken as it is (no rewriting). */
        public static Simplified unchanged(Expr e) { return new Simplified(e, Stop.SATURATED, 0); }

        public boolean budgetExhausted() { return stop == Stop.BUDGET; }

        /** This pass followed by next: next's result; the budget counts as exhausted if either ran out. */
        public Simplified then(Simplified next) {
            return new Simplified(next.result, stop == Stop.BUDGET ? stop : next.stop, rewrites + next.rewrites);
        }
    }

    /** Rewrites per run; a run that needs more is stopped (two rules undoing each other would loop). */
    public static final int BUDGET = 20_000;

    /** Runs stopped by the budget since start-up (PropertyTest requires none on its inputs). */
    private static final LongAdder EXHAUSTED = new LongAdder();

    private final RuleTable rules;
    private final Consumer<Firing> log;
    /**
     * Simplified nodes by identity: each node a run has simplified, and each result (a normal form),
     * maps to its result. Expressions are immutable, so identity is enough, and it costs no hashing
     * of whole subtrees (a record's hashCode and equals walk all of it).
     */
    private final Map<Expr, Expr> done;
    private int steps;
    private boolean exhausted;

    public Simplifier(List<Rule> rules, Consumer<Firing> log) { this(new RuleTable(rules), log); }

    public Simplifier(RuleTable rules, Consumer<Firing> log) {
        this.rules = rules;
        this.log = log;
        // Within a session, the whole table's normal forms are shared. Not when logging: the steps
        // view names the rules that fired in each step, so a step must not take another's results.
        Memo memo = rules == RuleTable.ALL && log == null ? Memo.current() : null;
        this.done = memo != null ? memo.normal : new IdentityHashMap<>();
    }

    Simplifier() { this(RuleTable.ALL, null); }

    /** The whole rule table, no Symja, no log: for this package's own look-aheads and tests. */
    static Expr simplify(Expr e) { return new Simplifier().run(e); }

    /** How many runs, anywhere in this process, stopped at the budget. */
    public static long budgetExhaustions() { return EXHAUSTED.sum(); }

    /** The simplified expression, why the run stopped and how many rewrites it made. */
    public Simplified apply(Expr e) {
        steps = 0;
        exhausted = false;
        Memo memo = Memo.open();
        Expr r;
        try {
            r = bottomUp(e);
        } finally {
            memo.close();
        }
        if (exhausted) {
            EXHAUSTED.increment();
            done.clear(); // it holds nodes left when the budget ran out, which are not normal forms
        }
        return new Simplified(r, exhausted ? Stop.BUDGET : Stop.SATURATED, steps);
    }

    /** The simplified expression alone (for display passes that need no stop reason). */
    public Expr run(Expr e) { return apply(e).result(); }

    private Expr bottomUp(Expr e) {
        Expr cached = done.get(e);
        if (cached != null) return cached;
        Expr node = withSimplifiedChildren(e);
        Expr result = exhaust(node);
        done.put(e, result);
        done.put(result, result);
        return result;
    }

    private Expr withSimplifiedChildren(Expr e) { return e.mapChildren(this::bottomUp); }

    private Expr exhaust(Expr node) {
        boolean fired = true;
        while (fired) {
            if (steps >= BUDGET) {
                exhausted = true;
                break;
            }
            matcalc.Deadline.check();
            RuleTable.Firing f = rules.first(node);
            fired = f != null;
            if (fired) {
                steps++;
                if (log != null) log.accept(new Firing(f.rule(), node, f.result()));
                node = withSimplifiedChildren(f.result());
            }
        }
        return node;
    }
}
