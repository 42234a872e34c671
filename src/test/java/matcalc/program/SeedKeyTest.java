package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import matcalc.key.KeyWriter;
import matcalc.key.ProblemFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer key of the seed homework (testcases/seed/homework.key): its numbers against the English
 * rendering's (shared/seed/homework-en.md beside the repository; the lines used are copied below
 * for when it is not there), its contents per part, and that it compiles with pdflatex.
 */
class SeedKeyTest {
    static final Path PROBLEMS = Path.of("testcases/seed/homework.key");
    static final Path SEED = Path.of("../shared/seed/homework-en.md");

    /** The lines of homework-en.md with the Part 2 numbers, as of this test. */
    static final String SEED_COPY = String.join("\n",
            "Forward: l1 = [1, 2], l21 = [3, 0, 1], l22 = [0.5, 0.5, 0.5], z = [3, 0.5, 1],",
            "yhat = softmax(z) ≈ [0.8214, 0.0674, 0.1112], L = -log(yhat_2) ≈ 2.6967.",
            "Backward (rounded to 2 decimals): dL/dz = yhat - y ≈ [0.82, -0.93, 0.11]",
            "    dL/dl1  ≈ [-0.22, 1.40]",
            "    dL/dW1  = [[-0.22, -0.44, -0.67, -0.22], [1.40, 2.80, 4.20, 1.40]]",
            "    dL/dW21 = [[0.82, 1.64], [0, 0], [0.11, 0.22]]",
            "    dL/dW22 = [[0, 0], [-0.23, -0.46], [0, 0]]");

    /** Where each quantity's numbers stand in the seed text. */
    static final Map<String, Pattern> WHERE = new LinkedHashMap<>();
    static {
        for (String n : List.of("l1", "l21", "l22", "z")) WHERE.put(n, Pattern.compile("\\b" + n + " = (\\[[^\\]]*\\])"));
        WHERE.put("yhat", Pattern.compile("yhat = softmax\\(z\\) ≈ (\\[[^\\]]*\\])"));
        WHERE.put("L", Pattern.compile("L = -log\\(yhat_2\\) ≈ ([0-9.]+)"));
        WHERE.put("dL/dz", Pattern.compile("dL/dz = yhat - y ≈ (\\[[^\\]]*\\])"));
        WHERE.put("dL/dl1", Pattern.compile("dL/dl1\\s+≈ (\\[[^\\]]*\\])"));
        for (String n : List.of("dL/dW1", "dL/dW21", "dL/dW22")) WHERE.put(n, Pattern.compile(Pattern.quote(n) + "\\s+= (\\[\\[.*?\\]\\])"));
    }

    static String key;
    static Map<String, List<Double>> keyValues;

    @BeforeAll static void generate() throws Exception {
        KeyWriter.Key k = KeyWriter.write(ProblemFile.read(PROBLEMS));
        assertTrue(k.checksPassed(), "every check in the key passed");
        key = k.latex();
        keyValues = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^% value (\\S+) = (.*)$").matcher(key);
        while (m.find()) keyValues.put(m.group(1), numbers(m.group(2)));
    }

