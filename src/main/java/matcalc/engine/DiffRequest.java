package matcalc.engine;

import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;

/** What to differentiate, and how to present and check it. */
public record DiffRequest(String expression, String wrt, String where, Layout layout, VecOrder vec, int order,
                          boolean check, long seed) {
    public DiffRequest {
        if (order < 1 || order > 2) throw new IllegalArgumentException("order must be 1 or 2");
    }

    public static DiffRequest of(String expression, String wrt) {
        return new DiffRequest(expression, wrt, "", Layout.NUMERATOR, VecOrder.COLUMNS, 1, true, 1);
    }

    public DiffRequest where(String w) { return new DiffRequest(expression, wrt, w, layout, vec, order, check, seed); }
    public DiffRequest layout(Layout l) { return new DiffRequest(expression, wrt, where, l, vec, order, check, seed); }
    public DiffRequest vec(VecOrder v) { return new DiffRequest(expression, wrt, where, layout, v, order, check, seed); }
    public DiffRequest order(int o) { return new DiffRequest(expression, wrt, where, layout, vec, o, check, seed); }
    public DiffRequest check(boolean c) { return new DiffRequest(expression, wrt, where, layout, vec, order, c, seed); }
    public DiffRequest seed(long s) { return new DiffRequest(expression, wrt, where, layout, vec, order, check, s); }
}
