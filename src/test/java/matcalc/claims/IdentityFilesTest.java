package matcalc.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import matcalc.calculus.Layout;
import org.junit.jupiter.api.Test;

/** The line format, the seed's Part 1, the basic algebra, and the file of false identities. */
class IdentityFilesTest {

    @Test void lineFormat() {
        List<IdentityFile.Entry> es = IdentityFile.parse(String.join("\n",
                "# comment only",
                "",
                "cookbook:(103)  grad(tr(X^T A), X) = A",
                "cookbook:(81)   grad(x^T B x, x) = (B + B^T) x   where B: n x n   # a note",
                "tr(A B) = tr(B A)",
                "(70): grad(a^T X b, X) = a b^T where a: n; b: m",
                "false:x  grad(x^T A x, x) = 2 A x   # expect: holds if A is symmetric"));
        assertEquals(5, es.size());
        assertEquals("cookbook:(103)", es.get(0).label());
        assertEquals("grad(tr(X^T A), X) = A", es.get(0).claim());
        assertEquals("", es.get(0).where());
        assertEquals(3, es.get(0).line());
        assertEquals("B: n x n", es.get(1).where());
        assertEquals("a note", es.get(1).comment());
        assertNull(es.get(2).label());
        assertEquals("(70)", es.get(3).label());
        assertEquals("a: n; b: m", es.get(3).where());
        assertEquals("holds if A is symmetric", es.get(4).expectation());
    }

    static IdentityFile.Outcome run(String file) throws IOException {
        return IdentityFile.run(Path.of("testcases/identities", file), Layout.NUMERATOR, ClaimChecker.Options.defaults(),
                Runtime.getRuntime().availableProcessors());
    }

    @Test void seedPart1AndBasicsPass() throws IOException {
        for (String f : List.of("seed-part1.txt", "basics.txt")) {
            IdentityFile.Outcome o = run(f);
            List<String> bad = new ArrayList<>();
            for (CheckResult r : o.results()) if (!r.passed()) bad.add(String.join("\n", r.lines()));
            assertTrue(bad.isEmpty(), () -> f + ":\n" + String.join("\n\n", bad));
            assertTrue(o.totalLine().startsWith(o.results().size() + " passed, 0 failed"), o.totalLine());
        }
    }

    @Test void falseIdentitiesFailWithTheRightDiagnosis() throws IOException {
        IdentityFile.Outcome o = run("false.txt");
        assertTrue(o.results().size() >= 20);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < o.results().size(); i++) {
            CheckResult r = o.results().get(i);
            IdentityFile.Entry e = o.entries().get(i);
            String report = String.join("\n", r.lines());
            if (r.verdict() != CheckResult.Verdict.FAIL) bad.add(e.label() + ": not FAIL\n" + report);
            String expect = e.expectation();
            assertNotNull(expect, e.label() + " states its expected diagnosis");
            if (!report.contains(expect)) bad.add(e.label() + ": expected '" + expect + "' in\n" + report);
            if (expect.equals("counterexample") && r.counterexample() == null) bad.add(e.label() + ": no counterexample");
        }
        assertTrue(bad.isEmpty(), () -> String.join("\n\n", bad));
        assertEquals("0 passed, " + o.results().size() + " failed", o.totalLine().replaceAll(" \\(.*", ""));
    }
}
