package matcalc.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.*;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/**
 * Rules merge what has one key (add-collect adds like terms, mul-powers adds exponents), so two
 * different expressions must never share a key.
 */
class KeyTest {
    private static final Dim N = Dim.sym("n"), M = Dim.sym("m");

    @Test void leavesThatReadLikeVariablesHaveTheirOwnKeys() {
        Var x = new Var("x", Shape.SCALAR), u = new Var("u", Shape.column(N));
        assertNotEquals(Key.of(new DVar(x)), Key.of(new Var("dx", Shape.SCALAR)));
        assertNotEquals(Key.of(new UnitVector(N, 1)), Key.of(new Var("e1", Shape.column(N))));
        Var kn = new Var("Kn", Shape.SCALAR), n = new Var("n", Shape.SCALAR), a = new Var("A", Shape.square(N.times(N)));
        assertNotEquals(Key.of(Mul.of(kn, n, a)), Key.of(Mul.of(new Commutation(N, N), a)));
        assertNotEquals(Key.of(new Transpose(new DVar(new Var("u", Shape.column(N))))), Key.of(new Transpose(new Var("du", Shape.column(N)))));
        assertNotEquals(Key.of(u), Key.of(new DVar(u)));
    }

    @Test void sizedConstantsOfDifferentSizesHaveDifferentKeys() {
        assertNotEquals(Key.of(new Sum(new Identity(N))), Key.of(new Sum(new Identity(M))));
        assertNotEquals(Key.of(new Ones(Shape.column(N))), Key.of(new Ones(Shape.column(M))));
        assertNotEquals(Key.of(new Ones(new Shape(N, M))), Key.of(new Ones(new Shape(M, N))));
        assertNotEquals(Key.of(new Zero(Shape.column(N))), Key.of(new Zero(Shape.column(M))));
        assertEquals(Key.of(new Identity(N)), Key.of(new Identity(N)));
    }

    /** Cost.compareChains orders two chains as Cost.compare orders their products, without building them. */
    @Test void chainsCompareAsTheirProducts() {
        Var a = new Var("A", Shape.square(N)), ab = new Var("AB", Shape.square(N)), b = new Var("B", Shape.square(N));
        Expr at = new Transpose(a), bt = new Transpose(b);
        List<List<Expr>> chains = List.of(List.of(a, b), List.of(b, a), List.of(ab, b), List.of(a, b, b), List.of(at, b), List.of(a, bt),
                List.of(a, a), List.of(a, ab), List.of(ab, a), List.of(at, bt), List.of(bt, at), List.of(a, b, a), List.of(new Identity(N), a));
        for (List<Expr> x : chains) {
            for (List<Expr> y : chains) {
                assertEquals(Integer.signum(Cost.compare(Mul.of(x), Mul.of(y))), Integer.signum(Cost.compareChains(x, y)), x + " vs " + y);
            }
        }
    }

    /** Each once came out wrong from the rule table (the check caught it and fell back to the unsimplified form). */
    @Test void derivativesThatOnceMergedDifferentFactors() {
        Engine engine = new Engine();
        for (List<String> c : List.of(
                List.of("dx * x", "x", "dx, x: scalar", "dx"),
                List.of("x * (dx - dx * x)", "x", "dx, x: scalar", "dx (1 - 2 x)"),
                List.of("e1^T x + onehot(1)^T x", "x", "e1, x: n", "(e1 + onehot(1))^T"),
                List.of("s * sum(I(n)) * sum(I(m))", "s", "s: scalar", "sum(I(m)) sum(I(n))"))) {
            DiffResult r = engine.diff(DiffRequest.of(c.get(0), c.get(1)).where(c.get(2)));
            assertTrue(r.checkPassed(), () -> c + ": " + r.check().detail());
            assertFalse(r.notes().stream().anyMatch(note -> note.contains("failed the numeric check")), () -> c + ": " + r.notes());
            assertEquals(c.get(3), TextRenderer.render(r.result()), c::toString);
        }
    }
}
