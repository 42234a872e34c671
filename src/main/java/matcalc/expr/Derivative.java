package matcalc.expr;

import java.util.List;
import matcalc.MatcalcError;

/**
 * grad(f, x), jacobian(F, x), hessian(f, x), diff(F, X) as written inside an expression: typed (its
 * shape is what the layout in force makes it) but not yet taken. Typing never differentiates; the
 * engine's expansion stage replaces each such node by the checked derivative, innermost first, and
 * claims stand a placeholder in for it. No later stage sees one.
 */
public record Derivative(Kind kind, Expr function, Var variable, Shape shape) implements Expr {
    public enum Kind { GRAD, JACOBIAN, HESSIAN, DIFF }

    public List<Expr> children() { return List.of(function, variable); }
    public Expr withChildren(List<Expr> c) { return new Derivative(kind, c.get(0), (Var) c.get(1), shape); }
    public <R> R accept(ExprVisitor<R> v) { return v.visitDerivative(this); }
    public String opName() { return kind.name().toLowerCase(); }

    /** Expanded before differentiation: reaching here is an engine bug. */
    public Expr differential(Differentials ctx) {
        throw new MatcalcError(MatcalcError.Kind.INTERNAL, "internal: " + opName() + "(...) was not expanded before differentiating");
    }
}
