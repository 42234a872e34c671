package matcalc.codegen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.render.TextRenderer;

/**
 * One Python function: inputs converted and their shapes checked, then definitions (a program's
 * bindings), temporaries for shared subexpressions, and the outputs. All outputs share one DAG, so
 * what the value and the derivatives have in common is computed once. A node gets a temporary when
 * its lowered code refers to it twice or more (counted on the lowered code, so an inverse that
 * every product turned into a solve is never computed); a node used once is written inline.
 */
final class FunctionWriter {
    /**
     * A parameter: a variable and its Python name; or a size no input's shape gives (an int); or,
     * with neither, a declared function (a callable).
     */
    record Param(Var var, String name, String size) {
        Param(Var var, String name) { this(var, name, null); }
        boolean callable() { return var == null && size == null; }
        boolean array() { return var != null; }
    }

    /**
     * A returned value with the Python name it is bound to. With a matrix shape, expr is a column
     * vec(M) (a product) and the M of that shape is returned.
     */
    record Output(String name, Expr expr, matcalc.expr.Shape matrix) {
        Output(String name, Expr expr) { this(name, expr, null); }
    }

    private static final int COMMENT_WIDTH = 96;

    private final Spelling sp;
    private final Names names;
    private final Sizes sizes;
    private final Dag dag = new Dag();
    private final Map<Integer, Py> lowered = new HashMap<>();
    private final Lowering lowering;
    private final Map<String, Expr> definitions = new HashMap<>();

    FunctionWriter(Spelling sp, Names names) {
        this.sp = sp;
        this.names = names;
        this.sizes = new Sizes(names);
        this.lowering = new Lowering(new Lowering.Nodes() {
            public Py ref(Expr e) { return new Py.Ref(dag.id(e)); }
            public Py share(Py value) {
                int id = dag.reserve();
                lowered.put(id, value);
                return new Py.Ref(id);
            }
            public Expr definition(Var v) { return definitions.get(v.name()); }
        }, sp, sizes, names);
    }

    private Py lower(int id) {
        Py p = lowered.get(id);
        if (p == null) {
            p = dag.expr(id).accept(lowering);
            lowered.put(id, p);
        }
        return p;
    }

    /** def name(params): docstring, then the body; returns the function's text. */
    String write(String name, String doc, List<Param> params, List<Definition> defs, List<Output> outputs) {
        // A definition is a node of its own (an alias of its expression) named as the binding.
        Map<String, Integer> defIds = new HashMap<>();
        Map<Integer, String> named = new LinkedHashMap<>();
        for (Definition d : defs) {
            definitions.put(d.matcalcName(), d.expr());
            int id = dag.reserve();
            lowered.put(id, new Py.Ref(dag.id(d.expr())));
            defIds.put(d.matcalcName(), id);
        }

        findLogSoftmax(outputs, defs);

        // Lower everything reachable from the outputs, counting references on the lowered code.
        Map<Integer, Integer> uses = new HashMap<>();
        Set<Integer> reached = new HashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        List<Integer> outIds = new ArrayList<>();
        for (Output o : outputs) {
            int id;
            if (o.matrix() == null) {
                id = dag.id(o.expr());
            } else {
                id = dag.reserve();
                lowered.put(id, lowering.unvec(o.expr(), o.matrix()));
            }
            outIds.add(id);
            if (reached.add(id)) todo.add(id);
        }
        while (!todo.isEmpty()) {
            int id = todo.poll();
            Expr e = dag.expr(id);
            if (e instanceof Var v && defIds.containsKey(v.name())) {
                int d = defIds.get(v.name());
                named.put(d, names.of(v.name()));
                if (reached.add(d)) todo.add(d);
            }
            forEachRef(lower(id), r -> {
                int target = resolve(r, named);
                uses.merge(target, 1, Integer::sum);
                if (reached.add(target)) todo.add(target);
            });
        }
        for (int i = 0; i < outputs.size(); i++) {
            int id = outIds.get(i);
            if (!named.containsKey(id) && !trivial(lower(id))) named.put(id, names.fresh(outputs.get(i).name()));
        }
        for (Map.Entry<Integer, Integer> u : uses.entrySet()) {
            if (u.getValue() >= 2 && !named.containsKey(u.getKey()) && !trivial(lower(u.getKey()))) named.put(u.getKey(), null);
        }

        List<String> body = new ArrayList<>();
        Emitter em = new Emitter(named, body);
        // Definitions in program order, then the outputs; each line after the names it uses.
        for (Definition d : defs) if (named.containsKey(defIds.get(d.matcalcName()))) em.emit(defIds.get(d.matcalcName()));
        for (int id : outIds) if (named.containsKey(id)) em.emit(id);
        List<String> returned = new ArrayList<>();
        for (int id : outIds) returned.add(em.print(new Py.Ref(id), Py.SUM));

        List<String> lines = new ArrayList<>();
        lines.add("def " + name + "(" + String.join(", ", params.stream().map(Param::name).toList()) + "):");
        lines.add("    \"\"\"" + doc + "\"\"\"");
        for (String l : new Inputs(sp, sizes).lines(params)) lines.add("    " + l);
        for (String l : body) lines.add("    " + l);
        lines.add("    return " + String.join(", ", returned));
        return String.join("\n", lines) + "\n";
    }

