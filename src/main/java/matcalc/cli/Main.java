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
        subcommands = {DiffCommand.class, CheckCommand.class, EvalCommand.class, GraphCommand.class, KeyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int[] code = {0};
        Thread t = new Thread(null, () -> code[0] = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)),
                "matcalc", 512L * 1024 * 1024);
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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, err));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("(see: matcalc " + (ex.getCommandLine().getCommandName().equals("matcalc") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)");
            err.flush();
            return 2;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
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

    @Override public void run() {
        CommandLine.usage(this, System.out);
    }
}
