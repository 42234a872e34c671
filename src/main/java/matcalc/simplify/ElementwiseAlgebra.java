package matcalc.simplify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import matcalc.expr.*;
import matcalc.share.Interner;
import matcalc.symja.FromSymja;
import matcalc.symja.Symja;
import matcalc.symja.ToSymja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Element-wise algebra through Symja. A region of element-wise operations (⊙, ./, .^, +, scaling,
 * element-wise functions) is the same scalar expression in every entry, so Symja can simplify it
 * as one: s ⊙ y ⊙ (1 - s) ./ s - s ⊙ (1 - s) ⊙ (1 - y) ./ (1 - s) becomes y - s. Everything else in
 * the region (X w, softmax(z), a variable, a scalar such as λ) is an opaque symbol. Only regions
 * with a fraction to combine or cancel, or with a sum whose terms share an operand
 * (y - s ⊙ (1 - y) - s ⊙ y), go to Symja, so other results never start it; Symja's answer is used
 * when it is smaller.
 */
public final class ElementwiseAlgebra {
    static { matcalc.symja.SymjaSetup.ensure(); } // before Symja's factory loads

    private static final long TIMEOUT_MS = 2_000;
    /** Regions larger than this (Symja leaf count) get Together only. */
    private static final long SIMPLIFY_LEAVES = 40;

    /** How this pass appears in a derivation's steps. */
    public static final Rule RULE = new Rule("symja-elementwise",
            "element-wise fractions simplified entry by entry by Symja (Together/Simplify)", Hadamard.class, e -> null);

    private static final SymjaRound ROUND = new SymjaRound(ElementwiseAlgebra::candidates);

    private ElementwiseAlgebra() {}

    public static Expr tidy(Expr e) {
        if (e.children().isEmpty()) return e;
        Memo memo = Memo.current();
        Memo.Facts facts = memo == null ? null : memo.of(e);
        if (facts != null && facts.elementwiseTidy != null) return facts.elementwiseTidy;
        Expr r;
        if (e.isScalar() || !inRegion(e)) r = e.mapChildren(ElementwiseAlgebra::tidy);
        else if (fractionToCombine(e, memo) || hasSharedOperands(e, memo)) r = viaSymja(e);
        // Neither test holds for a part of a region where it fails for the whole (both look at
        // every region node under it, and a reciprocal above a part swaps its numerator and
        // denominator alike): only the parts outside the region are left to tidy.
        else r = tidyOutside(e);
        if (facts != null) facts.elementwiseTidy = r;
        return r;
    }

    /** Whether a node is an element-wise operation whose entries are a scalar formula of its operands'. */
    private static boolean inRegion(Expr e) {
        if (e.isScalar()) return false;
        if (e instanceof Add || e instanceof Hadamard || e instanceof Ones) return true;
        if (e instanceof ElemPow p) return p.exponent() instanceof Num;
        if (e instanceof Apply a) return !a.fn().kinked;
        return e instanceof Mul m && Terms.split(m).chain().size() == 1;
    }

    /**
     * Whether a division in the region could cancel or combine: a sum with a fraction among its
     * terms (1/(1+x) - x/(1+x)^2), or an operand both above and below the line (s ⊙ y ./ s). A lone
     * 1 ./ y is left alone, so that it does not start Symja.
     */
    /**
     * Operands are compared by structural class ({@link Interner}, shared by the derivation's memo):
     * no hashing of whole subtrees and no key strings, which grow with the square of a deep
     * network's depth. A first pass compares their structural hashes ({@link Key#hash}, kept by
     * the memo): most regions have no operand twice, and unequal hashes prove it; equal ones are
     * confirmed by class.
     */
    private static boolean fractionToCombine(Expr region, Memo memo) {
        return fractionToCombine(region, Key::hash) && fractionToCombine(region, classes(memo)::id);
    }

    private static boolean hasSharedOperands(Expr e, Memo memo) {
        return hasSharedOperands(e, Key::hash) && hasSharedOperands(e, classes(memo)::id);
    }

    private static Interner classes(Memo memo) { return memo != null ? memo.classes() : new Interner(); }

    private static boolean fractionToCombine(Expr region, ToIntFunction<Expr> classes) {
        Set<Integer> above = new HashSet<>(), below = new HashSet<>();
        boolean[] sumWithFraction = {false};
        split(region, false, above, below, sumWithFraction, classes);
        if (sumWithFraction[0]) return true;
        for (int o : below) if (above.contains(o)) return true;
        return false;
    }

