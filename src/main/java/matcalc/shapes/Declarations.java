package matcalc.shapes;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.expr.Dim;
import matcalc.expr.Property;

/**
 * Type declarations such as {@code "A: n x n symmetric; x: n; W1: 2 x 4; s: scalar"}. Entries are
 * separated by ';' or new lines; several names may share one entry ({@code A, B: n x n}).
 */
public final class Declarations {

    /** One declared name. rows/cols are null when only structure was given (sizes inferred). */
    public record Decl(String name, Dim rows, Dim cols, Set<Property> properties, Span span) {
        public Decl { properties = Set.copyOf(properties); }
        public boolean sized() { return rows != null; }
    }

    /**
     * Where a size is written at the start of a declaration's shape: "n", "m x n" (or ×, *), each
     * size a name or digits; "vector(n)" as the types line prints it. Scanned by hand (this runs on
     * every request; the regular expressions it replaces were a few per cent of a small derivation).
     * rows is [start1, end1), cols [start2, end2) or start2 = -1, end where the match ends.
     */
    record SizeAt(int start1, int end1, int start2, int end2, int end) {
        String rows(String s) { return s.substring(start1, end1); }
        String cols(String s) { return start2 < 0 ? null : s.substring(start2, end2); }
    }

    /** "n" or "m x n" at the start of s (after blanks), or null. */
    static SizeAt sizeAt(String s) {
        int i = blanks(s, 0), e1 = sizeEnd(s, i);
        if (e1 < 0) return null;
        int j = blanks(s, e1);
        if (j < s.length() && "x×*".indexOf(s.charAt(j)) >= 0) {
            int k = blanks(s, j + 1), e2 = sizeEnd(s, k);
            if (e2 >= 0) return new SizeAt(i, e1, k, e2, e2);
        }
        return new SizeAt(i, e1, -1, -1, e1);
    }

    /** "vector(n)" at the start of s (blanks allowed around each part), or null. */
    static SizeAt vectorAt(String s) {
        int i = blanks(s, 0);
        if (!s.startsWith("vector", i)) return null;
        int j = blanks(s, i + "vector".length());
        if (j >= s.length() || s.charAt(j) != '(') return null;
        int k = blanks(s, j + 1), e = sizeEnd(s, k);
        if (e < 0) return null;
        int close = blanks(s, e);
        if (close >= s.length() || s.charAt(close) != ')') return null;
        return new SizeAt(k, e, -1, -1, close + 1);
    }

