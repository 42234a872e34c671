package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import matcalc.key.KeyWriter;
import matcalc.key.ProblemFile;
import matcalc.render.MathText;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keys as a teaching assistant would hand them out: the seed homework, the identities key and a
 * key with every kind of problem compile with pdflatex with nothing overfull by more than 1 pt and
 * no LaTeX error, and no formula is left in text mode (a raw ^ or _ prints as a circumflex or an
 * underscore, -- as a dash). The seed key's pages are rendered with pdftoppm (target/key-pages; with
 * -Dmatcalc.docs=DIR also copied there, which is how docs/key/ is made).
 */
class KeyPdfTest {
    static final List<String> KEYS = List.of("testcases/seed/homework.key", "testcases/seed/identities.key", "testcases/keys/every-kind.key");
    private static final Pattern OVERFULL = Pattern.compile("Overfull \\\\hbox \\(([0-9.]+)pt too wide\\)[^\\n]*\\n([^\\n]*)");

    static String latex(String problems) throws Exception {
        KeyWriter.Key k = KeyWriter.write(ProblemFile.read(Path.of(problems)));
        assertTrue(k.checksPassed(), problems + ": every check passed");
        return k.latex();
    }

    /** pdflatex's log for the key, compiled in dir. */
    static String compile(String problems, Path dir) throws Exception {
        LatexTests.assumeInstalled();
        Path tex = dir.resolve(Path.of(problems).getFileName().toString().replace(".key", ".tex"));
        Files.writeString(tex, latex(problems));
        Path log = dir.resolve("pdflatex.log");
        Latex.Result r = Latex.compile(tex, log);
        assertTrue(r.ok(), r.log());
        return Files.readString(log);
    }

    @ParameterizedTest @ValueSource(strings = {"testcases/seed/homework.key", "testcases/seed/identities.key", "testcases/keys/every-kind.key"})
    void compilesWithNothingOverfullAndNoError(String problems, @TempDir Path dir) throws Exception {
        String log = compile(problems, dir);
        List<String> overfull = new ArrayList<>();
        Matcher m = OVERFULL.matcher(log);
        while (m.find()) if (Double.parseDouble(m.group(1)) > 1.0) overfull.add(m.group(1) + "pt: " + m.group(2));
        assertEquals(List.of(), overfull, problems + ": overfull lines");
        for (String bad : List.of("Missing $", "Undefined control sequence", "LaTeX Error", "Extra }", "Missing }")) {
            assertFalse(log.contains(bad), problems + ": pdflatex says " + bad);
        }
    }

    /** The text of the document body outside math, listings, pictures and comments. */
    static String textOutsideMath(String tex) {
        String body = tex.substring(tex.indexOf("\\begin{document}"));
        body = body.replaceAll("(?m)^%.*$", "");
        for (String env : List.of("align\\*", "tikzpicture", "lstlisting", "verbatim")) {
            body = body.replaceAll("(?s)\\\\begin\\{" + env + "\\}.*?\\\\end\\{" + env + "\\}", " ");
        }
        body = body.replaceAll("(?s)\\\\\\[.*?\\\\\\]", " ");
        body = body.replaceAll("(?s)(?<!\\\\)\\$.*?(?<!\\\\)\\$", " ");
        return body;
    }

    /** What would print wrong in text mode: ^, _, a dash made of --, or their escaped text forms. */
    static List<String> rawMath(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\^|(?<!\\\\)_|\\\\_|\\\\textasciicircum|(?<![-{])--(?!-)").matcher(text);
        while (m.find()) found.add(text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)).replace('\n', ' '));
        return found;
    }

    @ParameterizedTest @ValueSource(strings = {"testcases/seed/homework.key", "testcases/seed/identities.key", "testcases/keys/every-kind.key"})
    void noFormulaIsLeftInTextMode(String problems) throws Exception {
        assertEquals(List.of(), rawMath(textOutsideMath(latex(problems))), problems);
    }

    /** The check above finds what it is for: the captions as they were printed before (text with ^ and --). */
    @Test void theTextModeCheckFindsRawMath() {
        String before = "\\begin{document}\n{\\small by t-t: (A\\textasciicircum{}T)\\textasciicircum{}T = A} Jacobian J\\_ij; every --layout";
        assertEquals(4, rawMath(textOutsideMath(before)).size(), rawMath(textOutsideMath(before)).toString());
        String now = "\\begin{document}\n{\\small by " + MathText.latex("t-t: (A^T)^T = A") + "} " + MathText.latex("Jacobian J_ij; every --layout");
        assertEquals(List.of(), rawMath(textOutsideMath(now)), now);
    }

    /** A hyphen inside an exponent is math, not a compound word: X^{j-k} stays whole (it was X^{}$j-k$}). */
    @Test void aHyphenInAnExponentIsMath() {
        String t = MathText.latex("X^j X^{-k} = X^{j-k} (one-hot)");
        assertTrue(t.contains("X^{j-k}"), t);
        assertTrue(t.contains("one-hot"), t);
    }

    /** Every caption a step can show, typeset: no raw ^, _ or -- outside math. */
    @Test void everyRuleCaptionIsMath() {
        List<String> captions = new ArrayList<>();
        for (matcalc.simplify.Rule r : matcalc.simplify.Rules.ALL) captions.add(r.name() + ": " + r.identity());
        for (String bad : captions) {
            String t = textOutsideMath("\\begin{document}" + MathText.latex(bad));
            assertEquals(List.of(), rawMath(t), bad + " → " + MathText.latex(bad));
        }
    }

    @Test void pdfLeavesOnlyTheTexAndThePdf(@TempDir Path dir) throws Exception {
        LatexTests.assumeInstalled();
        Path tex = dir.resolve("key.tex");
        String[] r = SeedBackpropTest.cli("key", "testcases/seed/identities.key", "-o", tex.toString(), "--pdf");
        assertEquals("0", r[0], r[2]);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("key.tex", "key.pdf"), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    /** The seed key's pages as PNGs, looked at by people (docs/key/ in the README). */
    @Test void seedKeyPagesRender(@TempDir Path dir) throws Exception {
        compile("testcases/seed/homework.key", dir);
        if (!Latex.onPath("pdftoppm")) {
            if (System.getenv("CI") != null) fail("pdftoppm is not installed in CI (.ci/run installs poppler-utils)");
            Assumptions.abort("pdftoppm is not installed");
        }
        Path out = Path.of("target/key-pages");
        Files.createDirectories(out);
        Process p = new ProcessBuilder("pdftoppm", "-r", "60", "-png", dir.resolve("homework.pdf").toString(), out.resolve("page").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "pdftoppm");
        List<Path> pages;
        try (Stream<Path> files = Files.list(out)) {
            pages = files.filter(f -> f.getFileName().toString().matches("page-\\d+\\.png")).sorted().toList();
        }
        assertTrue(pages.size() >= 8, "pages: " + pages);
        for (Path page : pages) assertTrue(Files.size(page) > 5_000, page + " has content");
        String docs = System.getProperty("matcalc.docs");
        if (docs != null) {
            Files.createDirectories(Path.of(docs));
            for (Path page : pages) Files.copy(page, Path.of(docs).resolve(page.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
