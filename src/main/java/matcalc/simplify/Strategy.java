package matcalc.simplify;

import java.util.function.Consumer;
import matcalc.expr.Expr;

/**
 * How far a result is simplified: the one entry point for every caller outside this package (the
 * engine, inner derivatives, backpropagation, graphs, claims, the benchmark), so that a result and
 * its timing do not depend on where it was asked for. Each level is a sound rewriting, so when the
 * numeric check finds a form wrong (a bug in a rule), the engine falls back to the next level
 * instead of printing it. A caller that wants the rule table alone asks for {@link #RULES} and says
 * why.
 */
public enum Strategy {
    /** The rule table to a fixpoint; then Symja for scalar and element-wise fractions, if any, and the rules again. */
    FULL("fully simplified"),
    /** The rule table alone (no Symja). */
    RULES("simplified by the rule table alone"),
    /** The derivative as the differential rules produced it. */
    NONE("unsimplified");

    /** How a form of this level is described in a note. */
    public final String description;

    /** The note a result gets when a run stopped at the rewrite budget instead of at a normal form. */
    public static final String BUDGET_NOTE = "simplification stopped at its budget of " + Simplifier.BUDGET
            + " rewrites: the result is exact (every rewrite is an identity) but may not be in its simplest form";

    Strategy(String description) { this.description = description; }

    public Expr apply(Expr e) { return run(e, null).result(); }

    /** The simplified form, reporting every rule that fired (log may be null). */
    public Expr apply(Expr e, Consumer<Simplifier.Firing> log) { return run(e, log).result(); }

    /** The simplified form with why it stopped (saturated, or the budget ran out in some pass) and the rewrites it took. */
    public Simplifier.Simplified run(Expr e, Consumer<Simplifier.Firing> log) {
        if (this == NONE) return Simplifier.Simplified.unchanged(e);
        Memo memo = Memo.open(); // the passes share what they learn of the nodes (joins an open session)
        try {
            return levels(e, log);
        } finally {
            memo.close();
        }
    }

    /**
     * As {@link #run}, and for FULL a scalar result is then also simplified by Symja as one formula
     * (Together, Factor, Expand, Simplify; each answer verified numerically, the smallest kept) and
     * the rules run again: for a result that is one scalar formula of scalars, such as a derivative
     * of order k by a scalar, where like terms show only once everything is multiplied out.
     */
    public Simplifier.Simplified runAsOneFormula(Expr e) {
        Simplifier.Simplified s = run(e, null);
        if (this != FULL || !s.result().isScalar()) return s;
        Expr w = ScalarAlgebra.whole(s.result());
        return w.equals(s.result()) ? s : s.then(run(w, null));
    }

    private Simplifier.Simplified levels(Expr e, Consumer<Simplifier.Firing> log) {
        Simplifier rules = new Simplifier(RuleTable.ALL, log);
        Simplifier.Simplified s = rules.apply(e);
        if (this == RULES) return s;
        Expr t = ScalarAlgebra.tidy(s.result());
        if (t != s.result()) {
            if (log != null) log.accept(new Simplifier.Firing(ScalarAlgebra.RULE, s.result(), t));
            s = s.then(rules.apply(t));
        }
        Expr u = ElementwiseAlgebra.tidy(s.result());
        if (u.equals(s.result())) return s;
        if (log != null) log.accept(new Simplifier.Firing(ElementwiseAlgebra.RULE, s.result(), u));
        return s.then(rules.apply(u));
    }

    /**
     * A scope of work on this thread (one derivation) within which every simplification remembers
     * the normal forms the others found (by identity: parts of one expression reused in the next
     * are not simplified again). Close it when the work is done: {@code try (var s = Strategy.session()) {...}}.
     * Sessions nest; simplifications outside one each remember only their own.
     */
    public static Session session() { return new Session(Memo.open()); }

    /** An open {@link #session()}. */
    public static final class Session implements AutoCloseable {
        private final Memo memo;
        private boolean closed;

        private Session(Memo memo) { this.memo = memo; }

        @Override public void close() {
            if (closed) return;
            closed = true;
            memo.close();
        }
    }

    /** The next level down, or null after NONE. */
    public Strategy fallback() { return this == FULL ? RULES : this == RULES ? NONE : null; }
}
