package matcalc.index;

import java.util.List;
import matcalc.expr.Fn;
import matcalc.expr.Rational;
import matcalc.expr.Var;
import matcalc.render.LatexRenderer;

/** Index notation in LaTeX: \frac{\partial F_{ij}}{\partial X_{kl}} = A_{ik} B_{lj}. */
public final class IndexLatexRenderer extends IndexRenderer {
    public static String of(IndexForm f) { return new IndexLatexRenderer().render(f); }

    String coefficient(Rational c) {
        if (c.isInteger()) return c.toString();
        return (c.signum() < 0 ? "-" : "") + "\\frac{" + c.num().abs() + "}{" + c.den() + "}";
    }

    String lhs(IndexForm f) {
        String x = LatexRenderer.renderVarName(variableName(f.variable()));
        String dx = "\\partial " + x + subscript(f.xRows(), f.xCols());
        if (f.hessian()) return "\\frac{\\partial^2 f}{\\partial " + x + subscript(f.fRows(), f.fCols()) + " \\, " + dx + "}";
        if (f.higher()) {
            List<String> ds = new java.util.ArrayList<>();
            for (Index i : f.derivativeIndices()) ds.add("\\partial " + x + subscript(List.of(i), List.of()));
            return "\\frac{\\partial^" + f.order() + " f}{" + String.join(" \\, ", ds) + "}";
        }
        return "\\frac{\\partial " + functionName(f) + subscript(f.fRows(), f.fCols()) + "}{" + dx + "}";
    }

    /** _{ij}; with a multi-letter name or a group, _{(i,p),j}. */
    private static String subscript(List<Index> row, List<Index> col) {
        List<String> gs = groups(row, col);
        if (gs.isEmpty()) return "";
        boolean simple = gs.stream().allMatch(g -> g.length() == 1);
        return "_{" + String.join(simple ? "" : ",", gs) + "}";
    }

    public String visitDelta(Delta d) { return "\\delta" + subscript(List.of(d.a()), List.of(d.b())); }

    public String visitEntry(MatrixEntry e) {
        String m = e.matrix() instanceof Var v ? LatexRenderer.renderVarName(v.name()) : "(" + LatexRenderer.render(e.matrix()) + ")";
        return m + subscript(e.row(), e.col());
    }

    public String visitScalar(ScalarFactor s) {
        String t = LatexRenderer.render(s.value());
        return IndexTextRenderer.balanced(t) && !t.contains(" ") && !t.startsWith("-") ? t : "\\left(" + t + "\\right)";
    }

    public String visitElementwise(Elementwise e) {
        String arg = visitEntry(e.arg());
        if (e.fn() == Fn.SQRT) return "\\sqrt{" + arg + "}";
        return e.fn().latex + "(" + arg + ")";
    }

    public String visitPower(EntryPower p) {
        String base = visitEntry(p.base());
        if (base.startsWith("(") || base.contains("^")) base = "\\left(" + base + "\\right)";
        return base + "^{" + (p.exponent().isInteger() ? p.exponent().toString() : coefficient(p.exponent())) + "}";
    }

    public String visitSize(SizeFactor s) { return s.dim().toString(); }
}
