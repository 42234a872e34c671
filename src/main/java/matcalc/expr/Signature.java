package matcalc.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's shape rule in the notation of the docs: {@code "m x n -> n x m"} (pinv),
 * {@code "n x n -> n x n"} (expm), {@code "n x 1 -> 1"} (logsumexp), arguments separated by
 * {@code ","}. A letter is a size that must agree wherever it occurs; {@code 1} is one. The same
 * declaration is read by the type checker (over unknown sizes) and by {@link Call} (over known ones),
 * so the rule is written once.
 */
public record Signature(List<Dims> params, Dims result, String text) {
    /** One shape: two size names, or "1" for a scalar. */
    public record Dims(String rows, String cols) {
        public boolean isScalar() { return rows.equals("1") && cols.equals("1"); }

        /** For messages: "a square matrix", "a vector", "a scalar", "a matrix". */
        public String describe() {
            if (isScalar()) return "a scalar";
            if (cols.equals("1")) return "a vector";
            if (rows.equals("1")) return "a row vector";
            return rows.equals(cols) ? "a square matrix" : "a matrix";
        }
    }

    public static Signature of(String text) {
        String[] sides = text.split("->");
        if (sides.length != 2) throw new IllegalArgumentException("signature needs one '->': " + text);
        List<Dims> ps = new ArrayList<>();
        if (!sides[0].isBlank()) for (String p : sides[0].split(",")) ps.add(dims(p)); // "-> 1": no arguments
        return new Signature(List.copyOf(ps), dims(sides[1]), text);
    }

    private static Dims dims(String s) {
        String[] parts = s.trim().split("\\s*x\\s*");
        if (parts.length == 1 && parts[0].equals("1")) return new Dims("1", "1");
        if (parts.length != 2) throw new IllegalArgumentException("a shape is 'rows x cols' or '1': " + s);
        return new Dims(parts[0], parts[1]);
    }

    public int arity() { return params.size(); }

    /** The result's shape for these argument shapes; null when they do not fit the rule. */
    public Shape apply(List<Shape> args) {
        if (args.size() != params.size()) return null;
        Map<String, Dim> bound = new HashMap<>();
        bound.put("1", Dim.ONE);
        for (int i = 0; i < args.size(); i++) {
            if (!bind(bound, params.get(i).rows(), args.get(i).rows())) return null;
            if (!bind(bound, params.get(i).cols(), args.get(i).cols())) return null;
        }
        return new Shape(bound.get(result.rows()), bound.get(result.cols()));
    }

    private static boolean bind(Map<String, Dim> bound, String name, Dim d) {
        Dim old = bound.putIfAbsent(name, d);
        return old == null || old.equals(d);
    }

    @Override public String toString() { return text; }
}
