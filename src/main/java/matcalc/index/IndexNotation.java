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
        if (r.order() == 3) return third(r);
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
        List<Index> fr = indices(f.isScalar() ? List.of() : IndexStructure.rows(f), hessian ? List.of("i") : F_ROW_NAMES);
        List<Index> fc = indices(f.isScalar() ? List.of() : IndexStructure.cols(f), hessian ? List.of("j") : F_COL_NAMES);
        List<Index> xr = indices(IndexStructure.rows(x), X_ROW_NAMES);
        List<Index> xc = indices(IndexStructure.cols(x), X_COL_NAMES);
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
        return form(function, x, hessian ? 2 : 1, fr, fc, xr, xc, raw);
    }

    private static IndexForm form(Expr function, Var x, int order, List<Index> fr, List<Index> fc, List<Index> xr, List<Index> xc, IndexSum raw) {
        IndexForm shell = new IndexForm(function, x, order, fr, fc, xr, xc, IndexSum.ZERO);
        return new IndexForm(function, x, order, fr, fc, xr, xc, CanonicalTerms.of(raw, shell.free()));
    }

    /** d^3f/dx_i dx_j dx_k from d vec(H)/dx^T: row (i, j) of the vec (i fastest), column k. */
    private static IndexForm third(DiffResult r) {
        Var x = r.variable();
        if (x.isScalar()) throw new NotIndexable("the third derivative by a scalar is a scalar");
        List<Index> fr = indices(IndexStructure.rows(x), List.of("i")), fc = indices(IndexStructure.rows(x), List.of("j"));
        List<Index> xr = indices(IndexStructure.rows(x), List.of("k"));
        IndexSum raw;
        try {
            raw = new EntryReader().read(r.result(), concat(fr, fc), xr);
        } catch (StackOverflowError e) {
            throw new NotIndexable("the derivative is too deeply nested");
        }
        return form(r.function(), x, 3, fr, fc, xr, List.of(), raw);
    }

    /**
     * Names for an index group given fastest first; the names go to the slowest index first, so
     * a Kronecker-structured row (i, p) reads like the textbook's (X ⊗ A)_{(i,p),(j,q)} = X_{ij} A_{pq}.
     */
    private static List<Index> indices(List<Dim> dims, List<String> names) {
        if (dims.size() > names.size()) throw new NotIndexable("an index group of " + dims.size() + " indices is too deep to name");
        List<Index> out = new ArrayList<>();
        for (int k = 0; k < dims.size(); k++) out.add(new Index(names.get(dims.size() - 1 - k), dims.get(k)));
        return out;
    }

    private static List<Index> concat(List<Index> a, List<Index> b) {
        List<Index> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
