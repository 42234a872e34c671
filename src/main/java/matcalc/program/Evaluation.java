package matcalc.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.numeric.DomainException;
import matcalc.numeric.NumericCheck;
import matcalc.expr.Apply;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Max;
import matcalc.expr.Var;
import matcalc.symja.LogExpansion;
import matcalc.render.Json;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.RealMatrix;

/**
 * What {@code matcalc eval} computes for a program: every statement's value (when the program gives
 * values for everything it uses), the reverse-mode gradients asked for with their values, and a
 * finite-difference check of each requested gradient.
 */
public record Evaluation(Program program, Map<String, RealMatrix> values, Backprop backprop,
                         Map<String, RealMatrix> gradientValues, Map<String, NumericCheck.Result> checks,
                         Map<String, Simplified> simplified) {

    /**
     * A scalar statement rewritten by Symja (logarithms expanded), checked against the original at
     * random values, and named when it has the form of a standard loss.
     */
    public record Simplified(Expr expr, NumericCheck.Result check, Losses.Loss loss) {}

    /**
     * @param grad  the scalar binding to differentiate, or null for none
     * @param wrt   the names to differentiate it with respect to (inputs, free variables or bindings)
     * @param check whether to check each requested gradient numerically
     */
    public static Evaluation of(Program p, String grad, List<String> wrt, boolean check) {
        Map<String, RealMatrix> values = ProgramEvaluator.evaluable(p, Map.of()) ? ProgramEvaluator.run(p) : null;
        Backprop b = null;
        Map<String, RealMatrix> gv = null;
        Map<String, NumericCheck.Result> checks = new LinkedHashMap<>();
        if (grad != null) {
            b = Backprop.run(p, grad, wrt);
            if (values != null) gv = b.values(values);
            if (check) {
                for (String w : b.wrt()) {
                    if (b.adjoint(w).formula() instanceof matcalc.expr.Zero) continue;
                    try {
                        checks.put(w, b.check(w, values));
                    } catch (DomainException e) {
                        checks.put(w, new NumericCheck.Result(false, true, 0, Double.NaN, e.getMessage()));
                    }
                }
            }
        }
        Map<String, Simplified> simplified = new LinkedHashMap<>();
        for (Program.Statement s : p.statements()) {
            if (s.kind() == Program.Kind.INPUT || !LogExpansion.applies(s.expr()) || !logOfCompound(s.expr())) continue;
            Expr r = LogExpansion.expandLogs(s.expr());
            if (r.equals(s.expr())) continue;
            NumericCheck.Result c = NumericCheck.compareExpressions(s.expr(), r, NumericCheck.Options.defaults());
            simplified.put(s.label(), new Simplified(r, c, Losses.classify(r)));
        }
        return new Evaluation(p, values, b, gv, checks, simplified);
    }

    /** A logarithm of a product, power or exponential: what expanding logarithms can simplify. */
    private static boolean logOfCompound(Expr e) {
        if (e instanceof Apply a && a.fn() == Fn.LOG && !(a.arg() instanceof Var || a.arg() instanceof matcalc.expr.Num)) return true;
        for (Expr c : e.children()) if (logOfCompound(c)) return true;
        return false;
    }

    /** Whether every check that ran passed. */
    public boolean checksPassed() {
        return checks.values().stream().allMatch(NumericCheck.Result::passed)
                && simplified.values().stream().allMatch(x -> x.check().passed());
    }

    // ------------------------------------------------------------------ text

    public String text(int digits) {
        List<String> lines = new ArrayList<>();
        for (Program.Statement s : program.statements()) {
            String head = s.isBinding() ? s.name() + " = " + s.source() : s.source();
            if (values == null) lines.add(head);
            else if (s.kind() == Program.Kind.INPUT) lines.add(head + (isLiteral(s) ? "" : " = " + Values.text(values.get(s.label()), digits)));
            else lines.add(head + " = " + Values.text(values.get(s.label()), digits));
            Simplified x = simplified.get(s.label());
            if (x != null) {
                lines.add("  = " + TextRenderer.render(x.expr()) + "   (Symja: logarithms expanded, where their arguments are positive; "
                        + (x.check().passed() ? "checked at " + x.check().instances() + " random points)" : "CHECK FAILED: " + x.check().detail() + ")"));
                if (x.loss() != null) lines.add("  loss: " + x.loss().describe());
            }
        }
        if (values == null && !program.free().isEmpty()) {
            lines.add("(no values for " + String.join(", ", program.free().keySet()) + ": formulas only)");
        }
        if (backprop != null) {
            lines.add("");
            lines.add("gradients of " + backprop.target() + " (reverse mode: each adjoint from the adjoints of its users):");
            for (Backprop.Adjoint a : backprop.adjoints()) {
                String f = a.name() + " = " + TextRenderer.render(a.formula());
                if (gradientValues != null) f += " = " + Values.text(gradientValues.get(a.name()), digits);
                lines.add(f);
                for (String n : a.notes()) lines.add("  (" + n + ")");
            }
            if (hasKink()) lines.add("note: relu, step, max, abs and sign are not differentiable at 0 or at ties: the gradients hold almost everywhere");
            for (Map.Entry<String, NumericCheck.Result> c : checks.entrySet()) {
                lines.add(checkLine(Backprop.adjointName(backprop.target(), c.getKey()), c.getKey(), c.getValue(), values != null));
            }
        }
        return String.join("\n", lines);
    }

    private static boolean isLiteral(Program.Statement s) {
        return s.expr() instanceof matcalc.expr.MatrixLiteral || s.expr() instanceof matcalc.expr.Num;
    }

    private boolean hasKink() {
        for (Program.Statement s : program.statements()) if (kinked(s.expr())) return true;
        return false;
    }

    private static boolean kinked(Expr e) {
        if ((e instanceof Apply a && a.fn().kinked) || e instanceof Max) return true;
        for (Expr c : e.children()) if (kinked(c)) return true;
        return false;
    }

    static String checkLine(String gradient, String wrt, NumericCheck.Result c, boolean fixedOthers) {
        String where = c.instances() + " random " + wrt + (fixedOthers ? ", the other values as given" : "");
        if (c.passed()) return String.format(java.util.Locale.ROOT, "check: %s passed (finite differences at %s; max rel. error %.1e)", gradient, where, c.maxRelError());
        if (c.inconclusive()) return "check: " + gradient + " INCONCLUSIVE — " + c.detail();
        return String.format(java.util.Locale.ROOT, "check: %s FAILED (max rel. error %.1e at %s)%n%s", gradient, c.maxRelError(), where, c.detail());
    }

    // ------------------------------------------------------------------ json

    /**
     * Every statement's label and every adjoint's name ("dL/dW1") mapped to its value at full
     * precision (numbers, flat arrays for column vectors, rows for matrices); without values, to its
     * formula as text.
     */
    public String json() { return Json.write(jsonFields()); }

    /** The fields of {@link #json()}, for the HTTP API. */
    public Map<String, Object> jsonFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Program.Statement s : program.statements()) {
            m.put(s.label(), values != null ? matcalc.render.Json.matrix(values.get(s.label())) : TextRenderer.render(s.expr()));
        }
        if (backprop != null) {
            for (Backprop.Adjoint a : backprop.adjoints()) {
                m.put(a.name(), gradientValues != null ? matcalc.render.Json.matrix(gradientValues.get(a.name())) : TextRenderer.render(a.formula()));
            }
        }
        return m;
    }
}
