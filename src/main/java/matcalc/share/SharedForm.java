package matcalc.share;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.expr.Apply;
import matcalc.expr.DVar;
import matcalc.expr.Det;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Inverse;
import matcalc.expr.Max;
import matcalc.expr.Mul;
import matcalc.expr.Norm;
import matcalc.expr.Softmax;
import matcalc.expr.Transpose;
import matcalc.expr.Var;
import matcalc.expr.Add;

/**
 * An expression as a sequence of named definitions and a body in terms of the names: each
 * subexpression the result uses more than once is computed once, and a deep chain of products
 * (the reverse-mode recurrence of a deep network's gradient) is cut into one definition per link.
 * For {@code sum(tanh(W3 tanh(W2 tanh(W1 x))))} by W1:
 * <pre>
 *   h1 = tanh(W1 x)
 *   h2 = tanh(W2 h1)
 *   body: ((W2^T ((W3^T (ones - tanh(W3 h2).^2)) .* (ones - h2.^2))) .* (ones - h1.^2)) x^T
 * </pre>
 * and from four nested products on (L = 4 layers) also {@code g3 = W4^T (ones - tanh(W4 h3).^2)},
 * {@code g2 = W3^T (g3 .* (ones - h3.^2))}, ..., body {@code (g1 .* (ones - h1.^2)) x^T}.
 *
 * <p><b>Which parts are named.</b> The input is an immutable DAG; its nodes are hash-consed by
 * {@link Interner} (structural equality, in linear time). Counting from the top, a node's
 * <em>occurrences</em> are those it would have in the printed form: one per use inside a named
 * node or the body, and as many as an unnamed user has. A node occurring at least twice is named
 * when it is worth a name: at least 3 nodes, and an operation that reads as one quantity (softmax,
 * an element-wise function, an inverse, a sum, det, a norm, max, a product with a compound factor)
 * or anything that would print as more than {@value #DUPLICATE_LIMIT} nodes (so no large part is
 * ever printed twice).
 * A part used once is not named, except for the links of a chain: when one formula nests
 * {@value #CHAIN} or more matrix products with a compound factor inside each other, each of the inner
 * ones becomes a definition.
 *
 * <p><b>Names.</b> When the function that was differentiated is given, definitions equal to one of
 * its subexpressions are its <em>forward values</em>: a chain of element-wise functions (one using
 * another) is named {@code h1, h2, ...}, by the number of element-wise functions on the way down
 * to the variables (h_k is layer k's output), other chained forward values (pre-activations)
 * {@code z1, z2, ...} counted the same way plus one; the chain links are {@code g1, g2, ...} from
 * the body inwards (g_k is the gradient with respect to h_k in a network). Lone definitions keep
 * the letters matcalc always used: {@code s} (then p, q) for softmax and sigmoid, {@code u, v, w}
 * for other functions, {@code u, v, w, z} for the rest, then {@code u1, u2, ...}. No name is one of
 * the expression's variables or a name the caller reserves.
 *
 * <p><b>Cost.</b> Linear in the number of distinct nodes of the input: one interning pass, then
 * passes over the classes in id order (a topological order), and the output's size is linear too:
 * an unnamed part printed more than once has at most {@value #DUPLICATE_LIMIT} nodes.
 *
 * <p>The form is independent of rendering: the renderers print {@link #definitions()} as "where
 * ..." and a code generator can emit them as temporaries. {@link #expand()} substitutes them back;
 * the result equals the input.
 */
public final class SharedForm {
    /** What a definition stands for. */
    public enum Role {
        /** A value of the function that was differentiated (a forward value). */
        FORWARD,
        /** A link of a chain of nested products (an adjoint of the reverse-mode recurrence). */
        CHAIN,
        /** Another part the result uses more than once. */
        REPEATED
    }

    /** name = value; the value may use the names of earlier definitions. */
    public record Definition(Var name, Expr value, Role role) {}

    /**
     * @param taken    names that must not be chosen (the expression's own variables are always avoided)
     * @param function the function that was differentiated, whose subexpressions are forward values; may be null
     */
    public record Options(Set<String> taken, Expr function) {
        public Options { taken = Set.copyOf(taken); }
        public static Options defaults() { return new Options(Set.of(), null); }
    }

    /** Parts smaller than this many nodes are never named. */
    static final int MIN_SIZE = 3;
    /** A repeated part larger than this is named whatever it is. */
    static final int DUPLICATE_LIMIT = 12;
    /** Nested products in one formula from which the chain is cut into definitions. */
    static final int CHAIN = 4;

