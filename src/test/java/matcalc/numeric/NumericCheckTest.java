package matcalc.numeric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import java.util.Set;
import matcalc.numeric.NumericCheck.Options;
import matcalc.numeric.NumericCheck.Result;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class NumericCheckTest {
    static final Dim N = Dim.sym("n"), M = Dim.sym("m"), P = Dim.sym("p"), Q = Dim.sym("q");
    static final Var X = new Var("X", Shape.square(N));
    static final Var A = new Var("A", Shape.square(N));
    static final Var x = new Var("x", Shape.column(N));
    static final Options OPTS = Options.defaults();

    static Expr t(Expr e) { return new Transpose(e); }

    static Expr add(Expr... es) { return new Add(List.of(es)); }

    static Result check(Expr f, Var v, Expr d, Arrangement arr) { return NumericCheck.check(f, v, d, arr, OPTS); }

    static void assertPasses(Result r) {
        assertTrue(r.passed(), () -> r.toString());
        assertFalse(r.inconclusive());
        assertEquals(OPTS.instances(), r.instances());
        assertTrue(r.maxRelError() < 1e-8, () -> "finite differences should be accurate: " + r.maxRelError());
    }

    static void assertFails(Result r) {
        assertFalse(r.passed());
        assertFalse(r.inconclusive(), () -> r.detail());
        assertTrue(r.maxRelError() > 1e-2);
        assertTrue(r.detail().contains("finite differences"), r::detail);
    }

    @Test void gradientOfQuadraticTrace() {
        Expr f = new Trace(Mul.of(t(X), A, X));
        assertPasses(check(f, X, Mul.of(add(A, t(A)), X), Arrangement.GRADIENT));
        assertFails(check(f, X, Mul.of(Num.of(2), A, X), Arrangement.GRADIENT));
    }

    @Test void jacobianOfLinearMap() {
        Var a = new Var("A", new Shape(M, N));
        Expr f = Mul.of(a, x);
        assertPasses(check(f, x, a, Arrangement.JACOBIAN));
        assertPasses(check(f, x, t(a), Arrangement.JACOBIAN_TRANSPOSED));
        assertFails(check(Mul.of(A, x), x, t(A), Arrangement.JACOBIAN));
    }

    @Test void logDetNeedsInstancesWithPositiveDeterminant() {
        assertPasses(check(new LogDet(X), X, t(new Inverse(X)), Arrangement.GRADIENT));
        assertFails(check(new LogDet(X), X, new Inverse(X), Arrangement.GRADIENT));
    }

    @Test void kroneckerJacobiansOfMatrixProduct() {
        Var a = new Var("A", new Shape(P, M)), x = new Var("X", new Shape(M, N)), b = new Var("B", new Shape(N, Q));
        Expr f = Mul.of(a, x, b);
        assertPasses(check(f, x, new Kron(t(b), a), Arrangement.JACOBIAN));
        assertPasses(check(f, x, new Kron(a, t(b)), Arrangement.JACOBIAN_ROWS));
        assertPasses(check(f, x, new Kron(t(a), b), Arrangement.JACOBIAN_ROWS_TRANSPOSED));
        assertFails(check(f, x, new Kron(a, t(b)), Arrangement.JACOBIAN));
    }

    @Test void rowGradientAndTangent() {
        Var a = new Var("a", Shape.column(N)), s = new Var("s", Shape.SCALAR);
        assertPasses(check(Mul.of(t(a), x), x, t(a), Arrangement.ROW_GRADIENT));
        Expr scaled = Mul.of(new Apply(Fn.EXP, s), A);
        assertPasses(check(scaled, s, scaled, Arrangement.TANGENT));
        assertFails(check(scaled, s, A, Arrangement.TANGENT));
    }

    @Test void secondDerivativeThroughTheGradientExpression() {
        Expr gradient = Mul.of(add(A, t(A)), x); // of x^T A x
        assertPasses(check(gradient, x, add(A, t(A)), Arrangement.JACOBIAN));
        assertFails(check(gradient, x, Mul.of(Num.of(2), A), Arrangement.JACOBIAN));
    }

    @Test void structuredVariableIsPerturbedEntryByEntry() {
        Var s = new Var("X", Shape.square(N), Set.of(Property.SYMMETRIC));
        Expr f = new Trace(Mul.of(A, s));
        assertPasses(check(f, s, t(A), Arrangement.GRADIENT));
        Expr symmetricGradient = add(A, t(A), Mul.of(Num.MINUS_ONE, new Diag(new DiagOf(A))));
        assertFails(check(f, s, symmetricGradient, Arrangement.GRADIENT));
    }

    @Test void kinkedFunctions() {
        assertPasses(check(new Sum(new Apply(Fn.RELU, X)), X, new Apply(Fn.STEP, X), Arrangement.GRADIENT));
        assertPasses(check(new Apply(Fn.RELU, x), x, new Diag(new Apply(Fn.STEP, x)), Arrangement.JACOBIAN));
        assertFails(check(new Sum(new Apply(Fn.RELU, X)), X, new Ones(X.shape()), Arrangement.GRADIENT));
        Var y = new Var("y", Shape.column(N));
        Expr step = new Apply(Fn.STEP, add(x, Mul.of(Num.MINUS_ONE, y)));
        assertPasses(check(new Max(x, y), x, new Diag(step), Arrangement.JACOBIAN));
        assertPasses(check(new Norm(1, x), x, new Apply(Fn.SIGN, x), Arrangement.GRADIENT));
    }

    @Test void structuralZerosAtAKinkAreInconclusive() {
        Var d = new Var("D", Shape.square(N), Set.of(Property.DIAGONAL));
        Result r = check(new Sum(new Apply(Fn.RELU, d)), d, new Apply(Fn.STEP, d), Arrangement.GRADIENT);
        assertFalse(r.passed());
        assertTrue(r.inconclusive());
        assertTrue(r.detail().contains("kink"), r::detail);
    }

    @Test void undefinedEverywhereIsInconclusive() {
        Expr f = new Sum(new Apply(Fn.LOG, Mul.of(Num.MINUS_ONE, new Apply(Fn.EXP, x))));
        Result r = check(f, x, new Ones(x.shape()), Arrangement.GRADIENT);
        assertFalse(r.passed());
        assertTrue(r.inconclusive());
        assertEquals(0, r.instances());
    }

    @Test void smoothNonlinearities() {
        Expr s = new Softmax(Mul.of(A, x));
        Expr jac = Mul.of(add(new Diag(s), Mul.of(Num.MINUS_ONE, s, t(s))), A);
        assertPasses(check(s, x, jac, Arrangement.JACOBIAN));
        Expr norm = new Norm(2, x);
        assertPasses(check(norm, x, Mul.of(new Pow(norm, Num.MINUS_ONE), x), Arrangement.GRADIENT));
        Expr inv = new Inverse(X);
        assertPasses(check(inv, X, Mul.of(Num.MINUS_ONE, new Kron(t(inv), inv)), Arrangement.JACOBIAN));
    }

    @Test void illConditionedInstancesAreRejectedNotBlamed() {
        Expr inv = new Inverse(X);
        Expr f = new Trace(new MatPow(inv, 3));
        Expr gradient = Mul.of(Num.of(-3), t(new MatPow(inv, 4)));
        for (long seed = 1; seed <= 20; seed++) {
            Result r = NumericCheck.check(f, X, gradient, Arrangement.GRADIENT, OPTS.withSeed(seed));
            assertTrue(r.passed(), r::detail);
        }
    }

    @Test void wrongShapeFailsWithoutSampling() {
        Result r = check(new Trace(X), X, new Identity(M), Arrangement.GRADIENT);
        assertFalse(r.passed());
        assertFalse(r.inconclusive());
        assertTrue(r.detail().contains("shape"));
        assertThrows(IllegalArgumentException.class, () -> check(X, X, X, Arrangement.GRADIENT));
    }

    @Test void compareExpressions() {
        Var b = new Var("B", Shape.square(N));
        assertTrue(NumericCheck.compareExpressions(new Trace(Mul.of(A, b)), new Trace(Mul.of(b, A)), OPTS).passed());
        Result r = NumericCheck.compareExpressions(new Trace(Mul.of(A, b)), Mul.of(new Trace(A), new Trace(b)), OPTS);
        assertFalse(r.passed());
        assertFalse(r.inconclusive());
    }

    @Test void arrangementsRoundTrip() {
        Random rnd = new Random(5);
        int p = 2, q = 3, m = 4, n = 5;
        RealMatrix j = new org.hipparchus.linear.Array2DRowRealMatrix(p * q, m * n);
        for (int r = 0; r < p * q; r++) for (int c = 0; c < m * n; c++) j.setEntry(r, c, rnd.nextGaussian());
        for (Arrangement arr : List.of(Arrangement.JACOBIAN, Arrangement.JACOBIAN_TRANSPOSED,
                Arrangement.JACOBIAN_ROWS, Arrangement.JACOBIAN_ROWS_TRANSPOSED)) {
            assertEquals(0, arr.toJacobian(arr.fromJacobian(j, p, q, m, n), p, q, m, n).subtract(j).getFrobeniusNorm());
        }
        // Row-major vec of a 2 x 3 f against column-major: J_rows = K_{2,3} J K_{4,5}^T.
        Instance none = new Instance(java.util.Map.of(), java.util.Map.of());
        RealMatrix kf = Evaluator.eval(new Commutation(Dim.of(p), Dim.of(q)), none);
        RealMatrix kx = Evaluator.eval(new Commutation(Dim.of(m), Dim.of(n)), none);
        RealMatrix rows = Arrangement.JACOBIAN_ROWS.fromJacobian(j, p, q, m, n);
        assertTrue(rows.subtract(kf.multiply(j).multiplyTransposed(kx)).getFrobeniusNorm() < 1e-12);
    }

    // ---- numeric sizes too large for entry-by-entry differences (X: 400 x 400)

    static final Var BIG = new Var("X", Shape.square(Dim.of(40)));

    @Test void largeVariablesAreCheckedAlongRandomDirections() {
        Expr f = new Trace(Mul.of(t(BIG), BIG)); // tr(X^T X), gradient 2 X
        Result right = check(f, BIG, Ops.mul(Num.of(2), BIG), Arrangement.GRADIENT);
        assertTrue(right.passed(), right::detail);
        Result wrong = check(f, BIG, BIG, Arrangement.GRADIENT);
        assertFalse(wrong.passed());
        assertFalse(wrong.inconclusive(), wrong::detail);
        assertTrue(wrong.detail().contains("along V"), wrong::detail);
    }

    @Test void aValueTooLargeToFormIsInconclusiveNotACrash() {
        Expr f = new Kron(BIG, BIG); // its Jacobian has 1600^2 x 1600 entries
        Result r = check(f, BIG, new Zero(new Shape(Dim.of(1600 * 1600), Dim.of(1600))), Arrangement.JACOBIAN);
        assertTrue(r.inconclusive(), r::detail);
        assertTrue(r.detail().contains("too large"), r::detail);
    }
}
