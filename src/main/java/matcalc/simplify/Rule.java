package matcalc.simplify;

import java.util.function.Function;
import matcalc.expr.Expr;

/**
 * One named rewrite: applies to nodes of one type, returns the rewritten node or null when it
 * does not fire. Every rule is an identity (sound for all values), cited where a reference has it.
 */
public record Rule(String name, String identity, Class<? extends Expr> type, Function<Expr, Expr> body) {

    @SuppressWarnings("unchecked")
    public static <T extends Expr> Rule of(String name, String identity, Class<T> type, Function<T, Expr> body) {
        // The body itself, not a casting wrapper (one call less per attempt): apply passes it only
        // nodes of its type.
        return new Rule(name, identity, type, (Function<Expr, Expr>) (Function<?, Expr>) body);
    }

    /** The rewritten node, or null when the rule does not apply here. */
    public Expr apply(Expr e) {
        if (!type.isInstance(e)) return null;
        Expr r = body.apply(e);
        return r == null || r.equals(e) ? null : r;
    }
}