    /** Tells the lowering which softmax(z) also appear as log(softmax(z)), directly or through a binding. */
    private void findLogSoftmax(List<Output> outputs, List<Definition> defs) {
        ArrayDeque<Expr> todo = new ArrayDeque<>();
        for (Output o : outputs) todo.add(o.expr());
        for (Definition d : defs) todo.add(d.expr());
        Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (!seen.add(e)) continue;
            if (e instanceof matcalc.expr.Apply a && a.fn() == matcalc.expr.Fn.LOG) {
                Expr arg = a.arg() instanceof Var v && definitions.containsKey(v.name()) ? definitions.get(v.name()) : a.arg();
                if (arg instanceof matcalc.expr.Softmax s) lowering.logSoftmaxOf(s.arg());
            }
            todo.addAll(e.children());
        }
    }

    /**
     * The node a reference really uses: through unnamed aliases (a node whose code is just another
     * node, (A^T)^T say), so that the aliased node's uses are counted where the alias is used.
     */
    private int resolve(int id, Map<Integer, String> named) {
        while (!named.containsKey(id) && lower(id) instanceof Py.Ref r) id = r.id();
        return id;
    }

    /** A name or a number, or a name transposed: as cheap to repeat as to name. */
    private boolean trivial(Py p) {
        if (p instanceof Py.Ref r) return trivial(lower(r.id()));
        Py.Form f = (Py.Form) p;
        if (f.parts().size() == 1 && f.parts().get(0) instanceof String) return true;
        return f.parts().size() == 2 && ".T".equals(f.parts().get(1)) && f.parts().get(0) instanceof Py.Sub s
                && atom(s.py());
    }

    private boolean atom(Py p) {
        if (p instanceof Py.Ref r) return atom(lower(r.id()));
        Py.Form f = (Py.Form) p;
        return f.parts().size() == 1 && f.parts().get(0) instanceof String;
    }

    private static void forEachRef(Py p, java.util.function.IntConsumer f) {
        if (p instanceof Py.Ref r) {
            f.accept(r.id());
            return;
        }
        for (Object part : ((Py.Form) p).parts()) if (part instanceof Py.Sub s) forEachRef(s.py(), f);
    }

    /** Writes the assignments of named nodes, each after those it refers to. */
    private final class Emitter {
        private final Map<Integer, String> named;
        private final List<String> body;
        private final Set<Integer> emitted = new HashSet<>();
        private int temps;

        Emitter(Map<Integer, String> named, List<String> body) {
            this.named = named;
            this.body = body;
        }

        void emit(int id) {
            if (!emitted.add(id)) return;
            dependencies(lower(id));
            String name = named.get(id);
            Expr e = dag.expr(id);
            if (name == null) {
                name = names.fresh("t" + ++temps);
                named.put(id, name);
                if (e != null) body.add("# " + clip(name + " = " + TextRenderer.render(e)));
            }
            body.add(name + " = " + print(lower(id), 0));
        }

        /** Emits the named nodes p refers to, looking through the ones written inline. */
        private void dependencies(Py p) {
            forEachRef(p, r -> {
                if (named.containsKey(r)) emit(r);
                else dependencies(lower(r));
            });
        }

        String print(Py p, int need) {
            if (p instanceof Py.Ref r) {
                if (named.containsKey(r.id()) && emitted.contains(r.id())) return named.get(r.id());
                return print(lower(r.id()), need);
            }
            Py.Form f = (Py.Form) p;
            StringBuilder sb = new StringBuilder();
            for (Object part : f.parts()) {
                if (part instanceof Py.Sub s) sb.append(print(s.py(), s.need()));
                else sb.append(part);
            }
            return f.prec() < need ? "(" + sb + ")" : sb.toString();
        }
    }

    private static String clip(String s) {
        return s.length() <= COMMENT_WIDTH ? s : s.substring(0, COMMENT_WIDTH - 3) + "...";
    }
}
