package matcalc.simplify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Transpose;

/**
 * A rule list dispatched by node type: a node tries only the rules written for its own record
 * class (and those for any expression), in the list's order, as SymPy's typed strategy does,
 * instead of asking every rule of the table. Within a type, a rule with a {@link Guard} is tried
 * only on nodes whose children can let it fire (a product without a Kronecker factor never tries
 * the Kronecker rules): the guards only skip attempts that would return nothing, so the results
 * are those of trying every rule; with {@code -Dmatcalc.verifyGuards=true} (the test suite) each
 * skipped rule is tried anyway and a skip that would have missed a rewrite is an error.
 */
public final class RuleTable {
    /**
     * When a rule can fire at all: on nodes of these classes only (null: any its type admits), and
     * only if the node's {@link #features} meet any bit of {@code any} (0: no such condition) and
     * every bit of {@code all}, and (scalarProduct) only on a 1 x 1 product.
     */
    record Guard(List<Class<? extends Expr>> on, long any, long all, boolean scalarProduct) {
        Guard(List<Class<? extends Expr>> on, long any, long all) { this(on, any, all, false); }
    }

    /**
     * A rule of a type's list, its guard unpacked (any, all: 0 for none; guarded: it has one); never:
     * its guard excludes the type (tried only to verify).
     */
    private record Entry(Rule rule, java.util.function.Function<Expr, Expr> body, boolean guarded, long any, long all,
                         boolean scalarProduct, boolean never) {
        static Entry of(Rule r, Guard g, Class<?> type) {
            boolean never = g != null && (g.on() != null && !g.on().contains(type) || g.scalarProduct() && type != Mul.class);
            boolean guarded = g != null && (g.any() != 0 || g.all() != 0 || g.scalarProduct());
            return new Entry(r, r.body(), guarded, g == null ? 0 : g.any(), g == null ? 0 : g.all(), g != null && g.scalarProduct(), never);
        }

        boolean admits(Expr node, long features) {
            return (any == 0 || (features & any) != 0) && (features & all) == all && (!scalarProduct || node.shape().isScalar());
        }
    }

    /** Set by the test suite: every skip is checked by trying the rule anyway. */
    static final boolean VERIFY_GUARDS = Boolean.getBoolean("matcalc.verifyGuards");

    private final List<Rule> rules;
    /** Read when a node type is first dispatched, not when the table is built: see {@link #ALL}. */
    private final java.util.function.Supplier<Map<String, Guard>> guards;
    private final ClassValue<Entry[]> byType = new ClassValue<>() {
        @Override protected Entry[] computeValue(Class<?> type) {
            List<Entry> mine = new ArrayList<>();
            for (Rule r : rules) {
                if (!r.type().isAssignableFrom(type)) continue;
                mine.add(Entry.of(r, guards.get().get(r.name()), type));
            }
            return mine.toArray(Entry[]::new);
        }
    };

    public RuleTable(List<Rule> rules) { this(rules, Map.of()); }

    RuleTable(List<Rule> rules, Map<String, Guard> guards) { this(rules, () -> guards); }

    private RuleTable(List<Rule> rules, java.util.function.Supplier<Map<String, Guard>> guards) {
        this.rules = List.copyOf(rules);
        this.guards = guards;
    }

    /** The first rule, in table order, that rewrites node, with its result; null when none does. */
    Firing first(Expr node) {
        Entry[] entries = byType.get(node.getClass());
        long features = -1;
        boolean known = false;
        for (Entry x : entries) {
            boolean skip = x.never();
            if (!skip && x.guarded()) {
                if (!known) {
                    features = features(node);
                    known = true;
                }
                skip = !x.admits(node, features);
            }
            if (skip) {
                if (VERIFY_GUARDS && x.rule().apply(node) != null) {
                    throw new AssertionError("the guard of rule " + x.rule().name() + " skipped a rewrite of a "
                            + node.getClass().getSimpleName() + ": " + matcalc.render.TextRenderer.render(node));
                }
                continue;
            }
            Expr next = x.body().apply(node); // the node is of the rule's type (dispatch)
            if (next != null && !next.equals(node)) return new Firing(x.rule(), next);
        }
        return null;
    }

    /** A rule and what it made of the node. */
    record Firing(Rule rule, Expr result) {}

    // ------------------------------------------------------------------ features

    private static final Class<?>[] KINDS = Expr.class.getPermittedSubclasses();
    private static final ClassValue<Integer> KIND = new ClassValue<>() {
        @Override protected Integer computeValue(Class<?> type) {
            for (int i = 0; i < KINDS.length; i++) if (KINDS[i] == type) return i;
            throw new IllegalArgumentException("not an expression record: " + type);
        }
    };

    // A child's class takes bit i, a transposed child's argument's bit 32 + i.
    static { if (KINDS.length > 32) throw new ExceptionInInitializerError("more than 32 expression records: widen the features"); }

    /** The bit of a child of this class. */
    static long child(Class<? extends Expr> type) { return 1L << KIND.get(type); }

    /** The bit of a child that is a transpose of this class. */
    static long transposed(Class<? extends Expr> type) { return 1L << (32 + KIND.get(type)); }

    /** The classes of the node's children, and of the arguments of those that are transposes. */
    static long features(Expr node) {
        long f = 0;
        List<Expr> cs = node.children();
        for (int i = 0, n = cs.size(); i < n; i++) {
            Expr c = cs.get(i);
            f |= BIT.get(c.getClass());
            if (c instanceof Transpose t) f |= BIT.get(t.arg().getClass()) << 32;
        }
        return f;
    }

    /** The child bit of each expression record (a map by identity: faster than ClassValue here). */
    private static final Map<Class<?>, Long> BIT = bits();

    private static Map<Class<?>, Long> bits() {
        Map<Class<?>, Long> m = new java.util.IdentityHashMap<>();
        for (int i = 0; i < KINDS.length; i++) m.put(KINDS[i], 1L << i);
        return m;
    }

    /** The table of every rule, built once, with the guards of {@link Rules#GUARDS} (after the features: they use them). */
    // Rules.GUARDS is read lazily: when Rules is initialised first, its guards() initialises this
    // class (for the feature bits) before GUARDS is assigned, and the table would keep a null map.
    public static final RuleTable ALL = new RuleTable(Rules.ALL, () -> Rules.GUARDS);
}
