package matcalc.index;

import java.util.List;
import matcalc.expr.Rational;
import matcalc.expr.Var;
import matcalc.render.TextRenderer;

/** Index notation as plain text: dF[i,j]/dX[k,l] = A[i,k] B[l,j]. */
public final class IndexTextRenderer extends IndexRenderer {
    public static String of(IndexForm f) { return new IndexTextRenderer().render(f); }

    String coefficient(Rational c) { return c.toString(); }

    String lhs(IndexForm f) {
        String x = variableName(f.variable());
        String dx = "d" + x + subscript(f.xRows(), f.xCols());
        if (f.hessian()) return "d^2f/d" + x + subscript(f.fRows(), f.fCols()) + " " + dx;
        if (f.higher()) {
            List<String> ds = new java.util.ArrayList<>();
            for (Index i : f.derivativeIndices()) ds.add("d" + x + subscript(List.of(i), List.of()));
            return "d^" + f.order() + "f/" + String.join(" ", ds);
        }
        return "d" + functionName(f) + subscript(f.fRows(), f.fCols()) + "/" + dx;
    }

    private static String subscript(List<Index> row, List<Index> col) {
        List<String> gs = groups(row, col);
        return gs.isEmpty() ? "" : "[" + String.join(",", gs) + "]";
    }

    public String visitDelta(Delta d) { return "delta[" + d.a().name() + "," + d.b().name() + "]"; }

    public String visitEntry(MatrixEntry e) {
        String m = e.matrix() instanceof Var v ? v.name() : "(" + TextRenderer.render(e.matrix()) + ")";
        return m + subscript(e.row(), e.col());
    }

    public String visitScalar(ScalarFactor s) {
        String t = TextRenderer.render(s.value());
        return t.matches("[\\w.]+|\\w+\\(.*\\)") && balanced(t) ? t : "(" + t + ")";
    }

    public String visitElementwise(Elementwise e) { return e.fn().name + "(" + visitEntry(e.arg()) + ")"; }

    public String visitPower(EntryPower p) {
        String e = p.exponent().toString();
        return visitEntry(p.base()) + "^" + (e.matches("\\d+") ? e : "(" + e + ")");
    }

    public String visitSize(SizeFactor s) {
        String t = s.dim().toString();
        return t.contains(" ") ? "(" + t + ")" : t;
    }

    /** f(a) (b) is not one call: the parentheses after the name must close only at the end. */
    static boolean balanced(String t) {
        int open = t.indexOf('(');
        if (open < 0) return true;
        int depth = 0;
        for (int k = open; k < t.length(); k++) {
            if (t.charAt(k) == '(') depth++;
            else if (t.charAt(k) == ')' && --depth == 0 && k != t.length() - 1) return false;
        }
        return true;
    }
}
