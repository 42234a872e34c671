package matcalc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Tests that compile LaTeX need pdflatex. */
final class LatexTests {
    private LatexTests() {}

    /** Skips where pdflatex is not installed, except in CI (CI set), whose .ci/run installs it. */
    static void assumeInstalled() {
        if (Latex.available()) return;
        if (System.getenv("CI") != null) throw new AssertionError("pdflatex is not installed in CI (.ci/run installs TeX Live)");
        Assumptions.abort("pdflatex is not installed");
    }

    /** `matcalc key PROBLEMS -o DIR/NAME.tex --pdf` through the CLI: exit 0 and a real PDF. */
    static void assertKeyCompiles(Path problems, Path dir, String name) throws Exception {
        assumeInstalled();
        Path tex = dir.resolve(name + ".tex");
        String[] r = SeedBackpropTest.cli("key", problems.toString(), "-o", tex.toString(), "--pdf");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.size(dir.resolve(name + ".pdf")) > 10_000);
    }
}
