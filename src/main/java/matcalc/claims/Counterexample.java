package matcalc.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import matcalc.numeric.DomainException;
import matcalc.numeric.Instance;
import matcalc.numeric.Matrices;
import matcalc.numeric.Vars;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Var;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The smallest instance found where a false claim visibly fails: sizes tried from 2 up, and small
 * integer matrices (entries in {-1, 0, 1} first, then up to ±3) that honour declared structure, so
 * that a student can redo the computation by hand. Falls back to the numeric check's worst random
 * instance when no integer instance is usable (e.g. a domain that integers miss).
 */
public final class Counterexample {

    /**
     * @param integer       whether the variables' values are small integers
     * @param largestDiff   max |lhs_ij - rhs_ij|
     * @param at            where that difference is (1-based row, column)
     */
    public record Found(Map<String, Integer> sizes, Map<String, RealMatrix> values, RealMatrix lhs, RealMatrix rhs,
                        boolean integer, double largestDiff, int[] at) {}

    private Counterexample() {}

    /** Searches for an integer counterexample to lhs = rhs (sides of one shape). */
    public static Found search(Expr lhs, Expr rhs, double relTol, long seed, NumericVerdict.Sample fallback) {
        return search(lhs, rhs, relTol, seed, fallback, List.of(), null);
    }

    /**
     * @param byDifferences derivative operators whose placeholders in lhs/rhs get their values by
     *                      finite differences (when matcalc cannot differentiate them)
     */
    public static Found search(Expr lhs, Expr rhs, double relTol, long seed, NumericVerdict.Sample fallback,
                               List<DerivativeCall> byDifferences, matcalc.calculus.Layout layout) {
        List<Expr> all = new ArrayList<>(List.of(lhs, rhs));
        for (DerivativeCall d : byDifferences) { all.add(d.function()); all.add(d.variable()); }
        Map<String, Var> vars = new TreeMap<>(Vars.free(all.toArray(new Expr[0])));
        vars.keySet().removeIf(n -> n.startsWith(ClaimParser.PLACEHOLDER));
        List<String> dims = new ArrayList<>(Vars.dims(all.toArray(new Expr[0])));
        Random rnd = new Random(seed);
        // softmax(W x)[3] needs that size at least 3: smaller sizes have no such entry.
        Map<String, Integer> least = Vars.leastSizes(all.toArray(new Expr[0]));
        for (Map<String, Integer> sizes : sizeAssignments(dims)) {
            if (least.entrySet().stream().anyMatch(e -> sizes.getOrDefault(e.getKey(), Integer.MAX_VALUE) < e.getValue())) continue;
            for (int magnitude : new int[] {1, 2, 3}) {
                for (int mode = 0; mode < 2; mode++) {
                    for (int attempt = 0; attempt < 25; attempt++) {
                        Map<String, RealMatrix> values = new TreeMap<>();
                        for (Var v : vars.values()) values.put(v.name(), integerValue(v, sizes, magnitude, mode == 1, rnd));
                        Instance inst = new Instance(sizes, values);
                        RealMatrix l, r;
                        try {
                            RealMatrix[] both = NumericVerdict.sides(lhs, rhs, byDifferences, inst, layout);
                            l = both[0];
                            r = both[1];
                        } catch (DomainException e) {
                            continue;
                        }
                        if (Matrices.relativeError(l, r) > Math.max(relTol, 1e-6) && largest(l, r)[0] > 1e-6) {
                            return found(sizes, values, l, r, true);
                        }
                    }
                }
            }
        }
        if (fallback == null) return null;
        Instance inst = fallback.instance();
        Map<String, RealMatrix> values = new TreeMap<>();
        for (String name : vars.keySet()) values.put(name, inst.value(name));
        return found(inst.sizes(), values, fallback.lhs(), fallback.rhs(), false);
    }

    private static Found found(Map<String, Integer> sizes, Map<String, RealMatrix> values, RealMatrix l, RealMatrix r, boolean integer) {
        double[] big = largest(l, r);
        return new Found(new TreeMap<>(sizes), values, l, r, integer, big[0], new int[] {(int) big[1] + 1, (int) big[2] + 1});
    }

    /** {max |l - r|, row, col}. */
    private static double[] largest(RealMatrix l, RealMatrix r) {
        double[] best = {-1, 0, 0};
        for (int i = 0; i < l.getRowDimension(); i++)
            for (int j = 0; j < l.getColumnDimension(); j++) {
                double d = Math.abs(l.getEntry(i, j) - r.getEntry(i, j));
                if (d > best[0]) best = new double[] {d, i, j};
            }
        return best;
    }

