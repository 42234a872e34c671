package matcalc.numeric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import matcalc.expr.*;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    static final Dim TWO = Dim.of(2);
    static final Var A = new Var("A", Shape.square(TWO));
    static final Var B = new Var("B", Shape.square(TWO));
    static final Var V = new Var("v", Shape.column(TWO));
    static final Var S = new Var("s", Shape.SCALAR);

    static RealMatrix m(double[]... rows) { return MatrixUtils.createRealMatrix(rows); }

    static RealMatrix col(double... xs) { return MatrixUtils.createColumnRealMatrix(xs); }

    static final Instance INST = new Instance(Map.of("n", 3), Map.of(
            "A", m(new double[] {1, 2}, new double[] {3, 4}),
            "B", m(new double[] {0, 1}, new double[] {1, 1}),
            "v", col(1, 2),
            "s", Matrices.scalar(3)));

    static RealMatrix eval(Expr e) { return Evaluator.eval(e, INST); }

    static void assertMatrix(RealMatrix expected, RealMatrix actual) {
        assertEquals(expected.getRowDimension(), actual.getRowDimension(), "rows");
        assertEquals(expected.getColumnDimension(), actual.getColumnDimension(), "columns");
        assertTrue(expected.subtract(actual).getFrobeniusNorm() < 1e-12, () -> "expected\n"
                + Matrices.format(expected) + "got\n" + Matrices.format(actual));
    }

    static void assertScalar(double expected, Expr e) { assertMatrix(Matrices.scalar(expected), eval(e)); }

    static Num num(long n, long d) { return new Num(Rational.of(n, d)); }

    @Test void leaves() {
        assertScalar(0.75, num(3, 4));
        assertMatrix(MatrixUtils.createRealIdentityMatrix(3), eval(new Identity(Dim.sym("n"))));
        assertMatrix(m(new double[] {1, 1, 1}, new double[] {1, 1, 1}), eval(new Ones(new Shape(TWO, Dim.sym("n")))));
        assertMatrix(m(new double[] {0, 0, 0}), eval(new Zero(new Shape(Dim.ONE, Dim.of(3)))));
        assertMatrix(m(new double[] {1, 0.5}, new double[] {-3, 4}), eval(new MatrixLiteral(List.of(
                List.of(Rational.ONE, Rational.of(1, 2)), List.of(Rational.of(-3), Rational.of(4))))));
        assertMatrix(col(0, 1, 0), eval(new UnitVector(Dim.sym("n"), 2)));
        assertMatrix(col(1, 2), eval(V));
    }

    @Test void differentialsAndMisfitValuesAreErrors() {
        assertThrows(IllegalStateException.class, () -> eval(new DVar(A)));
        assertThrows(IllegalArgumentException.class, () -> eval(new Var("A", Shape.square(Dim.of(3)))));
        assertThrows(IllegalArgumentException.class, () -> eval(new Var("nope", Shape.SCALAR)));
    }

    @Test void commutationMatrixTransposesVec() {
        RealMatrix c = m(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        RealMatrix k = eval(new Commutation(TWO, Dim.of(3)));
        assertMatrix(Matrices.vec(c.transpose()), k.multiply(Matrices.vec(c)));
        assertMatrix(eval(new Commutation(Dim.of(3), TWO)), k.transpose());
        assertMatrix(MatrixUtils.createRealIdentityMatrix(6), k.multiply(k.transpose()));
    }

    @Test void sumsAndProducts() {
        assertMatrix(m(new double[] {1, 3}, new double[] {4, 5}), eval(new Add(List.of(A, B))));
        assertMatrix(col(15, 33), eval(Mul.of(S, A, V)));
        assertMatrix(m(new double[] {6, 9}, new double[] {12, 21}), eval(Mul.of(A, S, B)));
        assertScalar(9, Mul.of(S, S));
        assertMatrix(m(new double[] {1, 3}, new double[] {2, 4}), eval(new Transpose(A)));
        assertMatrix(m(new double[] {37, 54}, new double[] {81, 118}), eval(new MatPow(A, 3)));
        assertScalar(9, new Pow(S, Num.of(2)));
        assertScalar(Math.sqrt(3), new Pow(S, num(1, 2)));
    }

    @Test void inverseAndDeterminants() {
        assertMatrix(m(new double[] {-2, 1}, new double[] {1.5, -0.5}), eval(new Inverse(A)));
        assertScalar(-2, new Det(A));
        assertScalar(3, new Det(S));
        assertScalar(Math.log(2), new LogDet(new MatrixLiteral(List.of(
                List.of(Rational.of(3), Rational.ONE), List.of(Rational.ONE, Rational.ONE)))));
        assertScalar(5, new Trace(A));
    }

    @Test void domainProblemsAreReported() {
        Expr singular = new MatrixLiteral(List.of(List.of(Rational.ONE, Rational.TWO), List.of(Rational.TWO, Rational.of(4))));
        assertThrows(DomainException.class, () -> eval(new Inverse(singular)));
        assertThrows(DomainException.class, () -> eval(new LogDet(A)));
        assertThrows(DomainException.class, () -> eval(new LogDet(singular)));
        assertThrows(DomainException.class, () -> eval(new Apply(Fn.LOG, Mul.of(Num.MINUS_ONE, A))));
        assertThrows(DomainException.class, () -> eval(new Apply(Fn.SQRT, new Zero(Shape.SCALAR))));
        assertThrows(DomainException.class, () -> eval(new Pow(Num.MINUS_ONE, num(1, 2))));
        assertThrows(DomainException.class, () -> eval(new ElemPow(Mul.of(Num.MINUS_ONE, A), num(1, 2))));
        assertThrows(DomainException.class, () -> eval(new Apply(Fn.EXP, Mul.of(Num.of(1000), S))));
    }

    @Test void elementwise() {
        assertMatrix(m(new double[] {0, 2}, new double[] {3, 4}), eval(new Hadamard(List.of(A, B))));
        assertMatrix(m(new double[] {1, 4}, new double[] {9, 16}), eval(new ElemPow(A, Num.of(2))));
        assertMatrix(m(new double[] {0, Math.log(2)}, new double[] {Math.log(3), Math.log(4)}), eval(new Apply(Fn.LOG, A)));
        assertMatrix(m(new double[] {1, 2.5}, new double[] {3, 4}), eval(new Max(A, Mul.of(num(5, 2), B))));
    }

    @Test void softmax() {
        double e = Math.E;
        assertMatrix(col(1 / (1 + e), e / (1 + e)), eval(new Softmax(V)));
        Expr big = Mul.of(Num.of(1000), new Ones(Shape.column(Dim.of(4))));
        assertMatrix(col(0.25, 0.25, 0.25, 0.25), eval(new Softmax(big)));
    }

    @Test void reductionsAndReshaping() {
        assertScalar(10, new Sum(A));
        Expr alternating = new Hadamard(List.of(A, new MatrixLiteral(List.of(
                List.of(Rational.ONE, Rational.MINUS_ONE), List.of(Rational.ONE, Rational.MINUS_ONE)))));
        assertScalar(10, new Norm(1, alternating));
        assertScalar(Math.sqrt(30), new Norm(2, A));
        assertScalar(Math.sqrt(5), new Norm(2, V));
        assertMatrix(m(new double[] {1, 0}, new double[] {0, 2}), eval(new Diag(V)));
        assertMatrix(col(1, 4), eval(new DiagOf(A)));
        assertMatrix(col(1, 3, 2, 4), eval(new Vec(A)));
        assertMatrix(m(new double[] {0, 1, 0, 2}, new double[] {1, 1, 2, 2}, new double[] {0, 3, 0, 4},
                new double[] {3, 3, 4, 4}), eval(new Kron(A, B)));
        assertScalar(3, new Entry(A, 2, 1));
        assertScalar(2, new Entry(V, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> eval(new Entry(A, 3, 1)));
    }

    @Test void recordsKinks() {
        Var w = new Var("w", Shape.column(TWO));
        Expr f = new Sum(new Apply(Fn.RELU, w));
        Evaluator ev = new Evaluator(INST.with("w", col(0.5, -0.25)));
        assertMatrix(Matrices.scalar(0.5), ev.eval(f));
        assertEquals(0.25, ev.minKinkDistance(), 1e-15);

        Evaluator sameSides = new Evaluator(INST.with("w", col(0.4, -0.3)));
        sameSides.eval(f);
        assertTrue(ev.sameKinkSides(sameSides));
        Evaluator crossed = new Evaluator(INST.with("w", col(0.4, 0.1)));
        crossed.eval(f);
        assertFalse(ev.sameKinkSides(crossed));

        Evaluator max = new Evaluator(INST);
        max.eval(new Max(A, Mul.of(num(5, 2), B)));
        assertEquals(0.5, max.minKinkDistance(), 1e-15);

        Evaluator smooth = new Evaluator(INST);
        smooth.eval(new Apply(Fn.EXP, A));
        assertEquals(Double.POSITIVE_INFINITY, smooth.minKinkDistance());
    }
}