    private static void split(Expr e, boolean inDenominator, Set<Integer> above, Set<Integer> below, boolean[] sumWithFraction,
                              ToIntFunction<Expr> classes) {
        if (e instanceof Ones || e instanceof Num) return;
        if (!inRegion(e)) { if (!e.isScalar()) (inDenominator ? below : above).add(classes.applyAsInt(e)); return; }
        if (e instanceof ElemPow p && ((Num) p.exponent()).value().signum() < 0) {
            split(p.base(), !inDenominator, above, below, sumWithFraction, classes);
            return;
        }
        if (e instanceof Add a && a.terms().stream().anyMatch(ElementwiseAlgebra::hasReciprocal)) sumWithFraction[0] = true;
        for (Expr c : e.children()) split(c, inDenominator, above, below, sumWithFraction, classes);
    }

    private static boolean hasReciprocal(Expr e) {
        if (!inRegion(e)) return false;
        if (e instanceof ElemPow p && ((Num) p.exponent()).value().signum() < 0) return true;
        for (Expr c : e.children()) if (hasReciprocal(c)) return true;
        return false;
    }

    /** Whether a sum in the region has two terms with an operand in common (like terms to collect). */
    private static boolean hasSharedOperands(Expr e, ToIntFunction<Expr> classes) {
        if (!inRegion(e)) return false;
        if (e instanceof Add a) {
            Set<Integer> seen = new HashSet<>();
            for (Expr t : a.terms()) {
                Set<Integer> mine = new HashSet<>();
                operands(t, mine, classes);
                for (int o : mine) if (!seen.add(o)) return true;
            }
        }
        for (Expr c : e.children()) if (hasSharedOperands(c, classes)) return true;
        return false;
    }

    private static void operands(Expr e, Set<Integer> out, ToIntFunction<Expr> classes) {
        if (e instanceof Ones || e instanceof Num) return;
        if (!inRegion(e)) { if (!e.isScalar()) out.add(classes.applyAsInt(e)); return; }
        for (Expr c : e.children()) operands(c, out, classes);
    }

    private static Expr viaSymja(Expr region) {
        Expr best = ROUND.best(region, ElementwiseAlgebra::toSymja,
                (answer, atoms) -> FromSymja.elementwise(answer, atoms, region.shape()), ElementwiseAlgebra::size);
        // When Symja could not help, keep ours, with the parts outside the region (inside softmax(...), say) tidied.
        return best != null && best != region ? best : tidyOutside(region);
    }

    private static Expr tidyOutside(Expr e) {
        if (!inRegion(e)) return tidy(e);
        return e.mapChildren(ElementwiseAlgebra::tidyOutside);
    }

    /**
     * Symja's Together, and its Factor and Simplify when the region is small: Simplify tries many
     * transformations and can take seconds on a large region for no gain.
     */
    private static List<IExpr> candidates(IExpr in) {
        long t0 = System.nanoTime();
        IExpr together = Symja.get().eval(F.Together(in), TIMEOUT_MS);
        if (System.getenv("MATCALC_DEBUG") != null) System.err.printf("symja: Together %.0f ms, leaves %d: %s -> %s%n", (System.nanoTime() - t0) / 1e6, in.leafCount(), in, together);
        if (in.leafCount() > SIMPLIFY_LEAVES) return List.of(together);
        // Factor first: of equally small answers the factored one, s (1 - s) (1 - 2 s), reads as a textbook's.
        return List.of(Symja.get().eval(F.Factor(together), TIMEOUT_MS), together, Symja.get().eval(F.Simplify(in), TIMEOUT_MS));
    }

    private static IExpr toSymja(Expr e, Function<Expr, IExpr> opaque) {
        if (e instanceof Num n) return ToSymja.number(n.value());
        if (e instanceof Ones) return F.C1;
        if (!inRegion(e)) return atom(tidy(e), opaque);
        if (e instanceof Add a) return F.Plus(args(a.terms(), opaque));
        if (e instanceof Hadamard h) return F.Times(args(h.factors(), opaque));
        if (e instanceof ElemPow p) return F.Power(toSymja(p.base(), opaque), toSymja(p.exponent(), opaque));
        if (e instanceof Apply a) return ToSymja.apply(a.fn(), toSymja(a.arg(), opaque));
        Terms.Split sp = Terms.split(e); // c X: scalars times one matrix factor
        List<Expr> fs = new ArrayList<>(sp.scalars());
        fs.add(sp.chain().get(0));
        return F.Times(args(fs, opaque));
    }

    private static IExpr[] args(List<Expr> es, Function<Expr, IExpr> opaque) {
        return es.stream().map(x -> toSymja(x, opaque)).toArray(IExpr[]::new);
    }

    private static IExpr atom(Expr e, Function<Expr, IExpr> opaque) { return opaque.apply(e); }

    /** Nodes, with constants (numbers, 1, c 1) free: -1 + s is no bigger than s. */
    private static int size(Expr e) {
        if (constant(e)) return 0;
        int n = 1;
        for (Expr c : e.children()) n += size(c);
        return n;
    }

    private static boolean constant(Expr e) {
        return e instanceof Num || e instanceof Ones || e instanceof Mul m && m.factors().stream().allMatch(ElementwiseAlgebra::constant);
    }
}
