package matcalc.simplify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import matcalc.expr.*;
import matcalc.symja.FromSymja;
import matcalc.symja.Symja;
import matcalc.symja.ToSymja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Scalar sub-expressions with fractions to combine, e.g. (1 + a)^{-1} - a (1 + a)^{-2}, are handed
 * to Symja (Together, then Simplify) with every non-scalar-algebra part kept opaque; the answer is
 * used when it is smaller. Only sums containing a negative power trigger this, so results that
 * need no scalar algebra never start Symja.
 */
public final class ScalarAlgebra {
    static { matcalc.symja.SymjaSetup.ensure(); } // before Symja's factory loads

    private static final long TIMEOUT_MS = 3_000;

    /** How this pass appears in a derivation's steps. */
    public static final Rule RULE = new Rule("symja-together", "scalar fractions combined by Symja (Together/Simplify)",
            Add.class, e -> null);

    /** Inputs larger than this (Symja leaf count) get Together only: Simplify can take seconds on them for no gain. */
    private static final long SIMPLIFY_LEAVES = 40;

    private static final SymjaRound ROUND = new SymjaRound(k -> k.leafCount() > SIMPLIFY_LEAVES
            ? List.of(Symja.get().eval(F.Together(k), TIMEOUT_MS))
            : List.of(Symja.get().eval(F.Together(k), TIMEOUT_MS), Symja.get().eval(F.Simplify(k), TIMEOUT_MS)));

    /**
     * For a whole formula: Together and its Factor, Expand and its Factor, and Simplify when small. The
     * derivatives of order k by a scalar collect like terms only once multiplied out (x^2 sin(x) by x, four
     * times, is x^2 sin(x) - 8 x cos(x) - 12 sin(x)); of equally small answers the factored one comes first.
     */
    private static final SymjaRound WHOLE = new SymjaRound(k -> {
        IExpr together = Symja.get().eval(F.Together(k), TIMEOUT_MS), expanded = Symja.get().eval(F.Expand(k), TIMEOUT_MS);
        List<IExpr> out = new ArrayList<>(List.of(Symja.get().eval(F.Factor(together), TIMEOUT_MS), together,
                Symja.get().eval(F.Factor(expanded), TIMEOUT_MS), expanded));
        if (k.leafCount() <= SIMPLIFY_LEAVES) out.add(Symja.get().eval(F.Simplify(k), TIMEOUT_MS));
        return out;
    }, true);

    private ScalarAlgebra() {}

    /**
     * A scalar expression simplified by Symja as one formula, its non-algebra parts opaque; the smallest
     * of the answers that agrees with it numerically, or e when none is smaller (or Symja fails).
     */
    static Expr whole(Expr e) {
        if (!e.isScalar() || e.children().isEmpty()) return e;
        Expr best = WHOLE.best(e, ScalarAlgebra::toSymja, FromSymja::scalar, ScalarAlgebra::size);
        return best == null ? e : best;
    }

    public static Expr tidy(Expr e) {
        if (e.children().isEmpty()) return e;
        Memo memo = Memo.current();
        Memo.Facts facts = memo == null ? null : memo.of(e);
        if (facts != null && facts.scalarTidy != null) return facts.scalarTidy;
        Expr r = e.isScalar() && e instanceof Add && hasNegativePower(e) ? viaSymja(e) : e.mapChildren(ScalarAlgebra::tidy);
        if (facts != null) facts.scalarTidy = r;
        return r;
    }

    private static boolean hasNegativePower(Expr e) {
        if (e instanceof Pow p && p.exponent() instanceof Num n && n.value().signum() < 0) return true;
        if (e.children().isEmpty()) return false;
        Memo memo = Memo.current();
        Memo.Facts facts = memo == null ? null : memo.of(e);
        if (facts != null && facts.negativePower != 0) return facts.negativePower > 0;
        boolean has = false;
        for (Expr c : e.children()) if (hasNegativePower(c)) { has = true; break; }
        if (facts != null) facts.negativePower = has ? (byte) 1 : (byte) -1;
        return has;
    }

    private static Expr viaSymja(Expr s) {
        Expr best = ROUND.best(s, ScalarAlgebra::toSymja, FromSymja::scalar, ScalarAlgebra::size);
        return best == null ? s : best;
    }

    private static IExpr toSymja(Expr e, Function<Expr, IExpr> opaque) {
        if (e instanceof Num n) return ToSymja.number(n.value());
        if (e instanceof Add a) {
            IExpr[] args = a.terms().stream().map(t -> toSymja(t, opaque)).toArray(IExpr[]::new);
            return F.Plus(args);
        }
        if (e instanceof Mul m && m.isScalar()) {
            // Scalar factors are algebra; a 1 x 1 matrix chain (x^T A x) is one opaque atom.
            Terms.Split sp = Terms.split(m);
            List<IExpr> args = new ArrayList<>();
            for (Expr f : sp.scalars()) args.add(toSymja(f, opaque));
            if (!sp.chain().isEmpty()) args.add(atom(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain()), opaque));
            return F.Times(args.toArray(IExpr[]::new));
        }
        if (e instanceof Pow p) return F.Power(toSymja(p.base(), opaque), toSymja(p.exponent(), opaque));
        if (e instanceof Apply a && !a.fn().kinked) return ToSymja.apply(a.fn(), toSymja(a.arg(), opaque));
        // Anything else (a variable, tr(...), x^T A x, det(X), ...) is an opaque symbol.
        return atom(e, opaque);
    }

    private static IExpr atom(Expr e, Function<Expr, IExpr> opaque) { return opaque.apply(e); }

    private static int size(Expr e) {
        int n = 1;
        for (Expr c : e.children()) n += size(c);
        return n;
    }
}
