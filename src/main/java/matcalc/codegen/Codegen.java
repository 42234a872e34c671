package matcalc.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import matcalc.MatcalcError;
import matcalc.calculus.Form;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.Instance;
import matcalc.numeric.NumericCheck;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.program.Backprop;
import matcalc.program.Evaluation;
import matcalc.program.Program;
import matcalc.render.DiffReport;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.RealMatrix;

/**
 * Code generation from what matcalc derived and checked: an expression's derivatives by the Engine
 * (the same ones {@code matcalc diff} prints, each of which must have passed the numeric check), or
 * a program's gradients by reverse mode (those of {@code matcalc eval --grad}).
 */
public final class Codegen {
    private Codegen() {}

    /** A derivative that did not pass matcalc's numeric check: no code is written for it (exit 1). */
    public static final class Unchecked extends RuntimeException {
        Unchecked(String message) { super(message); }
    }

    /** What to generate for an expression; command is the command line, quoted in the docstring. */
    public record Request(String expression, List<String> wrt, String where, Layout layout, int order, long seed,
                          String command) {
        public Request {
            wrt = List.copyOf(wrt);
            if (order < 1 || order > 2) throw new IllegalArgumentException("order must be 1 or 2");
        }
    }

    /** The module's text for a target. */
    public static String module(ModuleSpec spec, Target target) { return ModuleWriter.write(spec, target); }

    /** What a module for an expression computes: the value and each derivative, derived and checked. */
    public static ModuleSpec expression(Request req) {
        if (req.wrt().isEmpty()) throw new MatcalcError(MatcalcError.Kind.SYNTAX, "--wrt needs at least one variable");
        if (new LinkedHashSet<>(req.wrt()).size() != req.wrt().size())
            throw new MatcalcError(MatcalcError.Kind.NAME, "--wrt names a variable twice: " + String.join(",", req.wrt()));
        Engine engine = new Engine();
        Map<String, Var> vars = new TreeMap<>();
        Expr f = null;
        List<String> description = new ArrayList<>();
        List<DerivativeSpec> firsts = new ArrayList<>(), seconds = new ArrayList<>();
        List<DiffResult> results = new ArrayList<>();
        for (String w : req.wrt()) {
            DiffRequest d = new DiffRequest(req.expression(), w, req.where(), req.layout(), VecOrder.COLUMNS, 1, true, req.seed());
            DiffResult r1 = checked(engine.diff(d));
            results.add(r1);
            if (req.order() == 2) results.add(checked(engine.diff(d.order(2))));
        }
        f = results.get(0).function();
        for (DiffResult r : results) for (Var v : r.variables()) vars.merge(v.name(), v, (a, b) -> a.properties().size() >= b.properties().size() ? a : b);
        boolean scalar = f.isScalar();
        description.add("f(" + String.join(", ", vars.keySet()) + ") = " + TextRenderer.render(f));
        description.add("    types: " + DiffReport.typesLine(new ArrayList<>(vars.values())) + "; f: " + DiffReport.shape(f.shape()));
        for (DiffResult r : results) {
            String x = r.variable().name();
            boolean second = r.order() == 2;
            String name = (second ? (scalar ? "hess_" : "d2_") : (scalar ? "grad_" : "jac_")) + x;
            List<String> doc = new ArrayList<>();
            doc.add(name + " = " + TextRenderer.render(r.result()));
            doc.add("    layout: " + DiffReport.layoutLine(r));
            doc.add("    shape: " + DiffReport.shape(r.result().shape()) + "; " + DiffReport.checkLine(r.check()));
            for (String n : r.notes()) doc.add("    note: " + n);
            if (!second) {
                firsts.add(new DerivativeSpec(r.variable(), 1, r.result(), r.form(), name, -1, false, doc));
            } else {
                int first = firsts.size() - 1;
                Form ff = firsts.get(first).form();
                seconds.add(new DerivativeSpec(r.variable(), 2, r.result(), r.form(), name, first,
                        ff == Form.VEC_TRANSPOSED || ff == Form.VEC_ROWS_TRANSPOSED, doc));
            }
        }
        List<DerivativeSpec> ds = new ArrayList<>(firsts);
        ds.addAll(seconds);
        for (DerivativeSpec d : ds) description.addAll(d.doc());
        return new ModuleSpec(req.command(), description, new ArrayList<>(vars.values()), Map.of(), List.of(), f, ds);
    }

