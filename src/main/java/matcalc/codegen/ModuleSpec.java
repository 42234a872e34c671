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
                         List<DerivativeSpec> derivatives) {
    public ModuleSpec {
        description = List.copyOf(description);
        params = List.copyOf(params);
        given = Map.copyOf(given);
        definitions = List.copyOf(definitions);
        derivatives = List.copyOf(derivatives);
    }

    public boolean secondOrder() { return derivatives.stream().anyMatch(d -> d.order() == 2); }

    /**
     * Sizes that no parameter's shape gives (tr(kron(I(n), X)) has n only in I(n)): the functions
     * take them as integer parameters, after the arrays, sorted.
     */
    public List<String> sizeParameters() {
        List<Expr> all = new java.util.ArrayList<>(List.of(value));
        for (DerivativeSpec d : derivatives) all.add(d.expr());
        for (Definition d : definitions) all.add(d.expr());
        java.util.Set<String> out = new java.util.TreeSet<>(matcalc.numeric.Vars.dims(all.toArray(new Expr[0])));
        for (Var v : params) {
            out.addAll(v.shape().rows().symbols());
            out.addAll(v.shape().cols().symbols());
        }
        for (Var v : params) {
            for (matcalc.expr.Dim d : List.of(v.shape().rows(), v.shape().cols())) {
                if (d.coeff() == 1 && d.symbols().size() == 1) out.remove(d.symbols().get(0));
            }
        }
        return List.copyOf(out);
    }
}
