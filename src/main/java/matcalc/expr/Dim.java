package matcalc.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A matrix dimension: a positive integer times a product of symbolic sizes (n, m n, 2 ...).
 * Products appear because vec(X) of an m x n matrix has m n entries.
 */
public record Dim(long coeff, List<String> symbols) {
    public static final Dim ONE = new Dim(1, List.of());

    public Dim {
        if (coeff <= 0) throw new IllegalArgumentException("dimension must be positive: " + coeff);
        List<String> s = new ArrayList<>(symbols);
        Collections.sort(s);
        symbols = List.copyOf(s);
    }

    public static Dim of(long n) { return new Dim(n, List.of()); }
    public static Dim sym(String name) { return new Dim(1, List.of(name)); }

    public Dim times(Dim o) {
        List<String> s = new ArrayList<>(symbols);
        s.addAll(o.symbols);
        return new Dim(Math.multiplyExact(coeff, o.coeff), s);
    }

    public boolean isOne() { return coeff == 1 && symbols.isEmpty(); }
    public boolean isFixed() { return symbols.isEmpty(); }

    /** Value under an assignment of the symbolic sizes. */
    public int value(java.util.Map<String, Integer> sizes) {
        long v = coeff;
        for (String s : symbols) {
            Integer n = sizes.get(s);
            if (n == null) throw new IllegalStateException("no size for dimension " + s);
            v *= n;
        }
        return Math.toIntExact(v);
    }

    @Override public String toString() {
        if (symbols.isEmpty()) return Long.toString(coeff);
        String s = String.join(" ", symbols);
        return coeff == 1 ? s : coeff + " " + s;
    }
}
