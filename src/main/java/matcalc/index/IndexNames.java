package matcalc.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import matcalc.expr.Expr;
import matcalc.numeric.Vars;
import matcalc.render.TextRenderer;

/**
 * Index names that no name of the expression uses: with a vector a, a summation index a would
 * print a[a] x[a]; likewise a variable or declared function of the derivative, and a size written in
 * the function (sum(x) / n) or counted in the index form (a factor n). The usual letters are kept
 * whenever they are free, so most index forms do not depend on this.
 */
final class IndexNames {
    /** Summation indices, in the order of first appearance in a term. */
    private static final List<String> SUMMATION = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    /** Free indices of a derivative of order k: i, j, k, l, ... (no n, the usual size, and no o, which reads as 0). */
    static final List<String> DERIVATIVE = List.of("i", "j", "k", "l", "m", "p", "q", "r", "s", "t", "u", "v", "w");

    private final Set<String> taken;
    private final Set<String> given = new HashSet<>();

    private IndexNames(Set<String> taken) { this.taken = taken; }

    /**
     * Names to avoid: every name in the function's text (variables, functions, sizes it writes) and the
     * variables of the derivative. Not the sizes only the derivative's text shows (I(n), K(n, n)): those
     * never appear in an index form, except as a counted range, which {@link #alsoAvoiding} adds.
     */
    static IndexNames avoiding(Expr function, Expr derivative) {
        Set<String> taken = new HashSet<>(Vars.free(function, derivative).keySet());
        Matcher m = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*").matcher(TextRenderer.render(function));
        while (m.find()) taken.add(m.group());
        return new IndexNames(taken);
    }

    /** The sizes a read index form counts (a factor n where a summation index had nothing to index) are avoided too. */
    IndexNames alsoAvoiding(IndexSum s) {
        for (Term t : s.terms()) for (Factor f : t.factors()) if (f instanceof SizeFactor z) taken.addAll(z.dim().symbols());
        return this;
    }

    /** {@code preferred} if the expression does not use it and no free index has it yet; else the first such name of {@link #DERIVATIVE}, then i1, i2, ... */
    String free(String preferred) {
        String n = available(preferred) ? preferred : null;
        for (int k = 0; n == null && k < DERIVATIVE.size(); k++) if (available(DERIVATIVE.get(k))) n = DERIVATIVE.get(k);
        for (int k = 1; n == null; k++) if (available("i" + k)) n = "i" + k;
        given.add(n);
        return n;
    }

    /** The first {@code count} names for the indices of a derivative of order {@code count}: i, j, k, ... */
    List<String> derivative(int count) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < count; k++) out.add(free(k < DERIVATIVE.size() ? DERIVATIVE.get(k) : "i" + (k + 1)));
        return out;
    }

    /** Names for summation indices, in order: a, b, c, ... without the expression's names, then a1, a2, ... */
    List<String> summation(int count) {
        List<String> out = new ArrayList<>();
        for (String s : SUMMATION) if (out.size() < count && available(s)) out.add(s);
        for (int k = 1; out.size() < count; k++) if (available("a" + k)) out.add("a" + k);
        return out;
    }

    private boolean available(String n) { return !taken.contains(n) && !given.contains(n); }
}
