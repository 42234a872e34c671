package matcalc.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Python names for one module: matcalc's names (variables, sizes, bindings, "dL/dW1") made valid
 * identifiers that cannot collide with a keyword, a builtin the code uses, the libraries, the
 * helpers (which start with "_") or each other; fresh names for temporaries and outputs.
 */
final class Names {
    private static final Set<String> RESERVED = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
            "np", "torch", "sys", "math", "float", "int", "tuple", "print", "range", "len", "abs", "max", "min", "sum",
            "isinstance", "dict", "list", "str", "object", "type", "iter", "next", "map", "zip",
            "f", "f_and_grad", "f_grad_hess", TorchSpelling.DTYPE, TorchSpelling.DEVICE);

    private final Set<String> taken = new HashSet<>(RESERVED);
    private final Map<String, String> byMatcalcName = new HashMap<>();

    /** The Python name of a matcalc name (the same one every time). */
    String of(String matcalcName) { return named(matcalcName, matcalcName); }

    /** The Python name of a size symbol; sizes have a namespace of their own in matcalc, not in Python. */
    String size(String symbol) { return named("\0size " + symbol, symbol); }

    /** The Python name registered under key, made from base the first time. */
    String named(String key, String matcalcName) {
        String known = byMatcalcName.get(key);
        if (known != null) return known;
        String name = fresh(identifier(matcalcName));
        byMatcalcName.put(key, name);
        return name;
    }

    /**
     * The parameter of a declared function's derivative of some order: f, f_d1, f_d2 (the operator
     * table spells calls so). It may shadow the module's function f; it must not be another name.
     */
    String callable(String base, String order) {
        String name = order.equals("0") ? base : base + "_d" + order;
        if (byMatcalcName.containsValue(name)) {
            throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.UNSUPPORTED, "codegen: the declared function " + base
                    + " needs the parameter name " + name + ", which a variable already has");
        }
        taken.add(name);
        return name;
    }

    /** A copy that knows every name taken so far: each function's temporaries are its own. */
    Names copy() {
        Names c = new Names();
        c.taken.addAll(taken);
        c.byMatcalcName.putAll(byMatcalcName);
        return c;
    }

    /** base itself if free, else base_ (lambda_, as PEP 8 has it), base_2, base_3, ... */
    String fresh(String base) {
        if (taken.add(base)) return base;
        String name = base + "_";
        for (int k = 2; !taken.add(name); k++) name = base + "_" + k;
        return name;
    }

    /** ASCII letters, digits and _ kept; other characters as _ (or _uXXXX for letters); no leading _ or digit. */
    static String identifier(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') sb.append((char) c);
            else if (Character.isLetterOrDigit(c)) sb.append(String.format("_u%04x", c));
            else sb.append('_');
        });
        String id = sb.toString();
        if (id.isEmpty() || id.charAt(0) == '_' || Character.isDigit(id.charAt(0))) id = "v" + id;
        return id;
    }
}
