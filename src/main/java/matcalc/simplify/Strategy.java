package matcalc.simplify;

import java.util.function.Consumer;
import matcalc.expr.Expr;

/**
 * How far a result is simplified. Each level is a sound rewriting, so when the numeric check finds
 * a form wrong (a bug in a rule), the engine falls back to the next level instead of printing it.
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

    Strategy(String description) { this.description = description; }

    public Expr apply(Expr e) { return apply(e, null); }

    /** The simplified form, reporting every rule that fired (log may be null). */
    public Expr apply(Expr e, Consumer<Simplifier.Firing> log) {
        if (this == NONE) return e;
        Simplifier rules = new Simplifier(RuleTable.ALL, log);
        Expr s = rules.run(e);
        if (this == RULES) return s;
        Expr t = ScalarAlgebra.tidy(s);
        if (t != s) {
            if (log != null) log.accept(new Simplifier.Firing(ScalarAlgebra.RULE, s, t));
            s = rules.run(t);
        }
        Expr u = ElementwiseAlgebra.tidy(s);
        if (u.equals(s)) return s;
        if (log != null) log.accept(new Simplifier.Firing(ElementwiseAlgebra.RULE, s, u));
        return rules.run(u);
    }

    /** The next level down, or null after NONE. */
    public Strategy fallback() { return this == FULL ? RULES : this == RULES ? NONE : null; }
}
