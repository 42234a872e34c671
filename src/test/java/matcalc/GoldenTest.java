package matcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code testcases/**}{@code /*.case} through the real CLI code path,
 * {@code matcalc.cli.Main.run(args, out, err)} (see CliRun), and compares exit code, stdout and stderr
 * with the expectations in the file. The format is described in testcases/README.md.
 */
class GoldenTest {
    static final Path ROOT = Path.of("testcases");
    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** One parsed .case file. */
    record Case(Path file, String args, int exit, List<String> stdout, List<String> notStdout,
                List<String> stderr, int timeoutSeconds) {}

    record Run(int exit, String stdout, String stderr, long millis) {}

    @TestFactory Stream<DynamicTest> goldenCases() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .case files under " + ROOT.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), f.toUri(), () -> check(parse(f))));
    }

    static void check(Case c) throws Exception {
        String[] argv = tokenize(expand(c.args())).toArray(new String[0]);
        Run r = run(argv, c.timeoutSeconds());
        String where = c.file() + "\n--- stdout:\n" + clip(r.stdout()) + "--- stderr:\n" + clip(r.stderr());
        assertEquals(c.exit(), r.exit(), () -> "exit code of " + where);
        for (String want : c.stdout()) assertTrue(matchesSomeLine(want, r.stdout()), () -> "stdout lacks line [" + want + "] in " + where);
        for (String bad : c.notStdout()) assertFalse(matchesSomeLine(bad, r.stdout()), () -> "stdout has line [" + bad + "] in " + where);
        for (String want : c.stderr()) assertTrue(matchesSomeLine(want, r.stderr()), () -> "stderr lacks line [" + want + "] in " + where);
        if (c.exit() != 3) {
            assertFalse(r.stderr().contains("internal error"), () -> "internal error in " + where);
            assertFalse(r.stderr().contains("\tat "), () -> "stack trace in " + where);
        }
    }

    private static String clip(String s) { return s.length() <= 4000 ? s : s.substring(0, 4000) + "...(" + s.length() + " chars)\n"; }

    // ------------------------------------------------------------------ running

    /**
     * Main.run on a thread with the stack the launcher gives it (Main.main uses 512 MB), so deep
     * inputs behave as on the command line; a run over the time limit fails the case.
     */
    static Run run(String[] argv, int timeoutSeconds) throws InterruptedException {
        CliRun r = CliRun.of(argv, timeoutSeconds * 1000L);
        if (r.timedOut()) fail("no answer within " + timeoutSeconds + " s");
        if (r.escaped() != null) throw new AssertionError("Main.run threw instead of returning an exit code", r.escaped());
        return new Run(r.exit(), r.stdout(), r.stderr(), r.millis());
    }

    /**
     * An expected line matches an output line when equal (trailing blanks ignored); "..." at its end
     * makes it a prefix, "~ " at its start a substring, "re: " a regular expression (find); a line
     * starting "check: passed" is always a prefix (the error printed varies with the platform).
     */
    static boolean matchesSomeLine(String want, String output) {
        for (String line : output.split("\r?\n", -1)) if (matches(want, line.stripTrailing())) return true;
        return false;
    }

    static boolean matches(String want, String line) {
        if (want.startsWith("re: ")) return Pattern.compile(want.substring(4)).matcher(line).find();
        if (want.startsWith("~ ")) return line.contains(want.substring(2));
        if (want.endsWith("...")) return line.startsWith(want.substring(0, want.length() - 3));
        if (want.startsWith("check: passed")) return line.startsWith(want);
        return line.equals(want.stripTrailing());
    }

    // ------------------------------------------------------------------ the .case format

    private static final Pattern HEADER = Pattern.compile("^(args|exit|timeout|expect|stdout|not|stderr):\\s?(.*)$");

    static Case parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String args = null, section = null;
        int exit = 0, timeout = DEFAULT_TIMEOUT_SECONDS;
        for (String raw : lines) {
            Matcher m = HEADER.matcher(raw);
            if (m.matches()) {
                String key = m.group(1), value = m.group(2).strip();
                switch (key) {
                    case "args": args = value; section = null; continue;
                    case "exit": exit = Integer.parseInt(value); section = null; continue;
                    case "timeout": timeout = Integer.parseInt(value); section = null; continue;
                    default:
                        section = key.equals("stdout") ? "expect" : key;
                        if (!value.isEmpty()) sections.computeIfAbsent(section, k -> new ArrayList<>()).add(value);
                        continue;
                }
            }
            if (section == null) {
                if (raw.isBlank() || raw.startsWith("#")) continue;
                throw new IllegalArgumentException(file + ": line outside a section: " + raw);
            }
            if (raw.startsWith("#")) continue;   // comments inside sections too; match a leading '#' with "~ #"
            if (raw.isBlank()) continue;         // blank lines separate; they are never expected
            sections.computeIfAbsent(section, k -> new ArrayList<>()).add(raw);
        }
        if (args == null) throw new IllegalArgumentException(file + ": no 'args:' line");
        return new Case(file, args, exit, sections.getOrDefault("expect", List.of()), sections.getOrDefault("not", List.of()),
                sections.getOrDefault("stderr", List.of()), timeout);
    }

    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+):(.*?)\\}\\}");

    /** {{repeat N:text}} stands for text written N times (for huge inputs). */
    static String expand(String args) {
        Matcher m = REPEAT.matcher(args);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        m.appendTail(sb);
        return sb.toString();
    }

    /** Shell-style words: blanks separate; '...' is literal; "..." allows \" \\ \$; \ escapes outside quotes. */
    static List<String> tokenize(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                i = ansiC(s, i + 2, w);
                inWord = true;
            } else if (ch == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unclosed ' in: " + s);
                w.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (ch == '"') {
                int j = i + 1;
                for (; j < s.length() && s.charAt(j) != '"'; j++) {
                    char c = s.charAt(j);
                    if (c == '\\' && j + 1 < s.length() && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0) c = s.charAt(++j);
                    w.append(c);
                }
                if (j >= s.length()) throw new IllegalArgumentException("unclosed \" in: " + s);
                i = j;
                inWord = true;
            } else if (ch == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) { words.add(w.toString()); w.setLength(0); inWord = false; }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }

    /** Bash's $'...': \n \t \r \\ \' and \xHH; returns the index of the closing quote. */
    private static int ansiC(String s, int from, StringBuilder w) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\'') return j;
            if (c == '\\' && j + 1 < s.length()) {
                char e = s.charAt(++j);
                switch (e) {
                    case 'n': w.append('\n'); break;
                    case 't': w.append('\t'); break;
                    case 'r': w.append('\r'); break;
                    case 'x': w.append((char) Integer.parseInt(s.substring(j + 1, j + 3), 16)); j += 2; break;
                    default: w.append(e);
                }
            } else {
                w.append(c);
            }
        }
        throw new IllegalArgumentException("unclosed $' in: " + s);
    }

    // ------------------------------------------------------------------ the harness itself

    @Test void tokenizerFollowsShellQuoting() {
        assertEquals(List.of("diff", "a^T x", "--wrt", "x", "--where", "a, x: n"), tokenize("diff 'a^T x' --wrt x --where \"a, x: n\""));
        assertEquals(List.of("x'", "it's", "a\"b", ""), tokenize("\"x'\" it\\'s 'a\"b' ''"));
        assertEquals(List.of("-y^T log(x)"), tokenize("'-y^T log(x)'"));
        assertEquals("x + x + x", expand("{{repeat 2:x + }}x"));
        assertEquals(List.of("diff", "\n@\t'", "x"), tokenize("diff $'\\n@\\t\\'' x"));
    }

    @Test void matchingRules() {
        assertTrue(matches("check: passed", "check: passed (3 random instances, max rel. error 1e-12)"));
        assertTrue(matches("layout: ...", "layout: numerator"));
        assertTrue(matches("~ did you mean", "error: unknown function 'sigmod' (did you mean 'sigmoid'?)"));
        assertTrue(matches("re: ^\\s+\\^+$", "      ^^^"));
        assertFalse(matches("a^T", "a^T x"));
    }
}
