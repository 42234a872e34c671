package matcalc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The text format's promise: every golden case's `--format text` result, read back, is the same
 * derivative. Each result R of `diff F --wrt X` is fed to `matcalc check 'diff(F, X) = R'` (or
 * hessian(F, X) for --order 2, jacobian(vec(hessian(F, X)), X) for --order 3, nested once more for each order
 * above) with the types the run printed as declarations; the check must PASS.
 * A result printed in its shared form (a body and "where" definitions) is read back with the
 * definitions substituted.
 * So a result that parses differently (2^cos(c) as 2^cos times c, tr(I) with another size) fails.
 */
class RoundTripTest {

    @Test void everyGoldenTextResultReadsBackAsTheSameDerivative() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(GoldenTest.ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (Path f : files) {
            GoldenTest.Case c = GoldenTest.parse(f);
            List<String> argv = GoldenTest.tokenize(GoldenTest.expand(c.args()));
            String[] claim = claimFor(argv);
            if (claim == null || c.exit() != 0) continue;
            // A derivative by a structure's free entries is not what diff(F, X) means in a claim (entries independent).
            if (argv.contains("--structure")) continue;
            GoldenTest.Run r = GoldenTest.run(argv.toArray(new String[0]), c.timeoutSeconds());
            if (r.exit() != 0) continue;
            String result = expanded(r.stdout().lines().toList());
            String types = r.stdout().lines().filter(l -> l.startsWith("types: ")).findFirst().orElse(null);
            if (types == null || result.isBlank()) continue;
            // check takes declared sizes up to 100 (diff checks larger ones along random directions)
            if (java.util.regex.Pattern.compile("\\b\\d{3,}\\b").matcher(types).find()) continue;
            // hessian(F, X) is for scalar F; a second derivative of a vector is not a claim check can state
            if (claim[0].startsWith("hessian(") && r.stdout().lines().noneMatch(l -> l.startsWith("layout: Hessian"))) continue;
            List<String> check = new ArrayList<>(List.of("check", claim[0] + " = " + result, "--where", declarations(types), "--no-exact"));
            if (claim[1] != null) check.addAll(List.of("--layout", claim[1]));
            tried++;
            GoldenTest.Run back = GoldenTest.run(check.toArray(new String[0]), 60);
            if (back.exit() != 0) {
                failures.add(clip(f + ": " + String.join(" | ", check)) + "\n    " + clip((back.stdout() + back.stderr()).strip()).replace("\n", "\n    "));
            }
        }
        assertTrue(tried >= 40, "only " + tried + " golden text results were tried");
        assertTrue(failures.isEmpty(), failures.size() + " of " + tried + " text results do not read back:\n" + String.join("\n", failures));
    }

    /**
     * The result line, with the definitions of a shared form ("where h1 = ...", then one a line,
     * indented) substituted back, last first (each uses only the names above it).
     */
    static String expanded(List<String> lines) {
        if (lines.isEmpty()) return "";
        String result = lines.get(0);
        List<String[]> defs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!(i == 1 ? l.startsWith("where ") : l.startsWith("      ")) || !l.contains(" = ")) break;
            String d = l.substring(6).strip();
            int eq = d.indexOf(" = ");
            defs.add(new String[] {d.substring(0, eq), d.substring(eq + 3)});
        }
        for (int i = defs.size() - 1; i >= 0; i--) {
            result = result.replaceAll("\\b" + java.util.regex.Pattern.quote(defs.get(i)[0]) + "\\b",
                    java.util.regex.Matcher.quoteReplacement("(" + defs.get(i)[1] + ")"));
        }
        return result;
    }

    private static String clip(String s) { return s.length() <= 600 ? s : s.substring(0, 600) + "..."; }

    /** The claim's left side for a text-format diff run, and its layout; null when the run is not one. */
    static String[] claimFor(List<String> argv) {
        if (argv.size() < 2 || !argv.get(0).equals("diff")) return null;
        String expr = argv.get(1), wrt = null, layout = null, format = null, order = "1";
        for (int i = 2; i < argv.size(); i++) {
            String a = argv.get(i);
            String next = i + 1 < argv.size() ? argv.get(i + 1) : null;
            switch (a) {
                case "--wrt": wrt = next; i++; break;
                case "--layout": layout = next; i++; break;
                case "--format": format = next; i++; break;
                case "--order": order = next; i++; break;
                case "--where": case "--seed": i++; break;
                case "--vec": case "--steps": return null; // check has no row-major vec; steps come first
                default: break;
            }
        }
        if (wrt == null || !"text".equals(format)) return null;
        int k = Integer.parseInt(order);
        if (k >= 3) {
            // order k: the Hessian differentiated k - 2 times more, each time as d vec(D) / dx^T
            String d = "hessian(" + expr + ", " + wrt + ")";
            for (int m = 3; m <= k; m++) d = "jacobian(vec(" + d + "), " + wrt + ")";
            return new String[] {d, layout};
        }
        String op = order.equals("2") ? "hessian" : "diff";
        return new String[] {op + "(" + expr + ", " + wrt + ")", layout};
    }

    /** "types: A: n x n, x: vector(n); result: 1 x n" as --where declarations "A: n x n; x: vector(n)". */
    static String declarations(String typesLine) {
        String t = typesLine.substring("types: ".length());
        int result = t.lastIndexOf("; result:");
        if (result >= 0) t = t.substring(0, result);
        return String.join("; ", t.split(", (?=[\\p{L}_][\\p{L}\\p{N}_]*: )"));
    }
}
