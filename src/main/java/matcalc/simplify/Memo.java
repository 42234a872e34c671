package matcalc.simplify;

import java.util.IdentityHashMap;
import java.util.Map;
import matcalc.expr.Expr;

/**
 * What one piece of work (a derivation: the differential simplified, the derivative read off it
 * and simplified, the fallbacks) learns while simplifying, kept for the rest of it on its thread:
 * the normal form of every node the rule table simplified, by identity. The derivative is built
 * from the simplified differential's parts, so most of it is known to be in normal form already.
 * Also the structural views the rules compute of a node ({@link Key}, {@link Terms#term},
 * {@link Cost#transposes}): pure functions of an immutable node, so kept by identity too. Opened by
 * {@link Strategy#session()}, and by every simplifier run (which joins an open one); without a
 * session, each run keeps its own.
 */
final class Memo {
    /**
     * This thread's open memo, in a holder that stays (setting and removing the thread-local
     * itself on every derivation cost a few per cent of a small one in ThreadLocalMap upkeep).
     */
    private static final class Slot { Memo open; }
    private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

    /** Node → its normal form under {@link RuleTable#ALL}; a normal form maps to itself. */
    final Map<Expr, Expr> normal = new IdentityHashMap<>(256);
    private final Map<Expr, Facts> facts = new IdentityHashMap<>(256);

    /**
     * Views the rules ask for again and again, each a function of the node's structure alone, and
     * what the Symja passes made of the node (a node they leave alone maps to itself).
     */
    static final class Facts {
        String key;
        Terms.Term term;
        Terms.Split split;
        int transposes = -1;
        Expr transposed;
        /** Its sign-normal form, as the term ±1 · body' (the sign it took). */
        Terms.Term signNormal;
        Expr scalarTidy, elementwiseTidy;
        /** Whether a negative power is in it: 0 not known yet, 1 yes, -1 no. */
        byte negativePower;
        /** Whether Symmetry proves it symmetric: 0 not known yet, 1 yes, -1 no. */
        byte symmetric;
        /** Key.hash, once known. */
        int hash;
        boolean hashed;
    }

    /** The facts known of e (created empty). */
    Facts of(Expr e) {
        Facts f = facts.get(e);
        if (f == null) {
            f = new Facts();
            facts.put(e, f);
        }
        return f;
    }

    private matcalc.share.Interner classes;

    /** Structural classes of the nodes seen in this piece of work (made on first use). */
    matcalc.share.Interner classes() {
        if (classes == null) classes = new matcalc.share.Interner();
        return classes;
    }

    private int depth;
    private Slot slot;

    private Memo() {}

    /** The open memo of this thread, or null. */
    static Memo current() { return CURRENT.get().open; }

    /** Opens this thread's memo, or joins the open one (nested work shares it). */
    static Memo open() {
        Slot slot = CURRENT.get();
        Memo m = slot.open;
        if (m == null) {
            m = new Memo();
            m.slot = slot;
            slot.open = m;
        }
        m.depth++;
        return m;
    }

    /** Leaves it; the outermost close forgets everything. */
    void close() {
        if (--depth == 0) slot.open = null;
    }
}
