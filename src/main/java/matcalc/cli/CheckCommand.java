package matcalc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import matcalc.calculus.Layout;
import matcalc.claims.CheckJson;
import matcalc.claims.CheckResult;
import matcalc.claims.ClaimChecker;
import matcalc.claims.IdentityFile;
import matcalc.render.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check a claimed identity LHS = RHS (numerically and exactly); a counterexample when it is false.",
        footer = {"", "Examples:", "  matcalc check 'tr(A B) = tr(B A)'", "  matcalc check 'grad(x^T A x, x) = 2 A x' --where 'A: n x n symmetric'",
                "  matcalc check --file identities.txt --report REPORT.md"},
        description = {
        "Check an identity LHS = RHS: numerically at random instances and exactly (symbolic entries) at sizes 2 and 3.",
        "A false claim gets a counterexample and, when there is one, the structure under which it holds.",
        "Exit code: 0 pass, 1 fail, 2 bad input (or undecided)."})
final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLAIM", description = "e.g. 'grad(tr(X^T A X), X) = (A + A^T) X'")
    String claim;

    @Option(names = "--where", paramLabel = "DECLS", description = "declarations, e.g. \"A: n x n symmetric; x: n\"")
    String where = "";

    @Option(names = "--file", paramLabel = "FILE", description = "a file of identities, one per line ('#' comments, optional label and 'where' clause)")
    Path file;

    @Option(names = "--report", paramLabel = "MD", description = "with --file: write a Markdown report (eq., identity, numeric and exact status, time)")
    Path report;

    @Option(names = "--layout", paramLabel = "numerator|denominator|mixed", description = "layout of diff(...); default: numerator")
    String layout = "numerator";

    @Option(names = "--seed", description = "seed for the random instances")
    long seed = 1;

    @Option(names = "--no-exact", description = "skip the exact check")
    boolean noExact;

    @Option(names = "--budget", paramLabel = "N", description = "work for the exact check of one claim, in polynomial products"
            + " (default 20000000, about 4 s here; counted, not timed, so the verdict does not depend on load)")
    long budget = matcalc.claims.ExactProof.DEFAULT_BUDGET;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "with --file: claims checked in parallel (default: number of cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default text)")
    String format = "text";

    @Option(names = {"-v", "--verbose"}, description = "with --file: the full report of every claim")
    boolean verbose;

    /** Exit 2 reads like every refusal: 'error:' first (on stderr), the report after it. */
    private void undecided() {
        spec.commandLine().getErr().println("error: undecided: no random instance was usable and the exact check could not decide");
        spec.commandLine().getErr().flush();
    }

    @Override public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Layout l = Options.layout(layout, spec);
        ClaimChecker.Options o = ClaimChecker.Options.defaults().withSeed(seed).withExact(!noExact).withBudget(budget);
        if (!format.equals("text") && !format.equals("json")) {
            throw new ParameterException(spec.commandLine(), "--format must be text or json, not '" + format + "'");
        }
        boolean json = format.equals("json");
        if (file != null) {
            if (claim != null) throw new ParameterException(spec.commandLine(), "give either a CLAIM or --file, not both");
            IdentityFile.Outcome outcome = IdentityFile.run(file, IdentityFile.parse(Sources.read(file, spec)), l, o, jobs);
            if (json) {
                out.println(Json.write(CheckJson.of(outcome)));
            } else for (CheckResult r : outcome.results()) {
                if (verbose) {
                    if (r.verdict() == CheckResult.Verdict.UNDECIDED) undecided();
        for (String line : r.lines()) out.println(line);
                    out.println();
                } else {
                    out.println(r.summaryLine());
                }
            }
            if (!json) out.println(outcome.totalLine());
            if (report != null) {
                String command = "./matcalc check --file " + file + " --report " + report;
                boolean unsupported = file.toAbsolutePath().getParent() != null
                        && Files.exists(file.toAbsolutePath().getParent().resolve("unsupported.md"));
                Sources.write(report.toString(), IdentityFile.report(outcome, command, unsupported).getBytes(StandardCharsets.UTF_8), spec);
                out.println("report written to " + report);
            }
            out.flush();
            return outcome.failed() > 0 ? 1 : 0;
        }
        if (report != null) throw new ParameterException(spec.commandLine(), "--report needs --file");
        if (claim == null) throw new ParameterException(spec.commandLine(), "missing CLAIM (or --file FILE)");
        // Parsed here so that a malformed claim is a MatcalcError like every command's (text or JSON).
        CheckResult r = ClaimChecker.check(matcalc.claims.ClaimParser.parse(claim, where, l), null, o);
        if (json) {
            out.println(Json.write(CheckJson.of(r)));
            out.flush();
            if (r.verdict() == CheckResult.Verdict.UNDECIDED) undecided();
            return r.verdict().exitCode();
        }
        if (r.verdict() == CheckResult.Verdict.ERROR) {
            // Bad input reads like every other command's: 'error: ...', the input, the caret.
            PrintWriter err = spec.commandLine().getErr();
            err.println(r.error());
            err.flush();
            return r.verdict().exitCode();
        }
        if (r.verdict() == CheckResult.Verdict.UNDECIDED) undecided();
        for (String line : r.lines()) out.println(line);
        out.flush();
        return r.verdict().exitCode();
    }
}
