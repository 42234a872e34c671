package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.calculus.Form;
import matcalc.engine.DiffResult;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * Writes a derivative in index notation. The result's arrangement (its {@link Form}: vec/Kronecker
 * form in numerator or denominator layout, column- or row-major vec, gradient, ...) says which
 * entry of F and of X each of its rows and columns stands for; reading the result entry-wise at those
 * index groups ({@link EntryReader}) and summing out the deltas gives dF_{ij}/dX_{kl}, which no longer
 * depends on the layout or the vec order.
 */
public final class IndexNotation {
    static final List<String> F_ROW_NAMES = List.of("i", "p", "r", "v");
    static final List<String> F_COL_NAMES = List.of("j", "q", "s", "w");
    static final List<String> X_ROW_NAMES = List.of("k", "t", "x", "y");
    static final List<String> X_COL_NAMES = List.of("l", "u", "z", "o");

    private IndexNotation() {}

    /** The index form of a derivative the engine computed; throws {@link NotIndexable} if there is none. */
    public static IndexForm of(DiffResult r) {
        if (r.order() >= 3) return higher(r);
        boolean hessian = r.order() == 2;
        if (hessian && !r.function().isScalar()) {
            throw new NotIndexable("second derivatives are written in index notation only for a scalar function (Hessians)");
        }
        Var x = r.variable();
        return of(r.result(), r.form(), r.function(), x, hessian);
    }

    /** The index form of {@code d}, a derivative of f by x arranged as {@code form}. */
    public static IndexForm of(Expr d, Form form, Expr function, Var x, boolean hessian) {
        // For a Hessian the result differentiates the gradient, which has the shape of x.
        Expr f = hessian ? x : function;
        IndexNames names = IndexNames.avoiding(function, d);
        List<Index> fr = indices(f.isScalar() ? List.of() : IndexStructure.rows(f), hessian ? List.of("i") : F_ROW_NAMES, names);
        List<Index> fc = indices(f.isScalar() ? List.of() : IndexStructure.cols(f), hessian ? List.of("j") : F_COL_NAMES, names);
        List<Index> xr = indices(IndexStructure.rows(x), X_ROW_NAMES, names);
        List<Index> xc = indices(IndexStructure.cols(x), X_COL_NAMES, names);
        List<Index> rows, cols;
        switch (form) {
            case VEC: rows = concat(fr, fc); cols = concat(xr, xc); break;
            case VEC_TRANSPOSED: rows = concat(xr, xc); cols = concat(fr, fc); break;
            case VEC_ROWS: rows = concat(fc, fr); cols = concat(xc, xr); break;
            case VEC_ROWS_TRANSPOSED: rows = concat(xc, xr); cols = concat(fc, fr); break;
            case GRADIENT: rows = xr; cols = xc; break;
            case ROW_GRADIENT: rows = List.of(); cols = concat(xr, xc); break;
            case TANGENT: rows = fr; cols = fc; break;
            case TANGENT_ROW: rows = List.of(); cols = concat(fr, fc); break;
            default: rows = List.of(); cols = List.of();
        }
        IndexSum raw;
        try {
            raw = new EntryReader().read(d, rows, cols);
        } catch (StackOverflowError e) {
            throw new NotIndexable("the derivative is too deeply nested");
        }
        return form(function, x, hessian ? 2 : 1, fr, fc, xr, xc, raw, names);
    }

    private static IndexForm form(Expr function, Var x, int order, List<Index> fr, List<Index> fc, List<Index> xr, List<Index> xc,
                                  IndexSum raw, IndexNames names) {
        IndexForm shell = new IndexForm(function, x, order, fr, fc, xr, xc, IndexSum.ZERO);
        return new IndexForm(function, x, order, fr, fc, xr, xc, CanonicalTerms.of(raw, shell.free(), names.alsoAvoiding(raw), shell.higher()));
    }

    private static final List<String> ORDINALS = List.of("third", "fourth", "fifth", "sixth");

    /**
     * d^k f / dx_i dx_j ... dx_l from Dk = d vec(D(k-1)) / dx^T (k >= 3): row (i, j, ...) of the vec,
     * i fastest, and column l.
     */
    private static IndexForm higher(DiffResult r) {
        Var x = r.variable();
        int k = r.order();
        if (x.isScalar()) {
            throw new NotIndexable("the " + (k - 3 < ORDINALS.size() ? ORDINALS.get(k - 3) + " derivative" : "derivative of order " + k)
                    + " by a scalar is a scalar");
        }
        IndexNames names = IndexNames.avoiding(r.function(), r.result());
        List<Index> ix = new ArrayList<>();
        for (String n : names.derivative(k)) ix.add(new Index(n, x.shape().rows()));
        List<Index> first = ix.subList(0, k - 1), last = ix.subList(k - 1, k);
        IndexSum raw;
        try {
            raw = new EntryReader(true).read(r.result(), first, last);
        } catch (StackOverflowError e) {
            throw new NotIndexable("the derivative is too deeply nested");
        }
        return form(r.function(), x, k, first, List.of(), last, List.of(), raw, names);
    }

    /**
     * Names for an index group given fastest first; the names go to the slowest index first, so
     * a Kronecker-structured row (i, p) reads like the textbook's (X ⊗ A)_{(i,p),(j,q)} = X_{ij} A_{pq}.
     */
    private static List<Index> indices(List<Dim> dims, List<String> preferred, IndexNames names) {
        if (dims.size() > preferred.size()) throw new NotIndexable("an index group of " + dims.size() + " indices is too deep to name");
        String[] chosen = new String[dims.size()];
        for (int k = dims.size() - 1; k >= 0; k--) chosen[k] = names.free(preferred.get(dims.size() - 1 - k)); // slowest named first
        List<Index> out = new ArrayList<>();
        for (int k = 0; k < dims.size(); k++) out.add(new Index(chosen[k], dims.get(k)));
        return out;
    }

    private static List<Index> concat(List<Index> a, List<Index> b) {
        List<Index> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
