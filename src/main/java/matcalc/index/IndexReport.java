package matcalc.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.engine.DiffResult;
import matcalc.render.TextRenderer;

/** The lines `matcalc diff --index` adds: the derivative in index notation and its conventions. */
public final class IndexReport {
    private IndexReport() {}

    /** The statement (text or LaTeX) and the conventions line; one "index:" line if there is no index form. */
    public static String lines(DiffResult r, boolean latex) {
        IndexForm f;
        try {
            f = IndexNotation.of(r);
        } catch (NotIndexable e) {
            return failure(e);
        }
        return (latex ? IndexLatexRenderer.of(f) : IndexTextRenderer.of(f)) + "\n" + convention(f);
    }

    /** For --format json: text, latex and convention, or the reason there is no index form. */
    public static Map<String, Object> json(DiffResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            IndexForm f = IndexNotation.of(r);
            m.put("text", IndexTextRenderer.of(f));
            m.put("latex", IndexLatexRenderer.of(f));
            m.put("convention", convention(f).substring("index: ".length()));
        } catch (NotIndexable e) {
            m.put("error", "cannot write this derivative in index notation: " + e.getMessage());
        }
        return m;
    }

    public static String failure(NotIndexable e) { return "index: cannot write this derivative in index notation: " + e.getMessage(); }

    /** "index: F = A X B; summation over ... (Einstein); ..." */
    public static String convention(IndexForm f) {
        List<String> parts = new ArrayList<>();
        String name = IndexRenderer.functionName(f);
        parts.add(name + " = " + TextRenderer.render(f.function()));
        parts.add("summation over repeated indices that are not on the left (Einstein)");
        // the k indices of a higher derivative are each one index, not a Kronecker group
        if (!f.higher()) for (List<Index> g : List.of(f.fRows(), f.fCols())) if (g.size() > 1) parts.add(groupMeaning(g));
        parts.add("entry-wise, so the same for every --layout and --vec");
        return "index: " + String.join("; ", parts);
    }

    /** (i,p) is position (i - 1) P + p with P the range of p, as Kronecker products count. */
    private static String groupMeaning(List<Index> fastFirst) {
        Index slow = fastFirst.get(fastFirst.size() - 1);
        String pos = slow.name();
        List<String> ranges = new ArrayList<>();
        for (int k = fastFirst.size() - 2; k >= 0; k--) {
            Index i = fastFirst.get(k);
            String big = i.name().toUpperCase();
            pos = (k == fastFirst.size() - 2 ? "(" + pos + " - 1) " : "(" + pos + " - 1) ") + big + " + " + i.name();
            ranges.add(big + " = " + i.dim());
        }
        return IndexRenderer.group(fastFirst) + " is position " + pos + " (" + String.join(", ", ranges) + ")";
    }
}
