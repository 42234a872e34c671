package matcalc.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.numeric.NumericCheck;
import matcalc.engine.DiffResult;
import matcalc.expr.Add;
import matcalc.expr.Expr;
import matcalc.expr.Mul;
import matcalc.expr.Shape;
import matcalc.expr.Var;
import matcalc.share.SharedForm;

/** A derivative as the user sees it: the statement, the conventions in force, and the check. */
public final class DiffReport {
    private DiffReport() {}

    public static String latex(DiffResult r) {
        if (refuted(r)) return unverified(r, statementLatex(r));
        return statementLatex(r) + "\n" + footer(r);
    }

    public static String text(DiffResult r) {
        if (refuted(r)) return unverified(r, TextRenderer.render(r.result()));
        return resultText(r) + "\n" + footer(r);
    }

    /**
     * The result in the input syntax: on one line, so that it reads back as the same expression,
     * unless written out it would be long and repetitive ({@link #textShares}): then its shared form is
     * printed instead: the body on the first line, then {@code where name = value}, one definition
     * a line, each using only the names above it.
     */
    public static String resultText(DiffResult r) {
        SharedForm sf = shared(r);
        if (!textShares(sf)) return TextRenderer.render(r.result());
        StringBuilder sb = new StringBuilder(TextRenderer.render(sf.body()));
        String lead = "\nwhere ";
        for (SharedForm.Definition d : sf.definitions()) {
            sb.append(lead).append(d.name().name()).append(" = ").append(TextRenderer.render(d.value()));
            lead = "\n      ";
        }
        return sb.toString();
    }

    /**
     * The text format prints the shared form only for results that would be long on one line and
     * grow with depth: more than {@link #TEXT_CHAIN} nodes written out (about 3 characters each)
     * with a chain of nested products cut into links (a deep network's gradient), or more than
     * {@link #TEXT_LONG} nodes of anything. Other results stay on one line that parses back.
     */
    static final int TEXT_CHAIN = 100, TEXT_LONG = 1_000;

    static boolean textShares(SharedForm sf) {
        if (sf.isEmpty()) return false;
        if (sf.treeSize() > TEXT_LONG) return true;
        return sf.treeSize() > TEXT_CHAIN && sf.definitions().stream().anyMatch(d -> d.role() == SharedForm.Role.CHAIN);
    }

    /** The result's shared form: repeated parts (and the links of deep chains) named, forward values as h1, h2, ... */
    public static SharedForm shared(DiffResult r) {
        Set<String> taken = new HashSet<>();
        for (Var v : r.variables()) taken.add(v.name());
        return SharedForm.of(r.result(), new SharedForm.Options(taken, r.function()));
    }

    /** The definitions as LaTeX "name = value" items. */
    static List<String> whereLatex(SharedForm sf) {
        List<String> where = new ArrayList<>();
        for (SharedForm.Definition d : sf.definitions()) {
            where.add(LatexRenderer.renderVarName(d.name().name()) + " = " + LatexRenderer.render(d.value()));
        }
        return where;
    }

    /** Whether the numeric check found every form the engine derived wrong. */
    static boolean refuted(DiffResult r) { return r.check() != null && !r.check().passed() && !r.check().inconclusive(); }

    /** A derivative that failed its check is never printed as the answer: it is labelled as rejected. */
    private static String unverified(DiffResult r, String formula) {
        return NO_ANSWER + "\n" + footer(r) + "\nrejected form (failed the check): " + formula;
    }

    static final String NO_ANSWER = "no verified derivative: every form matcalc derived failed the numeric check"
            + " (a bug in matcalc; please report this command)";

    /** \frac{\partial}{\partial X} f = result, with the left side spelled for the result's arrangement. */
    public static String statementLatex(DiffResult r) {
        SharedForm sf = shared(r);
        StringBuilder sb = new StringBuilder(lhsLatex(r)).append(" = ").append(LatexRenderer.render(sf.body()));
        List<String> where = whereLatex(sf);
        if (!where.isEmpty()) sb.append(", \\quad \\text{where } ").append(String.join(",\\; ", where));
        return sb.toString();
    }

    /** The statement as a display that fits the line (broken at sums, the "where" on lines of its own). */
    public static String statementDisplay(DiffResult r, double budget) {
        SharedForm sf = shared(r);
        return Display.equation(lhsLatex(r), LatexRenderer.render(sf.body()), whereLatex(sf), budget);
    }

