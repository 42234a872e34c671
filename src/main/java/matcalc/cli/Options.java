package matcalc.cli;

import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Shared option parsing with the same error wording everywhere. */
final class Options {
    private Options() {}

    static Layout layout(String s, CommandSpec spec) {
        switch (s.toLowerCase()) {
            case "numerator": case "num": case "jacobian": return Layout.NUMERATOR;
            case "denominator": case "den": case "gradient": return Layout.DENOMINATOR;
            default: throw new ParameterException(spec.commandLine(), "--layout must be numerator or denominator, not '" + s + "'");
        }
    }

    static VecOrder vec(String s, CommandSpec spec) {
        switch (s.toLowerCase()) {
            case "cols": case "columns": return VecOrder.COLUMNS;
            case "rows": return VecOrder.ROWS;
            default: throw new ParameterException(spec.commandLine(), "--vec must be cols or rows, not '" + s + "'");
        }
    }
}
