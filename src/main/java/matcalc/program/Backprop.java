package matcalc.program;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import matcalc.MatcalcError;
import matcalc.calculus.Calculus;
import matcalc.numeric.Arrangement;
import matcalc.numeric.NumericCheck;
import matcalc.expr.ElemPow;
import matcalc.expr.Entry;
import matcalc.expr.Expr;
import matcalc.expr.Hadamard;
import matcalc.expr.MatrixLiteral;
import matcalc.expr.Mul;
import matcalc.expr.Num;
import matcalc.expr.Ops;
import matcalc.expr.Pow;
import matcalc.expr.Rational;
import matcalc.expr.Softmax;
import matcalc.expr.Sum;
import matcalc.expr.UnitVector;
import matcalc.expr.Var;
import matcalc.expr.Zero;
import matcalc.simplify.Strategy;
import org.hipparchus.linear.RealMatrix;

/**
 * Reverse mode over a program's bindings. The adjoint of a binding n (dL/dn, in the shape of n) is
 * the sum over the statements u that use n of the pullback of u's adjoint through u's expression,
 * with n and every other earlier name treated as a variable: each term is the engine's own
 * differential and identification ({@link Calculus#pullback}). Results keep the names of the
 * forward values: an expression that is some binding's right-hand side is written as that
 * binding's name, and the users' adjoints appear as named quantities {@code dL/du}.
 *
 * <p>One fused rule: through {@code s = softmax(z)}, an adjoint of the form {@code c (w ./ s)} (what
 * cross-entropy gives) pulls back to {@code c (w - sum(w) s)}, an identity because
 * (diag(s) - s s^T)(w ./ s) = w - s sum(w). With a one-hot (or probability) w of known value this is
 * the textbook {@code yhat - y}.
 */
public final class Backprop {
    /** dL/dn: its variable (named "dL/dn"), its formula in forward names and users' adjoints, and notes. */
    public record Adjoint(String of, Var var, Expr formula, List<String> notes) {
        public String name() { return var.name(); }
    }

    private final Program program;
    private final String target;
    private final List<String> wrt;
    private final Map<String, Adjoint> adjoints = new LinkedHashMap<>();
    private final ForwardNames forwardNames;
    private final Calculus calculus = new Calculus();

    private Backprop(Program program, String target, List<String> wrt) {
        this.program = program;
        this.target = target;
        this.wrt = List.copyOf(wrt);
        this.forwardNames = new ForwardNames(program);
    }

    /** Adjoints of everything between the wrt names and the scalar target, target first. */
    public static Backprop run(Program p, String target, List<String> wrt) {
        Backprop b = new Backprop(p, target, wrt);
        b.compute();
        return b;
    }

    public Program program() { return program; }
    public String target() { return target; }
    public List<String> wrt() { return wrt; }

    /** All adjoints computed, in reverse program order (the order they are computed in). */
    public List<Adjoint> adjoints() { return List.copyOf(adjoints.values()); }

    public Adjoint adjoint(String name) { return adjoints.get(name); }

    /** "dL/dW1" for target L and name W1. */
    public static String adjointName(String target, String name) { return "d" + target + "/d" + name; }

