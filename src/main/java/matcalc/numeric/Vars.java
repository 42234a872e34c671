package matcalc.numeric;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Shape;
import matcalc.expr.Var;

/** What an instance must provide for some expressions: their variables and symbolic dimensions. */
public final class Vars {
    private Vars() {}

    /**
     * The free variables by name, sorted (so a seeded generator is reproducible). A name may occur
     * with different declared properties (e.g. X and its plain copy); those are merged, since one
     * value serves every occurrence.
     */
    public static Map<String, Var> free(Expr... es) {
        Map<String, Var> vars = new TreeMap<>();
        for (Expr e : nodes(es)) {
            if (!(e instanceof Var v)) continue;
            Var old = vars.get(v.name());
            if (old == null) { vars.put(v.name(), v); continue; }
            if (!old.shape().equals(v.shape()))
                throw new IllegalArgumentException("variable " + v.name() + " has shapes " + old.shape() + " and " + v.shape());
            Set<Property> ps = EnumSet.noneOf(Property.class);
            ps.addAll(old.properties());
            ps.addAll(v.properties());
            vars.put(v.name(), new Var(v.name(), v.shape(), ps));
        }
        return vars;
    }

    /** The names of all symbolic dimensions in the shapes of all nodes and in sizes used as scalars, sorted. */
    public static Set<String> dims(Expr... es) {
        Set<String> dims = new TreeSet<>();
        for (Expr e : nodes(es)) {
            Shape s = e.shape();
            for (Dim d : new Dim[] {s.rows(), s.cols()}) dims.addAll(d.symbols());
            // A size used as a scalar (n in s n) needs a value even where no shape mentions it
            // (the second derivative of s n by s is checked against its first derivative, n).
            if (e instanceof matcalc.expr.Call c) dims.addAll(c.op().sizes());
        }
        return dims;
    }

    /**
     * The least size of each symbolic dimension that the expressions index into: v[3] needs
     * length(v) >= 3, and so does the unit vector e_3.
     */
    public static Map<String, Integer> leastSizes(Expr... es) {
        Map<String, Integer> least = new java.util.TreeMap<>();
        for (Expr e : nodes(es)) {
            if (e instanceof matcalc.expr.Entry en) {
                atLeast(least, en.arg().shape().rows(), en.row());
                atLeast(least, en.arg().shape().cols(), en.col());
            } else if (e instanceof matcalc.expr.UnitVector u) {
                atLeast(least, u.n(), u.index());
            }
        }
        return least;
    }

    private static void atLeast(Map<String, Integer> least, matcalc.expr.Dim d, int n) {
        if (d.coeff() == 1 && d.symbols().size() == 1) least.merge(d.symbols().get(0), n, Math::max);
    }

    /** Every distinct node once, shared subtrees included only once (they may be shared heavily). */
    private static Set<Expr> nodes(Expr... es) {
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Expr> todo = new ArrayDeque<>();
        for (Expr e : es) todo.push(e);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (seen.add(e)) for (Expr c : e.children()) todo.push(c);
        }
        return seen;
    }
}