    static String lhsLatex(DiffResult r) {
        Expr f = r.function();
        Var x = r.variable();
        String fx = LatexRenderer.render(f);
        String fp = (f instanceof Add || f instanceof Mul) ? "\\left(" + fx + "\\right)" : fx;
        String xs = LatexRenderer.renderVarName(x.name());
        String vecF = "\\operatorname{vec}" + (rowsVec(r) ? "_r" : "") + "(" + fx + ")";
        String vecX = "\\operatorname{vec}" + (rowsVec(r) ? "_r" : "") + "(" + xs + ")";
        if (r.order() >= 3) {
            int k = r.order();
            if (x.isScalar()) return "\\frac{\\partial^" + k + "}{\\partial " + xs + "^" + k + "} " + fp;
            return "\\frac{\\partial \\operatorname{vec}(\\nabla^" + (k - 1) + " " + fp + ")}{\\partial " + xs + "^\\top}";
        }
        if (r.order() == 2 && f.isScalar()) {
            if (x.isScalar()) return "\\frac{\\partial^2}{\\partial " + xs + "^2} " + fp;
            if (x.shape().isColumn()) return "\\frac{\\partial^2}{\\partial " + xs + " \\, \\partial " + xs + "^\\top} " + fp;
            return "\\frac{\\partial^2 " + fp + "}{\\partial " + vecX + " \\, \\partial " + vecX + "^\\top}";
        }
        String d = r.order() == 2 ? "^2" : "";
        switch (r.form()) {
            case SCALAR: case GRADIENT: case ROW_GRADIENT: case TANGENT:
                return "\\frac{\\partial" + d + "}{\\partial " + xs + d + "} " + fp;
            case TANGENT_ROW:
                return "\\frac{\\partial" + d + " \\left(" + fx + "\\right)^\\top}{\\partial " + xs + d + "}";
            default: {
                boolean vectors = f.shape().isVectorLike() && x.shape().isVectorLike() && r.order() == 1;
                String num = vectors ? fp : vecF;
                String den = vectors ? xs : vecX;
                if (r.form() == Form.VEC || r.form() == Form.VEC_ROWS) {
                    return "\\frac{\\partial " + num + "}{\\partial " + den + (vectors ? "" : "^\\top") + "}";
                }
                return "\\frac{\\partial " + num + (vectors ? "^\\top" : "^\\top") + "}{\\partial " + den + "}";
            }
        }
    }

    private static boolean rowsVec(DiffResult r) { return r.form() == Form.VEC_ROWS || r.form() == Form.VEC_ROWS_TRANSPOSED; }

    /** A derivation as numbered steps, each naming the rules it used, in the input syntax. */
    public static String stepsText(java.util.List<matcalc.engine.Step> steps) {
        StringBuilder sb = new StringBuilder();
        Expr f = functionOf(steps);
        for (matcalc.engine.Step s : steps) {
            sb.append("step ").append(s.number()).append(". ").append(s.title()).append('\n');
            for (String r : s.rules()) sb.append("    by ").append(r).append('\n');
            SharedForm sf = SharedForm.of(s.expr(), new SharedForm.Options(Set.of(), f));
            if (!textShares(sf)) {
                sb.append("    ").append(s.lhs()).append(" = ").append(TextRenderer.render(s.expr())).append('\n');
                continue;
            }
            // as the result: a long formula that grows with depth is written with its repeated parts named
            sb.append("    ").append(s.lhs()).append(" = ").append(TextRenderer.render(sf.body())).append('\n');
            String lead = "    where ";
            for (SharedForm.Definition d : sf.definitions()) {
                sb.append(lead).append(d.name().name()).append(" = ").append(TextRenderer.render(d.value())).append('\n');
                lead = "          ";
            }
        }
        return sb.toString();
    }

    /** The function a derivation starts from (its step "f = ..."), whose parts are the forward values; null if none. */
    private static Expr functionOf(java.util.List<matcalc.engine.Step> steps) {
        for (matcalc.engine.Step s : steps) if (s.lhs().equals("f")) return s.expr();
        return null;
    }

    /** The same steps as a LaTeX enumerate environment (amsmath). */
    public static String stepsLatex(java.util.List<matcalc.engine.Step> steps) {
        StringBuilder sb = new StringBuilder("\\begin{enumerate}\n");
        Expr f = functionOf(steps);
        for (matcalc.engine.Step s : steps) {
            sb.append("  \\item ").append(MathText.latex(s.title())).append('\n');
            if (!s.rules().isEmpty()) {
                // one rule a line: a caption is a formula, and formulas are not broken across lines
                sb.append("    {\\small");
                for (String r : s.rules()) sb.append("\\\\\n      by ").append(MathText.latex(r));
                sb.append("}\n");
            }
            String lhs = s.lhs().equals("derivative") ? "\\text{derivative}" : mathOnly(MathText.latex(s.lhs()));
            sb.append("    \\[ ").append(stepDisplay(lhs, s.expr(), f)).append(" \\]\n");
        }
        return sb.append("\\end{enumerate}").toString();
    }


