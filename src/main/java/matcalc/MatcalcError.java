package matcalc;

import java.util.List;

/**
 * The one error type users see. It carries the spans it is about, so every message can show the
 * input line with carets under the offending parts. Anything else escaping is a bug.
 */
public final class MatcalcError extends RuntimeException {
    public enum Kind {
        SYNTAX, SHAPE, NAME, UNSUPPORTED, MISSING_RULE, NUMERIC, INTERNAL;
        /** Process exit code: bad input is 2; an internal failure is also reported, never hidden. */
        public int exitCode() { return this == INTERNAL ? 3 : 2; }
    }

    private final Kind kind;
    private final List<Span> spans;
    private final String source;

    public MatcalcError(Kind kind, String message, List<Span> spans, String source) {
        super(message);
        this.kind = kind;
        this.spans = List.copyOf(spans);
        this.source = source;
    }

    public MatcalcError(Kind kind, String message, Span... spans) { this(kind, message, List.of(spans), null); }

    public static MatcalcError missingRule(String rule, String what) {
        return new MatcalcError(Kind.MISSING_RULE, "no rule '" + rule + "': " + what);
    }

    public Kind kind() { return kind; }
    public List<Span> spans() { return spans; }
    public String source() { return source; }

    /** The same error, tied to the text its spans index into (set once, by the stage that parsed it). */
    public MatcalcError withSource(String text) {
        return source != null ? this : new MatcalcError(kind, getMessage(), spans, text);
    }

    /** `error: ...`, then the input line and a caret line, when there is a position to show. */
    public String format() {
        StringBuilder sb = new StringBuilder("error: ").append(getMessage());
        if (source != null && !spans.isEmpty() && source.indexOf('\n') < 0 && source.length() <= 400) {
            char[] marks = new char[source.length() + 1];
            java.util.Arrays.fill(marks, ' ');
            for (Span s : spans) {
                int end = Math.min(Math.max(s.end(), s.start() + 1), marks.length);
                for (int i = Math.min(s.start(), marks.length - 1); i < end; i++) marks[i] = '^';
            }
            sb.append('\n').append("  ").append(source).append('\n').append("  ").append(new String(marks).stripTrailing());
        } else if (source != null && !spans.isEmpty()) {
            // A position may be the end of the input, or sit on a newline (an unexpected end of line).
            int pos = Math.min(spans.get(0).start(), source.length());
            int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = source.indexOf('\n', pos);
            if (lineEnd < 0) lineEnd = source.length();
            int line = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            String text = source.substring(lineStart, lineEnd);
            int col = pos - lineStart;
            if (text.length() > 400) {
                // A window around the position, so that the caret stays under it on a long line.
                int from = Math.max(0, col - 200), to = Math.min(text.length(), from + 400);
                text = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
                col = col - from + (from > 0 ? 3 : 0);
            }
            col = Math.min(col, text.length());
            sb.append(" (line ").append(line).append(")\n  ").append(text).append("\n  ").append(" ".repeat(col)).append('^');
        }
        return sb.toString();
    }
}
