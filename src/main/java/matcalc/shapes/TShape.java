package matcalc.shapes;

import matcalc.expr.Dim;

/** A shape during inference. */
record TShape(TDim rows, TDim cols) {
    static TShape scalar() { return new TShape(TDim.of(Dim.ONE), TDim.of(Dim.ONE)); }
    static TShape column(TDim n) { return new TShape(n, TDim.of(Dim.ONE)); }

    boolean isScalar() { return rows.isOne() && cols.isOne(); }
    boolean isColumn() { return cols.isOne(); }
    boolean isRowVector() { return rows.isOne() && !cols.isOne(); }
    TShape transpose() { return new TShape(cols, rows); }

    /** For messages: "scalar", "vector of size 3", "2 x 4 matrix", "matrix". */
    String describe() {
        if (isScalar()) return "scalar";
        Dim r = rows.known(), c = cols.known();
        if (cols.isOne()) return r != null ? "vector of size " + r : "vector";
        if (rows.isOne()) return c != null ? "row vector of size " + c : "row vector";
        if (r != null && c != null) return r + " x " + c + " matrix";
        return "matrix";
    }
}
