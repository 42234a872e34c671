package matcalc.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.expr.Operator;

/** The table: every operator applied through {@link matcalc.expr.Call}, each in its own file. */
public final class Operators {
    private Operators() {}

    public static final List<Operator> ALL = List.of(
            LogSumExp.OP, Mean.OP, SumRows.OP, SumCols.OP, SoftmaxRows.OP, MaxRows.OP, ArgmaxRows.OP, NormRows.OP,
            Pinv.OP, Adj.OP, Chol.OP, TrilHalf.OP, QrR.OP, QrQ.OP,
            SigmaMax.OP, SvdU.OP, SvdV.OP, NormNuclear.OP, Polar.OP,
            Eigenvalue.MAX, Eigenvalue.MIN, Eigenvector.MAX, Eigenvector.MIN, Eigenvalues.OP, Eigenvectors.OP, EigenGaps.OP,
            MatrixFunction.EXPM, MatrixFunction.LOGM, MatrixFunction.SQRTM,
            Frechet.EXPM, Frechet.LOGM, Frechet.SQRTM, Loewner.EXPM, Loewner.LOGM, Loewner.SQRTM);

    private static final Map<String, Operator> BY_NAME = new HashMap<>();
    static {
        for (Operator op : ALL) for (String n : op.names()) {
            if (BY_NAME.put(n, op) != null) throw new IllegalStateException("two operators named " + n);
        }
    }

    /** The operator with this name in the language, or null. */
    public static Operator byName(String name) { return BY_NAME.get(name); }

    public static Set<String> names() { return BY_NAME.keySet(); }
}
