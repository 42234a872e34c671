package matcalc.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.expr.Dim;
import matcalc.expr.Var;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * A program evaluated at every point of a grid: each entry of each grid variable runs through its
 * levels (x in {0,1}^3 for a truth table). Rows come in counting order, the first entry slowest.
 */
public final class Grid {
    /** Every entry of variable {@code name} takes each of {@code levels}. */
    public record Axis(String name, List<Double> levels) {
        public Axis { levels = List.copyOf(levels); }

        /** "x=0,1" */
        public static Axis parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "--grid needs NAME=v1,v2,..., e.g. x=0,1; got '" + spec + "'");
            }
            List<Double> ls = new ArrayList<>();
            for (String t : spec.substring(eq + 1).split(",")) {
                try {
                    ls.add(Double.parseDouble(t.strip()));
                } catch (NumberFormatException e) {
                    throw new MatcalcError(MatcalcError.Kind.SYNTAX, "--grid: '" + t.strip() + "' is not a number");
                }
            }
            return new Axis(spec.substring(0, eq).strip(), ls);
        }
    }

    /** One grid point: the values given to the grid variables and every statement's value. */
    public record Row(Map<String, RealMatrix> point, Map<String, RealMatrix> values) {}

    public static final int MAX_ROWS = 4096;

    private Grid() {}

    public static List<Row> run(Program p, List<Axis> axes) {
        List<int[]> dims = new ArrayList<>();
        long rows = 1;
        for (Axis a : axes) {
            Var v = p.require(a.name(), "--grid");
            Dim r = v.shape().rows(), c = v.shape().cols();
            if (!r.isFixed() || !c.isFixed()) {
                throw new MatcalcError(MatcalcError.Kind.SHAPE, "--grid " + a.name() + ": its size " + v.shape()
                        + " is not known; declare it (e.g. '" + a.name() + ": 3') or give it a value");
            }
            dims.add(new int[] {(int) r.coeff(), (int) c.coeff()});
            for (int k = 0; k < r.coeff() * c.coeff(); k++) {
                rows *= a.levels().size();
                if (rows > MAX_ROWS) throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "the grid has more than " + MAX_ROWS + " points");
            }
        }
        List<Integer> axisOf = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            for (int k = 0; k < dims.get(i)[0] * dims.get(i)[1]; k++) axisOf.add(i);
        }
        List<Row> out = new ArrayList<>();
        int[] counter = new int[axisOf.size()];
        for (long n = 0; n < rows; n++) {
            Map<String, RealMatrix> point = new LinkedHashMap<>();
            int pos = 0;
            for (int i = 0; i < axes.size(); i++) {
                int r = dims.get(i)[0], c = dims.get(i)[1];
                RealMatrix m = new Array2DRowRealMatrix(r, c);
                for (int k = 0; k < r * c; k++, pos++) m.setEntry(k % r, k / r, axes.get(i).levels().get(counter[pos]));
                point.put(axes.get(i).name(), m);
            }
            out.add(new Row(point, ProgramEvaluator.run(p, point)));
            for (int k = counter.length - 1; k >= 0; k--) {
                if (++counter[k] < axes.get(axisOf.get(k)).levels().size()) break;
                counter[k] = 0;
            }
        }
        return out;
    }
}
