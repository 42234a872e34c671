package matcalc.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import matcalc.calculus.Layout;
import matcalc.claims.CheckResult;
import matcalc.claims.ClaimChecker;
import matcalc.claims.ClaimLatex;
import matcalc.claims.ConditionSearch;
import matcalc.claims.Counterexample;
import matcalc.program.Values;
import matcalc.render.LatexRenderer;
import org.hipparchus.linear.RealMatrix;

/**
 * A "prove or disprove" problem in the key: the claim typeset from its typed form, the verdict
 * TRUE/FALSE boxed, how it was established (the same checker and lines as {@code matcalc check}),
 * and for a false claim the diagnosis, the counterexample as matrices and the conditions under
 * which it would hold.
 */
final class ClaimSection {
    /** Counterexamples are small integers; random fallbacks are rounded to this many decimals. */
    private static final int DIGITS = 4;

    private ClaimSection() {}

    static String latex(ProblemFile.Problem p) {
        Layout layout = java.util.Objects.requireNonNullElse(Layout.byName(p.get("layout", "numerator")), Layout.NUMERATOR);
        CheckResult r = ClaimChecker.check(p.get("claim"), p.get("where", ""), null, layout, ClaimChecker.Options.defaults());
        if (r.verdict() == CheckResult.Verdict.ERROR) {
            // Type errors show only once the claim is typed; report them like the file's format errors.
            throw ProblemFile.error(p.lineOf("claim"), "claim '" + p.get("claim") + "': " + r.error().split("\n")[0].replaceFirst("^error: ", ""));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\\paragraph{Claim.}\n\\[ ").append(ClaimLatex.statement(r.claim())).append(" \\]\n");
        sb.append("{\\small Types: ").append(KeyWriter.types(claimVariables(r.claim()))).append(".}\n\n");
        sb.append("\\paragraph{Verdict.} \\fbox{\\textbf{").append(verdict(r.verdict())).append("}}\n\n");
        List<String> how = new ArrayList<>();
        if (r.numericLine() != null) how.add(r.numericLine());
        if (r.exact() != null) how.add(r.exactLine());
        if (!how.isEmpty()) sb.append("{\\small ").append(KeyWriter.text(String.join("; ", how))).append(".}\n\n");
        for (String d : r.diagnosis()) sb.append(KeyWriter.text(capital(d))).append(".\n\n");
        if (r.verdict() == CheckResult.Verdict.FAIL) sb.append(correctSide(r.claim()));
        if (r.counterexample() != null) sb.append(counterexample(r.counterexample()));
        for (ConditionSearch.Condition c : r.conditions()) sb.append(KeyWriter.text(capital(CheckResult.conditionLine(c)))).append(".\n\n");
        for (String w : r.warnings()) sb.append("{\\small ").append(KeyWriter.text("Warning: " + w)).append(".}\n\n");
        return sb.toString();
    }

    /** The claim's variables with their shapes, as the types line lists them. */
    private static List<matcalc.expr.Var> claimVariables(matcalc.claims.Claim c) {
        List<matcalc.expr.Expr> all = new ArrayList<>(List.of(c.lhs(), c.rhs()));
        for (matcalc.claims.DerivativeCall d : c.derivatives()) { all.add(d.function()); all.add(d.variable()); }
        java.util.TreeMap<String, matcalc.expr.Var> vars = new java.util.TreeMap<>(matcalc.numeric.Vars.free(all.toArray(new matcalc.expr.Expr[0])));
        vars.keySet().removeIf(n -> n.startsWith("∂"));  // derivative placeholders (ClaimParser)
        return new ArrayList<>(vars.values());
    }

    /**
     * For a false claim about a derivative, the side as matcalc derives it (the derivative is checked
     * numerically like every result): grad(logdet(X), X) = inv(X) is wrong, and this shows X^{-T}.
     */
    private static String correctSide(matcalc.claims.Claim c) {
        if (!c.hasDerivatives() || c.lhsValue() == null || c.lhs().equals(c.lhsValue())) return "";
        return "Correct: the left side is\n\\[ " + ClaimLatex.side(c.lhs(), c.derivatives()) + " = "
                + LatexRenderer.render(c.lhsValue()) + " \\]\n";
    }

    private static String verdict(CheckResult.Verdict v) {
        switch (v) {
            case PASS: return "TRUE";
            case FAIL: return "FALSE";
            default: return "UNDECIDED";
        }
    }

    private static String counterexample(Counterexample.Found f) {
        StringBuilder sb = new StringBuilder("\\paragraph{Counterexample.}");
        String sizes = Counterexample.sizes(f);
        if (!sizes.isEmpty()) sb.append(" Sizes ").append(KeyWriter.text(sizes)).append(";");
        sb.append(f.integer() ? " small integer values:" : " random values (rounded):").append("\n\\[ ");
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, RealMatrix> v : f.values().entrySet()) {
            values.add(LatexRenderer.renderVarName(v.getKey()) + " = " + Values.latex(v.getValue(), DIGITS));
        }
        sb.append(String.join(", \\quad ", values)).append(" \\]\n");
        sb.append("where the sides are\n\\[ \\text{left side} = ").append(Values.latex(f.lhs(), DIGITS))
          .append(", \\quad \\text{right side} = ").append(Values.latex(f.rhs(), DIGITS)).append(" \\]\n");
        boolean scalar = f.lhs().getRowDimension() * f.lhs().getColumnDimension() == 1;
        sb.append("Largest difference: ").append(Values.number(f.largestDiff(), DIGITS))
          .append(scalar ? "" : " at entry (" + f.at()[0] + ", " + f.at()[1] + ")").append(".\n\n");
        return sb.toString();
    }

    private static String capital(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
