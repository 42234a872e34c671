package matcalc.numeric;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.*;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The numeric value of expressions at one {@link Instance}; every value is a RealMatrix, scalars 1 x 1.
 * Values are memoized per node identity, so shared subtrees are evaluated once. While evaluating it
 * records the kinks of non-smooth operations (relu, abs, sign, step, max, norm1): the smallest
 * distance to one and on which side of each the evaluation fell, so that finite differences can
 * keep away from them and detect a step across one.
 */
public final class Evaluator implements ExprVisitor<RealMatrix> {
    /** An inverse worse conditioned than this is numerically singular: its digits are noise. */
    static final double MAX_CONDITION = 1e10;
    /** No value larger than this is formed (40 MB): kron(X, X) at X: 400 x 400 would need 200 GB. */
    static final long MAX_ENTRIES = 5_000_000;

    /**
     * A value too large to evaluate at these sizes: no other instance of them does better. (A
     * server request has a lower limit of its own, {@link matcalc.Deadline#checkEntries}.) Every
     * node's size is checked in {@link #eval} before it is computed, so kron and K need no check
     * of their own.
     */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) { super(message, null, false, false); }
    }

    private final Instance inst;
    private final Map<Expr, RealMatrix> memo = new IdentityHashMap<>();
    private double minKinkDistance = Double.POSITIVE_INFINITY;
    private final BitSet kinkSides = new BitSet();
    private int kinkCount;

    public Evaluator(Instance inst) { this.inst = inst; }

    public static RealMatrix eval(Expr e, Instance inst) { return new Evaluator(inst).eval(e); }

    /** The value of e; throws {@link DomainException} where it is undefined or not finite. */
    public RealMatrix eval(Expr e) {
        RealMatrix v = memo.get(e);
        if (v == null) {
            matcalc.Deadline.check();
            long rows = size(e.shape().rows()), cols = size(e.shape().cols()), entries = rows * cols;
            matcalc.Deadline.checkEntries(rows, cols); // a server request's own, lower limit
            if (entries > MAX_ENTRIES) throw new TooLarge(e.shape() + " is " + entries + " entries at " + inst.sizes());
            v = e.accept(this);
            if (!Matrices.isFinite(v)) throw new DomainException("non-finite value of " + e.opName());
            memo.put(e, v);
        }
        return v;
    }

    /** Smallest |argument| of a kinked function (or |a - b| of a max) seen so far; infinite if none. */
    public double minKinkDistance() { return minKinkDistance; }

    /** Whether another evaluation of the same expression saw every kink from the same side. */
    public boolean sameKinkSides(Evaluator o) { return kinkCount == o.kinkCount && kinkSides.equals(o.kinkSides); }

    /**
     * The argument of a kinked function of one argument (abs, relu, sign, step, norm1). An exact 0
     * at a random instance is a structural zero (the off-diagonal of diag(w), x - x): it stays 0
     * under every perturbation, and the derivative rule multiplies by its differential, which is
     * 0, so it is no kink to keep away from. Were it not structural, a step would make it nonzero
     * and sameKinkSides would see the difference.
     */
    private void unaryKink(double t) {
        if (t != 0) kink(t);
    }

    /** a - b of a max: a tie is a kink even when structural, since d max(a, a) = da is not step(0) da + step(0) da. */
    private void kink(double t) {
        minKinkDistance = Math.min(minKinkDistance, Math.abs(t));
        if (t > 0) kinkSides.set(kinkCount);
        kinkCount++;
    }

    private int size(Dim d) { return d.value(inst.sizes()); }

    private double scalarOf(Expr e) { return eval(e).getEntry(0, 0); }

    private interface Entrywise { double apply(double x); }

    private static RealMatrix map(RealMatrix a, Entrywise f) {
        RealMatrix r = new Array2DRowRealMatrix(a.getRowDimension(), a.getColumnDimension());
        for (int i = 0; i < a.getRowDimension(); i++)
            for (int j = 0; j < a.getColumnDimension(); j++) r.setEntry(i, j, f.apply(a.getEntry(i, j)));
        return r;
    }

    private interface Pairwise { double apply(double a, double b); }

    private static RealMatrix zip(RealMatrix a, RealMatrix b, Pairwise f) {
        RealMatrix r = new Array2DRowRealMatrix(a.getRowDimension(), a.getColumnDimension());
        for (int i = 0; i < a.getRowDimension(); i++)
            for (int j = 0; j < a.getColumnDimension(); j++) r.setEntry(i, j, f.apply(a.getEntry(i, j), b.getEntry(i, j)));
        return r;
    }

    private static double sum(RealMatrix a, Entrywise f) {
        double s = 0;
        for (int i = 0; i < a.getRowDimension(); i++)
            for (int j = 0; j < a.getColumnDimension(); j++) s += f.apply(a.getEntry(i, j));
        return s;
    }

    // ---- leaves

    public RealMatrix visitNum(Num e) { return Matrices.scalar(e.value().toDouble()); }

    public RealMatrix visitVar(Var e) {
        RealMatrix v = inst.value(e.name());
        int r = size(e.shape().rows()), c = size(e.shape().cols());
        if (v.getRowDimension() != r || v.getColumnDimension() != c)
            throw new IllegalArgumentException("value of " + e.name() + " is " + v.getRowDimension() + " x "
                    + v.getColumnDimension() + ", its shape " + e.shape() + " needs " + r + " x " + c);
        return v;
    }

    public RealMatrix visitDVar(DVar e) {
        throw new IllegalStateException("a differential d" + e.var().name() + " has no numeric value");
    }

    public RealMatrix visitIdentity(Identity e) { return MatrixUtils.createRealIdentityMatrix(size(e.n())); }

    public RealMatrix visitOnes(Ones e) { return zeros(e.shape()).scalarAdd(1); }

    public RealMatrix visitZero(Zero e) { return zeros(e.shape()); }

    private RealMatrix zeros(Shape s) { return new Array2DRowRealMatrix(size(s.rows()), size(s.cols())); }

    public RealMatrix visitMatrixLiteral(MatrixLiteral e) {
        List<List<Rational>> rows = e.rows();
        double[][] d = new double[rows.size()][];
        for (int i = 0; i < d.length; i++) d[i] = rows.get(i).stream().mapToDouble(Rational::toDouble).toArray();
        return new Array2DRowRealMatrix(d, false);
    }

    /** K[i n + j][j m + i] = 1: entry (i, j) of A sits at j m + i in vec(A) and at i n + j in vec(A^T). */
    public RealMatrix visitCommutation(Commutation e) {
        int m = size(e.m()), n = size(e.n());
        RealMatrix k = new Array2DRowRealMatrix(m * n, m * n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) k.setEntry(i * n + j, j * m + i, 1);
        return k;
    }

    public RealMatrix visitUnitVector(UnitVector e) {
        int n = size(e.n());
        if (e.index() < 1 || e.index() > n) throw new IllegalArgumentException("unit vector e_" + e.index() + " of length " + n);
        RealMatrix v = new Array2DRowRealMatrix(n, 1);
        v.setEntry(e.index() - 1, 0, 1);
        return v;
    }

    // ---- algebra

    public RealMatrix visitAdd(Add e) {
        RealMatrix s = eval(e.terms().get(0));
        for (Expr t : e.terms().subList(1, e.terms().size())) s = s.add(eval(t));
        return s;
    }

    /** Scalar (1 x 1) factors scale; the others form a chain multiplied left to right. */
    public RealMatrix visitMul(Mul e) {
        double scale = 1;
        RealMatrix chain = null;
        for (Expr f : e.factors()) {
            RealMatrix v = eval(f);
            if (f.isScalar()) scale *= v.getEntry(0, 0);
            else chain = chain == null ? v : chain.multiply(v);
        }
        return chain == null ? Matrices.scalar(scale) : chain.scalarMultiply(scale);
    }

    public RealMatrix visitTranspose(Transpose e) { return eval(e.arg()).transpose(); }

    public RealMatrix visitInverse(Inverse e) {
        RealMatrix a = eval(e.arg());
        DecompositionSolver s = new LUDecomposition(a).getSolver();
        if (!s.isNonSingular()) throw new DomainException("singular matrix in inverse");
        RealMatrix inv = s.getInverse();
        if (a.getFrobeniusNorm() * inv.getFrobeniusNorm() > MAX_CONDITION)
            throw new DomainException("ill-conditioned matrix in inverse");
        return inv;
    }

    public RealMatrix visitMatPow(MatPow e) { return eval(e.base()).power(e.n()); }

    /**
     * A denominator this close to 0 is (almost surely, at random instances) one that is identically
     * 0 up to rounding, sum((diag(s) - s s^T) 1) say: the value is rounding noise, not a value.
     */
    static final double TINY_DENOMINATOR = 1e-12;

    private static void denominator(double base, double exponent) {
        if (exponent < 0 && Math.abs(base) < TINY_DENOMINATOR) throw new DomainException("division by (nearly) zero");
    }

    public RealMatrix visitPow(Pow e) {
        denominator(scalarOf(e.base()), scalarOf(e.exponent()));
        double r = Math.pow(scalarOf(e.base()), scalarOf(e.exponent()));
        if (Double.isNaN(r)) throw new DomainException("power outside its domain");
        return Matrices.scalar(r);
    }

    public RealMatrix visitHadamard(Hadamard e) {
        RealMatrix p = eval(e.factors().get(0));
        for (Expr f : e.factors().subList(1, e.factors().size())) p = zip(p, eval(f), (a, b) -> a * b);
        return p;
    }

    public RealMatrix visitElemPow(ElemPow e) {
        double c = scalarOf(e.exponent());
        return map(eval(e.base()), x -> {
            denominator(x, c);
            double r = Math.pow(x, c);
            if (Double.isNaN(r)) throw new DomainException("element-wise power outside its domain");
            return r;
        });
    }

    public RealMatrix visitApply(Apply e) {
        Fn fn = e.fn();
        return map(eval(e.arg()), x -> {
            if (fn.positiveDomain && !(x > 0)) throw new DomainException(fn.name + " of a non-positive number");
            if (fn.kinked) unaryKink(x);
            return fn.apply(x);
        });
    }

    public RealMatrix visitMax(Max e) {
        return zip(eval(e.a()), eval(e.b()), (a, b) -> {
            kink(a - b);
            return Math.max(a, b);
        });
    }

    /** Shifted by the maximum so that exp cannot overflow. */
    public RealMatrix visitSoftmax(Softmax e) {
        RealMatrix v = eval(e.arg());
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.getRowDimension(); i++) max = Math.max(max, v.getEntry(i, 0));
        final double m = max;
        RealMatrix ex = map(v, x -> Math.exp(x - m));
        return ex.scalarMultiply(1 / sum(ex, x -> x));
    }

    // ---- reductions and reshaping

    public RealMatrix visitTrace(Trace e) { return Matrices.scalar(eval(e.arg()).getTrace()); }

    public RealMatrix visitDet(Det e) { return Matrices.scalar(det(eval(e.arg()))); }

    public RealMatrix visitLogDet(LogDet e) {
        double d = det(eval(e.arg()));
        if (!(d > 0)) throw new DomainException("log of a non-positive determinant");
        return Matrices.scalar(Math.log(d));
    }

    private static double det(RealMatrix a) { return new LUDecomposition(a).getDeterminant(); }

    public RealMatrix visitSum(Sum e) { return Matrices.scalar(sum(eval(e.arg()), x -> x)); }

    /** norm1 has a kink at every zero entry, norm2 only where the whole argument is zero. */
    public RealMatrix visitNorm(Norm e) {
        RealMatrix a = eval(e.arg());
        if (e.p() == 1) return Matrices.scalar(sum(a, x -> { unaryKink(x); return Math.abs(x); }));
        double n = a.getFrobeniusNorm();
        kink(n);
        return Matrices.scalar(n);
    }

    public RealMatrix visitDiag(Diag e) { return MatrixUtils.createRealDiagonalMatrix(eval(e.arg()).getColumn(0)); }

    public RealMatrix visitDiagOf(DiagOf e) {
        RealMatrix a = eval(e.arg());
        RealMatrix d = new Array2DRowRealMatrix(a.getRowDimension(), 1);
        for (int i = 0; i < a.getRowDimension(); i++) d.setEntry(i, 0, a.getEntry(i, i));
        return d;
    }

    public RealMatrix visitVec(Vec e) { return Matrices.vec(eval(e.arg())); }

    public RealMatrix visitKron(Kron e) { return Matrices.kron(eval(e.a()), eval(e.b())); }

    /** 1-based; the column index of an entry of a column vector is not used (Entry's own rules ignore it). */
    public RealMatrix visitEntry(Entry e) {
        RealMatrix a = eval(e.arg());
        int i = e.row() - 1, j = e.arg().shape().cols().isOne() ? 0 : e.col() - 1;
        if (i < 0 || i >= a.getRowDimension() || j < 0 || j >= a.getColumnDimension())
            throw new IllegalArgumentException("entry (" + e.row() + ", " + e.col() + ") of a "
                    + a.getRowDimension() + " x " + a.getColumnDimension() + " matrix");
        return Matrices.scalar(a.getEntry(i, j));
    }


    public RealMatrix visitDerivative(Derivative e) {
        throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.INTERNAL, "internal: " + e.opName() + "(...) was not expanded");
    }

    public RealMatrix visitCall(Call e) {
        List<RealMatrix> args = new java.util.ArrayList<>(e.args().size());
        for (Expr a : e.args()) args.add(eval(a));
        return e.op().evaluate(args, numeric);
    }

    private final Operator.Numeric numeric = new Operator.Numeric() {
        public void kink(double distance) { Evaluator.this.kink(distance); }
        public double size(Dim d) { return Evaluator.this.size(d); }
        public RuntimeException undefined(String why) { throw new DomainException(why); }
    };
}
