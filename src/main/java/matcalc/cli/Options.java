package matcalc.cli;

import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Shared option parsing with the same error wording everywhere. */
final class Options {
    private Options() {}

    static Layout layout(String s, CommandSpec spec) {
        Layout l = Layout.byName(s);
        if (l == null) throw new ParameterException(spec.commandLine(), "--layout must be numerator, denominator or mixed, not '" + s + "'");
        return l;
    }

    static VecOrder vec(String s, CommandSpec spec) {
        switch (s.toLowerCase()) {
            case "cols": case "columns": return VecOrder.COLUMNS;
            case "rows": return VecOrder.ROWS;
            default: throw new ParameterException(spec.commandLine(), "--vec must be cols or rows, not '" + s + "'");
        }
    }
}