    private final List<Definition> definitions;
    private final Expr body;
    private final long treeSize, size;

    private SharedForm(List<Definition> definitions, Expr body, long treeSize, long size) {
        this.definitions = List.copyOf(definitions);
        this.body = body;
        this.treeSize = treeSize;
        this.size = size;
    }

    public static SharedForm of(Expr e) { return of(e, Options.defaults()); }

    public static SharedForm of(Expr e, Options o) { return new Pass(e, o).run(); }

    /** The definitions in dependency order: each value uses only names defined before it. */
    public List<Definition> definitions() { return definitions; }

    /** The expression in terms of the names. */
    public Expr body() { return body; }

    /** Whether nothing was named (the body is the expression). */
    public boolean isEmpty() { return definitions.isEmpty(); }

    /** Nodes of the expression written out as a tree (what printing it without names costs), at most about 10^15. */
    public long treeSize() { return treeSize; }

    /** Nodes of the body and the definitions' values written out, each name one node. */
    public long size() { return size; }

    /** The definitions substituted back into the body: an expression equal to the input (shared, so linear). */
    public Expr expand() {
        Map<String, Expr> values = new LinkedHashMap<>();
        for (Definition d : definitions) values.put(d.name().name(), substitute(d.value(), values, new IdentityHashMap<>()));
        return substitute(body, values, new IdentityHashMap<>());
    }

