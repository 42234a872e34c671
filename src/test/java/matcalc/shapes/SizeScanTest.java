package matcalc.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand scanners of a declaration's size and of names agree with the regular expressions they
 * replaced (kept here as the specification) on random text made of the characters that matter.
 */
class SizeScanTest {
    private static final String DIM = "(?:[\\p{L}_][\\p{L}\\p{N}_]*|\\d+)";
    private static final Pattern SIZE = Pattern.compile("\\s*(" + DIM + ")(?:\\s*[x×*]\\s*(" + DIM + "))?");
    private static final Pattern VECTOR = Pattern.compile("\\s*vector\\s*\\(\\s*(" + DIM + ")\\s*\\)");
    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final String[] PIECES = {" ", "  ", "\t", "x", "×", "*", "n", "m", "3", "12", "_", "é", "²", "Ⅻ", "(", ")",
            "vector", "symmetric", ",", "k1", "-", ";", "٣"};

    private static String random(Random r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(pieces); k >= 0; k--) sb.append(PIECES[r.nextInt(PIECES.length)]);
        return sb.toString();
    }

    private static String expected(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.lookingAt()) return "none";
        boolean cols = m.groupCount() >= 2 && m.group(2) != null; // VECTOR has one group
        return m.start(1) + "-" + m.end(1) + "|" + (cols ? m.start(2) + "-" + m.end(2) : "-") + "|" + m.end();
    }

    private static String actual(Declarations.SizeAt a) {
        if (a == null) return "none";
        return a.start1() + "-" + a.end1() + "|" + (a.start2() < 0 ? "-" : a.start2() + "-" + a.end2()) + "|" + a.end();
    }

    @Test void theSizeScannersAgreeWithTheRegularExpressions() {
        Random r = new Random(7);
        int matched = 0;
        for (int t = 0; t < 20_000; t++) {
            // every third one begins as vector(n) does, which random pieces alone rarely spell
            String s = (t % 3 == 0 ? random(r, 2) + "vector" + random(r, 2) + "(" : "") + random(r, 7);
            assertEquals(expected(SIZE, s), actual(Declarations.sizeAt(s)), () -> "size of '" + s + "'");
            assertEquals(expected(VECTOR, s), actual(Declarations.vectorAt(s)), () -> "vector of '" + s + "'");
            if (Declarations.vectorAt(s) != null) matched++;
        }
        assertEquals(true, matched > 0, "the inputs include vector(n) forms");
    }

    @Test void namesAreWhatTheRegularExpressionCalledNames() {
        Random r = new Random(11);
        for (int t = 0; t < 20_000; t++) {
            String s = random(r, 4);
            assertEquals(NAME.matcher(s).matches(), Declarations.isName(s), () -> "'" + s + "'");
        }
    }
}