    static List<Double> numbers(String s) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:E-?\\d+)?").matcher(s);
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }

    static List<String> seedNumbers(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(?:\\.\\d+)?").matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test void numbersMatchTheEnglishRendering() throws Exception {
        String seed = Files.exists(SEED) ? Files.readString(SEED) : SEED_COPY;
        List<String> errata = new ArrayList<>();
        for (Map.Entry<String, Pattern> w : WHERE.entrySet()) {
            Matcher m = w.getValue().matcher(seed);
            assertTrue(m.find(), "the seed gives " + w.getKey());
            List<String> printed = seedNumbers(m.group(1));
            List<Double> ours = keyValues.get(w.getKey());
            assertNotNull(ours, "the key gives " + w.getKey());
            assertEquals(printed.size(), ours.size(), w.getKey());
            for (int i = 0; i < printed.size(); i++) {
                BigDecimal p = new BigDecimal(printed.get(i));
                BigDecimal exact = new BigDecimal(ours.get(i));
                if (exact.setScale(p.scale(), RoundingMode.HALF_UP).compareTo(p) == 0) continue;
                // Not the rounding: it must be the truncation the original makes (an erratum), never another number.
                assertEquals(0, exact.setScale(p.scale(), RoundingMode.DOWN).compareTo(p),
                        w.getKey() + "[" + i + "]: the seed prints " + p + ", the key has " + exact);
                errata.add(w.getKey() + "[" + i + "] = " + exact.setScale(p.scale(), RoundingMode.HALF_UP) + ", printed " + p);
            }
        }
        // The seed (as of this test) truncates one number without flagging it: -0.46629 printed as -0.46.
        assertTrue(List.of("dL/dW22[3] = -0.47, printed -0.46").containsAll(errata), errata.toString());
        assertTrue(key.contains("-0.4663"), "the key shows dL/dW22's entry rounded");
    }

    @Test void part1ResultsAreBoxed() {
        assertTrue(key.contains("\\boxed{\\frac{\\partial}{\\partial x} \\left(a^\\top x\\right) = a^\\top}"), key);
        assertTrue(key.contains("\\boxed{\\frac{\\partial}{\\partial x} \\left(x^\\top a\\right) = a^\\top}"));
        assertTrue(key.contains("\\boxed{\\frac{\\partial \\left(A x\\right)}{\\partial x} = A}"));
        assertTrue(key.contains("\\boxed{\\frac{\\partial}{\\partial x} \\left(x^\\top A x\\right) = x^\\top (A + A^\\top)}"));
        assertTrue(key.contains("\\boxed{\\frac{\\partial}{\\partial A} \\left(x^\\top A x\\right) = x x^\\top}"));
        assertTrue(key.contains("\\boxed{\\frac{\\partial}{\\partial X} \\operatorname{tr}(X^\\top A X) = (A + A^\\top) X}"));
        assertTrue(key.contains("product rule: $\\mathrm{d}(A B) = \\mathrm{d}A \\, B + A \\, \\mathrm{d}B$ (Cookbook eq. 37)"), key);
        assertTrue(key.contains("tr-cyclic"));
        // only rules whose rewrite shows: a^T x needs no mul-coeff (2 A 3 = 6 A) nor t-t, and A x is identified
        // as dF = A dx, never (1 ⊗ A) dx
        String q1 = key.substring(key.indexOf("\\section*{Part 1, question 1}"), key.indexOf("\\section*{Part 1, question 1 (the other order)}"));
        assertFalse(q1.contains("mul-coeff") || q1.contains("t-t"), q1);
        assertTrue(q1.contains("\\item read off the derivative"), q1);
        assertFalse(key.contains("(1 \\otimes"), "no 1 ⊗ A on the page");
        assertTrue(key.contains("\\mathrm{d}F = A \\, \\mathrm{d}x"), key);
        assertEquals(6, key.split(java.util.regex.Pattern.quote("\\begin{enumerate}"), -1).length - 1, "six derivations, step by step");
    }

    @Test void part2HasTheGraphFormulasAndNumbers() {
        assertTrue(key.contains("\\begin{tikzpicture}"));
        assertTrue(key.contains("\\textsf{\\scriptsize softmax}\\\\$\\hat{y} = \\operatorname{softmax}(z)$"), key);
        assertTrue(key.contains("\\frac{\\partial L}{\\partial z} &= \\hat{y} - y"), key);
        assertTrue(key.contains("\\boxed{\\frac{\\partial L}{\\partial W_{21}} = \\left(\\frac{\\partial L}{\\partial l_{21}} \\odot \\mathbf{1}[W_{21} l_{1} > 0]\\right) l_{1}^\\top"));
        assertTrue(key.contains("Check: $\\partial L/\\partial W_{1}$ agrees with finite differences"));
    }

    @Test void part3PerceptronsLaplaceAndFreeText() {
        // AND and OR over {0,1}^3: only 111 gives AND, only 000 fails OR
        for (String row : List.of("0 0 0 0 0", "0 0 1 0 1", "0 1 0 0 1", "0 1 1 0 1", "1 0 0 0 1", "1 0 1 0 1", "1 1 0 0 1", "1 1 1 1 1")) {
            assertTrue(key.contains("% row " + row + "\n"), row);
        }
        assertTrue(key.contains("\\boxed{\\log(2 b) + \\frac{\\lvert y - \\mu \\rvert}{b}}"));
        assertTrue(key.contains("the $L_{1}$ loss; summed over data, maximum likelihood minimises the mean absolute error"));
        assertTrue(key.contains("\\boxed{\\frac{\\partial L}{\\partial \\mu} = -\\frac{\\operatorname{sign}(y - \\mu)}{b}}"));
        assertTrue(key.contains("\\paragraph{Answer.} Two reasons. (1) The learning rate is too large"));
    }

    @Test void keyCompilesWithPdflatex(@TempDir Path dir) throws Exception {
        LatexTests.assertKeyCompiles(PROBLEMS, dir, "key");
    }
}
