package matcalc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.expr.Add;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Shape;
import matcalc.expr.Transpose;
import matcalc.expr.Var;
import org.junit.jupiter.api.Test;

/** The parts of code generation that need no Python (the generated code itself: CodegenSuiteTest). */
class CodegenTest {
    private static String numpy(String expr, String wrt, int order) {
        return Codegen.module(Codegen.expression(new Codegen.Request(expr, List.of(wrt), "", Layout.NUMERATOR, order, 1, "test")),
                Target.NUMPY);
    }

    @Test void equalSubexpressionsAreOneNodeWhicheverTreeTheyComeFrom() {
        Var a = new Var("A", Shape.square(matcalc.expr.Dim.sym("n"))), x = new Var("x", Shape.column(matcalc.expr.Dim.sym("n")));
        Dag dag = new Dag();
        int ax1 = dag.id(Mul.of(a, x)), ax2 = dag.id(Mul.of(new Var("A", a.shape()), new Var("x", x.shape())));
        assertEquals(ax1, ax2);
        assertNotEquals(ax1, dag.id(Mul.of(new Transpose(a), x)));
    }

    @Test void internsDeepExpressionsWithoutDeepRecursion() {
        Var x = new Var("x", Shape.SCALAR);
        Expr e = x;
        for (int i = 0; i < 20000; i++) e = new Add(List.of(e, x));
        Dag dag = new Dag();
        assertEquals(dag.id(e), dag.id(e));
    }

    @Test void pythonNamesAreIdentifiersThatCollideWithNothing() {
        Names n = new Names();
        assertEquals("lambda_", n.of("lambda"));
        assertEquals("dL_dW1", n.of("dL/dW1"));
        assertEquals("v_u03bc", n.of("μ"));
        assertEquals("np_", n.of("np"));
        assertEquals("dL_dW1", n.of("dL/dW1"), "the same name every time");
        assertEquals("t1", n.fresh("t1"));
        assertEquals("t1_", n.fresh("t1"));
        assertEquals("t1_2", n.fresh("t1"));
    }

    @Test void sharedSubexpressionsBecomeOneTemporary() {
        String m = numpy("x^T A x", "x", 1);
        assertTrue(m.contains("    t1 = A @ x\n"), m);
        assertTrue(m.contains("    value = (x.T @ t1)[0, 0]\n"), m);
        assertTrue(m.contains("    grad_x = (A.T @ x + t1).T\n"), m);
    }

    @Test void productsWithAnInverseAreSolves() {
        String m = numpy("tr(A X^{-1} B)", "X", 1);
        assertTrue(m.contains("np.linalg.solve("), m);
        assertTrue(!m.contains("np.linalg.inv("), m);
    }

    @Test void anUncheckedDerivativeIsRefused() {
        Codegen.Unchecked e = assertThrows(Codegen.Unchecked.class, () -> Codegen.expression(new Codegen.Request(
                "kron(X, X)", List.of("X"), "X: 40 x 40", Layout.NUMERATOR, 1, 1, "test")));
        assertTrue(e.getMessage().startsWith("codegen: the derivative by X did not pass matcalc's numeric check"), e.getMessage());
    }

    @Test void anOperatorWithoutASpellingIsANamedError() {
        ModuleSpec spec = Codegen.expression(new Codegen.Request("tr(logm(X))", List.of("X"), "X: n x n spd", Layout.NUMERATOR, 1, 1, "test"));
        MatcalcError e = assertThrows(MatcalcError.class, () -> Codegen.module(spec, Target.TORCH));
        assertEquals("codegen: no PyTorch spelling for logm", e.getMessage());
        assertTrue(Codegen.module(spec, Target.NUMPY).contains("import scipy.linalg"));
    }

    @Test void theTorchModuleHasNoNumpy() {
        String m = Codegen.module(Codegen.expression(new Codegen.Request("log(det(X))", List.of("X"), "", Layout.NUMERATOR, 2, 1, "test")),
                Target.TORCH);
        assertTrue(!m.contains("numpy") && !m.contains("np."), m);
        assertTrue(m.contains("dtype, device = _dtype_device(X)"), m);
    }
}
