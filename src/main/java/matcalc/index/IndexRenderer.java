package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Rational;
import matcalc.expr.Var;

/** What text and LaTeX output of index notation share: signs, coefficients, terms and the left side. */
abstract class IndexRenderer implements FactorVisitor<String> {

    /** "lhs = body" for a whole derivative. */
    final String render(IndexForm f) { return lhs(f) + " = " + body(f.body()); }

    final String body(IndexSum s) {
        if (s.isZero()) return "0";
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Term t : s.terms()) {
            Rational c = t.coefficient();
            boolean negative = c.signum() < 0;
            if (first) sb.append(negative ? "-" : "");
            else sb.append(negative ? " - " : " + ");
            first = false;
            sb.append(term(c.abs(), t.factors()));
        }
        return sb.toString();
    }

    private String term(Rational c, List<Factor> fs) {
        List<String> parts = new ArrayList<>();
        if (!c.isOne() || fs.isEmpty()) parts.add(coefficient(c));
        for (Factor f : fs) parts.add(f.accept(this));
        return String.join(" ", parts);
    }

    /** An index group, slowest index first: "i", or "(i,p)" for a Kronecker-structured row. */
    static String group(List<Index> fastFirst) {
        if (fastFirst.size() == 1) return fastFirst.get(0).name();
        List<String> names = new ArrayList<>();
        for (int k = fastFirst.size() - 1; k >= 0; k--) names.add(fastFirst.get(k).name());
        return "(" + String.join(",", names) + ")";
    }

    /** The non-empty groups among row and column, as the renderer joins them. */
    static List<String> groups(List<Index> row, List<Index> col) {
        List<String> gs = new ArrayList<>();
        if (!row.isEmpty()) gs.add(group(row));
        if (!col.isEmpty()) gs.add(group(col));
        return gs;
    }

    abstract String coefficient(Rational c);

    abstract String lhs(IndexForm f);

    static String functionName(IndexForm f) { return f.function().isScalar() || f.order() > 1 ? "f" : "F"; }

    static String variableName(Var x) { return x.name(); }
}
