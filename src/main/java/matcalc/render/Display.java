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
        return equation(lhs, LatexRenderer.render(e), List.of(), budget);
    }

    /**
     * {@code lhs = body}, followed by definitions ("where s = ..."). When the whole is longer than
     * the budget, the body is broken into lines of an {@code aligned} block at the places
     * {@link #breaks} finds, the definitions on a line of their own; a line that still cannot fit (one
     * long fraction) is scaled down to the line width rather than run into the margin.
     */
    public static String equation(String lhs, String body, List<String> where, double budget) {
        String tail = where.isEmpty() ? "" : ", \\quad \\text{where } " + String.join(",\\; ", where);
        String one = lhs + " = " + body + tail;
        if (length(one) <= budget) return one;
        return block(rows(lhs, body, where, budget), budget);
    }

    /** The rows of the broken form: "lhs &= ...", "&\\quad ...", and "&\\text{where } ..." (one row or more) last. */
    public static List<String> rows(String lhs, String body, List<String> where, double budget) {
        // \left( ... \right) cannot be broken inside: big fixed-size parentheses can
        String b = body.replace("\\left(", "\\bigl(").replace("\\right)", "\\bigr)")
                .replace("\\left[", "\\bigl[").replace("\\right]", "\\bigr]");
        List<String> lines = new ArrayList<>();
        // a long left side goes on a row of its own, so the continuation rows are not pushed right by it
        boolean longLhs = length(lhs) > budget * 0.35;
        double first = longLhs ? 4 : length(lhs) + 2;
        int start = 0;
        List<int[]> points = breaks(b);
        while (start < b.length()) {
            double room = lines.isEmpty() ? budget - first : budget - 2.5;
            if (length(b.substring(start)) <= room) { lines.add(b.substring(start).strip()); break; }
            int best = -1, bestScore = Integer.MAX_VALUE;
            for (int[] pt : points) {
                if (pt[0] <= start) continue;
                if (length(b.substring(start, pt[0])) > room) break;
                if (pt[1] <= bestScore) { best = pt[0]; bestScore = pt[1]; }
            }
            if (best < 0) {
                // nothing fits: break at the first place after the start (block() scales the line down)
                for (int[] pt : points) if (pt[0] > start) { best = pt[0]; break; }
                if (best < 0) { lines.add(b.substring(start).strip()); break; }
            }
            lines.add(b.substring(start, best).strip());
            start = best;
        }
        List<String> rows = new ArrayList<>();
        if (longLhs) rows.add("\\lefteqn{" + lhs + "}");
        for (int i = 0; i < lines.size(); i++) rows.add((i == 0 ? (longLhs ? "\\quad &= " : lhs + " &= ") : "&\\quad ") + lines.get(i));
        rows.addAll(whereRows(where, budget));
        return rows;
    }

    /**
     * "&\text{where } d1,\; d2" and, when the definitions do not fit one row (a deep network's
     * forward values and adjoints), as many further rows "&\quad d3,\; d4" as they need, each
     * filled up to the budget.
     */
    static List<String> whereRows(List<String> where, double budget) {
        List<String> rows = new ArrayList<>();
        if (where.isEmpty()) return rows;
        String lead = "&\\text{where } ";
        StringBuilder row = new StringBuilder(lead);
        boolean empty = true;
        for (String d : where) {
            if (!empty && length(row + ",\\; " + d) > budget) {
                rows.add(row.append(",").toString());
                row = new StringBuilder("&\\quad ");
                empty = true;
            }
            row.append(empty ? "" : ",\\; ").append(d);
            empty = false;
        }
        rows.add(row.toString());
        return rows;
    }

    /** Rows as an aligned block, scaled down to the line width when one of them still does not fit. */
    public static String block(List<String> rows, double budget) {
        boolean fits = true;
        for (String r : rows) fits &= length(r.replaceFirst("^\\\\lefteqn", "")) <= budget + 1;
        String block = "\\begin{aligned} " + String.join(" \\\\ ", rows) + " \\end{aligned}";
        return fits ? block : "\\resizebox{\\linewidth}{!}{$\\displaystyle " + block + "$}";
    }

    /**
     * Where a formula may be broken, each with a cost (lower is better): before a + or - of a sum,
     * then before \odot, \otimes, then between factors, each the cheaper the fewer parentheses are
     * open; never inside braces (a \frac, a subscript) or a \left...\right pair, never right after
     * an operator or an opening parenthesis.
     */
    static List<int[]> breaks(String s) {
        List<int[]> out = new ArrayList<>();
        int braces = 0, lefts = 0, parens = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (s.startsWith("\\left", i) && !s.startsWith("\\leftarrow", i)) lefts++;
                else if (s.startsWith("\\right", i) && !s.startsWith("\\rightarrow", i)) lefts--;
                else if (s.startsWith("\\bigl", i)) parens++;
                else if (s.startsWith("\\bigr", i)) parens--;
                else if (s.startsWith("\\begin", i)) braces += 100;   // a matrix is one piece
                else if (s.startsWith("\\end", i)) braces -= 100;
                i++;
                continue;
            }
            if (c == '{') braces++;
            else if (c == '}') braces--;
            else if (c == '(' || c == '[') parens++;
            else if (c == ')' || c == ']') parens--;
            if (c != ' ' || braces != 0 || lefts != 0) continue;
            String before = s.substring(0, i).stripTrailing(), after = s.substring(i + 1);
            if (before.endsWith("(") || before.endsWith("+") || before.endsWith("-") || before.endsWith("=") || before.endsWith("\\odot")
                    || before.endsWith("\\otimes") || before.endsWith("\\oslash") || before.endsWith("\\bigl(") || before.endsWith(",")
                    || before.endsWith("\\,") || before.isEmpty()) continue;
            if (after.startsWith(")") || after.startsWith("\\bigr") || after.startsWith("\\,") || after.startsWith("=")) continue;
            int kind = after.startsWith("+ ") || after.startsWith("- ") ? 0
                    : after.startsWith("\\odot") || after.startsWith("\\otimes") || after.startsWith("\\oslash") ? 1 : 2;
            out.add(new int[] {i, Math.max(0, parens) * 3 + kind});
        }
        return out;
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