    /**
     * One step's formula; when it is too long for the line, subexpressions it repeats are named
     * first (as in the result: "where s = softmax(W x)"), then it is broken.
     */
    private static String stepDisplay(String lhs, Expr e, Expr function) {
        SharedForm sf = SharedForm.of(e, new SharedForm.Options(Set.of(), function));
        // a formula too long written out (a deep network's, quadratic in the depth) is not rendered whole
        if (sf.treeSize() <= TEXT_LONG) {
            String plain = lhs + " = " + LatexRenderer.render(e);
            if (Display.length(plain) <= Display.LIST) return plain;
        }
        return Display.equation(lhs, LatexRenderer.render(sf.body()), whereLatex(sf), Display.LIST);
    }

    /** A formula that MathText set between dollars, without them. */
    private static String mathOnly(String latex) { return latex.replace("$", ""); }

    /** The conventions line, the types line, notes and the check line. */
    public static String footer(DiffResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("layout: " + layoutLine(r));
        lines.add("types: " + typesLine(r.variables(), r.function()) + "; result: " + shape(r.result().shape()));
        for (String n : r.notes()) lines.add("note: " + n);
        lines.add(checkLine(r.check()));
        return String.join("\n", lines);
    }

    public static String layoutLine(DiffResult r) {
        String line = layoutLineOf(r);
        if (r.layout() != Layout.MIXED) return line;
        // Mixed reads as numerator for Jacobians and as denominator for gradients: say which rule applies.
        String rest = line.replaceFirst("^(numerator|denominator)(: | )?", "");
        if (rest.startsWith("(") && rest.endsWith(")")) rest = rest.substring(1, rest.length() - 1);
        return "mixed, as matrixcalculus.org (gradients are columns, Jacobians m x n)" + (rest.isEmpty() ? "" : ": " + rest);
    }

    private static final List<String> ORDINALS = List.of("fourth", "fifth", "sixth");

    /**
     * "fourth derivative: D4 = d vec(D3)/dx^T, where ...; entry ((i, j, k), l) = d^4f/dx_i dx_j dx_k dx_l (n^3 x n); ..."
     * (the indices as the index form names them when no name in the expression is one of them).
     */
    private static String higherLayoutLine(int k, Var x) {
        String name = k - 4 < ORDINALS.size() ? ORDINALS.get(k - 4) + " derivative" : "derivative of order " + k;
        if (x.isScalar()) return name;
        List<String> ix = List.of("i", "j", "k", "l", "m", "p").subList(0, k); // IndexNotation's first choices
        StringBuilder d = new StringBuilder("d^" + k + "f/");
        String x1 = x.name(), n = x.shape().rows().toString();
        for (int m = 0; m < k; m++) d.append(m == 0 ? "" : " ").append("d").append(x1).append("_").append(ix.get(m));
        // In words, not D(m+1) = d vec(Dm)/dx^T: a letter there could be one of the expression's sizes.
        return name + ": D" + k + " = d vec(D" + (k - 1) + ")/d" + x1 + "^T, where D2 is the Hessian and each next one is d vec of the one before by "
                + x1 + "^T; entry ((" + String.join(", ", ix.subList(0, k - 1)) + "), " + ix.get(k - 1) + ") = " + d
                + " (" + (n.matches("\\w+") ? n : "(" + n + ")") + "^" + (k - 1) + " x " + n + "); --index writes it entry-wise";
    }

    private static String layoutLineOf(DiffResult r) {
        Var x = r.variable();
        String vec = r.form() == Form.VEC_ROWS || r.form() == Form.VEC_ROWS_TRANSPOSED ? "vec stacks rows (vec_r)" : "vec stacks columns";
        boolean numerator = !r.layout().transposedJacobians();
        if (r.order() == 3) {
            if (x.isScalar()) return "third derivative";
            return "third derivative: d vec(H)/d" + x.name() + "^T for the Hessian H, entry ((i, j), k) = d^3f/dx_i dx_j dx_k (n^2 x n);"
                    + " --index writes it entry-wise";
        }
        if (r.order() > 3) return higherLayoutLine(r.order(), x);
        if (r.order() == 2 && r.function().isScalar()) {
            if (x.shape().isColumn()) return "Hessian: entry ij is d^2f/dx_i dx_j (n x n, symmetric)";
            if (!x.isScalar()) return "Hessian in vec form: d^2f / d vec(" + x.name() + ") d vec(" + x.name() + ")^T; " + vec;
        }
        switch (r.form()) {
            case SCALAR: return "scalar by scalar";
            case ROW_GRADIENT: return "numerator (the derivative of a scalar by a vector is a row, 1 x " + x.shape().rows() + ")";
            case GRADIENT:
                if (x.shape().isColumn()) return "denominator (the gradient is a column)";
                return "gradient in the shape of " + x.name() + " (entry ij is df/d" + x.name() + "_ij), in either layout";
            case TANGENT: return "entry ij is dF_ij/d" + x.name() + " (the shape of F)";
            case TANGENT_ROW: return "denominator (the derivative of a vector by a scalar is a row)";
            default: {
                boolean vectors = r.function().shape().isVectorLike() && x.shape().isVectorLike();
                if (vectors && r.order() == 1) {
                    return numerator ? "numerator (Jacobian J_ij = dF_i/dx_j, m x n)" : "denominator (J^T: entry ij is dF_j/dx_i)";
                }
                String d = "d vec(F)/d vec(" + x.name() + ")^T";
                return (numerator ? "numerator: " + d : "denominator: (" + d + ")^T") + "; " + vec;
            }
        }
    }

