package matcalc.cli;

import java.io.PrintWriter;
import matcalc.MatcalcError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point. Runs the command on a thread with a large stack (deeply nested input must give an
 * error, not crash the JVM) and maps outcomes to exit codes: 0 ok, 1 check failed, 2 bad input.
 */
@Command(name = "matcalc", mixinStandardHelpOptions = true, version = "matcalc 0.1.0",
        description = "Symbolic matrix calculus with a numeric check on every answer.",
        footer = {"", "Example:", "  matcalc diff 'tr(X^T A X)' --wrt X", "", "'matcalc help COMMAND' or 'matcalc COMMAND --help' for a command's options."},
        subcommands = {DiffCommand.class, CheckCommand.class, EvalCommand.class, GraphCommand.class, KeyCommand.class, CodegenCommand.class, ServeCommand.class,
                ReplCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;


    public static void main(String[] args) {
        // 3 unless run returns: an Error escaping it (NoClassDefFoundError from a stale class path) must not exit 0.
        int[] code = {3};
        Thread t = new Thread(null, () -> {
            try {
                code[0] = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            } catch (Throwable e) {
                System.err.println("internal error: " + e);
                code[0] = 3;
            }
        }, "matcalc", 512L * 1024 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code[0]);
    }

    /** Runs one command line; the tests call this directly (the real CLI code path). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        // '-y^T log(...)' is an expression, not an option.
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setErr(err);
        boolean json = wantsJson(args);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (json && ex instanceof MatcalcError m) jsonError(m.kind().name().toLowerCase(java.util.Locale.ROOT), m.getMessage(), m.spans(), m.source(), out);
            if (json && ex instanceof CommandLine.ParameterException p) jsonError("usage", p.getMessage(), java.util.List.of(), null, out);
            if (json && !(ex instanceof MatcalcError) && !(ex instanceof CommandLine.ParameterException)) jsonError("internal", String.valueOf(ex), java.util.List.of(), null, out);
            return ex instanceof CommandLine.ParameterException p ? usageError(p, err) : report(ex, err);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            if (json) jsonError("usage", ex.getMessage(), java.util.List.of(), null, out);
            return usageError(ex, err);
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            if (json) jsonError("limit", "input too large or too deeply nested", java.util.List.of(), null, out);
            err.println("error: input too large or too deeply nested");
            code = 2;
        } catch (RuntimeException e) {
            // Thrown outside a command's call (picocli re-throws what its handlers throw).
            code = report(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int usageError(CommandLine.ParameterException ex, PrintWriter err) {
        {
            err.println("error: " + ex.getMessage());
            err.println("(see: matcalc " + (ex.getCommandLine().getCommandName().equals("matcalc") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)");
            err.flush();
            return 2;
        }
    }

    /** --format json (or --format=json) anywhere on the line: errors are JSON on stdout too. */
    static boolean wantsJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--format=json") || (args[i].equals("--format") && i + 1 < args.length && args[i + 1].equals("json"))) return true;
        }
        return false;
    }

    /**
     * {"error": {"kind", "message", "input", "span": {"start", "end"}}}: span is the first position
     * (0-based, end exclusive) in input (the expression, claim or --where text it indexes), or null.
     */
    static void jsonError(String kind, String message, java.util.List<matcalc.Span> spans, String input, PrintWriter out) {
        java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("kind", kind);
        e.put("message", message);
        e.put("input", input);
        if (spans.isEmpty()) {
            e.put("span", null);
        } else {
            java.util.Map<String, Object> sp = new java.util.LinkedHashMap<>();
            sp.put("start", spans.get(0).start());
            sp.put("end", spans.get(0).end());
            e.put("span", sp);
        }
        out.println(matcalc.render.Json.write(java.util.Map.of("error", e)));
        out.flush();
    }

    /** One line for the user; a bug (anything not a MatcalcError) is exit 3, never hidden. */
    static int report(Throwable ex, PrintWriter err) {
        if (ex instanceof MatcalcError m) {
            String text;
            try {
                text = m.format();
            } catch (RuntimeException formatting) {
                text = "error: " + m.getMessage();
            }
            err.println(text);
            err.flush();
            return m.kind().exitCode();
        }
        err.println("internal error: " + ex);
        if (System.getenv("MATCALC_DEBUG") != null) ex.printStackTrace(err);
        err.flush();
        return 3;
    }

    /** Bare 'matcalc': the usage, on the command's own output (not System.out: tests run in-process). */
    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