    /** The end of a name or of a run of ASCII digits starting at i, or -1 when neither starts there. */
    private static int sizeEnd(String s, int i) {
        if (i >= s.length()) return -1;
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            return i;
        }
        int j = i;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            if (!(Character.isLetter(cp) || cp == '_' || j > i && isNumber(cp))) break;
            j += Character.charCount(cp);
        }
        return j > i ? j : -1;
    }

    /** Past the blanks (regular expressions' \s: space, tab, line breaks, form feed) from i. */
    private static int blanks(String s, int i) {
        while (i < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(i)) >= 0) i++;
        return i;
    }

    /** \p{N}: digits, letter numbers (Ⅻ) and other numbers (²). */
    private static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Whether t is a name: a letter or '_', then letters, digits and '_' (a loop: this runs on every request). */
    public static boolean isName(String t) {
        if (t.isEmpty()) return false;
        for (int i = 0; i < t.length(); ) {
            int c = t.codePointAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || i > 0 && isNumber(c);
            if (!ok) return false;
            i += Character.charCount(c);
        }
        return true;
    }

    /** Between structure words (String.split would compile this pattern on every call). */
    private static final Pattern WORDS = Pattern.compile("[\\s,]+");

    private final Map<String, Decl> decls;
    /** Names declared "f: function": uninterpreted scalar functions applied element-wise. */
    private final Set<String> functions;

    private Declarations(Map<String, Decl> decls, Set<String> functions) {
        this.decls = decls;
        this.functions = Set.copyOf(functions);
    }

    public static final Declarations NONE = new Declarations(Map.of(), Set.of());

    public boolean isFunction(String name) { return functions.contains(name); }
    public Set<String> functions() { return functions; }

    public Decl get(String name) { return decls.get(name); }
    public Map<String, Decl> all() { return decls; }

    public static Declarations parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        Map<String, Decl> out = new LinkedHashMap<>();
        Set<String> functions = new java.util.LinkedHashSet<>();
        try {
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ';' || text.charAt(i) == '\n') {
                    if (!text.substring(start, i).isBlank()) entry(text, start, i, out, functions);
                    start = i + 1;
                }
            }
        } catch (MatcalcError e) {
            throw e.withSource(text);
        }
        return new Declarations(out, functions);
    }

    private static void entry(String text, int from, int to, Map<String, Decl> out, Set<String> functions) {
        String part = text.substring(from, to);
        int colon = part.indexOf(':');
        if (colon < 0) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "declaration needs 'name: shape', e.g. 'A: n x n'",
                    new Span(from + lead(part), to));
        }
        // The names before the colon.
        String names = part.substring(0, colon);
        java.util.List<String[]> nameList = new java.util.ArrayList<>();
        int off = 0;
        for (String n : names.split(",", -1)) {
            String t = n.strip();
            int at = from + off + n.indexOf(t.isEmpty() ? " " : t);
            if (!isName(t)) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "not a name: '" + t + "'", new Span(Math.max(from, at), Math.max(from, at) + Math.max(1, t.length())));
            }
            nameList.add(new String[] {t, Integer.toString(at)});
            off += n.length() + 1;
        }
        // The shape, then structure words.
        String spec = part.substring(colon + 1);
        int specAt = from + colon + 1;
        if (spec.strip().equals("function")) {
            for (String[] n : nameList) {
                int at = Integer.parseInt(n[1]);
                if (out.containsKey(n[0]) || !functions.add(n[0])) {
                    throw new MatcalcError(MatcalcError.Kind.NAME, "'" + n[0] + "' is declared twice", new Span(at, at + n[0].length()));
                }
            }
            return;
        }
        Dim rows = null, cols = null;
        Set<Property> props = EnumSet.noneOf(Property.class);
        int pos = 0;
        SizeAt m = sizeAt(spec), v = vectorAt(spec);
        if (v != null) {
            // vector(n), as the types line prints it
            rows = dim(v.rows(spec), specAt + v.start1());
            cols = Dim.ONE;
            pos = v.end();
        } else if (m != null && Property.byWord(m.rows(spec)) == null) {
            String first = m.rows(spec);
            if (first.equals("scalar")) {
                rows = Dim.ONE; cols = Dim.ONE;
            } else if (first.equals("vector") || first.equals("matrix")) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "give sizes, e.g. 'x: n' for a vector or 'A: m x n' for a matrix",
                        new Span(specAt + m.start1(), specAt + m.end1()));
            } else {
                rows = dim(first, specAt + m.start1());
                cols = m.cols(spec) != null ? dim(m.cols(spec), specAt + m.start2()) : Dim.ONE;
            }
            pos = m.end();
        }
        for (String word : WORDS.split(spec.substring(pos).trim())) {
            if (word.isEmpty()) continue;
            Property p = Property.byWord(word.toLowerCase());
            if (p == null) {
                int at = specAt + spec.indexOf(word, pos);
                if (spec.indexOf(':', pos) >= 0) {
                    // "A: 3 x 3, X: 3 x 2": a comma where a ';' was meant
                    throw new MatcalcError(MatcalcError.Kind.SYNTAX, "declarations are separated by ';', as in 'A: 3 x 3; X: 3 x 2'",
                            new Span(at, at + word.length()));
                }
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "unknown property '" + word
                        + "' (known: symmetric, diagonal, spd, orthogonal, invertible, probability; or 'f: function')", new Span(at, at + word.length()));
            }
            props.add(p);
        }
        for (Property p : props) {
            if (rows == null) continue;
            if (p.square() && !rows.equals(cols)) {
                throw new MatcalcError(MatcalcError.Kind.SHAPE, p.word() + " needs a square matrix, not "
                        + rows + " x " + cols, new Span(specAt, to));
            }
            if (!p.square() && (!cols.isOne() || rows.isOne())) {
                throw new MatcalcError(MatcalcError.Kind.SHAPE, p.word() + " needs a vector, not "
                        + rows + " x " + cols, new Span(specAt, to));
            }
        }
        for (String[] n : nameList) {
            int at = Integer.parseInt(n[1]);
            Span sp = new Span(at, at + n[0].length());
            if (out.containsKey(n[0]) || functions.contains(n[0])) throw new MatcalcError(MatcalcError.Kind.NAME, "'" + n[0] + "' is declared twice", sp);
            out.put(n[0], new Decl(n[0], rows, cols, props, sp));
        }
    }

    private static Dim dim(String word, int at) {
        if (Character.isDigit(word.charAt(0))) {
            int v = word.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(word); // 2147483648 must not overflow
            if (v <= 0 || v > 10_000) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "size must be between 1 and 10000", new Span(at, at + word.length()));
            }
            return Dim.of(v);
        }
        return Dim.sym(word);
    }

    private static int lead(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** For messages and JSON: "A: n x n symmetric". */
    public static String describe(Decl d) {
        String shape = !d.sized() ? "" : d.rows().isOne() && d.cols().isOne() ? "scalar" : d.cols().isOne() ? d.rows().toString() : d.rows() + " x " + d.cols();
        StringBuilder sb = new StringBuilder(d.name()).append(": ").append(shape);
        for (Property p : d.properties()) sb.append(' ').append(p.word());
        return sb.toString().strip();
    }

    public List<Decl> list() { return List.copyOf(decls.values()); }
}
