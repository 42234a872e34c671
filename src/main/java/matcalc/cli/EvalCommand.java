package matcalc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import matcalc.program.Evaluation;
import matcalc.program.Grid;
import matcalc.program.Program;
import matcalc.program.Values;
import matcalc.render.Json;
import org.hipparchus.linear.RealMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Evaluate a program at the values it gives, and its gradients by reverse mode.",
        footer = {"", "Example:", "  matcalc eval net.mc --grad L --wrt W1,W2"},
        description = {
        "Evaluate a program (statements 'name = expr', one per line or ';'-separated) at the values it gives,",
        "and its gradients by reverse mode. Example: matcalc eval net.mc --grad L --wrt W1,W2"})
final class EvalCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the program, or - for standard input")
    String file;

    @Option(names = "--grad", paramLabel = "NAME", description = "the scalar binding to differentiate (e.g. the loss L)")
    String grad;

    @Option(names = "--wrt", paramLabel = "NAMES", split = ",", description = "names to differentiate with respect to, e.g. W1,W21,W22")
    List<String> wrt = new ArrayList<>();

    @Option(names = "--digits", paramLabel = "N", description = "decimals shown in text output (default 4); JSON has full precision")
    int digits = 4;

    @Option(names = "--format", paramLabel = "text|json", description = "default: text")
    Format format = Format.text;

    @Option(names = "--where", paramLabel = "DECLS", description = "extra declarations, e.g. \"y: scalar\"")
    String where = "";

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...", description = "evaluate at every point of a grid, e.g. x=0,1 for a truth table (repeatable)")
    List<String> grid = new ArrayList<>();

    @Option(names = "--no-check", description = "skip the finite-difference check of the gradients")
    boolean noCheck;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (digits < 0 || digits > 15) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--digits must be between 0 and 15");
        if (!wrt.isEmpty() && grad == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wrt needs --grad NAME");
        if (grad != null && wrt.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--grad needs --wrt NAMES");
        Program p = Program.parse(Sources.read(file, spec), where);
        if (!grid.isEmpty()) {
            if (grad != null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--grid and --grad cannot be combined");
            List<Grid.Axis> axes = new ArrayList<>();
            for (String g : grid) axes.add(Grid.Axis.parse(g));
            List<Grid.Row> rows = Grid.run(p, axes);
            out.println(format == Format.json ? gridJson(p, rows) : matcalc.program.TruthTable.text(p, rows, digits));
            out.flush();
            return 0;
        }
        Evaluation e = Evaluation.of(p, grad, wrt, !noCheck);
        out.println(format == Format.json ? e.json() : e.text(digits));
        out.flush();
        return e.checksPassed() ? 0 : 1;
    }

    private static String gridJson(Program p, List<Grid.Row> rows) {
        List<Object> list = new ArrayList<>();
        for (Grid.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, RealMatrix> e : r.point().entrySet()) m.put(e.getKey(), matcalc.render.Json.matrix(e.getValue()));
            for (Program.Statement s : p.statements()) {
                if (s.kind() != Program.Kind.INPUT) m.put(s.label(), matcalc.render.Json.matrix(r.values().get(s.label())));
            }
            list.add(m);
        }
        return Json.write(Map.of("grid", list));
    }
}
