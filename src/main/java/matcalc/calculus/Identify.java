package matcalc.calculus;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Num;
import matcalc.expr.Ops;
import matcalc.expr.Shape;
import matcalc.expr.Zero;

/**
 * Reads a derivative off a differential, which is linear in dX:
 * <ul>
 *   <li>{@link #gradient}: for a scalar f, the G with df = &lt;G, dX&gt; = tr(G^T dX), found by
 *       pulling a unit seed back through the linear operations (each op's adjoint rule);</li>
 *   <li>{@link #vecJacobian}: the matrix J with d vec(F) = J d vec(X), composed from each linear
 *       op's vec rule (the Magnus–Neudecker identification table);</li>
 *   <li>{@link #tangent}: for a scalar variable, dF/dx = dF with dx = 1.</li>
 * </ul>
 */
public final class Identify {
    private final Map<Expr, Boolean> linear = new IdentityHashMap<>();

    public Expr gradient(Expr df, Shape varShape) { return pullback(df, Num.ONE, varShape); }

    /**
     * For a differential dF (linear in dX) and a cotangent {@code seed} of F's shape: the G with
     * &lt;seed, dF&gt; = &lt;G, dX&gt;, i.e. the vector-Jacobian product of reverse mode. With seed 1
     * and a scalar F this is the gradient.
     */
    public Expr pullback(Expr dF, Expr seed, Shape varShape) {
        List<Expr> parts = new ArrayList<>();
        pull(dF, seed, parts);
        return Ops.sum(parts, varShape);
    }

    private void pull(Expr lin, Expr seed, List<Expr> out) {
        if (lin instanceof DVar) { out.add(seed); return; }
        List<Expr> cs = lin.children();
        for (int i = 0; i < cs.size(); i++) {
            if (containsDx(cs.get(i))) pull(cs.get(i), lin.adjoint(i, seed), out);
        }
    }

    public Expr vecJacobian(Expr dF, Shape fShape, Shape varShape) {
        Expr j = vec(dF);
        if (j == null) return new Zero(new Shape(fShape.size(), varShape.size()));
        return j;
    }

    private Expr vec(Expr lin) {
        if (lin instanceof DVar d) return Ops.identity(d.shape().size());
        List<Expr> terms = new ArrayList<>();
        List<Expr> cs = lin.children();
        for (int i = 0; i < cs.size(); i++) {
            if (!containsDx(cs.get(i))) continue;
            Expr inner = vec(cs.get(i));
            terms.add(Ops.mul(lin.vecJacobian(i), inner));
        }
        if (terms.isEmpty()) return null;
        return terms.size() == 1 ? terms.get(0) : Ops.sum(terms, terms.get(0).shape());
    }

    public Expr tangent(Expr dF) { return Substitute.dvar(dF, Num.ONE); }

    private boolean containsDx(Expr e) {
        Boolean b = linear.get(e);
        if (b != null) return b;
        boolean r = e instanceof DVar;
        if (!r) for (Expr c : e.children()) if (containsDx(c)) { r = true; break; }
        linear.put(e, r);
        return r;
    }
}
