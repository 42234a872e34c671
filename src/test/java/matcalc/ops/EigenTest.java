package matcalc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Operator;
import matcalc.expr.Property;
import matcalc.expr.Shape;
import matcalc.expr.SymmetricPoints;
import matcalc.expr.Var;
import matcalc.numeric.Evaluator;
import matcalc.numeric.InstanceGenerator;
import matcalc.numeric.Matrices;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * eig, eigvecs, eig_invgaps and the Loewner matrices: their values against their definitions and
 * against the other spectral operators, and the rule that gives the Fréchet derivatives a
 * Kronecker form at symmetric points (where it fires, where it must not).
 */
class EigenTest {
    private static final Engine ENGINE = new Engine();

    /** A Numeric that records the smallest kink distance. */
    private static final class Ctx implements Operator.Numeric {
        double kink = Double.POSITIVE_INFINITY;
        public void kink(double d) { kink = Math.min(kink, Math.abs(d)); }
        public double size(Dim d) { throw new UnsupportedOperationException(); }
        public RuntimeException undefined(String why) { throw new IllegalStateException(why); }
    }

    private static RealMatrix eval(Operator op, RealMatrix... args) { return op.evaluate(List.of(args), new Ctx()); }

    private static RealMatrix gaussian(Random rnd, int n) {
        RealMatrix a = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a.setEntry(i, j, rnd.nextGaussian());
        return a;
    }

    private static RealMatrix symmetric(RealMatrix a) { return a.add(a.transpose()).scalarMultiply(0.5); }

    private static RealMatrix spd(Random rnd, int n) {
        RealMatrix b = gaussian(rnd, n);
        return b.multiplyTransposed(b).scalarMultiply(1.0 / n).add(MatrixUtils.createRealIdentityMatrix(n));
    }

    /** eig(A)[n] is lambda_max(A) and eig(A)[1] lambda_min(A), for symmetric and general A (both of the symmetric part). */
    @Test
    void extremeEntriesAreLambdaMaxAndMin() {
        Random rnd = new Random(11);
        for (int t = 0; t < 40; t++) {
            int n = 2 + t % 4;
            RealMatrix a = t % 2 == 0 ? symmetric(gaussian(rnd, n)) : gaussian(rnd, n);
            RealMatrix w = eval(Eigenvalues.OP, a);
            assertEquals(eval(Eigenvalue.MAX, a).getEntry(0, 0), w.getEntry(n - 1, 0), 1e-12);
            assertEquals(eval(Eigenvalue.MIN, a).getEntry(0, 0), w.getEntry(0, 0), 1e-12);
            for (int i = 0; i + 1 < n; i++) assertTrue(w.getEntry(i, 0) <= w.getEntry(i + 1, 0), "ascending");
        }
        // The same through the language: the evaluator at random instances of a declared 4 x 4 A.
        Expr e = ENGINE.parse("eig(A)[4] - lambda_max(A) + eig(A)[1] - lambda_min(A)", "A: 4 x 4 symmetric", Layout.NUMERATOR);
        InstanceGenerator gen = new InstanceGenerator(new Random(3));
        for (int s = 0; s < 6; s++) assertEquals(0, Evaluator.eval(e, gen.generate(s % 3, e)).getEntry(0, 0), 1e-12);
    }

