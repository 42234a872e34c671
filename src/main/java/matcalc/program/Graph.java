package matcalc.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.calculus.Calculus;
import matcalc.expr.*;
import matcalc.simplify.Strategy;

/**
 * A program's computational graph: one node per operation of every statement (matmul, relu,
 * sigmoid, max, softmax, log, ...) and one per input or free variable; an edge from each operand
 * to the operation that uses it. The node that computes a binding carries the binding's name, and
 * later uses of the name connect to it. Numbers inside an operation (the -1 of a negation, the
 * -2.5 of a bias) are part of its label rather than nodes of their own.
 *
 * <p>For reverse mode each edge can carry its local derivative, written as the pullback of the
 * adjoint ḡ of the operation's output to that operand (ḡ x^T for the W of W x, ḡ ⊙ step(u) for
 * relu(u)); it is the engine's own differential and identification of that one operation.
 */
public final class Graph {
    public enum Kind { INPUT, VARIABLE, CONSTANT, OP }

    /** A node; {@code binding} is the program name it computes or stands for (null for inner operations). */
    public record Node(int id, Kind kind, String op, String binding, Expr expr) {
        public String dotId() { return "n" + id; }
    }

    /** operand → operation; {@code local} is the pullback of ḡ (null unless asked for). */
    public record Edge(Node from, Node to, int operand, Expr local) {}

    /** The adjoint of an operation's output in edge labels: ḡ (\bar{g} in LaTeX). */
    public static final Var SEED_NAME = new Var("gbar", Shape.SCALAR);

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Node> named = new HashMap<>();
    private final boolean withLocals;
    private final Calculus calculus = new Calculus();
    private final ForwardNames forwardNames;

    private Graph(Program p, boolean withLocals) {
        this.withLocals = withLocals;
        this.forwardNames = new ForwardNames(p);
    }

    /** @param withLocals annotate every edge with its local derivative (reverse mode) */
    public static Graph of(Program p, boolean withLocals) {
        Graph g = new Graph(p, withLocals);
        for (Program.Statement s : p.statements()) g.add(s);
        return g;
    }

    public List<Node> nodes() { return List.copyOf(nodes); }
    public List<Edge> edges() { return List.copyOf(edges); }

    /** The node that computes (or is) a program name. */
    public Node node(String name) { return named.get(name); }

    public List<Edge> into(Node n) { return edges.stream().filter(e -> e.to() == n).toList(); }

    private void add(Program.Statement s) {
        if (s.kind() == Program.Kind.INPUT) {
            named.put(s.name(), node(Kind.INPUT, null, s.name(), s.expr()));
            return;
        }
        Node n = build(s.expr(), new IdentityHashMap<>());
        if (s.isBinding()) {
            if (n.binding() == null && n.kind() == Kind.OP) {
                Node renamed = new Node(n.id(), n.kind(), n.op(), s.name(), n.expr());
                nodes.set(nodes.indexOf(n), renamed);
                for (int i = 0; i < edges.size(); i++) {
                    Edge e = edges.get(i);
                    if (e.to() == n) edges.set(i, new Edge(e.from(), renamed, e.operand(), e.local()));
                }
                n = renamed;
            }
            named.put(s.name(), n);
        }
    }

    private Node node(Kind k, String op, String binding, Expr e) {
        Node n = new Node(nodes.size(), k, op, binding, e);
        nodes.add(n);
        return n;
    }

    private Node build(Expr e, Map<Expr, Node> seen) {
        Node done = seen.get(e);
        if (done != null) return done;
        Node n;
        if (e instanceof Var v) {
            n = named.get(v.name());
            if (n == null) {
                n = node(Kind.VARIABLE, null, v.name(), e);
                named.put(v.name(), n);
            }
        } else if (operands(e).isEmpty()) {
            n = node(Kind.CONSTANT, matcalc.render.TextRenderer.render(e), null, e);
        } else {
            List<Integer> ops = operands(e);
            List<Node> children = new ArrayList<>();
            for (int i : ops) children.add(build(e.children().get(i), seen));
            n = node(Kind.OP, label(e), null, e);
            for (int k = 0; k < ops.size(); k++) edges.add(new Edge(children.get(k), n, ops.get(k), withLocals ? local(e, ops.get(k)) : null));
        }
        seen.put(e, n);
        return n;
    }

