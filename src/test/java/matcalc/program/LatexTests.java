package matcalc.program;

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
}
