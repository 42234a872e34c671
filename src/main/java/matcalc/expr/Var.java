package matcalc.expr;

import java.util.List;
import java.util.Set;

/** A named variable with its (declared or inferred) shape and declared structure. */
public record Var(String name, Shape shape, Set<Property> properties) implements Expr {
    public Var { properties = Set.copyOf(properties); }

    public Var(String name, Shape shape) { this(name, shape, Set.of()); }

    public boolean has(Property p) {
        if (properties.contains(p)) return true;
        // spd and diagonal imply symmetric; orthogonal and spd imply invertible.
        if (p == Property.SYMMETRIC) return properties.contains(Property.SPD) || properties.contains(Property.DIAGONAL);
        if (p == Property.INVERTIBLE) return properties.contains(Property.SPD) || properties.contains(Property.ORTHOGONAL);
        return false;
    }

    /** The same variable without declared structure (what we differentiate with respect to). */
    public Var plain() { return new Var(name, shape); }

    public List<Expr> children() { return List.of(); }
    public Expr withChildren(List<Expr> c) { return this; }
    public <R> R accept(ExprVisitor<R> v) { return v.visitVar(this); }
    public Expr differential(Differentials ctx) { return ctx.of(this); }
}
