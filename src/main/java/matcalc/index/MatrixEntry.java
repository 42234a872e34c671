package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import matcalc.expr.Expr;

/**
 * Entry (row, col) of a matrix expression: X_{ij} for a variable, (X^{-1})_{ij} or (expr)_{ij} for
 * anything the index notation keeps whole. A vector has only a row index, a row vector only a column
 * index (each list holds at most one index).
 */
public record MatrixEntry(Expr matrix, List<Index> row, List<Index> col) implements Factor {
    public MatrixEntry {
        row = List.copyOf(row);
        col = List.copyOf(col);
        if (row.size() > 1 || col.size() > 1) throw new IllegalArgumentException("an entry takes one row and one column index");
    }

    public List<Index> indices() {
        List<Index> all = new ArrayList<>(row);
        all.addAll(col);
        return all;
    }

    public Factor rename(UnaryOperator<Index> f) {
        return new MatrixEntry(matrix, row.stream().map(f).toList(), col.stream().map(f).toList());
    }

    public <R> R accept(FactorVisitor<R> v) { return v.visitEntry(this); }
}
