package matcalc.expr;

import java.util.List;
import matcalc.MatcalcError;

/** The differential dX of the variable we differentiate with respect to; differentials are linear in it. */
public record DVar(Var var) implements Expr {
    public Shape shape() { return var.shape(); }
    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitDVar(this); }
    public Expr differential(Differentials ctx) {
        throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal: differential of a differential");
    }
}
