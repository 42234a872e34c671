package matcalc.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.index.IndexReport;
import matcalc.render.DiffReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Differentiate an expression with respect to a variable; the answer is checked numerically.",
        description = {"Undeclared names follow a convention: a-g and Greek names are scalars, h-z vectors, A-Z matrices"
                + " (the first letter decides: W1 is a matrix, l1 a vector); declare others with --where."},
        footer = {"", "Examples:", "  matcalc diff 'tr(X^T A X)' --wrt X", "  matcalc diff 'x^T A x' --wrt x --where 'A: n x n symmetric' --format text",
                "  matcalc diff '-y^T log(softmax(W x))' --wrt W --where 'y: probability'"})
final class DiffCommand implements Callable<Integer> {
    enum Format { latex, text, json }

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPR", description = "e.g. 'tr(X^T A X)'")
    String expression;

    @Option(names = "--wrt", required = true, paramLabel = "VAR", description = "the variable to differentiate with respect to")
    String wrt;

    @Option(names = "--where", paramLabel = "DECLS", description = "declarations, e.g. \"A: n x n symmetric; x: n\"")
    String where = "";

    @Option(names = "--layout", paramLabel = "numerator|denominator|mixed", description = "default: numerator; mixed is matrixcalculus.org's (gradients columns, Jacobians m x n)")
    String layout = "numerator";

    @Option(names = "--vec", paramLabel = "cols|rows", description = "how vec flattens matrices; default: cols")
    String vec = "cols";

    @Option(names = "--order", paramLabel = "1..6", description = "2 for the Hessian / second derivative; 3 to 6 for the derivative of that order of a scalar by a vector, printed in index form too (d^3f/dx[i] dx[j] dx[k] = ...)")
    int order = 1;

    @Option(names = "--format", paramLabel = "latex|text|json", description = "default: latex")
    Format format = Format.latex;

    @Option(names = "--no-check", description = "skip the numeric cross-check")
    boolean noCheck;

    @Option(names = "--seed", description = "seed for the random instances of the check")
    long seed = 1;

    @Option(names = "--index", description = "also write the derivative entry-wise in index notation (dF_ij/dX_kl, Einstein summation)")
    boolean index;

    @Option(names = "--structure", paramLabel = "independent|entries|projected", description = "for a symmetric or diagonal"
            + " variable: its entries treated as independent (default), the derivative by its free entries (Matrix Cookbook"
            + " eq. 141: G + G^T - I .* G), or the projected gradient (G + G^T)/2")
    String structure = "independent";

    @Option(names = "--steps", description = "show the derivation step by step, each step naming its rules")
    boolean steps;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Layout l = Options.layout(layout, spec);
        VecOrder v = Options.vec(vec, spec);
        if (order < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--order must be 1 or more (at most 6)");
        matcalc.engine.StructureConvention sc = matcalc.engine.StructureConvention.byName(structure);
        if (sc == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--structure must be independent, entries or projected, not '"
                    + structure + "'");
        }
        DiffRequest req = new DiffRequest(expression, wrt, where, l, v, order, !noCheck, seed, sc);
        if (steps && order != 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps is available for first derivatives");
        Engine.Derivation d = steps ? new Engine().derivation(req) : null;
        DiffResult r = d != null ? d.result() : new Engine().diff(req);
        // the vec form of a derivative of order 3 or more is for machines; T_ijk... is what a reader wants (by a scalar, it is one number)
        index |= order >= 3 && !r.variable().isScalar();
        switch (format) {
            case text:
                if (d != null) out.print(DiffReport.stepsText(d.steps()));
                out.println(DiffReport.text(r));
                if (index) out.println(IndexReport.lines(r, false));
                break;
            case json:
                out.println(index ? DiffReport.json(r, Map.of("index", IndexReport.json(r))) : DiffReport.json(r));
                break;
            default:
                if (d != null) out.println(DiffReport.stepsLatex(d.steps()));
                out.println(DiffReport.latex(r));
                if (index) out.println(IndexReport.lines(r, true));
        }
        out.flush();
        return r.checkPassed() ? 0 : 1;
    }
}
