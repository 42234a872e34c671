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

    /** A third derivative of a scalar: fRows, fCols are the first two derivative indices. */
    public boolean third() { return order == 3; }

    /** The free indices in the order the left side shows them: F's rows, F's columns, X's rows, X's columns, each group slowest first. */
    public List<Index> free() {
        List<Index> all = new ArrayList<>();
        for (List<Index> g : List.of(fRows, fCols, xRows, xCols)) {
            for (int k = g.size() - 1; k >= 0; k--) all.add(g.get(k));
        }
        return all;
    }

    /** Whether the differentiated quantity (F, or for a Hessian the gradient) is a scalar. */
    public boolean scalarFunction() { return fRows.isEmpty() && fCols.isEmpty(); }
}
