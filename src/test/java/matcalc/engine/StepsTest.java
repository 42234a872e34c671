package matcalc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import matcalc.calculus.Layout;
import matcalc.numeric.NumericCheck;
import matcalc.expr.DVar;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Steps are faithful: each differential form equals the previous one, and the last step is the result. */
class StepsTest {
    private static final Engine ENGINE = new Engine();

    @ParameterizedTest(name = "{0} wrt {1}")
    @CsvSource(delimiter = '|', value = {
        "tr(X^T A X)|X|numerator",
        "x^T A x|x|numerator",
        "x^T A x|x|denominator",
        "log(det(X))|X|numerator",
        "tr(A X^{-1} B)|X|numerator",
        "A X B|X|numerator",
        "softmax(W x)|x|numerator",
        "norm2(A x - b)^2|x|numerator",
        "sum(log(1 + exp(-y .* (X w))))|w|numerator",
        "exp(a) A|a|numerator",
    })
    void everyDifferentialStepKeepsTheValue(String expr, String wrt, String layout) {
        DiffRequest req = DiffRequest.of(expr, wrt).where("b: m").layout(Layout.valueOf(layout.toUpperCase()));
        Engine.Derivation d = ENGINE.derivation(req);
        List<Step> steps = d.steps();
        assertTrue(steps.size() >= 4, "steps: " + steps);
        assertEquals("f", steps.get(0).lhs());
        assertFalse(steps.get(1).rules().isEmpty(), "the differential step names its rules");
        Step last = steps.get(steps.size() - 1);
        assertEquals(d.result().result(), last.expr());
        // All steps between the function and the derivative are differentials of the same thing.
        Var x = d.result().variable();
        Var dx = new Var("dx_probe", x.shape());
        for (int i = 2; i < steps.size() - 1; i++) {
            Expr before = steps.get(i - 1).expr(), after = steps.get(i).expr();
            if (!steps.get(i - 1).lhs().equals(steps.get(i).lhs())) {
                // d vec(F) written from dF: compare vec of the earlier form.
                before = matcalc.expr.Ops.vec(steps.get(i).lhs().contains("vec_r") ? matcalc.expr.Ops.t(before) : before);
            }
            NumericCheck.Result same = NumericCheck.compareExpressions(probe(before, dx), probe(after, dx), NumericCheck.Options.defaults());
            assertTrue(same.passed(), "step " + (i + 1) + " of " + expr + " changed the value: " + same.detail());
        }
    }

    private static Expr probe(Expr e, Var dx) {
        if (e instanceof DVar) return dx;
        List<Expr> cs = e.children();
        if (cs.isEmpty()) return e;
        return e.withChildren(cs.stream().map(c -> probe(c, dx)).toList());
    }
}