    /** The children that are operands (graph nodes); numbers are folded into the operation's label. */
    private static List<Integer> operands(Expr e) {
        List<Integer> out = new ArrayList<>();
        List<Expr> cs = e.children();
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i) instanceof Num) continue;
            if (e instanceof ElemPow && i == 1) continue;
            out.add(i);
        }
        return out;
    }

    /** What the operation is: matmul, relu, max, ..., with its folded numbers. */
    static String label(Expr e) {
        String base;
        String numbers = "";
        if (e instanceof Mul m) {
            long chain = m.factors().stream().filter(f -> !(f instanceof Num) && !f.isScalar()).count();
            base = chain >= 2 ? "matmul" : "multiply";
            Rational c = Rational.ONE;
            for (Expr f : m.factors()) if (f instanceof Num k) c = c.mul(k.value());
            if (c.equals(Rational.MINUS_ONE) && m.factors().size() == 2) return "negate";
            if (!c.isOne()) numbers = " × " + c;
        } else if (e instanceof Add a) {
            base = "add";
            for (Expr t : a.terms()) if (t instanceof Num k) numbers += (k.value().signum() < 0 ? " − " + k.value().negate() : " + " + k.value());
        } else if (e instanceof Apply a) {
            base = a.fn().name;
        } else if (e instanceof Max) {
            base = "max";
        } else if (e instanceof Softmax) {
            base = "softmax";
        } else if (e instanceof Transpose) {
            base = "transpose";
        } else if (e instanceof Hadamard) {
            base = "hadamard";
        } else if (e instanceof ElemPow p) {
            base = "power .^" + matcalc.render.TextRenderer.render(p.exponent());
        } else if (e instanceof Pow p && p.exponent() instanceof Num k) {
            base = k.value().equals(Rational.MINUS_ONE) ? "reciprocal" : "power ^" + k.value();
        } else if (e instanceof Entry en) {
            base = "entry [" + (en.arg().shape().cols().isOne() ? en.row() : en.row() + ", " + en.col()) + "]";
        } else if (e instanceof Trace) {
            base = "trace";
        } else if (e instanceof Inverse) {
            base = "inverse";
        } else {
            base = e.opName();
        }
        return base + numbers;
    }

    /** The pullback of ḡ through e to operand i, in the operands' own expressions and the forward names. */
    private Expr local(Expr e, int i) {
        Expr child = e.children().get(i);
        // A placeholder for this one operand (x^T x has x twice, as two operands).
        Var placeholder = new Var("\u0001operand" + i, child.shape());
        List<Expr> cs = new ArrayList<>(e.children());
        cs.set(i, placeholder);
        Expr op = e.withChildren(cs);
        Var seed = new Var(SEED_NAME.name(), e.shape());
        Expr pulled = Strategy.FULL.apply(calculus.pullback(op, placeholder, seed));
        return forwardNames.apply(Backprop.substitute(pulled, n -> n.equals(placeholder.name()) ? child : null));
    }

    /**
     * Layers for drawing, left to right: every node as late as its users allow (one column before
     * its first user), the sinks (the last statements) one column after their deepest operand.
     */
    public Map<Node, Integer> layers() {
        Map<Node, Integer> layer = new HashMap<>();
        for (Node n : nodes) {
            int l = 0;
            for (Edge e : into(n)) l = Math.max(l, layer.get(e.from()) + 1);
            layer.put(n, l);
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            int first = edges.stream().filter(e -> e.from() == n).mapToInt(e -> layer.get(e.to())).min().orElse(Integer.MAX_VALUE);
            if (first != Integer.MAX_VALUE) layer.put(n, first - 1);
        }
        Map<Node, Integer> ordered = new LinkedHashMap<>();
        for (Node n : nodes) ordered.put(n, layer.get(n));
        return ordered;
    }

    /**
     * What a node computes, in the program's names: a binding's or operation's expression with
     * every operand that is a named value written by its name (l1 = relu(W1 x), not relu of a node).
     */
    public Expr formula(Node n) {
        if (n.kind() != Kind.OP) return n.expr();
        return n.expr().mapChildren(forwardNames::apply);
    }

    /** The operations that use a node. */
    public List<Node> users(Node n) { return edges.stream().filter(e -> e.from() == n).map(Edge::to).distinct().toList(); }
}
