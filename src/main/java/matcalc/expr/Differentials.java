package matcalc.expr;

/** What an operation's differential rule may ask of the differentiator. */
public interface Differentials {
    /** d(e): {@link Zero} when e does not depend on the variable. */
    Expr of(Expr e);

    /** f'(arg) applied element-wise, for an element-wise scalar function f. */
    Expr elementwiseDerivative(Fn fn, Expr arg);
}
