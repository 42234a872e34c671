package matcalc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import matcalc.MatcalcError;
import matcalc.key.KeyWriter;
import matcalc.key.ProblemFile;
import matcalc.program.Latex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "key", mixinStandardHelpOptions = true,
        header = "Write the answer key of a problem file as a LaTeX document (optionally compiled to PDF).",
        footer = {"", "Example:", "  matcalc key homework.key -o key.tex --pdf"},
        description = {
        "Write the answer key of a problem file as a LaTeX document: statements, steps, boxed results, numeric checks,",
        "values, computational graphs, truth tables. Example: matcalc key homework.key -o key.tex --pdf"})
final class KeyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEMS", description = "the problem file")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the LaTeX to FILE (default: standard output)")
    String output;

    @Option(names = "--pdf", description = "also compile it with pdflatex (needs -o)")
    boolean pdf;

    @Override public Integer call() throws IOException {
        if (pdf && output == null) throw new ParameterException(spec.commandLine(), "--pdf needs -o FILE.tex");
        Path in = Sources.path(file, spec);
        ProblemFile problems = ProblemFile.parse(Sources.read(in, spec), in.toAbsolutePath().getParent());
        KeyWriter.Key key = KeyWriter.write(problems);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(key.latex());
            out.flush();
        } else {
            Path tex = Sources.path(output, spec);
            Sources.write(output, key.latex().getBytes(StandardCharsets.UTF_8), spec);
            if (pdf) {
                if (!Latex.available()) {
                    throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--pdf needs pdflatex on the PATH (e.g. apt-get install texlive-latex-recommended texlive-pictures)");
                }
                Latex.Result r = Latex.compile(tex);
                if (!r.ok()) throw new MatcalcError(MatcalcError.Kind.INTERNAL, "pdflatex failed on " + output + ":\n" + r.log());
                spec.commandLine().getErr().println("wrote " + output + " and " + output.replaceAll("\\.tex$", "") + ".pdf");
            }
        }
        return key.checksPassed() ? 0 : 1;
    }
}
