package matcalc.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/**
 * The REPL through JLine's dumb terminal: testcases/repl/session.in typed line by line (ending with
 * end of input, as Ctrl-D), compared with the transcript testcases/repl/session.out, in which each
 * prompt is followed by what was typed. Regenerate with -Dmatcalc.repl.write=true and read the diff.
 */
class ReplTranscriptTest {
    static final Path IN = Path.of("testcases/repl/session.in"), OUT = Path.of("testcases/repl/session.out");

    /**
     * Symja started first: the exact proof of a condition has a wall-clock budget, which Symja's
     * start-up (a second) would eat when this test happens to be the first to need it.
     */
    @org.junit.jupiter.api.BeforeAll static void warmSymja() {
        matcalc.symja.Symja.get().eval(org.matheclipse.core.expression.F.Plus(org.matheclipse.core.expression.F.C1, org.matheclipse.core.expression.F.C1));
    }

    @Test void transcriptMatches() throws Exception {
        List<String> typed = Files.readAllLines(IN, StandardCharsets.UTF_8);
        String output = run(String.join("\n", typed) + "\n");
        // The dumb terminal does not echo: put each typed line after its prompt, as a user sees it.
        StringBuilder transcript = new StringBuilder();
        int line = 0, at = 0;
        while (true) {
            int p = nextPrompt(output, at);
            if (p < 0) { transcript.append(output.substring(at)); break; }
            String prompt = output.startsWith(Repl.PROMPT, p) ? Repl.PROMPT : Repl.MORE;
            transcript.append(output, at, p + prompt.length());
            if (line < typed.size()) transcript.append(typed.get(line++)).append('\n');
            else transcript.append("^D\n");
            at = p + prompt.length();
        }
        String got = transcript.toString().replace("\r", "");
        if (Boolean.getBoolean("matcalc.repl.write")) Files.writeString(OUT, got, StandardCharsets.UTF_8);
        assertEquals(Files.readString(OUT, StandardCharsets.UTF_8), got);
    }

    private static int nextPrompt(String s, int from) {
        int a = s.indexOf(Repl.PROMPT, from), b = s.indexOf(Repl.MORE, from);
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }

    static String run(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", "dumb", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
            new Repl().run(t, null);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test void completesFunctionsCommandsAndDeclaredNames() {
        Repl r = new Repl();
        r.answer(":where W1: 2 x 4; theta: scalar");
        org.jline.reader.impl.DefaultParser p = new org.jline.reader.impl.DefaultParser();
        java.util.List<org.jline.reader.Candidate> first = new java.util.ArrayList<>(), later = new java.util.ArrayList<>();
        r.completer().complete(null, p.parse(":wh", 3), first);
        r.completer().complete(null, p.parse("tr(X) + so", 10), later);
        java.util.Set<String> a = first.stream().map(org.jline.reader.Candidate::value).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> b = later.stream().map(org.jline.reader.Candidate::value).collect(java.util.stream.Collectors.toSet());
        org.junit.jupiter.api.Assertions.assertTrue(a.contains(":where") && a.contains(":check"), a.toString());
        org.junit.jupiter.api.Assertions.assertTrue(b.containsAll(java.util.List.of("softmax", "sigmoid", "W1", "theta", "wrt")), b.toString());
        org.junit.jupiter.api.Assertions.assertTrue(!b.contains(":where"), "commands only first on the line");
    }
}
