package matcalc.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import matcalc.render.LatexRenderer;

/**
 * A {@link Graph} as a TikZ picture (needs the tikz package, plus amsmath and amssymb for the
 * labels). Layout by layers: inputs in the first column, each operation one column right of its
 * deepest operand; within a column nodes sit near the mean height of their operands.
 */
public final class TikzWriter {
    private TikzWriter() {}

    /** Column width without and with derivative labels on the edges, and row height. */
    static final double COLUMN_CM = 2.6, LABELLED_COLUMN_CM = 4.2, ROW_CM = 1.4;
    /** Top down: horizontal spacing with edge labels, and the distance between layers. */
    static final double TOP_DOWN_COLUMN_CM = 4.6, TOP_DOWN_ROW_CM = 1.7;

    /** The tikzpicture environment, left to right. */
    public static String write(Graph g) { return write(g, false); }

    /**
     * The tikzpicture environment; {@code topDown} puts the layers in rows, inputs at the top (it fits
     * a portrait page), otherwise in columns, inputs at the left.
     */
    public static String write(Graph g, boolean topDown) {
        Map<Graph.Node, Integer> layer = g.layers();
        Map<Graph.Node, Double> y = rows(g, layer);
        boolean labelled = g.edges().stream().anyMatch(e -> e.local() != null);
        double column = labelled ? LABELLED_COLUMN_CM : COLUMN_CM;
        StringBuilder sb = new StringBuilder();
        sb.append("\\begin{tikzpicture}[>=stealth, font=\\small,\n");
        sb.append("  input/.style={draw, rectangle, fill=black!8, minimum height=6mm},\n");
        sb.append("  variable/.style={draw, rectangle, minimum height=6mm},\n");
        sb.append("  constant/.style={},\n");
        sb.append("  op/.style={draw, rounded corners=2.5mm, align=center, inner sep=2pt, minimum height=6mm},\n");
        sb.append("  binding/.style={draw, rounded corners=2.5mm, very thick, align=center, inner sep=2pt, minimum height=6mm},\n");
        sb.append(topDown ? "  local/.style={font=\\scriptsize, fill=white, fill opacity=0.85, text opacity=1, inner sep=1pt, pos=0.45}]\n"
                : "  local/.style={font=\\scriptsize, fill=white, inner sep=1pt, midway, sloped}]\n");
        for (Graph.Node n : g.nodes()) {
            double a = layer.get(n), b = y.get(n);
            double px = topDown ? b * (labelled ? TOP_DOWN_COLUMN_CM : COLUMN_CM) : a * column;
            double py = topDown ? -a * TOP_DOWN_ROW_CM : -b * ROW_CM;
            sb.append(String.format(Locale.ROOT, "\\node[%s] (%s) at (%.2f, %.2f) {%s};%n", style(n), n.dotId(), px, py, label(n)));
        }
        for (Graph.Edge e : g.edges()) {
            sb.append("\\draw[->] (").append(e.from().dotId()).append(") -- ");
            if (e.local() != null) sb.append("node[local] {$").append(LatexRenderer.render(e.local())).append("$} ");
            sb.append("(").append(e.to().dotId()).append(");\n");
        }
        return sb.append("\\end{tikzpicture}").toString();
    }

    /** A complete document around the picture (compiles with pdflatex; only base and recommended packages). */
    public static String standalone(Graph g) {
        return "\\documentclass{article}\n\\usepackage[landscape, margin=1cm]{geometry}\n\\usepackage{amsmath,amssymb,graphicx}\n"
                + "\\usepackage{tikz}\n\\pagestyle{empty}\n\\begin{document}\n\\noindent " + fitted(g) + "\n\\end{document}\n";
    }

    /** The picture, scaled down to the line width when it is wider than the line. */
    public static String fitted(Graph g) { return fitted(g, false); }

    public static String fitted(Graph g, boolean topDown) {
        return "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n" + write(g, topDown) + "}";
    }

    private static String style(Graph.Node n) {
        switch (n.kind()) {
            case INPUT: return "input";
            case VARIABLE: return "variable";
            case CONSTANT: return "constant";
            default: return n.binding() != null ? "binding" : "op";
        }
    }

    static String label(Graph.Node n) {
        switch (n.kind()) {
            case INPUT: case VARIABLE: return "$" + LatexRenderer.renderVarName(n.binding()) + "$";
            case CONSTANT: return "$" + LatexRenderer.render(n.expr()) + "$";
            default: {
                String op = "\\textsf{" + n.op().replace("×", "$\\times$").replace("−", "$-$").replace("^", "\\^{}")
                        .replace("[", "{[}").replace("]", "{]}") + "}";
                return n.binding() == null ? op : op + "\\\\$" + LatexRenderer.renderVarName(n.binding()) + "$";
            }
        }
    }

    /**
     * Heights, right to left: the sinks in order of appearance, every other node at the mean height
     * of its users; then each column is spread so that nodes are at least a row apart, in order.
     */
    private static Map<Graph.Node, Double> rows(Graph g, Map<Graph.Node, Integer> layer) {
        Map<Graph.Node, Double> y = new HashMap<>();
        int columns = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        double sinks = 0;
        for (int c = columns - 1; c >= 0; c--) {
            List<Graph.Node> col = new ArrayList<>();
            for (Graph.Node n : g.nodes()) if (layer.get(n) == c) col.add(n);
            List<double[]> wanted = new ArrayList<>();
            for (int k = 0; k < col.size(); k++) {
                List<Graph.Node> users = g.users(col.get(k));
                double want = users.isEmpty() ? sinks++ : users.stream().mapToDouble(y::get).average().orElse(0);
                wanted.add(new double[] {want, k});
            }
            wanted.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            double last = Double.NEGATIVE_INFINITY;
            for (double[] w : wanted) {
                double at = Math.max(w[0], last + 1);
                y.put(col.get((int) w[1]), at);
                last = at;
            }
        }
        return y;
    }
}
