package matcalc.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import matcalc.codegen.Codegen;
import matcalc.codegen.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "codegen", mixinStandardHelpOptions = true,
        header = "Write a runnable NumPy or PyTorch module for the value and the checked derivatives.",
        description = {"The derivatives are the ones 'matcalc diff' prints (or, with --grad, 'matcalc eval' computes by"
                + " reverse mode); each must pass matcalc's numeric check, else no code is written (exit 1). The module"
                + " has f (the value), f_and_grad or f_grad_hess (value and derivatives, shared subexpressions computed"
                + " once), hvp_X (Hessian-vector products) for --order 2, and a self-check: python3 FILE."},
        footer = {"", "Examples:", "  matcalc codegen 'tr(X^T A X)' --wrt X --target numpy -o f.py",
                "  matcalc codegen 'sum(log(1 + exp(-y .* (X w))))' --wrt w --order 2 --target torch",
                "  matcalc codegen testcases/seed/mlp.mc --grad L --wrt W1,W21,W22 --target numpy"})
final class CodegenCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPR|PROGRAM", description = "an expression, or with --grad a program file (- for standard input)")
    String input;

    @Option(names = "--wrt", required = true, split = ",", paramLabel = "X[,Y]", description = "the variables to differentiate by")
    List<String> wrt = new ArrayList<>();

    @Option(names = "--target", paramLabel = "numpy|torch", description = "default: numpy")
    String target = "numpy";

    @Option(names = "--where", paramLabel = "DECLS", description = "declarations, e.g. \"A: n x n spd; x: n\"")
    String where = "";

    @Option(names = "--order", paramLabel = "1|2", description = "2 for Hessians (and Hessian-vector products) too")
    int order = 1;

    @Option(names = "--layout", paramLabel = "numerator|denominator|mixed", description = "default: numerator")
    String layout = "numerator";

    @Option(names = "--grad", paramLabel = "NAME", description = "the input is a program: differentiate its scalar binding NAME")
    String grad;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the module here (default: standard output)")
    String output;

    @Option(names = "--seed", description = "seed for the random instances of matcalc's check")
    long seed = 1;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Target t = Target.byName(target);
        if (t == null) throw new ParameterException(spec.commandLine(), "--target must be numpy or torch, not '" + target + "'");
        if (order < 1) throw new ParameterException(spec.commandLine(), "--order must be 1 or 2");
        if (order > 2) {
            // Derivatives of order 3 and more have no generated code (no lowering of their Kronecker forms to arrays yet)
            throw new ParameterException(spec.commandLine(), "codegen writes first and second derivatives; --order " + order
                    + " is for 'matcalc diff' (its vec form and index form)");
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // The subcommand's parse result starts at its own name.
        String command = "matcalc " + String.join(" ", args.stream().map(CodegenCommand::quote).toList());
        String source;
        try {
            if (grad != null) {
                if (order != 1) throw new ParameterException(spec.commandLine(), "--order 2 is for expressions; a program gives gradients (--grad)");
                if (!layout.equals("numerator")) throw new ParameterException(spec.commandLine(), "--layout is for expressions; a program's gradients have the shapes of their variables");
                source = Codegen.module(Codegen.program(Sources.read(input, spec), where, grad, wrt, command), t);
            } else {
                source = Codegen.module(Codegen.expression(new Codegen.Request(input, wrt, where, Options.layout(layout, spec), order, seed, command)), t);
            }
        } catch (Codegen.Unchecked e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (output == null) {
            out.print(source);
        } else {
            Sources.write(output, source.getBytes(StandardCharsets.UTF_8), spec);
            out.println("wrote " + output + " (" + t.name().toLowerCase() + "): run 'python3 " + output + "' for its self-check");
        }
        out.flush();
        return 0;
    }

    /** An argument as a shell reads it back: bare if safe, else in single quotes. */
    private static String quote(String a) {
        if (a.matches("[A-Za-z0-9_./,:=+-]+")) return a;
        return "'" + a.replace("'", "'\\''") + "'";
    }
}
