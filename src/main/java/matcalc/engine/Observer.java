package matcalc.engine;

import java.util.function.Consumer;
import matcalc.calculus.Calculus;
import matcalc.calculus.Form;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.simplify.Simplifier;

/**
 * What the stages of a derivation report as they run, for the steps view ({@link StepLog}).
 * {@link #NONE} hears nothing and costs nothing: its consumers are null, so the differentiator
 * and the simplifier do not even build the events.
 */
interface Observer {
    /** Told each node whose differential rule was used (null: not asked). */
    Consumer<Expr> applied();

    /** Told each simplification rule that fired (null: not asked). */
    Consumer<Simplifier.Firing> fired();

    void function(Expr f, Var x);
    void differential(Expr df);
    void simplifiedDifferential(Expr df);
    void identified(Calculus.Derivative d, Expr f, Var x);
    void result(Expr r, Form form, Var x);

    Observer NONE = new Observer() {
        public Consumer<Expr> applied() { return null; }
        public Consumer<Simplifier.Firing> fired() { return null; }
        public void function(Expr f, Var x) {}
        public void differential(Expr df) {}
        public void simplifiedDifferential(Expr df) {}
        public void identified(Calculus.Derivative d, Expr f, Var x) {}
        public void result(Expr r, Form form, Var x) {}
    };
}
