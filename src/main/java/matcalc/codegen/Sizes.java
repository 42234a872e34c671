package matcalc.codegen;

import java.util.LinkedHashSet;
import java.util.Set;
import matcalc.expr.Dim;

/**
 * Symbolic sizes as Python expressions: n is the name bound from an input's shape, 2 n is 2 * n.
 * Records which sizes the code used, so that a function binds only those (no unused names).
 */
final class Sizes {
    private final Names names;
    private final Set<String> used = new LinkedHashSet<>();

    Sizes(Names names) { this.names = names; }

    String name(String symbol) { return names.size(symbol); }

    Py of(Dim d) {
        Py out = d.coeff() == 1 && !d.symbols().isEmpty() ? null : Py.atom(Long.toString(d.coeff()));
        for (String s : d.symbols()) {
            used.add(s);
            Py p = Py.atom(name(s));
            out = out == null ? p : Py.binary(out, "*", p, Py.PRODUCT);
        }
        return out;
    }

    /** Symbols used by the code so far. */
    Set<String> used() { return used; }
}
