package matcalc.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.Add;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Ones;
import matcalc.expr.Var;
import matcalc.shapes.Conventions;
import matcalc.shapes.Declarations;

/**
 * Notes for a scalar by the naming convention added to a vector or matrix: in W x + b the bias b is
 * a scalar (a-g), so it is added to every entry, which is rarely what a user who did not declare it
 * meant. The sum is typed as b ones; the note says how to declare b as a vector instead.
 */
final class ConventionNotes {
    private ConventionNotes() {}

    static List<String> with(List<String> notes, Expr f, Declarations decls) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(f, decls, found);
        if (found.isEmpty()) return notes;
        List<String> out = new ArrayList<>(notes);
        for (Map.Entry<String, String> e : found.entrySet()) {
            out.add(e.getKey() + " is a scalar by the naming convention, added to every entry; declare '" + e.getKey() + ": "
                    + e.getValue() + "' for a " + (e.getValue().contains(" x ") ? "matrix" : "vector"));
        }
        return out;
    }

    private static void collect(Expr e, Declarations decls, Map<String, String> found) {
        if (e instanceof Add a && !a.isScalar()) {
            for (Expr t : a.terms()) {
                List<Expr> factors = new ArrayList<>();
                flatten(t, factors);
                if (factors.stream().noneMatch(x -> x instanceof Ones)) continue;
                for (Expr x : factors) {
                    if (x instanceof Var v && v.isScalar() && decls.get(v.name()) == null
                            && Conventions.kindOf(v.name()) == Conventions.Kind.SCALAR) {
                        String shape = a.shape().cols().isOne() ? a.shape().rows().toString() : a.shape().rows() + " x " + a.shape().cols();
                        found.putIfAbsent(v.name(), shape);
                    }
                }
            }
        }
        for (Expr c : e.children()) collect(c, decls, found);
    }

    /** The factors of a term, through nested products (x - mu is x + (-1) (mu ones)). */
    private static void flatten(Expr t, List<Expr> out) {
        if (t instanceof Mul m) for (Expr f : m.factors()) flatten(f, out);
        else out.add(t);
    }
}