    private static Expr substitute(Expr e, Map<String, Expr> values, Map<Expr, Expr> memo) {
        Expr done = memo.get(e);
        if (done != null) return done;
        Expr r = e instanceof Var v && values.containsKey(v.name()) ? values.get(v.name()) : e.mapChildren(c -> substitute(c, values, memo));
        memo.put(e, r);
        return r;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Definition d : definitions) sb.append(d.name().name()).append(" = ").append(d.value()).append('\n');
        return sb.append(body).toString();
    }

    /** The computation, over the interned classes 0 .. n - 1 (children before parents; the root last). */
    private static final class Pass {
        private final Options options;
        private final Interner in = new Interner();
        private final int n, root;
        private final int[][] kids;
        private final long[] tree;
        private final boolean[] named;

        Pass(Expr e, Options options) {
            this.options = options;
            root = in.id(e);
            n = in.size();
            kids = new int[n][];
            tree = new long[n];
            named = new boolean[n];
            for (int i = 0; i < n; i++) {
                kids[i] = in.children(i);
                long t = 1;
                for (int c : kids[i]) t = Math.min(1L << 50, t + tree[c]);
                tree[i] = t;
            }
        }

        SharedForm run() {
            nameRepeated();
            unnameSmall();
            Set<Integer> cuts = chainLinks();
            for (int c : cuts) named[c] = true;
            boolean[] forward = forwardValues();
            String[] names = names(forward, cuts);
            return build(names, forward, cuts);
        }

        /** Top-down (decreasing ids): occurrences in the printed form; name those worth it that occur twice. */
        private void nameRepeated() {
            int[] occ = new int[n];
            occ[root] = 1;
            for (int i = n - 1; i >= 0; i--) {
                named[i] = i != root && occ[i] >= 2 && nameable(i);
                int each = named[i] ? 1 : occ[i];
                for (int c : kids[i]) occ[c] = Math.min(2, occ[c] + each);
            }
        }

        /**
         * Bottom-up: a part named only for its size ({@link #DUPLICATE_LIMIT}) that is small once its
         * own named parts are names (z^T with z named) is printed where it is used instead.
         */
        private void unnameSmall() {
            long[] shown = new long[n];
            for (int i = 0; i < n; i++) {
                long s = 1;
                for (int c : kids[i]) s = Math.min(1L << 50, s + (named[c] ? 1 : shown[c]));
                shown[i] = s;
                if (named[i] && !(tree[i] >= MIN_SIZE && worth(in.node(i))) && s <= DUPLICATE_LIMIT) named[i] = false;
            }
        }

        private boolean nameable(int i) {
            if (kids[i].length == 0 || tree[i] < MIN_SIZE) return false;
            return tree[i] > DUPLICATE_LIMIT || worth(in.node(i));
        }

        /** Operations that read as one quantity (a product of atoms such as 2 x or W x reads better than a name). */
        private static boolean worth(Expr e) {
            if (e instanceof Mul m) return m.factors().stream().anyMatch(f -> !f.children().isEmpty());
            return e instanceof Softmax || e instanceof Apply || e instanceof Inverse || e instanceof Add
                    || e instanceof Det || e instanceof Norm || e instanceof Max;
        }

        /**
         * The links of deep chains: in each formula (the body, each definition) whose products with a
         * compound factor nest {@link #CHAIN} deep or more, every such product but the formula's own top.
         */
        private Set<Integer> chainLinks() {
            boolean[] atomic = new boolean[n], candidate = new boolean[n];
            int[] depth = new int[n];
            for (int i = 0; i < n; i++) {
                Expr e = in.node(i);
                atomic[i] = named[i] || kids[i].length == 0 || (e instanceof Transpose && atomic[kids[i][0]]);
                // a matrix product (two factors or more that are not scalars) with a compound factor
                if (e instanceof Mul m && m.factors().stream().filter(f -> !f.isScalar()).count() >= 2) {
                    for (int c : kids[i]) candidate[i] |= !atomic[c];
                }
                int below = 0;
                for (int c : kids[i]) if (!named[c]) below = Math.max(below, depth[c]);
                depth[i] = below + (candidate[i] ? 1 : 0);
            }
            Set<Integer> cuts = new java.util.TreeSet<>();
            boolean[] seen = new boolean[n];
            for (int top = n - 1; top >= 0; top--) {
                if ((top != root && !named[top]) || depth[top] < CHAIN) continue;
                List<Integer> stack = new ArrayList<>();
                for (int c : kids[top]) if (!named[c]) stack.add(c);
                while (!stack.isEmpty()) {
                    int i = stack.remove(stack.size() - 1);
                    if (seen[i]) continue;
                    seen[i] = true;
                    if (candidate[i]) cuts.add(i);
                    for (int c : kids[i]) if (!named[c]) stack.add(c);
                }
            }
            return cuts;
        }

        /** Which classes are subexpressions of the function (none when it is not given). */
        private boolean[] forwardValues() {
            boolean[] forward = new boolean[n];
            if (options.function() == null) return forward;
            int before = in.size();
            List<Expr> stack = new ArrayList<>(List.of(options.function()));
            Set<Expr> visited = Collections.newSetFromMap(new IdentityHashMap<>());
            // Interning the function adds its own classes after the result's: ids below n are shared.
            in.id(options.function());
            while (!stack.isEmpty()) {
                Expr e = stack.remove(stack.size() - 1);
                if (!visited.add(e)) continue;
                int id = in.id(e);
                if (id < n) forward[id] = true;
                stack.addAll(e.children());
            }
            assert before <= in.size();
            return forward;
        }

        private enum Kind { LAYER, PRE_ACTIVATION, LINK, OTHER }

        private String[] names(boolean[] forward, Set<Integer> cuts) {
            Set<String> used = new HashSet<>(options.taken());
            for (int i = 0; i < in.size(); i++) {
                Expr e = in.node(i);
                if (e instanceof Var v) used.add(v.name());
                if (e instanceof DVar d) used.add(d.var().name());
            }
            // Element-wise functions on the way down to the variables (a layer's index in a network).
            int[] layers = new int[n];
            for (int i = 0; i < n; i++) {
                int below = 0;
                for (int c : kids[i]) below = Math.max(below, layers[c]);
                layers[i] = below + (in.node(i) instanceof Apply ? 1 : 0);
            }
            // Whether a named class's formula reaches a named forward value of the same kind (through names).
            Kind[] kind = new Kind[n];
            for (int i = 0; i < n; i++) {
                if (!named[i]) continue;
                Expr e = in.node(i);
                if (cuts.contains(i) && !forward[i]) kind[i] = Kind.LINK;
                else if (forward[i] && e instanceof Apply) kind[i] = Kind.LAYER;
                else if (forward[i] && !(e instanceof Softmax)) kind[i] = Kind.PRE_ACTIVATION;
                else kind[i] = Kind.OTHER;
            }
            boolean[][] reaches = new boolean[Kind.values().length][n];
            List<List<Integer>> refs = namedReferences();
            boolean[] chained = new boolean[Kind.values().length];
            for (int i = 0; i < n; i++) {
                if (!named[i]) continue;
                for (int r : refs.get(i)) {
                    for (Kind k : Kind.values()) reaches[k.ordinal()][i] |= reaches[k.ordinal()][r] || kind[r] == k;
                }
                if (kind[i] != Kind.OTHER && reaches[kind[i].ordinal()][i]) chained[kind[i].ordinal()] = true;
            }
            String[] names = new String[n];
            family(Kind.LAYER, List.of("h", "a", "q"), kind, chained, layers, 0, used, names, false);
            family(Kind.PRE_ACTIVATION, List.of("z", "r", "t"), kind, chained, layers, 1, used, names, false);
            // chain links from the body inwards: g1 is the one the body uses
            for (int i = 0; i < n; i++) if (kind[i] == Kind.LINK) chained[Kind.LINK.ordinal()] = true;
            family(Kind.LINK, List.of("g", "e", "b"), kind, chained, null, 0, used, names, true);
            for (int i = 0; i < n; i++) if (named[i] && names[i] == null) names[i] = letter(in.node(i), used);
            return names;
        }

        /**
         * Names a family prefix1, prefix2, ... by layer index (plus offset) when those are distinct,
         * else in order (reversed: from the top); a family that is no chain keeps single letters.
         */
        private void family(Kind k, List<String> prefixes, Kind[] kind, boolean[] chained, int[] layers, int offset,
                            Set<String> used, String[] names, boolean fromTop) {
            if (!chained[k.ordinal()]) return;
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) if (kind[i] == k) members.add(i);
            if (fromTop) Collections.reverse(members);
            int[] index = new int[members.size()];
            Set<Integer> distinct = new HashSet<>();
            for (int j = 0; j < members.size(); j++) {
                index[j] = layers == null ? j + 1 : layers[members.get(j)] + offset;
                distinct.add(index[j]);
            }
            if (distinct.size() < members.size() || distinct.contains(0)) for (int j = 0; j < index.length; j++) index[j] = j + 1;
            for (String p : prefixes) {
                boolean free = true;
                for (int x : index) free &= !used.contains(p + x);
                if (!free) continue;
                for (int j = 0; j < index.length; j++) {
                    names[members.get(j)] = p + index[j];
                    used.add(p + index[j]);
                }
                return;
            }
            // every prefix taken: the members get the single-letter names instead
        }

        private static String letter(Expr e, Set<String> used) {
            List<String> prefs = e instanceof Softmax || (e instanceof Apply a && a.fn() == Fn.SIGMOID) ? List.of("s", "p", "q")
                    : e instanceof Apply ? List.of("u", "v", "w") : List.of("u", "v", "w", "z");
            for (String p : prefs) if (used.add(p)) return p;
            for (int i = 1; ; i++) if (used.add("u" + i)) return "u" + i;
        }

        /** For each named class (and the root), the named classes its formula uses directly. */
        private List<List<Integer>> namedReferences() {
            List<List<Integer>> refs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) refs.add(List.of());
            for (int top = 0; top < n; top++) {
                if (!named[top] && top != root) continue;
                Set<Integer> out = new java.util.LinkedHashSet<>();
                Set<Integer> seen = new HashSet<>();
                List<Integer> stack = new ArrayList<>();
                for (int c : kids[top]) stack.add(c);
                while (!stack.isEmpty()) {
                    int i = stack.remove(stack.size() - 1);
                    if (named[i]) { out.add(i); continue; }
                    if (!seen.add(i)) continue;
                    for (int c : kids[i]) stack.add(c);
                }
                refs.set(top, new ArrayList<>(out));
            }
            return refs;
        }

        private SharedForm build(String[] names, boolean[] forward, Set<Integer> cuts) {
            Expr[] built = new Expr[n], ref = new Expr[n];
            long[] size = new long[n];
            List<Definition> defs = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < n; i++) {
                Expr e = in.node(i);
                List<Expr> cs = e.children();
                long s = 1;
                boolean same = true;
                List<Expr> out = new ArrayList<>(cs.size());
                for (int j = 0; j < cs.size(); j++) {
                    int c = kids[i][j];
                    out.add(ref[c]);
                    same &= ref[c] == cs.get(j);
                    s = Math.min(1L << 50, s + (named[c] ? 1 : size[c]));
                }
                built[i] = same ? e : e.withChildren(out);
                size[i] = s;
                if (named[i]) {
                    Var v = new Var(names[i], e.shape());
                    ref[i] = v;
                    Role role = forward[i] ? Role.FORWARD : cuts.contains(i) ? Role.CHAIN : Role.REPEATED;
                    defs.add(new Definition(v, built[i], role));
                    total += s;
                } else {
                    ref[i] = built[i];
                }
            }
            total += size[root];
            return new SharedForm(defs, built[root], tree[root], total);
        }
    }
}
