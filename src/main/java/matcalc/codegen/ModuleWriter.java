package matcalc.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import matcalc.numeric.Vars;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Property;
import matcalc.expr.Var;
import org.hipparchus.linear.RealMatrix;

/**
 * The text of one self-contained Python module: docstring, f (the value), f_and_grad or
 * f_grad_hess (value and derivatives, sharing their common subexpressions), one matrix-free
 * Hessian-vector product per Hessian, the helpers used, and the self-check that runs as
 * {@code python3 module.py}.
 */
final class ModuleWriter {
    private ModuleWriter() {}

    static String write(ModuleSpec spec, Target target) {
        Spelling sp = target.spelling();
        Names names = new Names();
        List<FunctionWriter.Param> params = new ArrayList<>();
        for (Var v : spec.params()) params.add(new FunctionWriter.Param(v, names.of(v.name())));
        for (Definition d : spec.definitions()) names.of(d.matcalcName());
        for (String size : spec.sizeParameters()) params.add(new FunctionWriter.Param(null, names.size(size), size));
        List<String[]> callables = callables(spec);
        for (String[] c : callables) params.add(new FunctionWriter.Param(null, names.callable(c[0], c[1])));
        String all = spec.secondOrder() ? "f_grad_hess" : "f_and_grad";
        Map<DerivativeSpec, String> hvps = new LinkedHashMap<>();
        for (DerivativeSpec d : spec.derivatives()) {
            if (d.order() == 2) hvps.put(d, names.fresh("hvp_" + names.of(d.wrt().name())));
        }
        String example = spec.given().isEmpty() ? null : names.fresh("EXAMPLE");

        List<String> functions = new ArrayList<>();
        functions.add(new FunctionWriter(sp, names.copy()).write("f", "The value " + valueText(spec) + ".", params,
                spec.definitions(), List.of(new FunctionWriter.Output("value", spec.value()))));
        List<FunctionWriter.Output> outs = new ArrayList<>();
        outs.add(new FunctionWriter.Output("value", spec.value()));
        List<String> returned = new ArrayList<>(List.of("value"));
        for (DerivativeSpec d : spec.derivatives()) {
            outs.add(new FunctionWriter.Output(d.name(), d.expr()));
            returned.add(d.name());
        }
        functions.add(new FunctionWriter(sp, names.copy()).write(all, "(" + String.join(", ", returned)
                + "): the value and its derivatives, laid out as the module docstring says.", params, spec.definitions(), outs));
        for (Map.Entry<DerivativeSpec, String> h : hvps.entrySet()) functions.add(hvp(sp, names.copy(), params, spec, h.getKey(), h.getValue()));

        StringBuilder sb = new StringBuilder();
        sb.append(docstring(spec, target, all, hvps, callables)).append('\n');
        sb.append("import sys\n\n").append(sp.imports()).append("\n");
        for (String i : sp.extraImports()) sb.append(i).append("\n");
        sb.append("\n");
        for (String f : functions) sb.append('\n').append(f).append('\n');
        Map<String, String> runtime = sections(sp.helperResource());
        for (String h : helperClosure(sp.helpers(), runtime)) sb.append('\n').append(runtime.get(h).strip()).append("\n\n");
        sb.append('\n').append(tables(spec, params.stream().filter(FunctionWriter.Param::array).toList(), names, all, hvps, example));
        sb.append("_SIZE_PARAMETERS = [").append(String.join(", ", spec.sizeParameters().stream().map(x -> "\"" + x + "\"").toList()))
                .append("]  # sizes passed as arguments (no input's shape gives them)\n");
        sb.append("_CALLABLES = [").append(String.join(", ", callables.stream().map(c -> "(\"" + c[0] + "\", " + c[1] + ")").toList()))
                .append("]  # declared functions (name, derivative order): the self-check passes stand-ins\n");
        sb.append('\n').append(runtime.get("check").strip()).append('\n');
        return sb.toString();
    }

