package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * A derivative written entry-wise: d F_{fRows,fCols} / d X_{xRows,xCols} = body (for a Hessian,
 * d^2 f / dX_{fRows,fCols} dX_{xRows,xCols}). Each index group lists its indices fastest first
 * (a group of two numbers a row of a Kronecker-structured F); an empty group means a dimension of 1.
 * function is what was differentiated (for a Hessian the scalar f, while the F indices number its
 * gradient). Repeated indices in a term that are not on the left are summed (Einstein).
 * A derivative of order k >= 3 of a scalar by a vector, d^k f / dx_i dx_j ... dx_l, has its first k - 1
 * indices as the row group fRows (i fastest, as they number the rows of d vec(D(k-1)) / dx^T) and the
 * last one as xRows.
 */
public record IndexForm(Expr function, Var variable, int order,
                        List<Index> fRows, List<Index> fCols, List<Index> xRows, List<Index> xCols, IndexSum body) {
    public IndexForm {
        fRows = List.copyOf(fRows);
        fCols = List.copyOf(fCols);
        xRows = List.copyOf(xRows);
        xCols = List.copyOf(xCols);
    }

    /** A Hessian of a scalar (f indices are x's). */
    public boolean hessian() { return order == 2; }

    /** A derivative of order 3 or more of a scalar by a vector: d^k f / dx_i dx_j ... */
    public boolean higher() { return order >= 3; }

    /** For {@link #higher()}: the k indices of d^k f / dx_i dx_j ..., in the order the left side shows them. */
    public List<Index> derivativeIndices() {
        if (!higher()) throw new IllegalStateException("order " + order);
        List<Index> all = new ArrayList<>(fRows);
        all.addAll(xRows);
        return all;
    }

    /**
     * The free indices in the order the left side shows them: F's rows, F's columns, X's rows, X's columns, each
     * group slowest first; for {@link #higher()} the derivative's indices.
     */
    public List<Index> free() {
        if (higher()) return derivativeIndices();
        List<Index> all = new ArrayList<>();
        for (List<Index> g : List.of(fRows, fCols, xRows, xCols)) {
            for (int k = g.size() - 1; k >= 0; k--) all.add(g.get(k));
        }
        return all;
    }

    /** Whether the differentiated quantity (F, or for a Hessian the gradient) is a scalar. */
    public boolean scalarFunction() { return fRows.isEmpty() && fCols.isEmpty(); }
}