    /** eigvecs: orthonormal, A_s V = V diag(eig(A)), each column's largest entry positive; eigvec_max is its last column. */
    @Test
    void eigenvectorsDecomposeTheSymmetricPart() {
        Random rnd = new Random(5);
        for (int t = 0; t < 40; t++) {
            int n = 2 + t % 4;
            RealMatrix a = gaussian(rnd, n), v = eval(Eigenvectors.OP, a), w = eval(Eigenvalues.OP, a);
            RealMatrix lambda = MatrixUtils.createRealDiagonalMatrix(w.getColumn(0));
            assertTrue(Matrices.relativeError(v.transpose().multiply(v), MatrixUtils.createRealIdentityMatrix(n)) < 1e-12);
            assertTrue(Matrices.relativeError(symmetric(a).multiply(v), v.multiply(lambda)) < 1e-10);
            for (int j = 0; j < n; j++) {
                int k = 0;
                for (int i = 1; i < n; i++) if (Math.abs(v.getEntry(i, j)) > Math.abs(v.getEntry(k, j))) k = i;
                assertTrue(v.getEntry(k, j) > 0, "sign convention");
            }
            RealMatrix last = v.getSubMatrix(0, n - 1, n - 1, n - 1);
            assertTrue(Matrices.relativeError(eval(Eigenvector.MAX, a), last) < 1e-12, "eigvec_max is the last column");
            RealMatrix f = eval(EigenGaps.OP, a);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 0 : 1 / (w.getEntry(j, 0) - w.getEntry(i, 0)), f.getEntry(i, j), 1e-9 * Math.abs(f.getEntry(i, j)) + 1e-15);
            }
        }
    }

    /** A repeated eigenvalue is a kink (distance 0), and so is a tie for a column's largest entry. */
    @Test
    void repeatedEigenvaluesAndSignTiesAreKinks() {
        Ctx c = new Ctx();
        Eigenvalues.OP.evaluate(List.of(MatrixUtils.createRealDiagonalMatrix(new double[] {1, 2, 2})), c);
        assertEquals(0, c.kink, 1e-12);
        Ctx s = new Ctx();
        // [[0, 1], [1, 0]]: eigenvectors (1, -1)/sqrt 2 and (1, 1)/sqrt 2, both with two largest entries
        Eigenvectors.OP.evaluate(List.of(MatrixUtils.createRealMatrix(new double[][] {{0, 1}, {1, 0}})), s);
        assertEquals(0, s.kink, 1e-12);
        Ctx e = new Ctx();
        Eigenvector.MAX.evaluate(List.of(MatrixUtils.createRealMatrix(new double[][] {{0, 1}, {1, 0}})), e);
        assertEquals(0, e.kink, 1e-12, "eigvec_max reports the tie too");
    }

    /** Daleckii–Krein: V (Γ .* (V^T E V)) V^T is the Fréchet derivative at a symmetric X in every direction E. */
    @ParameterizedTest
    @ValueSource(strings = {"expm", "logm", "sqrtm"})
    void loewnerGivesTheFrechetDerivative(String name) {
        Loewner op = (Loewner) Operators.byName("loewner_" + name);
        MatrixFunction f = (MatrixFunction) Operators.byName(name);
        Random rnd = new Random(name.hashCode());
        for (int t = 0; t < 12; t++) {
            int n = 2 + t % 4;
            RealMatrix x = f.restricted ? spd(rnd, n) : symmetric(gaussian(rnd, n)), e = gaussian(rnd, n);
            RealMatrix v = eval(Eigenvectors.OP, x), g = eval(op, x);
            RealMatrix inner = v.transpose().multiply(e).multiply(v);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inner.multiplyEntry(i, j, g.getEntry(i, j));
            RealMatrix dk = v.multiply(inner).multiplyTransposed(v);
            double err = Matrices.relativeError(dk, MatrixFunctions.frechet(f.value, x, e));
            assertTrue(err < 1e-8, name + ": " + err);
        }
    }

    /** The divided differences keep their accuracy when two eigenvalues nearly coincide, and are f' where they do. */
    @Test
    void dividedDifferencesAreStable() {
        double a = 1.3;
        for (double h : new double[] {1e-6, 1e-9, 1e-12, 1e-15, 0}) {
            assertEquals(Math.exp(a), Loewner.EXPM.dividedDifference(a, a + h), 1e-12 * Math.exp(a) + Math.exp(a) * h);
            assertEquals(1 / a, Loewner.LOGM.dividedDifference(a + h, a), 1e-12 + h);
            assertEquals(0.5 / Math.sqrt(a), Loewner.SQRTM.dividedDifference(a, a + h), 1e-12 + h);
        }
        // well separated: the plain quotient
        assertEquals((Math.exp(3) - Math.exp(-1)) / 4, Loewner.EXPM.dividedDifference(3, -1), 1e-12);
        assertEquals((Math.log(5) - Math.log(0.5)) / 4.5, Loewner.LOGM.dividedDifference(0.5, 5), 1e-14);
        assertEquals((Math.sqrt(5) - Math.sqrt(0.5)) / 4.5, Loewner.SQRTM.dividedDifference(5, 0.5), 1e-14);
        // the naive quotient loses half the digits at 1e-8 apart; the stable one keeps them
        double b = a + 1e-8, naive = (Math.exp(b) - Math.exp(a)) / (b - a);
        assertTrue(Math.abs(naive - Math.exp(a + 5e-9)) > 1e-9);
        assertEquals(Math.exp(a + 5e-9), Loewner.EXPM.dividedDifference(a, b), 1e-14);
    }

    /** What counts as symmetric at the points: declared, assumed for the stripped variable during a derivation, or by structure. */
    @Test
    void symmetricPoints() {
        Shape sq = Shape.square(Dim.sym("n"));
        Var x = new Var("X", sq), s = new Var("X", sq, java.util.Set.of(Property.SYMMETRIC)), a = new Var("A", sq);
        assertFalse(SymmetricPoints.holds(x));
        assertTrue(SymmetricPoints.holds(s));
        assertTrue(SymmetricPoints.assuming(s, () -> SymmetricPoints.holds(x)), "the stripped variable, while differentiating");
        assertFalse(SymmetricPoints.holds(x), "only for the length of the derivation");
        assertFalse(SymmetricPoints.assuming(x, () -> SymmetricPoints.holds(x)), "an undeclared variable is never assumed");
        assertTrue(SymmetricPoints.holds(ENGINE.parse("X + X^T", "X: n x n", Layout.NUMERATOR)));
        assertTrue(SymmetricPoints.holds(ENGINE.parse("A^T S A", "A: n x n; S: n x n symmetric", Layout.NUMERATOR)));
        assertTrue(SymmetricPoints.holds(ENGINE.parse("2 S^{-1} + I", "S: n x n spd", Layout.NUMERATOR)));
        assertFalse(SymmetricPoints.holds(ENGINE.parse("S A", "A: n x n; S: n x n symmetric", Layout.NUMERATOR)));
        assertFalse(SymmetricPoints.holds(ENGINE.parse("A^T S B", "A, B: n x n; S: n x n symmetric", Layout.NUMERATOR)));
        assertFalse(SymmetricPoints.holds(a));
    }

    /** The Kronecker form fires for an argument symmetric by structure too, with nothing declared, and its note says which it is. */
    @Test
    void kroneckerFormForAStructurallySymmetricArgument() {
        DiffResult r = ENGINE.diff(DiffRequest.of("expm(X + X^T)", "X").where("X: 3 x 3"));
        assertTrue(r.check().passed(), r.check().detail());
        assertTrue(TextRenderer.render(r.result()).contains("loewner_expm(X + X^T)"), TextRenderer.render(r.result()));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("for symmetric X + X^T, through its eigen-decomposition (Daleckii–Krein)")), r.notes().toString());
    }

    /** Must not fire: a general X, and a symmetric X inside a product that is not symmetric, keep the named error. */
    @Test
    void noKroneckerFormOffTheSymmetricMatrices() {
        for (String[] c : new String[][] {{"expm(X)", "X: 3 x 3"}, {"logm(X A)", "X: 3 x 3 spd"}, {"sqrtm(A^T X)", "X: 3 x 3 spd"}}) {
            MatcalcError e = assertThrows(MatcalcError.class, () -> ENGINE.diff(DiffRequest.of(c[0], "X").where(c[1])));
            assertEquals(MatcalcError.Kind.MISSING_RULE, e.kind());
            assertTrue(e.getMessage().contains("for X declared symmetric"), e.getMessage());
        }
        // a result through the Kronecker form is not differentiated again: a named error, not a wrong second derivative
        MatcalcError e = assertThrows(MatcalcError.class, () -> ENGINE.diff(DiffRequest.of("sqrtm(X)", "X").where("X: 3 x 3 spd").order(2)));
        assertTrue(e.getMessage().startsWith("no rule 'd-loewner_sqrtm'"), e.getMessage());
    }

    /** Without the check's help: the Hessian of tr(expm(X)) at a symmetric X equals second differences of tr(expm). */
    @Test
    void hessianOfTraceExpmAgreesWithSecondDifferences() {
        DiffResult r = ENGINE.diff(DiffRequest.of("tr(expm(X))", "X").where("X: 3 x 3 symmetric").order(2));
        assertTrue(r.check().passed(), r.check().detail());
        Random rnd = new Random(9);
        RealMatrix x = symmetric(gaussian(rnd, 3));
        var inst = new matcalc.numeric.Instance(java.util.Map.of(), java.util.Map.of("X", x));
        RealMatrix h = Evaluator.eval(r.result(), inst);
        double step = 1e-4;
        for (int p = 0; p < 9; p++) for (int q = 0; q < 9; q++) {
            double fd = (trExp(x, p, q, step, step) - trExp(x, p, q, step, -step) - trExp(x, p, q, -step, step) + trExp(x, p, q, -step, -step)) / (4 * step * step);
            assertEquals(fd, h.getEntry(p, q), 1e-5 * Math.max(1, Math.abs(fd)), "entry " + p + ", " + q);
        }
    }

    /** tr(expm(X + s E_p + t E_q)), E_p the unit matrix of column-major index p. */
    private static double trExp(RealMatrix x, int p, int q, double s, double t) {
        RealMatrix y = x.copy();
        y.addToEntry(p % 3, p / 3, s);
        y.addToEntry(q % 3, q / 3, t);
        return MatrixFunctions.expm(y).getTrace();
    }
}
