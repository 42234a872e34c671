package matcalc.key;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.MatcalcError;
import matcalc.syntax.Parse;

/**
 * A problem set for {@code matcalc key}: a title, then problems, each opened by a line
 * {@code == heading} and made of {@code key: value} fields. A value continues on the lines after it
 * that are indented, so a program or a paragraph can be written in place:
 * <pre>
 * title: Homework 1 — answer key
 *
 * == Part 1, question 3
 * text: Differentiate $x^\top A x$ with respect to $x$.
 * diff: x^T A x
 * wrt: x
 *
 * == Part 2
 * program: mlp.mc              (a file beside the problem file, or an indented block)
 * grad: L
 * wrt: W1, W21, W22
 * graph: backprop
 *
 * == Part 3, question 1
 * text: Why can the loss go up after an SGD step?
 * answer: A learning rate that is too large; noisy mini-batch gradients.
 *
 * == Prove or disprove
 * claim: grad(x^T A x, x) = 2 A x
 * where: A: n x n
 * </pre>
 * Fields: text (LaTeX), diff, wrt, where, layout, order (1 or 2: a Hessian), steps (yes/no), index (yes/no: diff in index
 * notation), claim (LHS = RHS, checked as `matcalc check` does), program, grad, digits, graph
 * (no/yes/backprop), grid (NAME=v1,v2,...), answer (LaTeX, free text), note (LaTeX). Lines starting with
 * '#' outside a value are comments.
 */
public record ProblemFile(String title, List<Problem> problems) {

    /**
     * One problem: its heading and fields (values stripped; block values keep their lines).
     * @param line       the heading's line
     * @param fieldLines the line each field starts on, for errors found when the key is written
     */
    public record Problem(String heading, Map<String, String> fields, int line, Map<String, Integer> fieldLines) {
        public String get(String key) { return fields.get(key); }
        public String get(String key, String otherwise) { return fields.getOrDefault(key, otherwise); }
        public boolean has(String key) { return fields.containsKey(key); }
        /** yes/true or no/false (checked when the file is read). */
        public boolean flag(String key) { return has(key) && YES.contains(get(key).toLowerCase()); }
        public int lineOf(String key) { return fieldLines.getOrDefault(key, line); }
    }

    static final Set<String> FIELDS = Set.of("text", "diff", "wrt", "where", "layout", "order", "steps", "index", "claim", "program",
            "grad", "digits", "graph", "grid", "answer", "note");
    private static final Set<String> YES = Set.of("yes", "true");
    private static final Set<String> NO = Set.of("no", "false");

    /** Parses a problem file; {@code program: FILE} is read relative to the file's folder. */
    public static ProblemFile read(Path file) throws java.io.IOException {
        return parse(Files.readString(file), file.toAbsolutePath().getParent());
    }

    public static ProblemFile parse(String text, Path base) {
        String[] lines = text.split("\r?\n", -1);
        String title = null;
        List<Problem> problems = new ArrayList<>();
        String heading = null;
        int headingLine = 0;
        Map<String, String> fields = null;
        Map<String, Integer> fieldLines = null;
        String key = null;
        StringBuilder value = null;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            boolean continuation = line != null && key != null && (line.startsWith(" ") || line.startsWith("\t") || line.isBlank());
            if (continuation) {
                value.append('\n').append(line);
                continue;
            }
            if (key != null) {
                String v = dedent(value.toString());
                if (fields == null) {
                    if (!key.equals("title")) throw error(i, "only 'title:' may come before the first '== heading'");
                    title = v;
                } else {
                    fields.put(key, v);
                }
                key = null;
            }
            if (line == null) break;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("==")) {
                if (fields != null) problems.add(finish(heading, fields, headingLine, fieldLines, base));
                heading = t.substring(2).strip();
                headingLine = i + 1;
                fields = new LinkedHashMap<>();
                fieldLines = new LinkedHashMap<>();
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0) throw error(i + 1, "expected 'field: value' or '== heading', got '" + t + "'");
            key = t.substring(0, colon).strip().toLowerCase();
            if (fields != null && !FIELDS.contains(key)) {
                throw error(i + 1, "unknown field '" + key + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
            if (fields != null && fields.containsKey(key)) throw error(i + 1, "field '" + key + "' given twice");
            if (fieldLines != null) fieldLines.put(key, i + 1);
            value = new StringBuilder(t.substring(colon + 1).strip());
        }
        if (fields != null) problems.add(finish(heading, fields, headingLine, fieldLines, base));
        if (problems.isEmpty()) throw error(1, "no problems (each starts with a line '== heading')");
        return new ProblemFile(title == null ? "Answer key" : title, problems);
    }

