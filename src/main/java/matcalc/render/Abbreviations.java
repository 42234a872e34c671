package matcalc.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.calculus.Substitute;
import matcalc.expr.*;

/**
 * Names for subexpressions a result repeats, the way a textbook writes "(diag(s) - s s^T) W with
 * s = softmax(W x)". Only for display: the text format keeps the full expression so it parses back.
 */
public final class Abbreviations {
    /** The result with repeated parts replaced by names, and the definitions in order. */
    public record Abbreviated(Expr body, Map<String, Expr> definitions) {}

    private Abbreviations() {}

    public static Abbreviated of(Expr result, Set<String> taken) {
        Map<Expr, Integer> counts = new HashMap<>();
        count(result, counts);
        List<Expr> chosen = new ArrayList<>();
        for (Map.Entry<Expr, Integer> e : counts.entrySet()) {
            if (e.getValue() >= 2 && size(e.getKey()) >= 3 && worthNaming(e.getKey())) chosen.add(e.getKey());
        }
        // Largest first; drop those inside an already chosen one unless they also occur outside it.
        chosen.sort((a, b) -> size(b) - size(a));
        Map<String, Expr> defs = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(taken);
        Expr body = result;
        for (Expr c : chosen) {
            Map<Expr, Integer> now = new HashMap<>();
            count(body, now);
            if (now.getOrDefault(c, 0) < 2) continue;
            String name = nameFor(c, used);
            used.add(name);
            Var v = new Var(name, c.shape());
            body = Substitute.expr(body, c, v);
            defs.put(name, c);
        }
        return new Abbreviated(body, defs);
    }

    private static boolean worthNaming(Expr e) {
        // A product of atoms (-1, 2 x, W x) reads better than a name for it.
        if (e instanceof Mul m) return m.factors().stream().anyMatch(f -> !f.children().isEmpty());
        return e instanceof Softmax || e instanceof Apply || e instanceof Inverse || e instanceof Add
                || e instanceof Det || e instanceof Norm || e instanceof Max;
    }

    private static String nameFor(Expr e, Set<String> used) {
        List<String> prefs = e instanceof Softmax || (e instanceof Apply a && a.fn() == Fn.SIGMOID) ? List.of("s", "p", "q")
                : e instanceof Apply ? List.of("u", "v", "w") : List.of("u", "v", "w", "z");
        for (String p : prefs) if (!used.contains(p)) return p;
        for (int i = 1; ; i++) if (!used.contains("u" + i)) return "u" + i;
    }

    private static int size(Expr e) {
        int n = 1;
        for (Expr c : e.children()) n += size(c);
        return n;
    }

    private static void count(Expr e, Map<Expr, Integer> counts) {
        counts.merge(e, 1, Integer::sum);
        for (Expr c : e.children()) count(c, counts);
    }
}
