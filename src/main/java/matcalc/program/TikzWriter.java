package matcalc.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import matcalc.render.LatexRenderer;

/**
 * A {@link Graph} as a TikZ picture (needs tikz, graphicx, amsmath and amssymb), top down: inputs at
 * the top, the loss at the bottom. Operation nodes show the operation and what they compute in the
 * program's names ({@code L = -y^T log ŷ}); with local derivatives each edge label is a box of its
 * own between operand and operation. The boxes are sized from their text, placed by
 * {@link GraphLayout} so that none overlap, and each text is fitted into its box (scaled down in the
 * rare case the size estimate was short), so what the layout guarantees holds on the page.
 */
public final class TikzWriter {
    private TikzWriter() {}

    /** Average width of a character of math at \small and \scriptsize in an 11pt document, cm. */
    static final double SMALL_CHAR_CM = 0.19, SCRIPT_CHAR_CM = 0.155;
    /** Line heights, cm, and the padding inside a box. */
    static final double SMALL_LINE_CM = 0.46, SCRIPT_LINE_CM = 0.36, PAD_CM = 0.14;

    /** One box of the picture: its TikZ style and its text. */
    record Item(String id, String style, String text, double width, double height) {}

    /** The boxes and the links between them (an edge with a label is two links through the label's box). */
    record Picture(List<Item> items, List<String[]> links, GraphLayout.Result layout) {}

    static Picture picture(Graph g) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<String[]> links = new ArrayList<>();
        for (Graph.Node n : g.nodes()) items.put(n.dotId(), node(g, n));
        int k = 0;
        for (Graph.Edge e : g.edges()) {
            if (e.local() == null) {
                links.add(new String[] {e.from().dotId(), e.to().dotId()});
                continue;
            }
            String id = "e" + k++;
            String math = LatexRenderer.render(e.local());
            double w = width(math, SCRIPT_CHAR_CM) + PAD_CM, h = SCRIPT_LINE_CM + PAD_CM / 2;
            items.put(id, new Item(id, "local", "$" + math + "$", w, h));
            links.add(new String[] {e.from().dotId(), id});
            links.add(new String[] {id, e.to().dotId()});
        }
        Map<String, double[]> sizes = new LinkedHashMap<>();
        for (Item i : items.values()) sizes.put(i.id(), new double[] {i.width(), i.height()});
        GraphLayout.Result layout = GraphLayout.of(new GraphLayout.Request(sizes, links));
        return new Picture(new ArrayList<>(items.values()), links, layout);
    }

    private static Item node(Graph g, Graph.Node n) {
        switch (n.kind()) {
            case INPUT: case VARIABLE: {
                String math = LatexRenderer.renderVarName(n.binding());
                return new Item(n.dotId(), n.kind() == Graph.Kind.INPUT ? "input" : "variable", "$" + math + "$",
                        Math.max(0.7, width(math, SMALL_CHAR_CM) + PAD_CM), SMALL_LINE_CM + PAD_CM);
            }
            case CONSTANT: {
                String math = LatexRenderer.render(n.expr());
                return new Item(n.dotId(), "constant", "$" + math + "$", width(math, SMALL_CHAR_CM) + PAD_CM, SMALL_LINE_CM + PAD_CM);
            }
            default: {
                // what it computes, in the program's names; a binding's name first (L = -y^T log ŷ)
                String formula = LatexRenderer.renderDecimals(g.formula(n));
                if (n.binding() != null) formula = LatexRenderer.renderVarName(n.binding()) + " = " + formula;
                String op = operation(n.op());
                double w = Math.max(width(formula, SMALL_CHAR_CM), op.length() * SCRIPT_CHAR_CM * 0.95) + 3 * PAD_CM;
                String text = "\\textsf{\\scriptsize " + op + "}\\\\$" + formula + "$";
                return new Item(n.dotId(), n.binding() != null ? "binding" : "op", text, Math.max(0.9, w),
                        SCRIPT_LINE_CM + SMALL_LINE_CM + PAD_CM);
            }
        }
    }

    /** The operation's word without the numbers folded into it (the formula shows them): "matmul × -1" → matmul. */
    static String operation(String op) {
        String base = op.replaceAll(" [×+−].*$", "");
        return base.replace("^", "\\^{}").replace("[", "{[}").replace("]", "{]}");
    }

    /** The tikzpicture environment. */
    public static String write(Graph g) { return write(picture(g)); }

    /** The picture for a layout (the key and the standalone document share it). */
    static String write(Picture p) {
        Map<String, GraphLayout.Box> at = p.layout().boxes();
        StringBuilder sb = new StringBuilder();
        sb.append("\\begin{tikzpicture}[>=stealth, font=\\small,\n");
        sb.append("  box/.style={rectangle, inner sep=0pt, outer sep=0pt, align=center},\n");
        sb.append("  input/.style={box, draw, fill=black!8},\n");
        sb.append("  variable/.style={box, draw},\n");
        sb.append("  constant/.style={box},\n");
        sb.append("  op/.style={box, draw, rounded corners=2mm},\n");
        sb.append("  binding/.style={box, draw, rounded corners=2mm, very thick},\n");
        sb.append("  local/.style={box, font=\\scriptsize, fill=black!3}]\n");
        // \mcfit{W}{text}: the text, scaled down to width W if the size estimate was short
        sb.append("\\def\\mcfit#1#2{\\setbox0\\hbox{#2}\\ifdim\\wd0>#1\\resizebox{#1}{!}{\\box0}\\else\\box0\\fi}\n");
        for (Item i : p.items()) {
            GraphLayout.Box b = at.get(i.id());
            double inner = i.width() - (i.style().equals("local") ? 0.04 : 0.1);
            String text = i.text().contains("\\\\") ? "\\begin{tabular}{@{}c@{}}" + i.text() + "\\end{tabular}" : i.text();
            sb.append(String.format(Locale.ROOT, "\\node[%s, minimum width=%.2fcm, minimum height=%.2fcm] (%s) at (%.2f, %.2f) {\\mcfit{%.2fcm}{%s}};%n",
                    i.style(), b.width(), b.height(), i.id(), b.x(), b.y(), inner, text));
        }
        for (String[] l : p.links()) {
            boolean intoLabel = l[1].startsWith("e");
            sb.append(intoLabel ? "\\draw (" : "\\draw[->] (").append(l[0]).append(") -- (").append(l[1]).append(");\n");
        }
        return sb.append("\\end{tikzpicture}").toString();
    }

    /**
     * A complete document around the picture (compiles with pdflatex; only base and recommended
     * packages), its page the size of the picture plus a margin.
     */
    public static String standalone(Graph g) {
        Picture p = picture(g);
        double w = p.layout().width() + 2, h = p.layout().height() + 2;
        return String.format(Locale.ROOT, "\\documentclass{article}\n\\usepackage[paperwidth=%.1fcm, paperheight=%.1fcm, margin=1cm]{geometry}\n", w, h)
                + "\\usepackage{amsmath,amssymb,graphicx}\n\\usepackage{tikz}\n\\pagestyle{empty}\n\\begin{document}\n\\noindent "
                + write(p) + "\n\\end{document}\n";
    }

    /** The picture, scaled down to the line width when it is wider than the line. */
    public static String fitted(Graph g) {
        return "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n" + write(g) + "}";
    }

    /** The printed width of math text, from {@link matcalc.render.Display#length}. */
    static double width(String latex, double charCm) { return matcalc.render.Display.length(latex) * charCm; }
}
