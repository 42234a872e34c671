package matcalc.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import matcalc.calculus.Calculus;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.DomainException;
import matcalc.numeric.FiniteDifferences;
import matcalc.numeric.Instance;
import matcalc.numeric.InstanceGenerator;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.expr.Rational;
import matcalc.expr.Vec;
import matcalc.numeric.Matrices;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The index form, evaluated numerically over all values of its indices, must equal finite
 * differences of the original expression (for a Hessian: of its gradient), entry by entry.
 */
class IndexNumericTest {
    static final double TOLERANCE = 1e-6;
    static final int INSTANCES = 3;

    record Case(String expr, String wrt, String where, int order, Layout layout, VecOrder vec) {
        static Case of(String expr, String wrt) { return new Case(expr, wrt, "", 1, Layout.NUMERATOR, VecOrder.COLUMNS); }
        Case where(String w) { return new Case(expr, wrt, w, order, layout, vec); }
        Case order2() { return new Case(expr, wrt, where, 2, layout, vec); }
        Case rows() { return new Case(expr, wrt, where, order, layout, VecOrder.ROWS); }
        Case denominator() { return new Case(expr, wrt, where, order, Layout.DENOMINATOR, vec); }
        DiffRequest request() {
            return DiffRequest.of(expr, wrt).where(where).order(order).layout(layout).vec(vec).check(false);
        }
        @Override public String toString() {
            return "d " + expr + " / d " + wrt + (order == 2 ? " (order 2)" : "") + " " + layout.name().toLowerCase()
                    + " " + vec.name().toLowerCase() + (where.isEmpty() ? "" : " where " + where);
        }
    }

    static final List<Case> CASES = List.of(
            Case.of("A X B", "X"),
            Case.of("X^T X", "X"),
            Case.of("inv(X)", "X"),
            Case.of("det(X) inv(X)", "X"),
            Case.of("exp(X)", "X"),
            Case.of("X .* X", "X"),
            Case.of("x x^T", "x"),
            Case.of("A x", "x"),
            Case.of("softmax(W x)", "x"),
            Case.of("W x", "W"),
            Case.of("kron(X, A)", "X"),
            Case.of("kron(X, X)", "X"),
            Case.of("X^T A X", "X"),
            Case.of("X^2", "X"),
            Case.of("X^{-1} A X^{-1}", "X"),
            Case.of("tanh(W x)", "W"),
            Case.of("sigmoid(x) .* x", "x"),
            Case.of("vec(X)", "X"),
            Case.of("diag(x)", "x"),
            Case.of("diag(X)", "X"),
            Case.of("X^T", "X"),
            Case.of("t A", "t").where("t: scalar"),
            Case.of("tr(X^T A X)", "X"),
            Case.of("x^T A x", "x"),
            Case.of("x^T A x", "x").denominator(),
            Case.of("tr(X^T A X)", "X").order2(),
            Case.of("x^T A x", "x").order2(),
            Case.of("log(det(X))", "X").order2(),
            Case.of("-y^T log(softmax(W x))", "x").order2(),
            Case.of("log(softmax(W x))", "x"),
            Case.of("x .^ (-1) + X .^ 2 x", "x"),
            Case.of("exp(A X) .^ 2", "X"),
            Case.of("A X B", "X").rows(),
            Case.of("A X B", "X").denominator(),
            Case.of("A X B", "X").rows().denominator(),
            Case.of("X^T X", "X").rows(),
            Case.of("X^T X", "X").rows().denominator(),
            Case.of("inv(X)", "X").denominator(),
            Case.of("kron(X, A)", "X").rows(),
            Case.of("x x^T", "x").rows().denominator(),
            Case.of("tr(X^T A X)", "X").order2().rows());

