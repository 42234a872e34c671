package matcalc.expr;

/** rows x cols; scalars are 1 x 1, vectors are columns (n x 1). */
public record Shape(Dim rows, Dim cols) {
    public static final Shape SCALAR = new Shape(Dim.ONE, Dim.ONE);

    public static Shape column(Dim n) { return new Shape(n, Dim.ONE); }
    public static Shape square(Dim n) { return new Shape(n, n); }

    public boolean isScalar() { return rows.isOne() && cols.isOne(); }
    public boolean isColumn() { return cols.isOne() && !rows.isOne(); }
    public boolean isRow() { return rows.isOne() && !cols.isOne(); }
    public boolean isVectorLike() { return cols.isOne() || rows.isOne(); }
    public boolean isSquare() { return rows.equals(cols); }
    public Shape transpose() { return new Shape(cols, rows); }
    public Dim size() { return rows.times(cols); }

    /** What kind of object this is, in words used by error messages and output. */
    public String kind() {
        if (isScalar()) return "scalar";
        if (isColumn()) return "vector";
        if (isRow()) return "row vector";
        return "matrix";
    }

    @Override public String toString() {
        if (isScalar()) return "scalar";
        return rows + " x " + cols;
    }
}
