package matcalc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import matcalc.MatcalcError;
import matcalc.program.DotWriter;
import matcalc.program.Graph;
import matcalc.program.Program;
import matcalc.program.TikzWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "graph", mixinStandardHelpOptions = true,
        header = "Draw a program's computational graph (DOT, TikZ, SVG, PNG), optionally with local derivatives.",
        footer = {"", "Example:", "  matcalc graph net.mc --backprop --format tikz -o graph.tex"},
        description = {
        "The computational graph of a program: nodes are operations (matmul, relu, sigmoid, max, softmax, log, ...),",
        "edges their operands. DOT or TikZ text; SVG or PNG through Graphviz's dot when it is installed."})
final class GraphCommand implements Callable<Integer> {
    enum Format { dot, tikz, latex, svg, png }

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "the program file, or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "dot|tikz|latex|svg|png",
            description = "dot (default), tikz (a tikzpicture), latex (a standalone document), svg or png (need Graphviz)")
    Format format = Format.dot;

    @Option(names = "--backprop", description = "label each edge with its local derivative: the adjoint of the operation pulled back to that operand")
    boolean backprop;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output (required for png)")
    String output;

    @Option(names = "--where", paramLabel = "DECLS", description = "extra declarations, e.g. \"y: scalar\"")
    String where = "";

    @Override public Integer call() throws IOException {
        Program p = Program.parse(Sources.read(file, spec), where);
        Graph g = Graph.of(p, backprop);
        byte[] bytes;
        switch (format) {
            case tikz: bytes = (TikzWriter.write(g) + "\n").getBytes(StandardCharsets.UTF_8); break;
            case latex: bytes = TikzWriter.standalone(g).getBytes(StandardCharsets.UTF_8); break;
            case svg: case png:
                if (format == Format.png && output == null) throw new ParameterException(spec.commandLine(), "--format png needs -o FILE");
                bytes = graphviz(DotWriter.write(g), format.name());
                break;
            default: bytes = DotWriter.write(g).getBytes(StandardCharsets.UTF_8);
        }
        if (output != null) {
            Sources.write(output, bytes, spec);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }

    /** Runs Graphviz's dot on the DOT text. */
    static byte[] graphviz(String dot, String format) {
        Process proc;
        try {
            proc = new ProcessBuilder("dot", "-T" + format).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--format " + format + " needs Graphviz's 'dot' on the PATH"
                    + " (e.g. apt-get install graphviz); --format dot or tikz work without it");
        }
        try (OutputStream in = proc.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            proc.destroy();
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "could not pass the graph to dot: " + e.getMessage());
        }
        try {
            byte[] result = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                proc.destroy();
                throw new MatcalcError(MatcalcError.Kind.INTERNAL, "dot failed to render the graph");
            }
            return result;
        } catch (IOException | InterruptedException e) {
            proc.destroy();
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "dot failed: " + e.getMessage());
        }
    }
}
