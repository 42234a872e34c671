package matcalc.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import matcalc.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `matcalc check` through the real CLI code path: output and exit codes. */
class CheckCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test void passFailAndBadInput() {
        Run pass = run("check", "grad(tr(X^T A X), X) = (A + A^T) X");
        assertEquals(0, pass.code(), pass.out() + pass.err());
        assertTrue(pass.out().startsWith("PASS  grad(tr(X^T A X), X) = (A + A^T) X"), pass.out());
        assertTrue(pass.out().contains("exact for sizes 2, 3"), pass.out());

        Run fail = run("check", "grad(x^T A x, x) = 2 A x");
        assertEquals(1, fail.code());
        assertTrue(fail.out().startsWith("FAIL"), fail.out());
        assertTrue(fail.out().contains("holds if A is symmetric"), fail.out());

        Run where = run("check", "grad(x^T A x, x) = 2 A x", "--where", "A: n x n symmetric");
        assertEquals(0, where.code(), where.out());

        Run bad = run("check", "grad(x^T A x, x) = = 2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("syntax"), bad.err());

        assertEquals(2, run("check").code(), "no claim");
        assertEquals(2, run("check", "tr(A) = tr(A)", "--layout", "sideways").code());
    }

    @Test void fileAndReport(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ids.txt");
        Files.writeString(f, "# two identities\nt:1  tr(A B) = tr(B A)\nt:2  grad(tr(X^2), X) = 2 X   # wrong\n");
        Path md = dir.resolve("REPORT.md");
        Run r = run("check", "--file", f.toString(), "--report", md.toString());
        assertEquals(1, r.code(), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("PASS     t:1  tr(A B) = tr(B A)"), r.out());
        assertTrue(lines[1].startsWith("FAIL     t:2  grad(tr(X^2), X) = 2 X"), r.out());
        assertTrue(lines[1].contains("sides differ by a transpose"), r.out());
        assertTrue(lines[2].startsWith("1 passed, 1 failed"), r.out());
        String report = Files.readString(md);
        assertTrue(report.contains("| t:1 | `tr(A B) = tr(B A)` |  | PASS | 5/5"), report);
        assertTrue(report.contains("--report " + md), report);

        Path ok = dir.resolve("ok.txt");
        Files.writeString(ok, "tr(A B) = tr(B A)\n");
        assertEquals(0, run("check", "--file", ok.toString()).code());
    }
}
