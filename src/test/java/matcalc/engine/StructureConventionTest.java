package matcalc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.numeric.NumericCheck;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.Test;

/** Derivatives by a structured variable under each convention (Matrix Cookbook §2.8), checked along the structure. */
class StructureConventionTest {
    private static final Engine ENGINE = new Engine();

    private static DiffResult diff(String f, String where, StructureConvention c) {
        return ENGINE.diff(DiffRequest.of(f, "X").where(where).structure(c));
    }

    @Test
    void symmetricByFreeEntriesIsCookbook141() {
        DiffResult r = diff("tr(A X)", "X: n x n symmetric", StructureConvention.ENTRIES);
        assertEquals("A + A^T - A .* I", TextRenderer.render(r.result()));
        assertTrue(r.check().passed(), r.check().detail());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("free entries")), r.notes().toString());
    }

    @Test
    void projectedGradientIsTheSymmetricPart() {
        DiffResult r = diff("tr(A X)", "X: n x n symmetric", StructureConvention.PROJECTED);
        assertEquals("1/2 (A + A^T)", TextRenderer.render(r.result()));
        assertTrue(r.check().passed(), r.check().detail());
    }

    @Test
    void diagonalKeepsTheDiagonal() {
        DiffResult r = diff("tr(A X) + sum(X .* X)", "X: n x n diagonal", StructureConvention.ENTRIES);
        assertTrue(r.check().passed(), r.check().detail());
        assertTrue(TextRenderer.render(r.result()).contains("I"), TextRenderer.render(r.result()));
    }

    @Test
    void independentIsTheDefaultAndUnchanged() {
        DiffResult r = ENGINE.diff(DiffRequest.of("tr(A X)", "X").where("X: n x n symmetric"));
        assertEquals("A^T", TextRenderer.render(r.result()));
    }

    /** The check along the structure can fail: the gradient by independent entries is not the derivative by free entries. */
    @Test
    void aWrongConventionFailsTheSubspaceCheck() {
        Expr f = ENGINE.parse("tr(A X)", "X: n x n symmetric", Layout.NUMERATOR);
        Var x = matcalc.numeric.Vars.free(f).get("X");
        Expr independent = ENGINE.parse("A^T", "A: n x n", Layout.NUMERATOR);
        NumericCheck.Result wrong = NumericCheck.checkInSubspace(f, x, independent, StructureConvention.ENTRIES.subspace(x),
                NumericCheck.Options.defaults());
        assertFalse(wrong.passed(), "A^T passed as the derivative by free entries");
        NumericCheck.Result right = NumericCheck.checkInSubspace(f, x, independent, StructureConvention.PROJECTED.subspace(x),
                NumericCheck.Options.defaults());
        assertTrue(right.passed(), "A^T pairs with symmetric directions as the projected gradient does: " + right.detail());
    }

    @Test
    void refusedWhereUndefined() {
        MatcalcError e = assertThrows(MatcalcError.class, () -> diff("tr(A X)", "X: n x n orthogonal", StructureConvention.ENTRIES));
        assertEquals(MatcalcError.Kind.UNSUPPORTED, e.kind());
        assertThrows(MatcalcError.class, () -> diff("A X", "X: n x n symmetric", StructureConvention.ENTRIES));
    }
}
