package matcalc.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import matcalc.MatcalcError;
import matcalc.calculus.Layout;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.claims.CheckResult;
import matcalc.claims.ClaimChecker;
import matcalc.render.DiffReport;
import matcalc.shapes.Declarations;
import matcalc.shapes.Typer;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code matcalc repl}: one derivative or command per line, with the declarations, layout and
 * format kept between lines. A line is {@code EXPR wrt VAR} or {@code d/dVAR EXPR}; commands start
 * with a colon (see {@link #HELP}). A line ending in a backslash continues on the next.
 */
public final class Repl {
    static final String PROMPT = "matcalc> ", MORE = "   ...> ";

    static final String HELP = String.join("\n",
            "  EXPR wrt VAR        differentiate, e.g.  x^T A x wrt x",
            "  d/dVAR EXPR         the same, e.g.       d/dX tr(X^T A X)",
            "  :where DECLS        add declarations, e.g. :where A: n x n symmetric; x: n",
            "  :where              show them;  :where clear  forgets them",
            "  :layout numerator|denominator|mixed",
            "  :order 1..6         2 for Hessians; 3 to 6 for scalars by vectors (index form)",
            "  :format text|latex  how results are printed (default text)",
            "  :check LHS = RHS    check a claimed identity with the declarations",
            "  :help               this list;  :quit or Ctrl-D to leave",
            "  a line ending in \\ continues on the next; Tab completes functions, names and commands");

    private static final List<String> COMMANDS = List.of(":where", ":layout", ":order", ":format", ":check", ":help", ":quit");
    private static final Pattern WRT = Pattern.compile("(?s)(.*\\S)\\s+wrt\\s+([\\p{L}_][\\p{L}\\p{N}_]*)\\s*");
    private static final Pattern D_BY = Pattern.compile("(?s)d\\s*/\\s*d\\s*([\\p{L}_][\\p{L}\\p{N}_]*)\\s+(.+)");

    private final List<String> where = new ArrayList<>();
    private Layout layout = Layout.NUMERATOR;
    private int order = 1;
    private boolean latex;

    /** Reads lines from the terminal until Ctrl-D or :quit. */
    public void run(Terminal terminal, java.nio.file.Path history) {
        // No escape characters: matcalc's input has no use for them, and a trailing '\\' must reach
        // readWhole as typed (it continues the line).
        org.jline.reader.impl.DefaultParser parser = new org.jline.reader.impl.DefaultParser();
        parser.setEscapeChars(new char[0]);
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).completer(completer()).parser(parser)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, MORE);
        if (history != null) b.variable(LineReader.HISTORY_FILE, history);
        LineReader reader = b.build();
        PrintWriter out = terminal.writer();
        out.println("matcalc repl: type :help for the commands, Ctrl-D to quit");
        out.flush();
        while (true) {
            String line;
            try {
                line = readWhole(reader);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line
            } catch (EndOfFileException e) {
                break;
            }
            if (line == null) break;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            if (s.equals(":quit") || s.equals(":q")) break;
            out.println(answer(s));
            out.flush();
        }
        out.flush();
    }

    /** A line, joined with the next ones while it ends in a backslash. */
    private static String readWhole(LineReader reader) {
        StringBuilder sb = new StringBuilder();
        String prompt = PROMPT;
        while (true) {
            String l = reader.readLine(prompt);
            if (l == null) return sb.length() == 0 ? null : sb.toString();
            String t = l.stripTrailing();
            if (t.endsWith("\\")) {
                sb.append(t, 0, t.length() - 1).append(' ');
                prompt = MORE;
            } else {
                return sb.append(l).toString();
            }
        }
    }

    /** What one input prints (without a trailing newline). */
    String answer(String s) {
        try {
            if (s.startsWith(":")) return command(s);
            Matcher m = WRT.matcher(s);
            String expr, wrt;
            if (m.matches()) { expr = m.group(1); wrt = m.group(2); }
            else {
                Matcher d = D_BY.matcher(s);
                if (!d.matches()) return "error: write 'EXPR wrt VAR' (e.g. x^T A x wrt x) or 'd/dVAR EXPR'; :help lists the commands";
                wrt = d.group(1);
                expr = d.group(2);
            }
            DiffRequest req = DiffRequest.of(expr, wrt).where(declarations()).layout(layout).order(order);
            DiffResult r = new Engine().diff(req);
            String report = latex ? DiffReport.latex(r) : DiffReport.text(r);
            // From order 3 the vec form is a long Kronecker chain: the index form, as diff prints it, is the readable one.
            if (order >= 3 && !r.variable().isScalar()) report += "\n" + matcalc.index.IndexReport.lines(r, latex);
            return report;
        } catch (MatcalcError e) {
            return e.format();
        } catch (StackOverflowError e) {
            return "error: input too large or too deeply nested";
        }
    }

    private String command(String s) {
        String[] parts = s.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0]) {
            case ":help": case ":h": return HELP;
            case ":where":
                if (arg.isEmpty()) return where.isEmpty() ? "no declarations" : "where " + declarations();
                if (arg.equals("clear")) { where.clear(); return "declarations cleared"; }
                Declarations.parse(arg); // refuse bad declarations now, with their position
                Declarations.parse(String.join("; ", where) + (where.isEmpty() ? "" : "; ") + arg);
                where.add(arg);
                return "where " + declarations();
            case ":layout":
                if (Layout.byName(arg) == null) return "error: :layout numerator, :layout denominator or :layout mixed";
                layout = Layout.byName(arg);
                return "layout " + layout.name().toLowerCase();
            case ":order":
                if (!arg.matches("[1-9]") || Integer.parseInt(arg) > Engine.MAX_ORDER) return "error: :order takes 1 to " + Engine.MAX_ORDER;
                order = Integer.parseInt(arg);
                return "order " + order;
            case ":format":
                switch (arg) {
                    case "text": latex = false; return "format text";
                    case "latex": latex = true; return "format latex";
                    default: return "error: :format text or :format latex";
                }
            case ":check": {
                if (arg.isEmpty()) return "error: :check LHS = RHS, e.g. :check tr(A B) = tr(B A)";
                CheckResult r = ClaimChecker.check(arg, declarations(), null, layout, ClaimChecker.Options.defaults());
                if (r.verdict() == CheckResult.Verdict.ERROR) return r.error();
                return String.join("\n", r.lines());
            }
            default: return "error: unknown command " + parts[0] + " (" + String.join(", ", COMMANDS) + ")";
        }
    }

    private String declarations() { return String.join("; ", where); }

    /** Functions, commands, 'wrt' and the declared names. */
    Completer completer() {
        return (reader, line, candidates) -> {
            TreeSet<String> words = new TreeSet<>(Typer.functions());
            words.add("wrt");
            if (line.wordIndex() == 0) words.addAll(COMMANDS);
            try {
                words.addAll(Declarations.parse(declarations()).all().keySet());
            } catch (MatcalcError e) {
                // declarations were checked when added
            }
            for (String w : words) candidates.add(new Candidate(w, w, null, null, null, null, true));
        };
    }
}
