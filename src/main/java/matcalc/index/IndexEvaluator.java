package matcalc.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The numbers an index form stands for at one instance: for every value of the free indices, each
 * term summed over its other indices. Returned as the Jacobian J = d vec(F) / d vec(X)^T (vec stacks
 * columns; for a Hessian F is the gradient), to compare with finite differences.
 */
public final class IndexEvaluator implements FactorVisitor<Double> {
    /** Brute-force summation gives up beyond this many index values per term. */
    public static final long MAX_SUMMANDS = 200_000;

    /** Thrown when a term sums over too many index values to evaluate by brute force. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) { super(message, null, false, false); }
    }

    private final Instance inst;
    private final Evaluator values;
    private final Map<String, Integer> at = new HashMap<>();

    private IndexEvaluator(Instance inst) {
        this.inst = inst;
        this.values = new Evaluator(inst);
    }

    public static RealMatrix jacobian(IndexForm f, Instance inst) { return new IndexEvaluator(inst).jacobian(f); }

    private RealMatrix jacobian(IndexForm f) {
        List<Index> fIx = new ArrayList<>(f.fRows());
        fIx.addAll(f.fCols());
        List<Index> xIx = new ArrayList<>(f.xRows());
        xIx.addAll(f.xCols());
        int rows = size(fIx), cols = size(xIx);
        RealMatrix j = new Array2DRowRealMatrix(rows, cols);
        for (int r = 0; r < rows; r++) {
            assign(fIx, r);
            for (int c = 0; c < cols; c++) {
                assign(xIx, c);
                j.setEntry(r, c, value(f.body()));
            }
        }
        return j;
    }

    private int size(List<Index> ix) {
        int n = 1;
        for (Index i : ix) n *= range(i);
        return n;
    }

    private int range(Index i) { return i.dim().value(inst.sizes()); }

    /** Sets the indices (fastest first) to the digits of a column-major position. */
    private void assign(List<Index> ix, int position) {
        int p = position;
        for (Index i : ix) {
            at.put(i.name(), p % range(i));
            p /= range(i);
        }
    }

    private double value(IndexSum s) {
        double total = 0;
        for (Term t : s.terms()) {
            List<Index> summed = new ArrayList<>();
            long work = 1;
            for (Index i : t.indices()) {
                if (at.containsKey(i.name())) continue;
                summed.add(i);
                work *= range(i);
                if (work > MAX_SUMMANDS) throw new TooLarge("a term sums over more than " + MAX_SUMMANDS + " index values");
            }
            total += t.coefficient().toDouble() * sum(t, summed, 0);
        }
        return total;
    }

    private double sum(Term t, List<Index> summed, int k) {
        if (k == summed.size()) {
            double p = 1;
            for (Factor f : t.factors()) p *= f.accept(this);
            return p;
        }
        Index i = summed.get(k);
        double s = 0;
        for (int v = 0; v < range(i); v++) {
            at.put(i.name(), v);
            s += sum(t, summed, k + 1);
        }
        at.remove(i.name());
        return s;
    }

    private int valueOf(List<Index> group) { return group.isEmpty() ? 0 : at.get(group.get(0).name()); }

    public Double visitDelta(Delta d) { return at.get(d.a().name()).equals(at.get(d.b().name())) ? 1.0 : 0.0; }

    public Double visitEntry(MatrixEntry e) { return values.eval(e.matrix()).getEntry(valueOf(e.row()), valueOf(e.col())); }

    public Double visitScalar(ScalarFactor s) { return values.eval(s.value()).getEntry(0, 0); }

    public Double visitElementwise(Elementwise e) { return e.fn().apply(visitEntry(e.arg())); }

    public Double visitPower(EntryPower p) { return Math.pow(visitEntry(p.base()), p.exponent().toDouble()); }

    public Double visitSize(SizeFactor s) { return (double) s.dim().value(inst.sizes()); }
}
