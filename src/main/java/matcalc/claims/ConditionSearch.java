package matcalc.claims;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.calculus.Substitute;
import matcalc.numeric.Vars;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Var;

/**
 * For a false claim: would it hold if some free square matrix had structure? Each free square
 * matrix (no declared structure, not a variable of differentiation) is tried as symmetric,
 * diagonal, SPD and orthogonal, one at a time, then all of them together. Only the weakest
 * condition is reported (a claim that holds for symmetric A also holds for diagonal or SPD A).
 * Conditions found numerically are then checked exactly at small sizes when possible.
 */
public final class ConditionSearch {

    /** "A is symmetric", "A and B are diagonal". */
    public record Condition(List<String> names, Property property, ExactProof.Result exact) {
        public String text() {
            boolean many = names.size() > 1;
            String word = property == Property.SPD ? "SPD"
                    : property == Property.PROBABILITY ? (many ? "probability vectors (e.g. one-hot)" : "a probability vector (e.g. one-hot)")
                    : property.word();
            if (!many) return names.get(0) + " is " + word;
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1) + " are " + word;
        }
    }

    private static final List<Property> ORDER = List.of(Property.SYMMETRIC, Property.DIAGONAL, Property.SPD, Property.ORTHOGONAL);

    /** What to try: structures of square matrices, or for vectors summing to 1 (the softmax + cross-entropy step). */
    private static List<Property> tried(List<Var> vars) {
        if (vars.stream().allMatch(v -> v.shape().isSquare())) return ORDER;
        if (vars.stream().allMatch(v -> v.shape().isColumn())) return List.of(Property.PROBABILITY);
        return List.of();
    }

    private ConditionSearch() {}

    public static List<Condition> search(Claim claim, NumericVerdict.Options o, long exactBudget) {
        if (!claim.expanded() || !claim.shapesAgree()) return List.of();
        List<Var> candidates = candidates(claim);
        List<Condition> found = new ArrayList<>();
        for (Var v : candidates) found.addAll(conditions(claim, List.of(v), o, exactBudget));
        List<Var> squares = candidates.stream().filter(v -> v.shape().isSquare()).toList();
        if (found.isEmpty() && squares.size() > 1) found.addAll(conditions(claim, squares, o, exactBudget));
        return found;
    }

    /** Free square matrices and vectors without declared structure that are not differentiated with respect to. */
    static List<Var> candidates(Claim claim) {
        List<Var> out = new ArrayList<>();
        for (Var v : Vars.free(claim.lhsValue(), claim.rhsValue()).values()) {
            if (v.shape().isScalar() || !(v.shape().isSquare() || v.shape().isColumn()) || !v.properties().isEmpty()) continue;
            boolean wrt = claim.derivatives().stream().anyMatch(d -> d.variable().name().equals(v.name()));
            if (!wrt) out.add(v);
        }
        return out;
    }

    private static List<Condition> conditions(Claim claim, List<Var> vars, NumericVerdict.Options o, long budget) {
        List<Condition> out = new ArrayList<>();
        boolean symmetric = false;
        for (Property p : tried(vars)) {
            if (symmetric && (p == Property.DIAGONAL || p == Property.SPD)) continue;
            Map<String, Set<Property>> extra = new HashMap<>();
            for (Var v : vars) extra.put(v.name(), EnumSet.of(p));
            NumericVerdict.Result r = NumericVerdict.compare(claim.lhsValue(), claim.rhsValue(), o, extra);
            if (!r.passed()) continue;
            if (p == Property.SYMMETRIC) symmetric = true;
            List<String> names = vars.stream().map(Var::name).toList();
            out.add(new Condition(names, p, budget > 0 ? ExactProof.prove(withStructure(claim, vars, p), ExactProof.DEFAULT_SIZES, budget) : null));
        }
        return out;
    }

    /** The claim with the given variables declared to have property p. */
    static Claim withStructure(Claim c, List<Var> vars, Property p) {
        List<DerivativeCall> calls = new ArrayList<>();
        for (DerivativeCall d : c.derivatives()) {
            calls.add(new DerivativeCall(d.kind(), restructure(d.function(), vars, p), d.variable(), d.placeholder(),
                    d.expandedFunction() == null ? null : restructure(d.expandedFunction(), vars, p),
                    d.expansion() == null ? null : restructure(d.expansion(), vars, p), d.form(), d.error()));
        }
        return new Claim(c.text(), c.where(), c.layout(), restructure(c.lhs(), vars, p), restructure(c.rhs(), vars, p),
                c.lhsValue() == null ? null : restructure(c.lhsValue(), vars, p),
                c.rhsValue() == null ? null : restructure(c.rhsValue(), vars, p), calls);
    }

    private static Expr restructure(Expr e, List<Var> vars, Property p) {
        Expr out = e;
        for (Var v : vars) out = Substitute.var(out, v.name(), new Var(v.name(), v.shape(), EnumSet.of(p)));
        return out;
    }
}
