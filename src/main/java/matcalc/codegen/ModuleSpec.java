package matcalc.codegen;

import java.util.List;
import java.util.Map;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * What a generated module computes: its parameters (in order; given values for a program's
 * inputs that the self-check keeps fixed), definitions (a program's bindings and adjoints), the
 * value and the derivatives, with the text of its docstring.
 */
public record ModuleSpec(String command, List<String> description, List<Var> params,
                         Map<String, RealMatrix> given, List<Definition> definitions, Expr value,
                         List<Derivative> derivatives) {
    public ModuleSpec {
        description = List.copyOf(description);
        params = List.copyOf(params);
        given = Map.copyOf(given);
        definitions = List.copyOf(definitions);
        derivatives = List.copyOf(derivatives);
    }

    public boolean secondOrder() { return derivatives.stream().anyMatch(d -> d.order() == 2); }
}
