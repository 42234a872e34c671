package matcalc.engine;

import java.util.List;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.NumericCheck;
import matcalc.expr.Expr;
import matcalc.expr.Var;

/**
 * A derivative with everything needed to show and trust it: the typed input, the simplified
 * result, how its entries are arranged, and the numeric check (null when skipped).
 */
public record DiffResult(DiffRequest request, Expr function, Var variable, Expr result, Form form, int order,
                         List<Var> variables, NumericCheck.Result check, List<String> notes) {

    public Layout layout() { return request.layout(); }
    public VecOrder vec() { return request.vec(); }
    public boolean checkPassed() { return check == null || check.passed(); }
}
