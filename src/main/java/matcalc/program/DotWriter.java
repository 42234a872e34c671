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
        sb.append("  rankdir=TB;\n");
        // sizes readable at normal zoom in an SVG or PNG
        sb.append("  node [fontname=\"Helvetica\", fontsize=14];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=12];\n");
        for (Graph.Node n : g.nodes()) {
            sb.append("  ").append(n.dotId()).append(" [label=\"").append(escape(label(g, n))).append("\"");
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
            if (e.local() != null) sb.append(" [label=\"").append(escape(math(local(e)))).append("\"]");
            sb.append(";\n");
        }
        if (g.edges().stream().anyMatch(e -> e.local() != null)) {
            sb.append("  legend [shape=note, fontsize=9, label=\"edge labels: the adjoint ḡ of an operation's output,\\npulled back to that operand (reverse mode)\"];\n");
        }
        return sb.append("}\n").toString();
    }

    /** An operation and, for a binding, what it computes in the program's names (L = −yᵀ log(ŷ)); inputs by name. */
    static String label(Graph g, Graph.Node n) {
        if (n.kind() == Graph.Kind.OP) {
            String op = n.op().replaceAll(" [×+−].*$", "");
            return n.binding() == null ? op : op + "\n" + math(n.binding() + " = " + TextRenderer.render(g.formula(n)));
        }
        return n.kind() == Graph.Kind.CONSTANT ? n.op() : math(n.binding());
    }

    private static String local(Graph.Edge e) {
        Var seed = new Var(Graph.SEED_NAME.name(), e.to().expr().shape());
        return TextRenderer.render(Backprop.substitute(e.local(), n -> n.equals(seed.name()) ? new Var("ḡ", seed.shape()) : null));
    }

    /**
     * The input syntax as the symbols of a formula, for Graphviz's plain-text labels: ḡ ⊙ 𝟏[W₁ x > 0]
     * for gbar .* step(W1 x), ŷ for yhat, ᵀ, ⊘, σ.
     */
    static String math(String text) {
        String s = text;
        s = stepAsIndicator(s);
        // names first: after ᵀ (a letter to the regex engine) a name would have no word boundary
        s = java.util.regex.Pattern.compile("\\b([A-Za-z])hat\\b").matcher(s).replaceAll("$1\u0302");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([A-Za-z])(\\d+)\\b").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder sub = new StringBuilder(m.group(1));
            for (char c : m.group(2).toCharArray()) sub.append((char) ('\u2080' + (c - '0')));
            m.appendReplacement(out, sub.toString());
        }
        m.appendTail(out);
        s = out.toString();
        s = s.replace("gbar", "ḡ").replace(" .* ", " ⊙ ").replace(" ./ ", " ⊘ ").replace("^T", "ᵀ").replace("sigmoid(", "σ(")
                .replace("ones", "𝟏").replace(" - ", " − ").replace("kron(", "⊗(");
        return s.replaceAll("(?<![A-Za-z])-", "−");
    }

    /** step(u) → 𝟏[u > 0], matching the parenthesis. */
    private static String stepAsIndicator(String s) {
        int at;
        while ((at = s.indexOf("step(")) >= 0) {
            int depth = 0, end = at + 4;
            for (; end < s.length(); end++) {
                if (s.charAt(end) == '(') depth++;
                else if (s.charAt(end) == ')' && --depth == 0) break;
            }
            if (end >= s.length()) break;
            s = s.substring(0, at) + "𝟏[" + s.substring(at + 5, end) + " > 0]" + s.substring(end + 1);
        }
        return s;
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }
}