    /** All dimensions 2, then the assignments with 2s and 3s by increasing total size, then all 3. */
    static List<Map<String, Integer>> sizeAssignments(List<String> dims) {
        List<Map<String, Integer>> out = new ArrayList<>();
        int k = dims.size();
        if (k == 0) { out.add(Map.of()); return out; }
        List<int[]> combos = new ArrayList<>();
        int limit = Math.min(k, 4);
        for (int mask = 0; mask < (1 << limit); mask++) {
            int[] c = new int[k];
            for (int i = 0; i < k; i++) c[i] = i < limit && (mask & (1 << i)) != 0 ? 3 : 2;
            combos.add(c);
        }
        combos.sort((a, b) -> Integer.compare(sum(a), sum(b)));
        for (int[] c : combos) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) m.put(dims.get(i), c[i]);
            out.add(m);
        }
        return out.subList(0, Math.min(out.size(), 6));
    }

    private static int sum(int[] a) { int s = 0; for (int x : a) s += x; return s; }

    /**
     * Small integers honouring declared structure: orthogonal matrices are signed permutations, SPD
     * ones B^T B + I; in positive mode entries are 1..magnitude+1 and square matrices are made
     * diagonally dominant (positive determinant, for logs and inverses).
     */
    static RealMatrix integerValue(Var v, Map<String, Integer> sizes, int magnitude, boolean positive, Random rnd) {
        int r = v.shape().rows().value(sizes), c = v.shape().cols().value(sizes);
        RealMatrix a = new Array2DRowRealMatrix(r, c);
        if (v.has(Property.ORTHOGONAL)) {
            List<Integer> perm = new ArrayList<>();
            for (int i = 0; i < Math.max(r, c); i++) perm.add(i);
            java.util.Collections.shuffle(perm, rnd);
            // A signed permutation (orthonormal columns, or rows when wide).
            for (int i = 0; i < Math.min(r, c); i++) {
                int sign = rnd.nextBoolean() ? 1 : -1;
                if (r >= c) a.setEntry(perm.get(i), i, sign); else a.setEntry(i, perm.get(i), sign);
            }
            return a;
        }
        if (v.has(Property.PROBABILITY)) {
            a.setEntry(rnd.nextInt(r), 0, 1); // a one-hot vector: integer, and sums to 1
            return a;
        }
        if (v.has(Property.SPD)) {
            RealMatrix b = new Array2DRowRealMatrix(r, c);
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) b.setEntry(i, j, rnd.nextInt(3) - 1);
            return b.transpose().multiply(b).add(org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(r));
        }
        boolean scalar = r == 1 && c == 1;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) {
                int x = positive ? 1 + rnd.nextInt(magnitude + 1) : rnd.nextInt(2 * magnitude + 1) - magnitude;
                if (scalar && x == 0) x = 1;
                a.setEntry(i, j, x);
            }
        if (v.has(Property.DIAGONAL)) {
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) if (i != j) a.setEntry(i, j, 0);
        } else if (v.has(Property.SYMMETRIC)) {
            for (int i = 0; i < r; i++) for (int j = 0; j < i; j++) a.setEntry(i, j, a.getEntry(j, i));
        }
        if (positive && r == c && r > 1) {
            for (int i = 0; i < r; i++) {
                double off = 0;
                for (int j = 0; j < c; j++) if (j != i) off += Math.abs(a.getEntry(i, j));
                a.setEntry(i, i, off + 1 + rnd.nextInt(magnitude));
            }
        }
        return a;
    }

    // ----- formatting

    /** matcalc's own literal syntax: "[1 -1; 0 2]", "[1; 2]" for a column, "3" for a scalar. */
    static String format(RealMatrix m) {
        if (m.getRowDimension() == 1 && m.getColumnDimension() == 1) return number(m.getEntry(0, 0));
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.getRowDimension(); i++) {
            if (i > 0) sb.append("; ");
            for (int j = 0; j < m.getColumnDimension(); j++) {
                if (j > 0) sb.append(' ');
                sb.append(number(m.getEntry(i, j)));
            }
        }
        return sb.append(']').toString();
    }

    static String number(double x) {
        if (Math.abs(x - Math.rint(x)) < 1e-9 * Math.max(1, Math.abs(x)) && Math.abs(x) < 1e15) {
            long v = Math.round(x);
            return Long.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6g", x);
        if (s.contains("e") || s.contains("E")) return s;
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** "n = 2, m = 3" (empty when every size is fixed). */
    public static String sizes(Found f) {
        StringBuilder sizes = new StringBuilder();
        for (Map.Entry<String, Integer> e : f.sizes().entrySet()) {
            if (sizes.length() > 0) sizes.append(", ");
            sizes.append(e.getKey()).append(" = ").append(e.getValue());
        }
        return sizes.toString();
    }

    /** The lines that show a counterexample. */
    static List<String> describe(Found f) {
        List<String> lines = new ArrayList<>();
        String sizes = sizes(f);
        lines.add("counterexample" + (sizes.length() > 0 ? " (" + sizes + ")" : "") + (f.integer() ? ":" : " (random values):"));
        for (Map.Entry<String, RealMatrix> e : f.values().entrySet()) lines.add("  " + e.getKey() + " = " + format(e.getValue()));
        lines.add("  left side  = " + format(f.lhs()));
        lines.add("  right side = " + format(f.rhs()));
        String where = f.lhs().getRowDimension() * f.lhs().getColumnDimension() == 1 ? ""
                : " at entry (" + f.at()[0] + ", " + f.at()[1] + ")";
        lines.add("  largest difference: " + number(f.largestDiff()) + where);
        return lines;
    }
}
