package matcalc.program;

import matcalc.expr.Var;
import matcalc.render.TextRenderer;

/**
 * A {@link Graph} in Graphviz DOT: inputs and variables as boxes, operations as ellipses (bold
 * where they compute a binding, with the binding's name under the operation), edges from operands
 * to operations, labelled with their local derivatives when the graph has them.
 */
public final class DotWriter {
    private DotWriter() {}

    public static String write(Graph g) {
        StringBuilder sb = new StringBuilder("digraph matcalc {\n");
        sb.append("  rankdir=LR;\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Graph.Node n : g.nodes()) {
            sb.append("  ").append(n.dotId()).append(" [label=\"").append(escape(label(n))).append("\"");
            switch (n.kind()) {
                case INPUT: sb.append(", shape=box, style=filled, fillcolor=\"#eeeeee\""); break;
                case VARIABLE: sb.append(", shape=box"); break;
                case CONSTANT: sb.append(", shape=plaintext"); break;
                default: sb.append(", shape=ellipse").append(n.binding() != null ? ", style=bold" : "");
            }
            sb.append("];\n");
        }
        for (Graph.Edge e : g.edges()) {
            sb.append("  ").append(e.from().dotId()).append(" -> ").append(e.to().dotId());
            if (e.local() != null) sb.append(" [label=\"").append(escape(local(e))).append("\"]");
            sb.append(";\n");
        }
        if (g.edges().stream().anyMatch(e -> e.local() != null)) {
            sb.append("  legend [shape=note, fontsize=9, label=\"edge labels: the adjoint ḡ of an operation's output,\\npulled back to that operand (reverse mode)\"];\n");
        }
        return sb.append("}\n").toString();
    }

    static String label(Graph.Node n) {
        if (n.kind() == Graph.Kind.OP) return n.binding() == null ? n.op() : n.op() + "\n" + n.binding();
        return n.kind() == Graph.Kind.CONSTANT ? n.op() : n.binding();
    }

    private static String local(Graph.Edge e) {
        Var seed = new Var(Graph.SEED_NAME.name(), e.to().expr().shape());
        return TextRenderer.render(Backprop.substitute(e.local(), n -> n.equals(seed.name()) ? new Var("ḡ", seed.shape()) : null));
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }
}