    @TestFactory Stream<DynamicTest> indexFormAgreesWithFiniteDifferences() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            DiffResult r = new Engine().diff(c.request());
            IndexForm f = IndexNotation.of(r);
            double err = maxError(r, f, 7);
            assertTrue(err < TOLERANCE, () -> c + ": " + IndexTextRenderer.of(f) + " differs from finite differences by " + err);
        }));
    }

    /**
     * d^kf/dx_i dx_j ... against finite differences of vec of the derivative of order k - 1 (as the engine
     * computed and checked it: the Hessian for k = 3), entry by entry, for k = 3 to 5.
     */
    @Test void higherDerivativeIndexFormsAgreeWithFiniteDifferences() {
        List<String> es = List.of("logsumexp(x)", "sum(exp(x) .* sin(x))", "(x^T x)^2", "sum(f(A x))", "(a^T x)^4", "sum(log(x))",
                "exp(a^T x)", "sum(x.^5)", "x^T A x", "log(1 + exp(a^T x))");
        for (int k = 3; k <= 5; k++) {
            for (String e : es) {
                DiffRequest req = DiffRequest.of(e, "x").where("f: function; a: n");
                DiffResult r = new Engine().diff(req.order(k)), before = new Engine().diff(req.order(k - 1).check(false));
                assertTrue(r.check().passed(), e + ": " + r.check().detail());
                IndexForm f = IndexNotation.of(r);
                InstanceGenerator gen = new InstanceGenerator(new Random(3 + k), 2, 4);
                Instance inst = gen.generate(0, r.function(), r.variable());
                RealMatrix fd = FiniteDifferences.jacobian(new Vec(before.result()), r.variable().name(), inst, 1e-6);
                RealMatrix ix = IndexEvaluator.jacobian(f, inst);
                double err = Matrices.relativeError(fd, ix, 1e-6);
                assertTrue(err < 1e-5, e + " order " + k + ": " + IndexTextRenderer.of(f) + " differs by " + err);
            }
        }
    }

    /** The index letters avoid the expression's names: with a vector a, the summation index is b; with a vector k, the third index is l. */
    @Test void indexNamesDoNotClashWithTheExpressionsNames() {
        DiffResult r = new Engine().diff(DiffRequest.of("(a^T x)^4", "x").where("a: n").order(3).check(false));
        assertEquals("d^3f/dx[i] dx[j] dx[k] = 24 a[i] a[j] a[k] a[b] x[b]", IndexTextRenderer.of(IndexNotation.of(r)));
        DiffResult s = new Engine().diff(DiffRequest.of("sum(exp(k .* x))", "x").where("k: n").order(3).check(false));
        assertEquals("d^3f/dx[i] dx[j] dx[l] = delta[i,j] delta[i,l] (exp(k .* x))[i] k[i]^3", IndexTextRenderer.of(IndexNotation.of(s)));
    }

    /** A wrong index form must be caught: the same check on a tampered form fails. */
    @Test void aWrongIndexFormFails() {
        DiffResult r = new Engine().diff(Case.of("A X B", "X").where("A, X, B: n x n").request());
        IndexForm f = IndexNotation.of(r);
        // A[i,k] B[l,j] with k and l swapped: A[i,l] B[k,j]
        IndexSum swapped = new IndexSum(f.body().terms().stream().map(t -> t.rename(i -> i.name().equals("k")
                ? new Index("l", i.dim()) : i.name().equals("l") ? new Index("k", i.dim()) : i)).toList());
        IndexForm wrong = new IndexForm(f.function(), f.variable(), 1, f.fRows(), f.fCols(), f.xRows(), f.xCols(), swapped);
        assertTrue(maxError(r, wrong, 7) > 1e-2);
        // a wrong factor 2
        IndexSum doubled = new IndexSum(f.body().terms().stream().map(t -> new Term(t.coefficient().mul(Rational.TWO), t.factors())).toList());
        IndexForm twice = new IndexForm(f.function(), f.variable(), 1, f.fRows(), f.fCols(), f.xRows(), f.xCols(), doubled);
        assertTrue(maxError(r, twice, 7) > 1e-2);
    }

    /** The index form is entry-wise: the same text whatever the layout and vec order. */
    @Test void sameTextForEveryLayoutAndVecOrder() {
        for (String e : List.of("A X B", "X^T X", "inv(X)", "X^T A X", "kron(X, A)", "det(X) inv(X)")) {
            String expected = null;
            for (Layout l : Layout.values()) {
                for (VecOrder v : VecOrder.values()) {
                    String got = IndexTextRenderer.of(IndexNotation.of(new Engine().diff(DiffRequest.of(e, "X").layout(l).vec(v).check(false))));
                    if (expected == null) expected = got;
                    assertEquals(expected, got, e + " " + l + " " + v);
                }
            }
        }
    }

    /** Largest relative (Frobenius) difference between the evaluated index form and finite differences. */
    static double maxError(DiffResult r, IndexForm f, long seed) {
        Expr target = r.order() == 2 ? new Calculus().gradient(r.function(), r.variable()) : r.function();
        InstanceGenerator gen = new InstanceGenerator(new Random(seed), 2, 4);
        double worst = 0;
        int done = 0;
        for (int attempt = 0; done < INSTANCES && attempt < 30; attempt++) {
            Instance inst = gen.generate(Math.min(attempt / 4, InstanceGenerator.STRATEGIES - 1), r.function(), r.variable());
            RealMatrix fd, ix;
            try {
                fd = FiniteDifferences.jacobian(target, r.variable().name(), inst, 1e-6);
                ix = IndexEvaluator.jacobian(f, inst);
            } catch (DomainException e) {
                continue;
            }
            assertEquals(fd.getRowDimension(), ix.getRowDimension(), "rows");
            assertEquals(fd.getColumnDimension(), ix.getColumnDimension(), "columns");
            double scale = Math.max(1, fd.getFrobeniusNorm());
            for (int a = 0; a < fd.getRowDimension(); a++)
                for (int b = 0; b < fd.getColumnDimension(); b++)
                    worst = Math.max(worst, Math.abs(fd.getEntry(a, b) - ix.getEntry(a, b)) / scale);
            done++;
        }
        if (done < INSTANCES) fail("only " + done + " usable random instances");
        return worst;
    }
}
