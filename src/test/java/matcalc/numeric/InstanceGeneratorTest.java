package matcalc.numeric;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import matcalc.expr.*;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class InstanceGeneratorTest {
    static final Dim N = Dim.sym("n");
    static final Shape SQUARE = Shape.square(N);

    static Var var(String name, Shape s, Property... ps) { return new Var(name, s, Set.of(ps)); }

    static void assertSymmetric(RealMatrix a) { assertTrue(MatrixUtils.isSymmetric(a, 1e-12), "symmetric"); }

    static double minEigenvalue(RealMatrix a) {
        double min = Double.POSITIVE_INFINITY;
        for (double e : new EigenDecompositionSymmetric(a).getEigenvalues()) min = Math.min(min, e);
        return min;
    }

    static boolean allPositive(RealMatrix a) {
        for (double[] row : a.getData()) for (double x : row) if (!(x > 0)) return false;
        return true;
    }

    @Test void sizesAreInRangeAndShared() {
        InstanceGenerator gen = new InstanceGenerator(new Random(1), 2, 4);
        Var x = var("X", new Shape(N, Dim.sym("m")));
        Var y = var("y", Shape.column(N));
        for (int i = 0; i < 20; i++) {
            Instance inst = gen.generate(0, Mul.of(new Transpose(x), y));
            int n = inst.sizes().get("n"), m = inst.sizes().get("m");
            assertTrue(n >= 2 && n <= 4 && m >= 2 && m <= 4);
            assertEquals(n, inst.value("X").getRowDimension());
            assertEquals(m, inst.value("X").getColumnDimension());
            assertEquals(n, inst.value("y").getRowDimension());
        }
    }

    @Test void declaredStructureHoldsUnderEveryStrategy() {
        InstanceGenerator gen = new InstanceGenerator(new Random(2));
        Map<String, Integer> sizes = Map.of("n", 4);
        for (int strategy = 0; strategy < InstanceGenerator.STRATEGIES; strategy++) {
            RealMatrix sym = gen.value(var("S", SQUARE, Property.SYMMETRIC), sizes, strategy);
            assertSymmetric(sym);

            RealMatrix diag = gen.value(var("D", SQUARE, Property.DIAGONAL), sizes, strategy);
            assertEquals(0, diag.subtract(MatrixUtils.createRealDiagonalMatrix(new double[] {
                    diag.getEntry(0, 0), diag.getEntry(1, 1), diag.getEntry(2, 2), diag.getEntry(3, 3)})).getFrobeniusNorm());

            RealMatrix spd = gen.value(var("P", SQUARE, Property.SPD), sizes, strategy);
            assertSymmetric(spd);
            assertTrue(minEigenvalue(spd) >= 1 - 1e-9);

            RealMatrix q = gen.value(var("Q", SQUARE, Property.ORTHOGONAL), sizes, strategy);
            assertTrue(q.transposeMultiply(q).subtract(MatrixUtils.createRealIdentityMatrix(4)).getFrobeniusNorm() < 1e-12);

            RealMatrix inv = gen.value(var("M", SQUARE, Property.INVERTIBLE), sizes, strategy);
            assertTrue(new SingularValueDecomposition(inv).getConditionNumber() < 100);
        }
    }

    @Test void orthonormalColumnsForTallMatrices() {
        RealMatrix q = new InstanceGenerator(new Random(3)).value(
                var("Q", new Shape(Dim.of(5), Dim.of(2)), Property.ORTHOGONAL), Map.of(), 0);
        assertTrue(q.transposeMultiply(q).subtract(MatrixUtils.createRealIdentityMatrix(2)).getFrobeniusNorm() < 1e-12);
    }

    @Test void strategiesForUndefinedPoints() {
        InstanceGenerator gen = new InstanceGenerator(new Random(4));
        Map<String, Integer> sizes = Map.of("n", 5);
        Var x = var("X", SQUARE), v = var("v", Shape.column(N)), s = var("s", Shape.SCALAR);
        Var wide = var("W", new Shape(N, Dim.of(2)));
        for (int i = 0; i < 10; i++) {
            RealMatrix spd = gen.value(x, sizes, 1);
            assertSymmetric(spd);
            assertTrue(minEigenvalue(spd) > 0);
            assertTrue(allPositive(gen.value(v, sizes, 1)));
            assertTrue(allPositive(gen.value(s, sizes, 1)));

            RealMatrix dominant = gen.value(x, sizes, 2);
            assertTrue(allPositive(dominant));
            assertTrue(new LUDecomposition(dominant).getDeterminant() > 0);
            assertTrue(allPositive(gen.value(wide, sizes, 2)));
            assertTrue(allPositive(gen.value(v, sizes, 2)));
        }
    }

    @Test void freeVariablesMergeDeclaredStructure() {
        Var spd = var("X", SQUARE, Property.SPD);
        Map<String, Var> free = Vars.free(new Add(List.of(spd.plain(), spd)), var("y", Shape.column(Dim.sym("m"))));
        assertEquals(List.of("X", "y"), List.copyOf(free.keySet()));
        assertTrue(free.get("X").has(Property.SPD));
        assertEquals(Set.of("k", "n"), Vars.dims(Mul.of(new Identity(Dim.sym("k")), new Ones(new Shape(Dim.sym("k"), N)))));
        Expr scalarA = Mul.of(var("a", Shape.SCALAR), new Ones(SQUARE));
        Expr vectorA = Mul.of(var("a", Shape.column(N)), new Transpose(var("b", Shape.column(N))));
        assertThrows(IllegalArgumentException.class, () -> Vars.free(new Add(List.of(scalarA, vectorA))));
    }
}