    private static DiffResult checked(DiffResult r) {
        NumericCheck.Result c = r.check();
        if (c == null || !c.passed()) {
            String why = c == null ? "it was not checked" : c.inconclusive() ? "the check was inconclusive: " + firstLine(c.detail())
                    : String.format(java.util.Locale.ROOT, "max rel. error %.1e", c.maxRelError());
            throw new Unchecked("codegen: the " + (r.order() == 2 ? "second derivative" : "derivative") + " by "
                    + r.variable().name() + " did not pass matcalc's numeric check (" + why + "); no code is generated for it");
        }
        return r;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** What a module for a program computes: the forward bindings, then the adjoints (reverse mode), checked. */
    public static ModuleSpec program(String text, String where, String grad, List<String> wrt, String command) {
        Program p = Program.parse(text, where);
        Evaluation ev = Evaluation.of(p, grad, wrt, true);
        Backprop b = ev.backprop();
        for (String w : b.wrt()) {
            NumericCheck.Result c = ev.checks().get(w);
            if (c != null && !c.passed()) {
                throw new Unchecked("codegen: the gradient " + Backprop.adjointName(grad, w) + " did not pass matcalc's numeric check ("
                        + (c.inconclusive() ? "inconclusive: " + firstLine(c.detail()) : String.format(java.util.Locale.ROOT, "max rel. error %.1e", c.maxRelError()))
                        + "); no code is generated for it");
            }
        }
        List<Var> params = new ArrayList<>(p.free().values());
        Map<String, RealMatrix> given = new LinkedHashMap<>();
        List<Definition> defs = new ArrayList<>();
        List<String> description = new ArrayList<>();
        description.add("A program and its gradients by reverse mode (each adjoint from the adjoints of its users):");
        for (Program.Statement s : p.statements()) {
            if (!s.isBinding()) continue;
            if (s.kind() == Program.Kind.INPUT) {
                params.add(s.var());
                given.put(s.name(), matcalc.numeric.Evaluator.eval(s.expr(), new Instance(Map.of(), Map.of())));
            } else {
                defs.add(new Definition(s.name(), s.expr()));
                description.add("    " + s.name() + " = " + TextRenderer.render(s.expr()));
            }
        }
        List<DerivativeSpec> ds = new ArrayList<>();
        for (Backprop.Adjoint a : b.adjoints()) {
            defs.add(new Definition(a.name(), a.formula()));
            description.add("    " + a.name() + " = " + TextRenderer.render(a.formula()));
        }
        for (String w : b.wrt()) {
            Backprop.Adjoint a = b.adjoint(w);
            NumericCheck.Result c = ev.checks().get(w);
            List<String> doc = List.of("    " + a.name() + ": in the shape of " + w + "; "
                    + (c == null ? "check: identically 0" : DiffReport.checkLine(c)));
            ds.add(new DerivativeSpec(p.var(w), 1, a.var(), Form.GRADIENT, Names.identifier(a.name()), -1, false, doc));
        }
        description.add("Returned: " + grad + ", then " + String.join(", ", b.wrt().stream().map(w -> Backprop.adjointName(grad, w)).toList()));
        for (DerivativeSpec d : ds) description.addAll(d.doc());
        if (!params.isEmpty()) description.add("    types: " + DiffReport.typesLine(params));
        return new ModuleSpec(command, description, params, given, defs, p.var(grad), ds);
    }
}