    /** "A: n x n symmetric, x: vector(n)": names with their shapes and declared structure. */
    /** As {@link #typesLine(List)}, with the declared functions f applies ("f: function"). */
    public static String typesLine(List<Var> vars, matcalc.expr.Expr f) {
        String line = typesLine(vars);
        java.util.SortedSet<String> fns = matcalc.ops.UserFunction.usedIn(f);
        if (fns.isEmpty()) return line;
        String decl = String.join(", ", fns.stream().map(n -> n + ": function").toList());
        return vars.isEmpty() ? decl : decl + ", " + line;
    }

    public static String typesLine(List<Var> vars) {
        List<String> parts = new ArrayList<>();
        for (Var v : vars) {
            StringBuilder sb = new StringBuilder(v.name()).append(": ").append(shape(v.shape()));
            v.properties().stream().map(p -> p.word()).sorted().forEach(w -> sb.append(' ').append(w));
            parts.add(sb.toString());
        }
        return parts.isEmpty() ? "(no variables)" : String.join(", ", parts);
    }

    public static String shape(Shape s) {
        if (s.isScalar()) return "scalar";
        if (s.isColumn()) return "vector(" + s.rows() + ")";
        return s.rows() + " x " + s.cols();
    }

    public static String checkLine(NumericCheck.Result c) {
        if (c == null) return "check: skipped (--no-check)";
        if (c.passed()) {
            return String.format("check: passed (%d random instance%s, max rel. error %.1e)%s", c.instances(),
                    c.instances() == 1 ? "" : "s", c.maxRelError(), c.detail() != null && !c.detail().isEmpty() && c.instances() < 3 ? " — " + c.detail() : "");
        }
        if (c.inconclusive()) return "check: INCONCLUSIVE — " + c.detail();
        return String.format("check: FAILED (max rel. error %.1e over %d instance%s)%n%s", c.maxRelError(), c.instances(),
                c.instances() == 1 ? "" : "s", c.detail());
    }

    public static String json(DiffResult r) { return json(r, Map.of()); }

    /** The JSON report with more top-level fields (e.g. "index" for --index) before the check. */
    public static String json(DiffResult r, Map<String, Object> extra) { return Json.write(jsonFields(r, extra)); }

    /** The fields of {@link #json(DiffResult, Map)}, for the HTTP API. */
    public static Map<String, Object> jsonFields(DiffResult r, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", r.request().expression());
        m.put("variable", r.variable().name());
        m.put("where", r.request().where());
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("text", TextRenderer.render(r.result()));
        res.put("latex", LatexRenderer.render(r.result()));
        res.put("statement", statementLatex(r));
        // A form that failed the check is no result: it is reported under "rejected".
        m.put("result", refuted(r) ? null : res);
        if (refuted(r)) m.put("rejected", res);
        m.put("shape", shape(r.result().shape()));
        m.put("order", r.order());
        m.put("layout", r.layout().name().toLowerCase());
        m.put("vec", r.vec().name().toLowerCase());
        m.put("form", r.form().name().toLowerCase());
        m.put("convention", layoutLine(r));
        Map<String, Object> types = new LinkedHashMap<>();
        for (String fn : matcalc.ops.UserFunction.usedIn(r.function())) types.put(fn, "function");
        for (Var v : r.variables()) types.put(v.name(), shape(v.shape()));
        m.put("types", types);
        m.put("notes", r.notes());
        m.putAll(extra);
        if (r.check() == null) {
            m.put("check", null);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("passed", r.check().passed());
            c.put("inconclusive", r.check().inconclusive());
            c.put("instances", r.check().instances());
            c.put("maxRelError", r.check().maxRelError());
            if (!r.check().passed()) c.put("detail", r.check().detail());
            m.put("check", c);
        }
        return m;
    }
}
