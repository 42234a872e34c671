package matcalc;

/** A half-open character range [start, end) in the user's input; what an error's caret points at. */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
    public static Span at(int pos) { return new Span(pos, pos + 1); }
    public Span union(Span o) { return new Span(Math.min(start, o.start), Math.max(end, o.end)); }
}
