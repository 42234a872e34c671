package matcalc.engine;

import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;

/** What to differentiate, and how to present and check it. */
public record DiffRequest(String expression, String wrt, String where, Layout layout, VecOrder vec, int order,
                          boolean check, long seed, StructureConvention structure) {
    public DiffRequest {
        // orders above Engine.MAX_ORDER reach the engine, which refuses them with the reason
        if (order < 1) throw new IllegalArgumentException("order must be at least 1");
    }

    public DiffRequest(String expression, String wrt, String where, Layout layout, VecOrder vec, int order, boolean check, long seed) {
        this(expression, wrt, where, layout, vec, order, check, seed, StructureConvention.INDEPENDENT);
    }

    public static DiffRequest of(String expression, String wrt) {
        return new DiffRequest(expression, wrt, "", Layout.NUMERATOR, VecOrder.COLUMNS, 1, true, 1);
    }

    public DiffRequest where(String w) { return new DiffRequest(expression, wrt, w, layout, vec, order, check, seed, structure); }
    public DiffRequest layout(Layout l) { return new DiffRequest(expression, wrt, where, l, vec, order, check, seed, structure); }
    public DiffRequest vec(VecOrder v) { return new DiffRequest(expression, wrt, where, layout, v, order, check, seed, structure); }
    public DiffRequest order(int o) { return new DiffRequest(expression, wrt, where, layout, vec, o, check, seed, structure); }
    public DiffRequest check(boolean c) { return new DiffRequest(expression, wrt, where, layout, vec, order, c, seed, structure); }
    public DiffRequest seed(long s) { return new DiffRequest(expression, wrt, where, layout, vec, order, check, s, structure); }
    public DiffRequest structure(StructureConvention c) { return new DiffRequest(expression, wrt, where, layout, vec, order, check, seed, c); }
}
