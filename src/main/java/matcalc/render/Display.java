package matcalc.render;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Expr;

/**
 * Displayed equations that fit the line: a formula longer than the line is broken at the terms of
 * its sum (or the factors of its product) into an amsmath {@code aligned} block, continuation lines
 * indented after the equals sign. Widths are estimated from the LaTeX text ({@link #length}), in
 * characters of about 0.2 cm at 11 pt.
 */
public final class Display {
    private Display() {}

    /** Characters on a displayed line of the key's text width (17 cm), and inside a list (enumerate). */
    public static final double LINE = 78, LIST = 70;

    /** {@code lhs = e}, or its aligned form when longer than {@code budget}; math-mode content. */
    public static String equation(String lhs, Expr e, double budget) {
        return equation(lhs, e, List.of(), budget);
    }

    /**
     * As {@link #equation(String, Expr, double)}, followed by definitions ("where s = ...") that go on
     * a line of their own when the whole does not fit.
     */
    public static String equation(String lhs, Expr e, List<String> where, double budget) {
        String body = LatexRenderer.render(e);
        String tail = where.isEmpty() ? "" : ", \\quad \\text{where } " + String.join(",\\; ", where);
        String one = lhs + " = " + body + tail;
        if (length(one) <= budget) return one;
        List<String> lines = new ArrayList<>();
        String line = lhs + " &= ";
        boolean first = true;
        for (String piece : LatexRenderer.pieces(e)) {
            if (!first && length(line + piece) > budget) {
                lines.add(line.strip());
                line = "&\\quad ";
            }
            line += piece + " ";
            first = false;
        }
        lines.add(line.strip());
        if (!where.isEmpty()) lines.add("&\\text{where } " + String.join(",\\; ", where));
        if (lines.size() == 1) return one;
        return "\\begin{aligned} " + String.join(" \\\\ ", lines) + " \\end{aligned}";
    }

    /**
     * An estimate of the printed width of math text in characters: letters and digits one,
     * relations and binary operators with their spacing two, sub- and superscripts at 70%, \frac
     * the wider of its parts, matrices by their widest row, command names by what they print.
     */
    public static double length(String s) {
        double n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) j++;
                if (j == i + 1) {
                    n += s.startsWith("\\,", i) ? 0.3 : s.startsWith("\\;", i) ? 0.5 : s.startsWith("\\\\", i) ? 0 : 1;
                    i = j + 1;
                    continue;
                }
                String cmd = s.substring(i + 1, j);
                i = j;
                switch (cmd) {
                    case "left": case "right": n += 0.3; break;
                    case "quad": n += 2; break;
                    case "frac": case "tfrac": {
                        String a = group(s, i), b = group(s, i + a.length() + 2);
                        n += Math.max(length(a), length(b)) * (cmd.equals("frac") ? 0.8 : 0.7) + 0.4;
                        i += a.length() + b.length() + 4;
                        break;
                    }
                    case "begin": {
                        // a matrix: its widest row, entries one column each
                        int end = s.indexOf("\\end{", i);
                        String inner = end < 0 ? s.substring(i) : s.substring(i, end);
                        double widest = 0;
                        for (String row : inner.replaceFirst("^\\{[a-z*]+\\}", "").split("\\\\\\\\")) {
                            double w = 0;
                            for (String cell : row.split("&")) w += length(cell.strip()) + 1.2;
                            widest = Math.max(widest, w);
                        }
                        n += widest + 1;
                        i = end < 0 ? s.length() : s.indexOf('}', end + 5) + 1;
                        break;
                    }
                    case "end": i = s.indexOf('}', i) + 1; break;
                    case "operatorname": case "mathrm": case "mathit": case "textsf": case "mathbf": case "text": case "boxed": {
                        String a = group(s, i);
                        n += length(a) + ("operatorname".equals(cmd) ? 0.3 : 0);
                        i += a.length() + 2;
                        break;
                    }
                    case "hat": case "bar": case "tilde": case "mathbb": {
                        String a = group(s, i);
                        n += length(a);
                        i += a.length() + 2;
                        break;
                    }
                    case "log": case "exp": case "det": case "max": case "min": case "sin": case "cos": case "tanh":
                        n += cmd.length() + 0.3; break;
                    case "odot": case "otimes": case "oslash": case "times": case "circ": case "in": case "approx": n += 2; break;
                    case "top": n += 0.8; break;
                    case "lVert": case "rVert": case "lvert": case "rvert": n += 0.6; break;
                    case "partial": n += 1; break;
                    default: n += 1.2;
                }
                continue;
            }
            if (c == '^' || c == '_') {
                boolean braced = s.startsWith("{", i + 1);
                String a = braced ? group(s, i + 1) : s.substring(i + 1, Math.min(s.length(), i + 2));
                n += length(a) * 0.7;
                i += braced ? a.length() + 3 : 2;
                continue;
            }
            if (c == '{' || c == '}' || c == ' ' || c == '&') { i++; continue; }
            n += "+-=<>".indexOf(c) >= 0 ? 2 : "()[],".indexOf(c) >= 0 ? 0.55 : 1;
            i++;
        }
        return n;
    }

    /** The text of the brace group starting at s[i] ('{'), without its braces; "" if there is none. */
    static String group(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '{') return "";
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) == '{') depth++;
            else if (s.charAt(j) == '}' && --depth == 0) return s.substring(i + 1, j);
        }
        return s.substring(i + 1);
    }
}
