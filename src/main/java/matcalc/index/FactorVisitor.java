package matcalc.index;

/** One method per kind of {@link Factor}: renderers and the evaluator implement it. */
public interface FactorVisitor<R> {
    R visitDelta(Delta d);
    R visitEntry(MatrixEntry e);
    R visitScalar(ScalarFactor s);
    R visitElementwise(Elementwise e);
    R visitPower(EntryPower p);
    R visitSize(SizeFactor s);
}
