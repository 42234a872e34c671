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

    /**
     * An estimate of the width of math text: letters and digits one character, operators with their
     * spacing about two, sub- and superscripts at 70%, \frac the wider of its parts, command names
     * such as \odot one or two; used to size boxes (the text is fitted into them on the page).
     */
    static double width(String latex, double charCm) { return length(latex) * charCm; }

    static double length(String s) {
        double n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) j++;
                if (j == i + 1) { n += s.startsWith("\\,", i) ? 0.3 : 1; i = j + 1; continue; }
                String cmd = s.substring(i + 1, j);
                i = j;
                switch (cmd) {
                    case "left": case "right": n += 0.3; break;
                    case "frac": {
                        String a = group(s, i), b = group(s, i + a.length() + 2);
                        n += Math.max(length(a), length(b)) * 0.75 + 0.4;
                        i += a.length() + b.length() + 4;
                        break;
                    }
                    case "operatorname": case "mathrm": case "mathit": case "textsf": case "mathbf": case "text": {
                        String a = group(s, i);
                        n += length(a.replaceAll("\\\\[a-z]+ ?", "")) + ("operatorname".equals(cmd) ? 0.3 : 0);
                        i += a.length() + 2;
                        break;
                    }
                    case "hat": case "bar": case "tilde": case "mathbb": {
                        String a = group(s, i);
                        n += length(a);
                        i += a.length() + 2;
                        break;
                    }
                    case "log": case "exp": case "det": case "max": case "min": case "sin": case "cos": n += cmd.length() + 0.3; break;
                    case "odot": case "otimes": case "oslash": case "times": case "circ": n += 2; break;
                    case "top": n += 0.8; break;
                    case "lVert": case "rVert": n += 0.6; break;
                    default: n += 1.2;
                }
                continue;
            }
            if (c == '^' || c == '_') {
                String a = s.startsWith("{", i + 1) ? group(s, i + 1) : s.substring(i + 1, Math.min(s.length(), i + 2));
                n += length(a) * 0.7;
                i += s.startsWith("{", i + 1) ? a.length() + 3 : 2;
                continue;
            }
            if (c == '{' || c == '}' || c == ' ') { i++; continue; }
            n += "+-=<>".indexOf(c) >= 0 ? 2 : c == '(' || c == ')' || c == '[' || c == ']' || c == ',' ? 0.55 : 1;
            i++;
        }
        return n;
    }

    /** The text of the brace group starting at s[i] ('{'), without its braces; "" if there is none. */
    private static String group(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '{') return "";
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) == '{') depth++;
            else if (s.charAt(j) == '}' && --depth == 0) return s.substring(i + 1, j);
        }
        return s.substring(i + 1);
    }
}
