package matcalc.share;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.Expr;
import matcalc.expr.Shape;
import matcalc.expr.Var;

/**
 * Hash-consing of expression DAGs: every node gets the id of its structural equivalence class, so
 * that two nodes have the same id exactly when they are {@code equals}. Linear in the number of
 * distinct node objects: each object is looked at once (an identity map), and its class is found
 * through a <em>local key</em>, the node with its children replaced by placeholder variables named
 * after their ids ({@code #17}), whose {@code equals} and {@code hashCode} cost the node's own
 * fields only. (Expr records do not cache their hash: {@code hashCode} of a deep DAG node walks the
 * whole tree below it, which is quadratic or worse for the results of deep networks.)
 *
 * <p>Ids are dense, from 0, in the order nodes are first completed by a post-order walk (children
 * left to right): a child always has a smaller id than its parents, so increasing id order is a
 * topological order (dependencies first). The walk is iterative: no stack depth limit.
 */
public final class Interner {
    private final Map<Expr, Integer> ids = new IdentityHashMap<>();
    private final Map<Expr, Integer> byKey = new HashMap<>();
    private final List<Expr> nodes = new ArrayList<>();
    private final List<int[]> children = new ArrayList<>();
    private final List<Var> placeholders = new ArrayList<>();

    /** The id of e's equivalence class, interning e and everything below it that is new. */
    public int id(Expr e) { return id(e, 0); }

    /** Recursive (the fastest way) for the first levels; below that the iterative walk, for any depth. */
    private int id(Expr e, int depth) {
        Integer known = ids.get(e);
        if (known != null) return known;
        if (depth > RECURSION) return walk(e);
        List<Expr> cs = e.children();
        int[] cids = new int[cs.size()];
        for (int i = 0; i < cids.length; i++) cids[i] = id(cs.get(i), depth + 1);
        return complete(e, cids);
    }

    private static final int RECURSION = 200;

    private int walk(Expr e) {
        // Iterative post-order: a frame is a node and the index of its next child to visit.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {e, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Expr n = (Expr) top[0];
            int next = (Integer) top[1];
            List<Expr> cs = n.children();
            if (next < cs.size()) {
                top[1] = next + 1;
                Expr c = cs.get(next);
                if (!ids.containsKey(c)) stack.push(new Object[] {c, 0});
                continue;
            }
            stack.pop();
            if (ids.containsKey(n)) continue; // reached twice before completing (a child listed twice)
            int[] cids = new int[cs.size()];
            for (int i = 0; i < cids.length; i++) cids[i] = ids.get(cs.get(i));
            complete(n, cids);
        }
        return ids.get(e);
    }

    /** The class of n, whose children's classes are cids: found by its local key, or a new one. */
    private int complete(Expr n, int[] cids) {
        Expr key = key(n, cids);
        Integer id = byKey.get(key);
        if (id == null) {
            id = nodes.size();
            nodes.add(n);
            children.add(cids);
            byKey.put(key, id);
        }
        ids.put(n, id);
        return id;
    }

    /** The first node interned with this id: a representative of its class. */
    public Expr node(int id) { return nodes.get(id); }

    /** The ids of the children of class id (in order, repeats kept). */
    public int[] children(int id) { return children.get(id); }

    /** How many classes have been interned (ids are 0 .. size - 1). */
    public int size() { return nodes.size(); }

    /** Whether two expressions are equal, in time linear in the parts not interned before. */
    public boolean same(Expr a, Expr b) { return id(a) == id(b); }

    private Expr key(Expr n, int[] cids) {
        if (cids.length == 0) return n;
        List<Expr> ph = new ArrayList<>(cids.length);
        List<Expr> cs = n.children();
        for (int i = 0; i < cids.length; i++) ph.add(placeholder(cids[i], cs.get(i).shape()));
        try {
            return n.withChildren(ph);
        } catch (RuntimeException unusual) {
            // A node that does not accept placeholder children (none does today): its class is found
            // by full structural equality, correct but not linear.
            return n;
        }
    }

    private Var placeholder(int id, Shape shape) {
        // '#' is in no variable name the parser accepts, so a placeholder never equals a real variable.
        while (placeholders.size() <= id) placeholders.add(null);
        Var v = placeholders.get(id);
        if (v == null) placeholders.set(id, v = new Var("#" + id, shape));
        return v;
    }
}