    private static Problem finish(String heading, Map<String, String> fields, int line, Map<String, Integer> fieldLines, Path base) {
        int kinds = (fields.containsKey("diff") ? 1 : 0) + (fields.containsKey("program") ? 1 : 0) + (fields.containsKey("claim") ? 1 : 0);
        if (kinds > 1) throw error(line, "a problem has one of 'diff:', 'program:' or 'claim:', not several");
        if (kinds == 0 && !fields.containsKey("answer") && !fields.containsKey("text")) throw error(line, "the problem '" + heading + "' is empty");
        if (fields.containsKey("diff") && !fields.containsKey("wrt")) throw error(line, "'diff:' needs 'wrt:'");
        if (fields.containsKey("index")) {
            int at = fieldLines.get("index");
            if (!fields.containsKey("diff")) throw error(at, "'index:' goes with 'diff:'");
            String v = fields.get("index").toLowerCase();
            if (!YES.contains(v) && !NO.contains(v)) throw error(at, "'index:' is yes/true or no/false, got '" + fields.get("index") + "'");
        }
        if (fields.containsKey("order")) {
            int at = fieldLines.get("order");
            if (!fields.containsKey("diff")) throw error(at, "'order:' goes with 'diff:'");
            if (!fields.get("order").equals("1") && !fields.get("order").equals("2")) {
                throw error(at, "'order:' is 1 (first derivative) or 2 (Hessian), got '" + fields.get("order") + "'");
            }
        }
        if (fields.containsKey("claim")) claimSyntax(fields.get("claim"), fieldLines.get("claim"));
        String program = fields.get("program");
        if (program != null && !program.contains("\n") && !program.contains("=")) {
            Path p = base == null ? Path.of(program) : base.resolve(program);
            try {
                fields.put("program", Files.readString(p));
                fields.put("program-file", program);
            } catch (java.io.IOException e) {
                throw error(line, "cannot read the program file " + p);
            }
        }
        return new Problem(heading, fields, line, Map.copyOf(fieldLines));
    }

    /** Syntax only, so a typo is reported with its line before anything runs; types are checked with the claim. */
    private static void claimSyntax(String claim, int line) {
        if (!claim.contains("=")) throw error(line, "a claim needs '=' between its two sides, e.g. 'claim: tr(A B) = tr(B A)'");
        try {
            Parse.equation(claim);
        } catch (MatcalcError e) {
            throw error(line, "claim '" + claim + "': " + e.getMessage());
        }
    }

    /** Removes the common indentation of the continuation lines (the first line is already stripped). */
    private static String dedent(String v) {
        String[] ls = v.split("\n", -1);
        if (ls.length == 1) return v;
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < ls.length; i++) {
            if (ls[i].isBlank()) continue;
            int k = 0;
            while (k < ls[i].length() && Character.isWhitespace(ls[i].charAt(k))) k++;
            common = Math.min(common, k);
        }
        StringBuilder sb = new StringBuilder(ls[0]);
        for (int i = 1; i < ls.length; i++) {
            sb.append('\n').append(ls[i].isBlank() ? "" : ls[i].substring(Math.min(common, ls[i].length())));
        }
        return sb.toString().strip();
    }

    static MatcalcError error(int line, String msg) {
        return new MatcalcError(MatcalcError.Kind.SYNTAX, "problem file, line " + line + ": " + msg);
    }
}
