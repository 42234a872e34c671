package matcalc.program;

import java.util.HashMap;
import java.util.Map;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * Writes derived expressions in the names of a program's forward values: any subexpression that is
 * some computed binding's right-hand side becomes that binding's name (sigmoid(W22 l1) → l22).
 */
final class ForwardNames {
    private final Map<Expr, Var> names = new HashMap<>();

    ForwardNames(Program p) {
        for (Program.Statement s : p.statements()) {
            if (s.kind() == Program.Kind.COMPUTED && !(s.expr() instanceof Var)) names.putIfAbsent(s.expr(), s.var());
        }
    }

    Expr apply(Expr e) {
        Var v = names.get(e);
        if (v != null) return v;
        return e.mapChildren(this::apply);
    }
}
