package matcalc.simplify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import matcalc.MatcalcError;
import matcalc.numeric.Agreement;
import matcalc.expr.Expr;
import matcalc.symja.ToSymja;
import org.matheclipse.core.interfaces.IExpr;

/**
 * One round trip to Symja, as both Symja passes make it: our expression goes out with its opaque
 * parts as numbered symbols, Symja's candidate answers (cached by input, so repeated shapes hit)
 * come back, and the smallest reading that beats the original and agrees with it numerically
 * ({@link Agreement}) is kept. A candidate that disagrees (Symja's own slip, or ours in reading
 * it back) is rejected and counted, and the rules-only form stays.
 */
final class SymjaRound {
    /** A Symja answer read back with the opaque symbols replaced by what they stand for. */
    interface Reader { Expr read(IExpr answer, Map<IExpr, Expr> atoms); }

    /** How an expression goes to Symja, given the function that turns opaque parts into symbols. */
    interface Writer { IExpr write(Expr e, Function<Expr, IExpr> atom); }

    private final Map<IExpr, List<IExpr>> cache = lru();
    /** Whole answers by our expression: a warm repeat skips the conversions too. */
    private final Map<Expr, java.util.Optional<Expr>> answers = lru();
    private final Function<IExpr, List<IExpr>> candidates;
    private final java.util.concurrent.atomic.LongAdder rejected = new java.util.concurrent.atomic.LongAdder();

    /** Whether an answer that cannot be read back (Sech(q0)) only drops that answer, instead of the round. */
    private final boolean skipUnreadable;

    SymjaRound(Function<IExpr, List<IExpr>> candidates) { this(candidates, false); }

    SymjaRound(Function<IExpr, List<IExpr>> candidates, boolean skipUnreadable) {
        this.candidates = candidates;
        this.skipUnreadable = skipUnreadable;
    }

    /** The smallest of Symja's answers (by the given size), or e itself when none is smaller or Symja fails. */
    Expr best(Expr e, Writer writer, Reader reader, Function<Expr, Integer> size) {
        java.util.Optional<Expr> known = answers.get(e);
        if (known == null) {
            known = java.util.Optional.ofNullable(compute(e, writer, reader, size));
            answers.put(e, known);
        }
        return known.orElse(null);
    }

    /** How many of Symja's answers disagreed with the expression they were to replace. */
    long rejections() { return rejected.sum(); }

    private static <K, V> Map<K, V> lru() {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<K, V> e) { return size() > 512; }
        });
    }

    private Expr compute(Expr e, Writer writer, Reader reader, Function<Expr, Integer> size) {
        Map<Expr, IExpr> opaque = new HashMap<>();
        try {
            IExpr in = writer.write(e, part -> opaque.computeIfAbsent(part, k -> ToSymja.symbol("q" + opaque.size())));
            Map<IExpr, Expr> back = new HashMap<>();
            opaque.forEach((k, v) -> back.put(v, k));
            List<Expr> smaller = new java.util.ArrayList<>();
            for (IExpr candidate : cache.computeIfAbsent(in, candidates)) {
                Expr r;
                try {
                    r = reader.read(candidate, back);
                } catch (MatcalcError unreadable) {
                    if (!skipUnreadable) throw unreadable;
                    continue;
                }
                if (size.apply(r) < size.apply(e)) smaller.add(r);
            }
            smaller.sort(java.util.Comparator.comparing(size));
            for (Expr r : smaller) {
                if (Agreement.agree(e, r)) return r;
                rejected.increment();
                if (System.getenv("MATCALC_DEBUG") != null) System.err.println("symja: rejected " + r + " for " + e);
            }
            return e;
        } catch (MatcalcError err) {
            if (System.getenv("MATCALC_DEBUG") != null) System.err.println("symja: " + err.getMessage());
            return null; // Symja could not help (timeout, or an answer we cannot read back)
        }
    }
}
