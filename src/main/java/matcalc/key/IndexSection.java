package matcalc.key;

import matcalc.engine.DiffResult;
import matcalc.index.IndexForm;
import matcalc.index.IndexLatexRenderer;
import matcalc.index.IndexNotation;
import matcalc.index.IndexReport;
import matcalc.index.NotIndexable;

/** A diff problem's derivative entry by entry (as `matcalc diff --index`), for {@code index: yes}. */
final class IndexSection {
    private IndexSection() {}

    /** The index form displayed with its conventions line, or the one line saying why there is none. */
    static String latex(DiffResult r) {
        IndexForm f;
        try {
            f = IndexNotation.of(r);
        } catch (NotIndexable e) {
            return "{\\small " + KeyWriter.text(IndexReport.failure(e)) + ".}\n\n";
        }
        return "In index notation:\n\\[ " + IndexLatexRenderer.of(f) + " \\]\n"
                + "{\\small " + KeyWriter.text(IndexReport.convention(f)) + ".}\n\n";
    }
}