    private void compute() {
        Program.Statement t = program.binding(target);
        if (t == null) {
            program.require(target, "--grad");
            throw new MatcalcError(MatcalcError.Kind.NAME, "--grad needs a binding (name = expr), not the free variable '" + target + "'");
        }
        if (!t.expr().isScalar()) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "gradients need a scalar; " + target + " is " + t.expr().shape().kind()
                    + " (" + t.expr().shape() + ")");
        }
        Set<String> ancestors = program.ancestors(target);
        Set<String> needed = new LinkedHashSet<>();
        for (String w : wrt) {
            Var v = program.require(w, "--wrt");
            if (w.equals(target)) throw new MatcalcError(MatcalcError.Kind.NAME, "--wrt " + w + " is the quantity being differentiated");
            if (!ancestors.contains(w)) {
                adjoints.put(w, new Adjoint(w, new Var(adjointName(target, w), v.shape()), new Zero(v.shape()),
                        List.of(target + " does not depend on " + w)));
                continue;
            }
            for (String d : program.descendants(w)) if (ancestors.contains(d)) needed.add(d);
        }
        needed.remove(target);
        for (String n : reverseOrder(needed)) {
            if (adjoints.containsKey(n)) continue;
            adjoints.put(n, adjointOf(n, needed));
        }
    }

    /** Bindings latest first, then free variables. */
    private List<String> reverseOrder(Set<String> names) {
        List<String> out = new ArrayList<>();
        List<Program.Statement> st = program.statements();
        for (int i = st.size() - 1; i >= 0; i--) if (names.contains(st.get(i).name())) out.add(st.get(i).name());
        for (String f : program.free().keySet()) if (names.contains(f)) out.add(f);
        return out;
    }

    private Adjoint adjointOf(String n, Set<String> needed) {
        Var x = program.var(n);
        List<Expr> terms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Program.Statement u : program.statements()) {
            if (!u.isBinding() || !(u.name().equals(target) || needed.contains(u.name()))) continue;
            if (!Program.uses(u).contains(n)) continue;
            Expr seed = u.name().equals(target) ? Num.ONE : adjoints.get(u.name()).var();
            Expr fused = u.name().equals(target) ? null : softmaxFusion(u, x, notes);
            terms.add(fused != null ? fused : calculus.pullback(u.expr(), x, seed));
        }
        Expr formula = named(Strategy.FULL.apply(named(Ops.sum(terms, x.shape()))));
        Expr known = knownSums(formula, notes);
        if (known != formula) formula = named(Strategy.FULL.apply(known));
        return new Adjoint(n, new Var(adjointName(target, n), x.shape()), formula, notes);
    }

    private Expr named(Expr e) { return forwardNames.apply(e); }

    // ------------------------------------------------------------------ softmax + cross-entropy

    /**
     * For u: s = softmax(x) whose adjoint is c (w ./ s) or c k e_i / s[i]: the pullback
     * c (w - sum(w) s), or null when the adjoint has another form.
     */
    private Expr softmaxFusion(Program.Statement u, Var x, List<String> notes) {
        if (!(u.expr() instanceof Softmax sm) || !sm.arg().equals(x)) return null;
        Var s = u.var();
        Expr g = adjoints.get(u.name()).formula();
        Rational c = Rational.ONE;
        List<Expr> factors = new ArrayList<>();
        if (g instanceof Mul m) factors.addAll(m.factors()); else factors.add(g);
        List<Expr> rest = new ArrayList<>();
        for (Expr f : factors) {
            if (f instanceof Num k) c = c.mul(k.value()); else rest.add(f);
        }
        Expr w = null, sumW = null;
        String why = null;
        if (rest.size() == 1 && rest.get(0) instanceof Hadamard h) {
            // c (w ⊙ s.^-1)
            List<Expr> others = new ArrayList<>();
            int reciprocal = 0;
            for (Expr f : h.factors()) {
                if (f.equals(new ElemPow(s, Num.MINUS_ONE))) reciprocal++; else others.add(f);
            }
            if (reciprocal != 1 || others.stream().anyMatch(f -> mentions(f, s.name()))) return null;
            w = Ops.had(others);
            Rational known = knownSum(w);
            sumW = known != null ? new Num(known) : new Sum(w);
            if (known != null && w instanceof Var wv) why = "sum(" + wv.name() + ") = " + known + " (its given value)";
        } else {
            // c k e_i / s[i]
            UnitVector e = null;
            Entry entry = null;
            List<Expr> scalars = new ArrayList<>();
            for (Expr f : rest) {
                if (f instanceof UnitVector uv && e == null) e = uv;
                else if (f instanceof Pow p && p.exponent().equals(Num.MINUS_ONE) && p.base() instanceof Entry en
                        && en.arg().equals(s) && entry == null) entry = en;
                else if (f.isScalar() && !mentions(f, s.name())) scalars.add(f);
                else return null;
            }
            if (e == null || entry == null || e.index() != entry.row()) return null;
            Expr k = scalars.isEmpty() ? Num.ONE : Ops.mul(scalars);
            w = Ops.mul(k, e);
            sumW = k;
        }
        Expr result = Ops.add(Ops.mul(new Num(c.negate()), sumW, s), Ops.mul(new Num(c), w));
        // the identity in the program's own names (w is y for cross-entropy with a label y)
        String wt = matcalc.render.TextRenderer.render(w);
        String wp = w instanceof Var || w instanceof UnitVector ? wt : "(" + wt + ")";
        notes.add("through " + u.name() + " = softmax(" + x.name() + "): (diag(" + s.name() + ") - " + s.name() + " " + s.name()
                + "^T)(" + wp + " ./ " + s.name() + ") = " + wp + " - " + s.name() + " sum(" + wt + ") (softmax with cross-entropy)"
                + (why != null ? "; " + why : ""));
        return result;
    }

    /** The exact sum of the entries of w when w is an input whose value the program gives, or e_i. */
    private Rational knownSum(Expr w) {
        if (w instanceof UnitVector) return Rational.ONE;
        if (w instanceof Var v) {
            Program.Statement s = program.binding(v.name());
            if (s != null && s.expr() instanceof MatrixLiteral lit) {
                Rational sum = Rational.ZERO;
                for (List<Rational> row : lit.rows()) for (Rational r : row) sum = sum.add(r);
                return sum;
            }
        }
        return null;
    }

    /**
     * sum(y) replaced by its value where the program gives y: with a one-hot label,
     * sum(y) softmax(z) - y reads softmax(z) - y.
     */
    private Expr knownSums(Expr e, List<String> notes) {
        if (e instanceof Sum sum && sum.arg() instanceof Var v) {
            Rational known = knownSum(v);
            if (known == null) return e;
            String note = "sum(" + v.name() + ") = " + known + " (its given value)";
            if (!notes.contains(note)) notes.add(note);
            return new Num(known);
        }
        return e.mapChildren(c -> knownSums(c, notes));
    }

    private static boolean mentions(Expr e, String name) {
        if (e instanceof Var v) return v.name().equals(name);
        for (Expr c : e.children()) if (mentions(c, name)) return true;
        return false;
    }

    // ------------------------------------------------------------------ numbers and checks

    /** The adjoints' values at the forward values (which must include every input's). */
    public Map<String, RealMatrix> values(Map<String, RealMatrix> forward) {
        Map<String, RealMatrix> all = new HashMap<>(forward);
        Map<String, RealMatrix> out = new LinkedHashMap<>();
        for (Adjoint a : adjoints.values()) {
            RealMatrix v = ProgramEvaluator.eval(a.formula(), all, a.name());
            all.put(a.name(), v);
            out.put(a.name(), v);
        }
        return out;
    }

    /** An adjoint written in forward quantities only (the users' adjoints substituted). */
    public Expr inlineAdjoints(Expr e) {
        Map<String, Expr> byVar = new HashMap<>();
        for (Adjoint a : adjoints.values()) byVar.put(a.name(), a.formula());
        return substitute(e, name -> {
            Expr f = byVar.get(name);
            return f == null ? null : inlineAdjoints(f);
        });
    }

    /**
     * Checks dL/dn against finite differences of L as a function of n: the bindings that depend on
     * n are inlined into L and into the formula; every other name is held at its forward value when
     * one is known (otherwise it is drawn at random with n).
     */
    public NumericCheck.Result check(String n, Map<String, RealMatrix> forward) {
        Adjoint a = adjoints.get(n);
        if (a == null) throw new IllegalArgumentException("no adjoint of " + n);
        Var x = program.var(n);
        Set<String> downstream = program.descendants(n);
        downstream.remove(n);
        Function<Expr, Expr> prepare = e -> constants(inlineBindings(e, downstream), n, forward);
        Expr f = prepare.apply(program.var(target));
        Expr g = prepare.apply(inlineAdjoints(a.var()));
        return NumericCheck.check(f, x, g, Arrangement.GRADIENT, NumericCheck.Options.defaults());
    }

    private Expr inlineBindings(Expr e, Set<String> names) {
        return substitute(e, name -> names.contains(name) ? inlineBindings(program.binding(name).expr(), names) : null);
    }

    private static Expr constants(Expr e, String keep, Map<String, RealMatrix> values) {
        if (values == null) return e;
        return substitute(e, name -> name.equals(keep) || !values.containsKey(name) ? null : literal(values.get(name)));
    }

    /** An exact constant with the value of a double matrix (scalars as numbers). */
    public static Expr literal(RealMatrix m) {
        if (m.getRowDimension() == 1 && m.getColumnDimension() == 1) return new Num(exact(m.getEntry(0, 0)));
        List<List<Rational>> rows = new ArrayList<>();
        for (int i = 0; i < m.getRowDimension(); i++) {
            List<Rational> row = new ArrayList<>();
            for (int j = 0; j < m.getColumnDimension(); j++) row.add(exact(m.getEntry(i, j)));
            rows.add(row);
        }
        return new MatrixLiteral(rows);
    }

    private static Rational exact(double d) { return Rational.parse(new BigDecimal(d).toPlainString()); }

    /** Replaces variables by name where f gives a replacement (null keeps the variable). */
    static Expr substitute(Expr e, Function<String, Expr> f) {
        Map<String, Expr> memo = new HashMap<>();
        return substitute(e, f, memo);
    }

    private static Expr substitute(Expr e, Function<String, Expr> f, Map<String, Expr> memo) {
        if (e instanceof Var v) {
            if (memo.containsKey(v.name())) return memo.get(v.name()) == null ? e : memo.get(v.name());
            Expr r = f.apply(v.name());
            memo.put(v.name(), r);
            return r == null ? e : r;
        }
        return e.mapChildren(c -> substitute(c, f, memo));
    }
}