    /**
     * The declared functions (f: function) the module applies, as (name, derivative order): the
     * operator table spells f''(x) as f_d2(x), so the functions take f, f_d1, f_d2 as parameters.
     */
    private static List<String[]> callables(ModuleSpec spec) {
        java.util.SortedSet<String> seen = new TreeSet<>();
        List<Expr> roots = new ArrayList<>(List.of(spec.value()));
        for (DerivativeSpec d : spec.derivatives()) roots.add(d.expr());
        for (Definition d : spec.definitions()) roots.add(d.expr());
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(roots);
        Set<Expr> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (!visited.add(e)) continue;
            if (e instanceof matcalc.expr.Call c && c.op() instanceof matcalc.ops.UserFunction u) {
                String n = u.name();
                int order = n.length() - n.replaceAll("'+$", "").length();
                seen.add(n.substring(0, n.length() - order) + "\u0000" + String.format("%03d", order));
            }
            todo.addAll(e.children());
        }
        List<String[]> out = new ArrayList<>();
        for (String s : seen) {
            String[] p = s.split("\u0000");
            out.add(new String[] {p[0], Integer.toString(Integer.parseInt(p[1]))});
        }
        return out;
    }

    private static String valueText(ModuleSpec spec) { return py(matcalc.render.TextRenderer.render(spec.value())); }

    /** hvp_X(params, dX): the Hessian applied to a direction, by the product rules, never formed. */
    private static String hvp(Spelling sp, Names names, List<FunctionWriter.Param> params, ModuleSpec spec, DerivativeSpec d, String fn) {
        Var x = d.wrt();
        Var dir = new Var("direction of " + x.name(), x.shape());
        String dn = names.named(dir.name(), "d" + names.of(x.name()));
        List<FunctionWriter.Param> ps = new ArrayList<>(params);
        ps.add(new FunctionWriter.Param(dir, dn));
        List<Expr> factors = new ArrayList<>(d.expr() instanceof matcalc.expr.Mul m ? m.factors() : List.of(d.expr()));
        factors.add(matcalc.expr.Ops.vec(dir));
        Expr product = matcalc.expr.Mul.of(factors);
        String doc = d.name() + " applied to " + dn + " without forming " + d.name() + ": " + (x.shape().cols().isOne()
                ? "the column " + d.name() + " " + dn + "." : "the " + shapeWords(x) + " whose vec is " + d.name() + " vec(" + dn + ").");
        return new FunctionWriter(sp, names).write(fn, doc, ps, spec.definitions(),
                List.of(new FunctionWriter.Output("product", product, x.shape())));
    }

    private static String shapeWords(Var x) {
        if (x.isScalar()) return "scalar";
        return x.shape().cols().isOne() ? "column of " + x.name() + "'s length" : "matrix of " + x.name() + "'s shape";
    }

    private static String docstring(ModuleSpec spec, Target target, String all, Map<DerivativeSpec, String> hvps, List<String[]> callables) {
        List<String> l = new ArrayList<>();
        String lib = target.spelling().library();
        l.add("\"\"\"" + (spec.secondOrder() ? "Value, gradients and Hessians" : "Value and derivatives") + " in " + lib
                + ", generated by matcalc codegen.");
        l.add("");
        for (String d : spec.description()) l.add(py(d));
        l.add("");
        l.add("Functions: f(...) returns the value; " + all + "(...) the value and every derivative above, in");
        l.add("that order, sharing their common subexpressions" + (hvps.isEmpty() ? "." : ";"));
        for (Map.Entry<DerivativeSpec, String> h : hvps.entrySet()) {
            l.add(h.getValue() + "(..., d" + h.getKey().wrt().name() + ") applies " + h.getKey().name()
                    + " to a direction matrix-free.");
        }
        if (!callables.isEmpty()) {
            List<String> ns = new ArrayList<>();
            for (String[] c : callables) ns.add(c[1].equals("0") ? c[0] : c[0] + "_d" + c[1]);
            l.add("Declared functions are parameters, after the arrays: " + String.join(", ", ns) + " (a function and its");
            l.add("derivatives by order, each applied entry by entry to an array).");
        }
        if (!spec.sizeParameters().isEmpty()) {
            l.add("Sizes that no input's shape gives are parameters (ints), after the arrays: "
                    + String.join(", ", spec.sizeParameters()) + ".");
        }
        l.add("");
        l.add("Arrays: vectors are (n, 1) columns, as in matcalc; a 1-D array of length n is accepted wherever a");
        l.add("vector is expected. Scalars are 0-d. Results are 2-D (0-d for a scalar) in the layouts above;");
        l.add("vec stacks columns. " + (target == Target.TORCH
                ? "Tensors take the dtype and device of the first floating-point tensor argument"
                + "\n(float64 on the CPU if there is none); the code is plain torch, so it runs on CUDA and under autograd."
                : "Values are float64."));
        l.add("Inverses in products are solves, log det is slogdet, and softmax, log-sum-exp, sigmoid and");
        l.add("softplus are evaluated stably. Run this file (python3 " + (target == Target.TORCH ? "FILE [--device cuda]" : "FILE")
                + ") to check every derivative");
        l.add("against central differences at random instances of the declared structure.");
        l.add("");
        l.add("Generated by: " + py(spec.command()));
        l.add("\"\"\"");
        return String.join("\n", l);
    }

    /** Text safe inside a docstring. */
    static String py(String s) { return s.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\""); }

    private static String tables(ModuleSpec spec, List<FunctionWriter.Param> params, Names names, String all,
                                 Map<DerivativeSpec, String> hvps, String example) {
        StringBuilder sb = new StringBuilder();
        List<Expr> exprs = new ArrayList<>();
        exprs.add(spec.value());
        for (DerivativeSpec d : spec.derivatives()) exprs.add(d.expr());
        for (Var v : spec.params()) exprs.add(v);
        Map<String, Integer> least = Vars.leastSizes(exprs.toArray(new Expr[0]));
        Set<String> symbols = new TreeSet<>(spec.sizeParameters());
        for (Var v : spec.params()) {
            symbols.addAll(v.shape().rows().symbols());
            symbols.addAll(v.shape().cols().symbols());
        }
        Set<String> wrt = new LinkedHashSet<>();
        for (DerivativeSpec d : spec.derivatives()) wrt.add(d.wrt().name());
        if (example != null) {
            sb.append("# The values the program gives (f_and_grad(**").append(example).append(") evaluates there).\n");
            List<String> es = new ArrayList<>();
            for (FunctionWriter.Param p : params) {
                RealMatrix m = spec.given().get(p.var().name());
                if (m != null) es.add("    \"" + p.name() + "\": " + literal(m) + ",");
            }
            sb.append(example).append(" = {\n").append(String.join("\n", es)).append("\n}\n\n");
        }
        sb.append("# For the self-check: each size and the least value it may take (indexed entries need room),\n");
        sb.append("# the parameters (name, rows, cols as a number times sizes, declared structure, fixed value),\n");
        sb.append("# and the derivatives (output of ").append(all)
                .append(", parameter, order, arrangement, first derivative's output and whether it is transposed, hvp).\n");
        List<String> ss = new ArrayList<>();
        for (String s : symbols) ss.add("\"" + s + "\": " + least.getOrDefault(s, 1));
        sb.append("_SIZES = {").append(String.join(", ", ss)).append("}\n");
        sb.append("_INPUTS = [\n");
        for (FunctionWriter.Param p : params) {
            Var v = p.var();
            List<String> props = new ArrayList<>();
            for (Property q : new TreeSet<>(v.properties())) props.add("\"" + q.word() + "\"");
            String fixed = example != null && spec.given().containsKey(v.name()) && !wrt.contains(v.name())
                    ? example + "[\"" + p.name() + "\"]" : "None";
            sb.append("    (\"").append(p.name()).append("\", ").append(dim(v.shape().rows())).append(", ").append(dim(v.shape().cols()))
                    .append(", (").append(String.join(", ", props)).append(props.size() == 1 ? ",)" : ")").append(", ").append(fixed).append("),\n");
        }
        sb.append("]\n");
        sb.append("_CHECKS = [\n");
        List<DerivativeSpec> ds = spec.derivatives();
        for (int i = 0; i < ds.size(); i++) {
            DerivativeSpec d = ds.get(i);
            int param = spec.params().stream().map(Var::name).toList().indexOf(d.wrt().name());
            String first = d.order() == 2 ? "(" + (1 + d.first()) + ", " + (d.firstTransposed() ? "True" : "False") + ")" : "None";
            String h = hvps.getOrDefault(d, "None");
            sb.append("    (").append(1 + i).append(", ").append(param).append(", ").append(d.order()).append(", \"")
                    .append(d.arrangement()).append("\", ").append(first).append(", ").append(h).append("),\n");
        }
        sb.append("]\n");
        sb.append("_DERIVATIVES = ").append(all).append("\n");
        return sb.toString();
    }

    private static String dim(Dim d) {
        List<String> s = new ArrayList<>();
        for (String x : d.symbols()) s.add("\"" + x + "\"");
        return "(" + d.coeff() + ", (" + String.join(", ", s) + (s.size() == 1 ? ",))" : "))");
    }

    private static String literal(RealMatrix m) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < m.getRowDimension(); i++) {
            List<String> cs = new ArrayList<>();
            for (int j = 0; j < m.getColumnDimension(); j++) cs.add(Double.toString(m.getEntry(i, j)));
            rows.add("[" + String.join(", ", cs) + "]");
        }
        return "[" + String.join(", ", rows) + "]";
    }

    // ---- the runtime resource: helper sections and the check

    private static final Map<String, Map<String, String>> RUNTIME = new java.util.concurrent.ConcurrentHashMap<>();

    /** The resource's sections by name ("_sigmoid", ..., "check"), in file order. */
    static Map<String, String> sections(String resource) {
        return RUNTIME.computeIfAbsent(resource, r -> {
            String text;
            try (InputStream in = ModuleWriter.class.getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException("missing resource matcalc/codegen/" + r);
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, String> out = new LinkedHashMap<>();
            String name = null;
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("# ---- ")) {
                    if (name != null) out.put(name, body.toString());
                    String head = line.substring("# ---- ".length()).strip();
                    name = head.startsWith("helper ") ? head.substring("helper ".length()) : head;
                    body.setLength(0);
                } else if (name != null) {
                    body.append(line).append('\n');
                }
            }
            if (name != null) out.put(name, body.toString());
            return out;
        });
    }

    /** The helpers used and those they call, in the resource's order. */
    private static List<String> helperClosure(Set<String> used, Map<String, String> runtime) {
        Set<String> need = new LinkedHashSet<>(used);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (String h : List.copyOf(need)) {
                String body = runtime.get(h);
                if (body == null) throw new IllegalStateException("no helper " + h);
                for (String other : runtime.keySet()) {
                    if (other.startsWith("_") && !need.contains(other) && body.contains(other + "(")) grew |= need.add(other);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String h : runtime.keySet()) if (need.contains(h)) out.add(h);
        return out;
    }
}
