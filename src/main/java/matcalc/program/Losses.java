package matcalc.program;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Add;
import matcalc.expr.Apply;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Mul;
import matcalc.expr.Num;
import matcalc.expr.Ops;
import matcalc.expr.Pow;
import matcalc.expr.Rational;
import matcalc.expr.Var;
import matcalc.render.TextRenderer;

/**
 * Names a scalar loss by its form: terms free of a residual u - v (constants of the fit) plus a
 * positive scale times |u - v| (absolute error, the L1 loss) or (u - v)^2 (squared error, L2).
 */
public final class Losses {
    private Losses() {}

    public enum Kind {
        ABSOLUTE("absolute error", "L1 loss", "mean absolute error"),
        SQUARED("squared error", "L2 loss", "mean squared error");

        public final String error, loss, mean;
        Kind(String error, String loss, String mean) { this.error = error; this.loss = loss; this.mean = mean; }
    }

    /** loss = constant + scale · error(residual). */
    public record Loss(Kind kind, Expr residual, Expr scale, List<Expr> constants) {
        /** One sentence for the answer: what the loss is and what maximum likelihood minimises. */
        public String describe() {
            String r = TextRenderer.render(residual);
            String err = kind == Kind.ABSOLUTE ? "abs(" + r + ")" : "(" + r + ")^2";
            String sc = scale.equals(Num.ONE) ? "" : ", scaled by " + TextRenderer.render(scale);
            String cs = constants.isEmpty() ? "" : ", plus " + String.join(" + ", constants.stream().map(TextRenderer::render).toList())
                    + " (free of the residual)";
            return kind.error + " " + err + sc + cs + ": the " + kind.loss + "; summed over data, maximum likelihood minimises the "
                    + kind.mean + " (" + kind.loss + ")";
        }
    }

    /** The loss's form, or null when it is not one of these. */
    public static Loss classify(Expr e) {
        List<Expr> terms = e instanceof Add a ? a.terms() : List.of(e);
        Loss found = null;
        List<Expr> constants = new ArrayList<>();
        for (Expr t : terms) {
            Loss l = errorTerm(t);
            if (l != null && found == null) found = l;
            else constants.add(t);
        }
        if (found == null) return null;
        for (Expr c : constants) if (mentionsAny(c, found.residual())) return null;
        return new Loss(found.kind(), found.residual(), found.scale(), constants);
    }

    /** scale · |u - v| or scale · (u - v)^2 with a scale free of u and v and positive where known. */
    private static Loss errorTerm(Expr t) {
        List<Expr> fs = t instanceof Mul m ? m.factors() : List.of(t);
        Kind kind = null;
        Expr residual = null;
        List<Expr> scale = new ArrayList<>();
        for (Expr f : fs) {
            if (kind == null && f instanceof Apply a && a.fn() == Fn.ABS && isDifference(a.arg())) {
                kind = Kind.ABSOLUTE;
                residual = a.arg();
            } else if (kind == null && f instanceof Pow p && p.exponent().equals(Num.of(2)) && isDifference(p.base())) {
                kind = Kind.SQUARED;
                residual = p.base();
            } else {
                scale.add(f);
            }
        }
        if (kind == null) return null;
        for (Expr s : scale) {
            if (mentionsAny(s, residual)) return null;
            if (s instanceof Num n && n.value().signum() <= 0) return null;
        }
        return new Loss(kind, residual, scale.isEmpty() ? Num.ONE : Ops.mul(scale), List.of());
    }

    private static boolean isDifference(Expr e) {
        return e instanceof Add a && a.terms().size() == 2 && a.terms().stream().anyMatch(t -> t instanceof Var)
                && a.terms().stream().anyMatch(t -> t instanceof Mul m && m.factors().size() == 2
                        && m.factors().get(0) instanceof Num n && n.value().equals(Rational.MINUS_ONE) && m.factors().get(1) instanceof Var);
    }

    private static boolean mentionsAny(Expr e, Expr residual) {
        for (String v : matcalc.numeric.Vars.free(residual).keySet()) if (matcalc.numeric.Vars.free(e).containsKey(v)) return true;
        return false;
    }
}
