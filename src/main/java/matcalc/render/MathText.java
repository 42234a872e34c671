package matcalc.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * matcalc's own messages (rule captions such as {@code t-t: (A^T)^T = A}, layout and check lines,
 * diagnoses, notes) as LaTeX text with every formula in math mode. The messages are written in the
 * input syntax, so they are read as it is read: a token is a name, a number, an operator or a word;
 * runs of names and operators are formulas and are typeset as LaTeX renders expressions
 * ({@code ^T} → {@code ^\top}, {@code dX} → {@code \mathrm{d}X}, {@code W1} → {@code W_{1}},
 * {@code tr} → {@code \operatorname{tr}}); English words, equation numbers and parenthesised remarks
 * stay text; a command-line option {@code --layout} is set in typewriter type. Nothing here leaves a
 * raw {@code ^}, {@code _} or {@code --} outside math.
 */
public final class MathText {
    private MathText() {}

    private enum Kind { NAME, NUMBER, OP, SPACE, WORD, OPTION, OPEN, CLOSE }

    private record Token(Kind kind, String text) {}

    /** Names that are operations in formulas, typeset upright. */
    private static final Set<String> FUNCTIONS = Set.of("tr", "det", "logdet", "vec", "vec_r", "diag", "sum", "log", "exp", "softmax",
            "max", "min", "relu", "sign", "step", "abs", "sqrt", "kron", "inv", "sigmoid", "tanh", "sin", "cos", "tan",
            "norm1", "norm2", "onehot", "grad", "jacobian", "hessian", "ones", "eye", "vector", "matrix");
    private static final Set<String> LATEX_FUNCTIONS = Set.of("det", "log", "exp", "max", "min", "tanh", "sin", "cos", "tan");
    /** Short words that are English, not names (single letters other than these are names). */
    private static final Set<String> SHORT_WORDS = Set.of("if", "of", "in", "by", "to", "is", "as", "or", "at", "on", "be",
            "eq", "no", "it", "an", "so", "we", "up", "Th", "i.e", "e.g");
    private static final Pattern TIMES = Pattern.compile("(?<=\\b[0-9a-z]{1,3}) x (?=[0-9a-z]{1,3}\\b)");
    /** A simplification rule's caption starts with its name: "t-t: (A^T)^T = A". */
    private static final Pattern RULE_NAME = Pattern.compile("([a-z][a-z0-9]*(?:-[a-z0-9]+)+): ");
    /** cross-entropy, one-hot, element-wise: one word (words of two letters or more: X^{j-k} is math). */
    private static final Pattern COMPOUND = Pattern.compile("(?<![A-Za-z0-9{^_])[a-z]{2,}(?:-[a-z]{2,})+(?![A-Za-z0-9(])");
    private static final Pattern ADJOINT = Pattern.compile("d([A-Za-z][A-Za-z0-9]*)/d([A-Za-z][A-Za-z0-9]*)");

