package matcalc.numeric;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Var;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Random instances: a size in [minSize, maxSize] for every symbolic dimension and a value for every
 * variable that honours its declared structure. Scalars are 1 x 1 matrices and vectors n x 1.
 * <p>
 * A strategy says how to draw values; callers move to the next one when an expression turns out
 * undefined at an instance (log det of a matrix with negative determinant, log of a negative entry):
 * <ol start="0">
 *   <li>Gaussian entries;</li>
 *   <li>square matrices SPD, vectors and scalars with entries in [0.5, 2], other matrices Gaussian;</li>
 *   <li>all entries in [0.5, 2], square matrices diagonally dominant (so their determinant is positive).</li>
 * </ol>
 * Declared structure always wins: an orthogonal variable is orthogonal under every strategy.
 */
public final class InstanceGenerator {
    public static final int STRATEGIES = 3;

    private final Random rnd;
    private final int minSize, maxSize;

    public InstanceGenerator(Random rnd) { this(rnd, 2, 5); }

    public InstanceGenerator(Random rnd, int minSize, int maxSize) {
        if (minSize < 1 || maxSize < minSize) throw new IllegalArgumentException("sizes " + minSize + ".." + maxSize);
        this.rnd = rnd;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    /** An instance for everything the expressions mention. */
    public Instance generate(int strategy, Expr... es) {
        return generate(Vars.free(es).values(), Vars.dims(es), Vars.leastSizes(es), strategy);
    }

    /** As above; least gives dimensions that must be at least some size (indexed entries). */
    public Instance generate(Collection<Var> vars, Set<String> dims, Map<String, Integer> least, int strategy) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String d : dims) {
            int lo = Math.max(minSize, least.getOrDefault(d, 1));
            sizes.put(d, lo + rnd.nextInt(Math.max(maxSize, lo) - lo + 1));
        }
        Map<String, RealMatrix> values = new HashMap<>();
        for (Var v : vars) values.put(v.name(), value(v, sizes, strategy));
        return new Instance(sizes, values);
    }

    /** A value of v's shape under the given sizes. */
    public RealMatrix value(Var v, Map<String, Integer> sizes, int strategy) {
        int r = v.shape().rows().value(sizes), c = v.shape().cols().value(sizes);
        boolean square = r == c && r > 1;
        boolean vectorLike = r == 1 || c == 1;
        if (v.has(Property.ORTHOGONAL)) return orthonormal(r, c);
        if (v.has(Property.PROBABILITY)) return probability(r);
        if (v.has(Property.DIAGONAL)) return diagonal(r, c, strategy > 0);
        if (r != c && (v.has(Property.SYMMETRIC) || v.has(Property.INVERTIBLE)))
            throw new IllegalArgumentException(v.name() + " is declared symmetric or invertible but is " + r + " x " + c);
        if (v.has(Property.SPD)) return spd(r, strategy == 2);
        if (strategy > 0) {
            if (square) return strategy == 1 ? spd(r, false) : diagonallyDominant(r, v.has(Property.SYMMETRIC));
            if (strategy == 2 || vectorLike) return positive(r, c);
        }
        if (v.has(Property.SYMMETRIC)) return symmetric(gaussian(r, c));
        if (v.has(Property.INVERTIBLE)) return wellConditioned(r);
        return gaussian(r, c);
    }

    private RealMatrix fill(int r, int c, boolean positive) {
        RealMatrix a = new Array2DRowRealMatrix(r, c);
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) a.setEntry(i, j, positive ? 0.5 + 1.5 * rnd.nextDouble() : rnd.nextGaussian());
        return a;
    }

    private RealMatrix gaussian(int r, int c) { return fill(r, c, false); }

    private RealMatrix positive(int r, int c) { return fill(r, c, true); }

    private static RealMatrix symmetric(RealMatrix b) { return b.add(b.transpose()).scalarMultiply(0.5); }

    private RealMatrix diagonal(int r, int c, boolean positive) {
        RealMatrix d = new Array2DRowRealMatrix(r, c);
        RealMatrix entries = fill(Math.min(r, c), 1, positive);
        for (int i = 0; i < Math.min(r, c); i++) d.setEntry(i, i, entries.getEntry(i, 0));
        return d;
    }

    /** B B^T / n + I: eigenvalues at least 1 and, for Gaussian or positive B, at most about 1 + 2n. */
    private RealMatrix spd(int n, boolean positive) {
        RealMatrix b = fill(n, n, positive);
        return b.multiplyTransposed(b).scalarMultiply(1.0 / n).add(MatrixUtils.createRealIdentityMatrix(n));
    }

    /** Positive entries, each diagonal entry above its row's off-diagonal sum: det > 0, well conditioned. */
    private RealMatrix diagonallyDominant(int n, boolean symmetric) {
        RealMatrix a = positive(n, n);
        if (symmetric) a = symmetric(a);
        for (int i = 0; i < n; i++) {
            double off = 0;
            for (int j = 0; j < n; j++) if (j != i) off += a.getEntry(i, j);
            a.setEntry(i, i, off + 0.5 + 1.5 * rnd.nextDouble());
        }
        return a;
    }

    /** Orthonormal columns (or rows, when wide) from the QR decomposition of a Gaussian matrix. */
    private RealMatrix orthonormal(int r, int c) {
        if (r < c) return orthonormal(c, r).transpose();
        return new QRDecomposition(gaussian(r, c)).getQ().getSubMatrix(0, r - 1, 0, c - 1);
    }

    /** U diag(s) V^T with random orthogonal U, V and s in [0.5, 2]: condition number at most 4. */
    private RealMatrix wellConditioned(int n) {
        RealMatrix s = diagonal(n, n, true);
        return orthonormal(n, n).multiply(s).multiplyTransposed(orthonormal(n, n));
    }

    /** Entries in [0.5, 2], normalised to sum 1: inside the simplex, away from its faces. */
    private RealMatrix probability(int n) {
        RealMatrix p = positive(n, 1);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += p.getEntry(i, 0);
        return p.scalarMultiply(1 / sum);
    }
}
