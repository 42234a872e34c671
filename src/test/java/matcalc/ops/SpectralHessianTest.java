package matcalc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import matcalc.MatcalcError;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Dim;
import matcalc.expr.Operator;
import matcalc.numeric.Evaluator;
import matcalc.numeric.Instance;
import matcalc.numeric.Matrices;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Second derivatives of the spectral operators, through the derivatives of eigvec_max/eigvec_min,
 * svd_u/svd_v and polar: each Hessian passes the engine's check, and, independently of it, agrees
 * with second differences of the function computed here by Hipparchus; the derivatives keep unit
 * vectors unit and the polar factor orthogonal; and where no form is written the error is named.
 */
class SpectralHessianTest {
    private static final Engine ENGINE = new Engine();

    private static RealMatrix gaussian(Random rnd, int m, int n) {
        RealMatrix a = MatrixUtils.createRealMatrix(m, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a.setEntry(i, j, rnd.nextGaussian());
        return a;
    }

    private static RealMatrix symmetric(RealMatrix a) { return a.add(a.transpose()).scalarMultiply(0.5); }

    private static DiffResult diff(String expr, String wrt, String where, int order) {
        DiffResult r = ENGINE.diff(DiffRequest.of(expr, wrt).where(where).order(order));
        assertTrue(r.check() != null && r.check().passed(), expr + ": " + TextRenderer.render(r.result()) + " " + r.check());
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("failed the numeric check")), "no fallback: " + r.notes());
        return r;
    }

    private static RealMatrix at(DiffResult r, String name, RealMatrix value) {
        return Evaluator.eval(r.result(), new Instance(Map.of(), Map.of(name, value)));
    }

    private static double lambdaMax(RealMatrix a) {
        double[] w = new EigenDecompositionSymmetric(symmetric(a)).getEigenvalues();
        return java.util.Arrays.stream(w).max().orElseThrow();
    }

    private static double lambdaMin(RealMatrix a) {
        double[] w = new EigenDecompositionSymmetric(symmetric(a)).getEigenvalues();
        return java.util.Arrays.stream(w).min().orElseThrow();
    }

    private static double sigmaMax(RealMatrix a) { return new SingularValueDecomposition(a).getSingularValues()[0]; }

    private static double nuclear(RealMatrix a) {
        return java.util.Arrays.stream(new SingularValueDecomposition(a).getSingularValues()).sum();
    }

    /** The Hessian in vec form (column-major) against second differences of f, entry by entry. */
    private static void agreesWithSecondDifferences(RealMatrix h, RealMatrix x, ToDoubleFunction<RealMatrix> f, String what) {
        int m = x.getRowDimension(), n = x.getColumnDimension(), k = m * n;
        assertEquals(k, h.getRowDimension(), what);
        assertEquals(k, h.getColumnDimension(), what);
        double step = 1e-4, scale = 1;
        for (int p = 0; p < k; p++) for (int q = 0; q < k; q++) scale = Math.max(scale, Math.abs(h.getEntry(p, q)));
        for (int p = 0; p < k; p++) for (int q = 0; q < k; q++) {
            double fd = (f.applyAsDouble(shift(x, p, q, step, step)) - f.applyAsDouble(shift(x, p, q, step, -step))
                    - f.applyAsDouble(shift(x, p, q, -step, step)) + f.applyAsDouble(shift(x, p, q, -step, -step))) / (4 * step * step);
            assertEquals(fd, h.getEntry(p, q), 1e-5 * scale, what + ": entry " + p + ", " + q);
        }
    }

    /** x + s E_p + t E_q, E_p the unit matrix of column-major index p. */
    private static RealMatrix shift(RealMatrix x, int p, int q, double s, double t) {
        int m = x.getRowDimension();
        RealMatrix y = x.copy();
        y.addToEntry(p % m, p / m, s);
        y.addToEntry(q % m, q / m, t);
        return y;
    }

    /** lambda_max/lambda_min: the Hessian in vec form, at general and at symmetric A, against second differences. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lambda_max, false", "lambda_max, true", "lambda_min, false", "lambda_min, true"})
    void extremeEigenvalueHessians(String op, boolean declaredSymmetric) {
        DiffResult r = diff(op + "(A)", "A", "A: 4 x 4" + (declaredSymmetric ? " symmetric" : ""), 2);
        Random rnd = new Random(op.hashCode() + (declaredSymmetric ? 1 : 0));
        ToDoubleFunction<RealMatrix> f = op.equals("lambda_max") ? SpectralHessianTest::lambdaMax : SpectralHessianTest::lambdaMin;
        for (int t = 0; t < 3; t++) {
            RealMatrix a = gaussian(rnd, 4, 4);
            if (declaredSymmetric) a = symmetric(a);
            agreesWithSecondDifferences(at(r, "A", a), a, f, op);
        }
    }

    /** sigma_max (norm_spectral): square, tall and wide A, against second differences. */
    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"3, 3", "4, 2", "2, 4", "1, 3"})
    void sigmaMaxHessians(int m, int n) {
        DiffResult r = diff("norm_spectral(A)", "A", "A: " + m + " x " + n, 2);
        Random rnd = new Random(31 * m + n);
        for (int t = 0; t < 3; t++) {
            RealMatrix a = gaussian(rnd, m, n);
            agreesWithSecondDifferences(at(r, "A", a), a, SpectralHessianTest::sigmaMax, "sigma_max " + m + " x " + n);
        }
    }

    /** norm_nuclear through d polar: square (symbolic and numeric), tall and wide A. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"n x n, 3, 3", "3 x 3, 3, 3", "4 x 3, 4, 3", "2 x 4, 2, 4"})
    void nuclearNormHessians(String decl, int m, int n) {
        DiffResult r = diff("norm_nuclear(A)", "A", "A: " + decl, 2);
        Random rnd = new Random(17 * m + n);
        for (int t = 0; t < 3; t++) {
            RealMatrix a = gaussian(rnd, m, n);
            RealMatrix h = decl.startsWith("n") ? Evaluator.eval(r.result(), new Instance(Map.of("n", n), Map.of("A", a))) : at(r, "A", a);
            agreesWithSecondDifferences(h, a, SpectralHessianTest::nuclear, "norm_nuclear " + decl);
        }
    }

    /**
     * Independent of the check: at a symmetric A with simple eigenvalues, the Jacobian of eigvec_max
     * (through the inverse of the deflated shift) is the last block of that of eigvecs (through
     * eig_invgaps), and the Jacobian of svd_v(A) is that of eigvec_max(A^T A) by the chain rule.
     */
    @Test
    void eigenvectorJacobiansAgreeWithTheEigvecsForm() {
        DiffResult one = diff("eigvec_max(A)", "A", "A: 4 x 4", 1), min = diff("eigvec_min(A)", "A", "A: 4 x 4", 1);
        DiffResult all = diff("eigvecs(A)", "A", "A: 4 x 4", 1);
        DiffResult sv = diff("svd_v(A)", "A", "A: 3 x 4", 1);
        DiffResult gram = diff("eigvec_max(A^T A)", "A", "A: 3 x 4", 1);
        Random rnd = new Random(23);
        for (int t = 0; t < 5; t++) {
            RealMatrix a = gaussian(rnd, 4, 4), jAll = at(all, "A", a);
            assertTrue(Matrices.relativeError(at(one, "A", a), jAll.getSubMatrix(12, 15, 0, 15)) < 1e-9, "last column of eigvecs");
            assertTrue(Matrices.relativeError(at(min, "A", a), jAll.getSubMatrix(0, 3, 0, 15)) < 1e-9, "first column of eigvecs");
            RealMatrix b = gaussian(rnd, 3, 4);
            assertTrue(Matrices.relativeError(at(sv, "A", b), at(gram, "A", b)) < 1e-9, "svd_v(A) = eigvec_max(A^T A)");
        }
    }

    /**
     * The derivatives turn unit vectors without stretching them, and keep the polar factor's columns
     * (or rows) orthonormal: d(v^T v) = 0 and d(Q^T Q) = 0 at every random instance (a rule with a
     * wrong normalisation or a missing projection would pass neither).
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            "eigvec_max(A)^T eigvec_max(A) | A: 4 x 4", "eigvec_min(A)^T eigvec_min(A) | A: 3 x 3",
            "svd_u(A)^T svd_u(A) | A: 4 x 2", "svd_v(A)^T svd_v(A) | A: 4 x 2", "svd_u(A)^T svd_u(A) | A: 2 x 3",
            "sum(C .* (polar(A)^T polar(A))) | A: 4 x 3; C: 3 x 3", "sum(C .* (polar(A) polar(A)^T)) | A: 2 x 3; C: 2 x 2",
            "sum(C .* (polar(A)^T polar(A))) | A: 3 x 3; C: 3 x 3"})
    void derivativesStayTangent(String expr, String where) {
        DiffResult r = diff(expr, "A", where, 1);
        Random rnd = new Random(expr.hashCode() + where.hashCode());
        int m = where.charAt(3) - '0', n = where.charAt(7) - '0', c = where.contains("C: 2") ? 2 : n;
        for (int t = 0; t < 3; t++) {
            RealMatrix value = Evaluator.eval(r.result(), new Instance(Map.of(), Map.of("A", gaussian(rnd, m, n), "C", gaussian(rnd, c, c))));
            assertTrue(value.getNorm1() < 1e-9, expr + " has the derivative " + value);
        }
    }

    /** Q^T dQ is skew and solves H Ω + Ω H = Q^T E - E^T Q, H = Q^T A, for a square A in every direction E. */
    @Test
    void polarDerivativeSolvesItsSylvesterEquation() {
        DiffResult r = diff("polar(A)", "A", "A: 3 x 3", 1);
        Random rnd = new Random(43);
        for (int t = 0; t < 5; t++) {
            RealMatrix a = gaussian(rnd, 3, 3), e = gaussian(rnd, 3, 3);
            RealMatrix q = Polar.OP.evaluate(List.of(a), new Ctx()), h = q.transpose().multiply(a);
            RealMatrix dvec = at(r, "A", a).multiply(Matrices.vec(e)), dq = MatrixUtils.createRealMatrix(3, 3);
            for (int k = 0; k < 9; k++) dq.setEntry(k % 3, k / 3, dvec.getEntry(k, 0));
            RealMatrix omega = q.transpose().multiply(dq);
            assertTrue(omega.add(omega.transpose()).getNorm1() < 1e-9, "Q^T dQ is skew");
            RealMatrix lhs = h.multiply(omega).add(omega.multiply(h)), rhs = q.transpose().multiply(e).subtract(e.transpose().multiply(q));
            assertTrue(Matrices.relativeError(lhs, rhs) < 1e-8, "Sylvester equation");
        }
    }

    /** A Numeric that records the smallest kink distance. */
    private static final class Ctx implements Operator.Numeric {
        double kink = Double.POSITIVE_INFINITY;
        public void kink(double d) { kink = Math.min(kink, Math.abs(d)); }
        public double size(Dim d) { throw new UnsupportedOperationException(); }
        public RuntimeException undefined(String why) { throw new IllegalStateException(why); }
    }

    /**
     * Defined where the other eigenvalues repeat: lambda_max(x x^T) = x^T x has Hessian 2 I although
     * x x^T has n - 1 zero eigenvalues (a form through eigvecs(x x^T) is undefined there), and
     * sigma_max(x y^T) = |x| |y| for a rank-one matrix.
     */
    @Test
    void rankOneArguments() {
        DiffResult r = diff("lambda_max(x x^T)", "x", "x: 4", 2);
        RealMatrix x = MatrixUtils.createColumnRealMatrix(new double[] {0.3, -1.2, 0.7, 2.0});
        RealMatrix h = at(r, "x", x);
        assertTrue(Matrices.relativeError(h, MatrixUtils.createRealIdentityMatrix(4).scalarMultiply(2)) < 1e-9, h.toString());
        DiffResult s = diff("sigma_max(x y^T)", "x", "x: 3; y: 4", 2);
        RealMatrix y = MatrixUtils.createColumnRealMatrix(new double[] {1.0, 0.5, -0.25, 2.0});
        RealMatrix x3 = x.getSubMatrix(0, 2, 0, 0);
        RealMatrix hs = Evaluator.eval(s.result(), new Instance(Map.of(), Map.of("x", x3, "y", y)));
        // |x| |y| has Hessian |y| (I - x x^T / |x|^2) / |x|
        double nx = x3.getFrobeniusNorm(), ny = y.getFrobeniusNorm();
        RealMatrix expected = MatrixUtils.createRealIdentityMatrix(3).subtract(x3.multiplyTransposed(x3).scalarMultiply(1 / (nx * nx))).scalarMultiply(ny / nx);
        assertTrue(Matrices.relativeError(hs, expected) < 1e-9, hs.toString());
    }

    /** A tie for the largest entry of svd_v flips its sign: a kink, reported (as eigvec_max reports it). */
    @Test
    void singularVectorSignTiesAreKinks() {
        // A = diag(2, 1) rotated: top right singular vector (1, 1)/sqrt 2
        RealMatrix a = MatrixUtils.createRealMatrix(new double[][] {{1.5, 0.5}, {0.5, 1.5}});
        Ctx c = new Ctx();
        SvdV.OP.evaluate(List.of(a), c);
        assertEquals(0, c.kink, 1e-12);
        Ctx u = new Ctx();
        SvdU.OP.evaluate(List.of(a), u);
        assertEquals(0, u.kink, 1e-12);
    }

    /**
     * Must not fire: the polar factor of an A whose sizes are symbols in no known order, and second
     * derivatives of the polar factor itself (its derivative goes through dsqrtm, whose derivative in
     * X is not written), keep named errors rather than a formula that holds for one shape only.
     */
    @Test
    void namedErrorsWhereNoFormIsWritten() {
        MatcalcError e = assertThrows(MatcalcError.class, () -> ENGINE.diff(DiffRequest.of("norm_nuclear(A)", "A").where("A: m x n").order(2)));
        assertEquals(MatcalcError.Kind.MISSING_RULE, e.kind());
        assertTrue(e.getMessage().startsWith("no rule 'd-polar'"), e.getMessage());
        assertTrue(e.getMessage().contains("declare the matrix square"), e.getMessage());
        MatcalcError g = assertThrows(MatcalcError.class, () -> ENGINE.diff(DiffRequest.of("x^T polar(A) y", "A").where("A: n x n").order(2)));
        assertEquals(MatcalcError.Kind.MISSING_RULE, g.kind());
        assertTrue(g.getMessage().startsWith("no rule 'd2-sqrtm'"), g.getMessage());
        // sizes in a known order are not refused: kron(b, A) is 2 n x n, tall; tr(M^T polar(M)) is M's nuclear norm
        diff("tr(kron(b, A)^T polar(kron(b, A)))", "A", "A: n x n; b: 2", 1);
    }
}