    /** LaTeX for a text context: words as words, formulas between dollars. */
    public static String latex(String message) {
        Matcher rule = RULE_NAME.matcher(message);
        if (rule.lookingAt()) return "\\textsf{" + rule.group(1) + "}: " + latex(message.substring(rule.end()));
        List<Token> ts = tokens(TIMES.matcher(message).replaceAll(" \u00d7 "));
        boolean[] text = classify(ts);
        StringBuilder out = new StringBuilder();
        List<Token> math = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            if (!text[i]) {
                math.add(ts.get(i));
                continue;
            }
            flush(math, out);
            Token t = ts.get(i);
            out.append(t.kind() == Kind.OPTION ? "\\texttt{" + t.text().replace("--", "-{}-") + "}" : LatexText.escape(t.text()));
        }
        flush(math, out);
        return out.toString();
    }

    /** Math tokens: trailing and leading spaces go outside the dollars. */
    private static void flush(List<Token> math, StringBuilder out) {
        if (math.isEmpty()) return;
        int a = 0, b = math.size();
        while (a < b && math.get(a).kind() == Kind.SPACE) { out.append(' '); a++; }
        int trailing = 0;
        while (b > a && math.get(b - 1).kind() == Kind.SPACE) { b--; trailing++; }
        if (a < b) out.append('$').append(formula(math.subList(a, b))).append('$');
        out.append(" ".repeat(trailing));
        math.clear();
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i + 1;
            Kind k;
            if (Character.isWhitespace(c)) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
                k = Kind.SPACE;
            } else if (c == '-' && s.startsWith("--", i) && i + 2 < s.length() && Character.isLetter(s.charAt(i + 2))) {
                j = i + 2;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-')) j++;
                k = Kind.OPTION;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                Matcher m = Pattern.compile("\\d*\\.?\\d+(?:[eE][-+]?\\d+)?").matcher(s).region(i, s.length());
                j = m.lookingAt() ? m.end() : i + 1;
                k = Kind.NUMBER;
            } else if (s.startsWith("i.e.", i) || s.startsWith("e.g.", i)) {
                j = i + 4;
                k = Kind.NAME;
            } else if (Character.isLetter(c) && c < 128) {
                Matcher adj = ADJOINT.matcher(s).region(i, s.length());
                if (adj.lookingAt() && (adj.end() == s.length() || !(Character.isLetterOrDigit(s.charAt(adj.end())) || s.charAt(adj.end()) == '_'))) {
                    j = adj.end();
                } else {
                    while (j < s.length() && s.charAt(j) < 128 && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '\'')) j++;
                    Matcher compound = COMPOUND.matcher(s).region(i, s.length());
                    if (compound.lookingAt() && compound.end() > j) j = compound.end();
                }
                k = Kind.NAME;
            } else if (c == '(' || c == '[') {
                k = Kind.OPEN;
            } else if (c == ')' || c == ']') {
                k = Kind.CLOSE;
            } else if ((c == '.' && i + 1 < s.length() && "*/^".indexOf(s.charAt(i + 1)) >= 0) || (c == '|' && s.startsWith("||", i))) {
                j = i + 2;
                k = Kind.OP;
            } else {
                k = Kind.OP;
            }
            out.add(new Token(k, s.substring(i, j)));
            i = j;
        }
        // Words: English, told from names by length and by not being operations.
        for (int n = 0; n < out.size(); n++) {
            Token t = out.get(n);
            if (t.kind() == Kind.NAME && isWord(t.text(), out, n)) out.set(n, new Token(Kind.WORD, t.text()));
        }
        return out;
    }

    private static boolean isWord(String w, List<Token> ts, int at) {
        String bare = w.endsWith("'") ? w.substring(0, w.length() - 1) : w;
        if (bare.contains("-")) return true;
        Token next = neighbour(ts, at, 1), prev = neighbour(ts, at, -1);
        boolean afterWord = prev == null || prev.kind() == Kind.WORD || prev.text().equals(":") || prev.text().equals("(");
        boolean call = at + 1 < ts.size() && ts.get(at + 1).kind() == Kind.OPEN;
        // exponents and subscripts are formulas: J_ij, I_{mn}
        if (prev != null && (prev.text().equals("_") || prev.text().equals("^") || prev.text().equals("{"))) return false;
        if (FUNCTIONS.contains(bare)) {
            // "a sum with", "max rel. error", "matrix K": an operation's name used as a word, never before its argument
            return !call && ((prev != null && prev.kind() == Kind.WORD) || (next != null && english(next.text())));
        }
        if (call) return false;                                // unvec(M): an operation
        if (ACCENTED.matcher(bare).matches() || GREEK.contains(bare.replaceAll("\\d+$", ""))) return false;   // yhat, mu
        if (ADJOINT.matcher(w).matches()) return false;
        if (bare.matches("d[A-Za-z]")) return false;          // a differential dX
        if (bare.matches("[A-Za-z]+\\d+")) return false;      // W1, l21, norm2
        if (bare.length() >= 3 || SHORT_WORDS.contains(bare) || bare.contains(".")) return true;
        if (bare.length() == 2) return bare.chars().allMatch(Character::isLowerCase) && !bare.startsWith("d");
        // "a" as an article: after a word and before a word or a number
        if (bare.equals("a") && afterWord && next != null) {
            return next.kind() == Kind.NUMBER || (next.kind() == Kind.NAME && (next.text().contains("-")
                    || (next.text().length() >= 3 && next.text().chars().allMatch(Character::isLowerCase))));
        }
        return false;
    }

    /** yhat, xbar: names; "that", "what" are words. */
    private static final Pattern ACCENTED = Pattern.compile("(?!that|what|chat)[A-Za-z](hat|bar|tilde)\\d*");
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa",
            "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega");

    /** A name that reads as an English word. */
    private static boolean english(String w) {
        return !FUNCTIONS.contains(w) && !ACCENTED.matcher(w).matches()
                && ((w.length() >= 3 && w.chars().allMatch(Character::isLowerCase)) || SHORT_WORDS.contains(w) || w.contains("-"));
    }

    /** The nearest token that is not a space, in direction dir. */
    private static Token neighbour(List<Token> ts, int at, int dir) {
        int j = at + dir;
        while (j >= 0 && j < ts.size() && ts.get(j).kind() == Kind.SPACE) j += dir;
        return j < 0 || j >= ts.size() ? null : ts.get(j);
    }

    /**
     * Which tokens stay text: words, options, numbers next to nothing but text, punctuation between
     * text, brackets around a remark (a group with a word at its own level), and separators ", ; :"
     * where a formula ends.
     */
    private static boolean[] classify(List<Token> ts) {
        int n = ts.size();
        boolean[] text = new boolean[n];
        // brackets: a group is a remark when it has a word at its own depth
        int[] match = new int[n];
        java.util.Arrays.fill(match, -1);
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (ts.get(i).kind() == Kind.OPEN) open.push(i);
            else if (ts.get(i).kind() == Kind.CLOSE && !open.isEmpty()) { int o = open.pop(); match[o] = i; match[i] = o; }
        }
        for (int i = 0; i < n; i++) {
            Token t = ts.get(i);
            switch (t.kind()) {
                case WORD: case OPTION: text[i] = true; break;
                case OPEN: case CLOSE: {
                    int o = t.kind() == Kind.OPEN ? i : match[i];
                    int c = o < 0 ? -1 : match[o];
                    text[i] = o < 0 || c < 0 || remark(ts, o, c, match);
                    break;
                }
                default: break;
            }
        }
        // separators ", ; :" followed by a space end a formula; a colon right after a rule name too
        for (int i = 0; i < n; i++) {
            Token t = ts.get(i);
            if (t.kind() == Kind.OP && (t.text().equals(",") || t.text().equals(";") || t.text().equals(":") || t.text().equals("."))
                    && (i + 1 == n || ts.get(i + 1).kind() == Kind.SPACE) && depth(ts, i, match, text) == 0) text[i] = true;
        }
        // names, exponents, subscripts and formula brackets are math; numbers, spaces and other operators
        // join a formula next to them (past spaces); a space is math only between two math tokens
        Boolean[] side = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Token t = ts.get(i);
            if (text[i]) side[i] = true;
            else if (t.kind() == Kind.NAME || t.kind() == Kind.OPEN || t.kind() == Kind.CLOSE || MATH_OPS.contains(t.text())) side[i] = false;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (side[i] != null) continue;
                Boolean left = nearest(ts, side, i, -1), right = nearest(ts, side, i, 1);
                boolean math = ts.get(i).kind() == Kind.SPACE
                        ? Boolean.FALSE.equals(left) && Boolean.FALSE.equals(right)
                        : Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right);
                if (math) { side[i] = false; changed = true; }
            }
        }
        for (int i = 0; i < n; i++) text[i] = side[i] == null || side[i];
        return text;
    }

    /** Operators that are always part of a formula. */
    private static final Set<String> MATH_OPS = Set.of("^", ".^", "_", "||", "{", "}", "\u00d7", "\u2299", "\u2297", "\u2298", ".*", "./");

    /** The side of the nearest token in direction dir that is not a space (null: undecided; the ends are text). */
    private static Boolean nearest(List<Token> ts, Boolean[] side, int i, int dir) {
        int j = i + dir;
        while (j >= 0 && j < ts.size() && ts.get(j).kind() == Kind.SPACE) j += dir;
        return j < 0 || j >= ts.size() ? Boolean.TRUE : side[j];
    }

    private static boolean remark(List<Token> ts, int o, int c, int[] match) {
        for (int i = o + 1; i < c; i++) {
            Kind k = ts.get(i).kind();
            if (k == Kind.WORD || k == Kind.OPTION) return true;
            if (k == Kind.OPEN && match[i] > i) i = match[i];
        }
        return false;
    }

    /** How many formula brackets (not remarks) and braces are open at a token. */
    private static int depth(List<Token> ts, int at, int[] match, boolean[] text) {
        int d = 0;
        for (int i = 0; i < at; i++) {
            if (ts.get(i).kind() == Kind.OPEN && match[i] > at && !text[i]) d++;
        }
        // braces count too: K_{p,m}
        int braces = 0;
        for (int i = 0; i < at; i++) {
            if (ts.get(i).text().equals("{")) braces++;
            else if (ts.get(i).text().equals("}")) braces--;
        }
        return d + Math.max(0, braces);
    }

    // ------------------------------------------------------------------ one formula

    private static String formula(List<Token> ts) {
        StringBuilder sb = new StringBuilder();
        boolean previousAtom = false, previousDifferential = false;
        for (int i = 0; i < ts.size(); i++) {
            Token t = ts.get(i);
            String s = t.text();
            switch (t.kind()) {
                case SPACE: {
                    // juxtaposition next to a differential gets a thin space: A \, dX \, B
                    boolean nextDifferential = i + 1 < ts.size() && differential(ts, i + 1);
                    boolean nextAtom = i + 1 < ts.size() && (ts.get(i + 1).kind() == Kind.NAME || ts.get(i + 1).kind() == Kind.OPEN
                            || ts.get(i + 1).kind() == Kind.NUMBER);
                    sb.append(previousAtom && nextAtom && (previousDifferential || nextDifferential) ? " \\, " : " ");
                    continue;
                }
                case NAME:
                    if (s.equals("d") && !differentialD(ts, i)) sb.append("d");
                    else sb.append(name(s, i + 1 < ts.size() && ts.get(i + 1).kind() == Kind.OPEN));
                    break;
                case NUMBER:
                    // 1[u > 0] is the indicator
                    sb.append(s.equals("1") && i + 1 < ts.size() && ts.get(i + 1).text().equals("[") ? "\\mathbf{1}" : s);
                    break;
                case OPEN: sb.append(s); break;
                case CLOSE: sb.append(s); break;
                default: {
                    int used = op(ts, i, sb);
                    i += used - 1;
                    previousAtom = ts.get(i).kind() == Kind.CLOSE || (used > 1);
                    previousDifferential = false;
                    continue;
                }
            }
            previousAtom = t.kind() != Kind.OPEN;
            previousDifferential = t.kind() == Kind.NAME && differential(ts, i);
        }
        return sb.toString().strip();
    }

    /** A lone d is the differential operator unless it is a term of a sum (c a + d b). */
    private static boolean differentialD(List<Token> ts, int i) {
        Token prev = neighbour(ts, i, -1), next = neighbour(ts, i, 1);
        if (prev != null && (prev.text().equals("+") || prev.text().equals("-"))) return false;
        return next != null && (next.kind() == Kind.OPEN || FUNCTIONS.contains(next.text()) || next.text().equals("||") || next.text().equals("^")
                || next.text().equals("f") || next.kind() == Kind.NAME);
    }

    private static boolean differential(String s) { return s.matches("d[A-Za-z]") || s.equals("d"); }

    /** Whether the token at i is a differential (a lone d only where it is the operator). */
    private static boolean differential(List<Token> ts, int i) {
        String s = ts.get(i).text();
        return s.equals("d") ? differentialD(ts, i) : differential(s);
    }

    private static String name(String s, boolean call) {
        String prime = s.endsWith("'") ? "'" : "";
        String bare = prime.isEmpty() ? s : s.substring(0, s.length() - 1);
        // in running text an adjoint reads \partial L/\partial W_{1}: a \frac would be set tiny
        Matcher adj = ADJOINT.matcher(bare);
        if (adj.matches()) return "\\partial " + LatexRenderer.renderVarName(adj.group(1)) + "/\\partial " + LatexRenderer.renderVarName(adj.group(2));
        if (bare.equals("d")) return "\\mathrm{d}";
        if (bare.matches("d[A-Za-z]")) return "\\mathrm{d}" + bare.substring(1) + prime;
        if (bare.equals("sum") && !call) return "\\sum" + prime;
        if (bare.equals("logdet")) return "\\log\\det" + prime;
        if (bare.equals("vec_r")) return "\\operatorname{vec}_r" + prime;
        if (LATEX_FUNCTIONS.contains(bare)) return "\\" + bare + prime;
        if (FUNCTIONS.contains(bare) || (call && bare.length() > 1 && !bare.matches(".*\\d"))) return "\\operatorname{" + bare + "}" + prime;
        return LatexRenderer.renderVarName(bare) + prime;
    }

    /** One operator starting at ts[i], appended; returns how many tokens it used (an exponent takes its argument). */
    private static int op(List<Token> ts, int i, StringBuilder sb) {
        String s = ts.get(i).text();
        switch (s) {
            case "^": case ".^": {
                String circ = s.equals(".^") ? "\\circ " : "";
                if (i + 1 >= ts.size()) { sb.append("\\hat{}"); return 1; }
                Token next = ts.get(i + 1);
                if (next.text().equals("{")) {
                    int end = i + 1, depth = 0;
                    for (; end < ts.size(); end++) {
                        if (ts.get(end).text().equals("{")) depth++;
                        else if (ts.get(end).text().equals("}") && --depth == 0) break;
                    }
                    String inner = formula(ts.subList(i + 2, Math.min(end, ts.size())));
                    sb.append("^{").append(circ).append(inner.equals("T") ? "\\top" : inner.equals("-T") ? "-\\top" : inner).append("}");
                    return Math.min(end, ts.size() - 1) - i + 1;
                }
                if (next.kind() == Kind.OPEN) {
                    int depth = 0, end = i + 1;
                    for (; end < ts.size(); end++) {
                        if (ts.get(end).kind() == Kind.OPEN) depth++;
                        else if (ts.get(end).kind() == Kind.CLOSE && --depth == 0) break;
                    }
                    sb.append("^{").append(circ).append(formula(ts.subList(i + 2, Math.min(end, ts.size())))).append("}");
                    return Math.min(end, ts.size() - 1) - i + 1;
                }
                if (next.text().equals("T")) { sb.append(circ.isEmpty() ? "^\\top" : "^{\\circ\\top}"); return 2; }
                if (next.text().equals("-") && i + 2 < ts.size()) {
                    String e = ts.get(i + 2).text();
                    sb.append("^{").append(circ).append("-").append(e.equals("T") ? "\\top" : e).append("}");
                    return 3;
                }
                if (next.kind() == Kind.NAME || next.kind() == Kind.NUMBER) {
                    sb.append("^{").append(circ).append(next.kind() == Kind.NAME ? name(next.text(), false) : next.text()).append("}");
                    return 2;
                }
                sb.append("\\hat{}");
                return 1;
            }
            case "_": {
                if (i + 1 < ts.size() && ts.get(i + 1).text().equals("{")) {
                    int end = i + 1, depth = 0;
                    for (; end < ts.size(); end++) {
                        if (ts.get(end).text().equals("{")) depth++;
                        else if (ts.get(end).text().equals("}") && --depth == 0) break;
                    }
                    List<Token> inner = ts.subList(i + 2, Math.min(end, ts.size()));
                    // index lists (K_{p,m}, I_{mn}) are letters, not products of names
                    boolean letters = inner.stream().allMatch(x -> x.text().matches("[a-z0-9,]+"));
                    sb.append("_{").append(letters ? inner.stream().map(Token::text).reduce("", String::concat) : formula(inner)).append("}");
                    return Math.min(end, ts.size() - 1) - i + 1;
                }
                if (i + 1 < ts.size() && (ts.get(i + 1).kind() == Kind.NAME || ts.get(i + 1).kind() == Kind.NUMBER)) {
                    sb.append("_{").append(ts.get(i + 1).text()).append("}");
                    return 2;
                }
                sb.append("\\_");
                return 1;
            }
            case "||": sb.append(closesNorm(ts, i) ? "\\rVert" : "\\lVert "); return 1;
            case ".*": case "⊙": sb.append("\\odot"); return 1;
            case "./": case "⊘": sb.append("\\oslash"); return 1;
            case "⊗": sb.append("\\otimes"); return 1;
            case "×": sb.append("\\times"); return 1;
            case "−": sb.append("-"); return 1;
            case "ḡ": sb.append("\\bar{g}"); return 1;
            case "≈": sb.append("\\approx"); return 1;
            case "≠": sb.append("\\neq"); return 1;
            case "–": sb.append("-"); return 1;
            case "{": case "}": case "&": case "%": case "#": case "$":
                sb.append(s.equals("{") || s.equals("}") ? s : "\\" + s); return 1;
            case "~": sb.append("\\sim"); return 1;
            case "\\": sb.append("\\backslash"); return 1;
            default:
                if (s.length() == 1 && s.charAt(0) >= 128) { sb.append(LatexText.escape(s).replace("$", "")); return 1; }
                sb.append(s);
                return 1;
        }
    }

    /** A || closes a norm when an odd number of || precede it. */
    private static boolean closesNorm(List<Token> ts, int i) {
        int k = 0;
        for (int j = 0; j < i; j++) if (ts.get(j).text().equals("||")) k++;
        return k % 2 == 1;
    }
}
