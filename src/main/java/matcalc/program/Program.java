package matcalc.program;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.calculus.Layout;
import matcalc.numeric.Vars;
import matcalc.engine.Engine;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.shapes.Declarations;
import matcalc.shapes.Typer;
import matcalc.syntax.Ast;
import matcalc.syntax.Parse;

/**
 * A typed program: statements {@code name = expr} (or bare expressions) in order, each typed with
 * the earlier bindings as variables of their shapes. A binding whose expression has no variables
 * ({@code x = [1; 2; 3; 1]}, {@code b = -2.5}) is an input with a given value; the others are
 * computed. Names used but never bound are free variables (typed by declaration or convention).
 *
 * <p>Declaration lines use the {@code --where} syntax ({@code y, mu, b: scalar}, {@code A: n x n
 * symmetric}): any line with a ':' outside its comment is one. The grammar has no ':' token, so
 * they are taken out before parsing (blanked, so that positions in messages stay right).
 */
public final class Program {
    public enum Kind { INPUT, COMPUTED, EXPRESSION }

    /** One typed statement. {@code name} is null for a bare expression; {@code source} is its text. */
    public record Statement(int index, String name, Kind kind, Expr expr, String source, Span span) {
        /** The binding's name, or the expression's text for a bare expression. */
        public String label() { return name != null ? name : source; }
        public boolean isBinding() { return name != null; }
        /** The variable that stands for this binding in later statements. */
        public Var var() { return name == null ? null : new Var(name, expr.shape()); }
    }

    private final String text;
    private final Declarations declarations;
    private final List<Statement> statements;
    private final Map<String, Statement> bindings;
    private final Map<String, Var> free;

    private Program(String text, Declarations declarations, List<Statement> statements, Map<String, Var> free) {
        this.text = text;
        this.declarations = declarations;
        this.statements = List.copyOf(statements);
        Map<String, Statement> b = new LinkedHashMap<>();
        for (Statement s : statements) if (s.isBinding()) b.put(s.name(), s);
        this.bindings = Collections.unmodifiableMap(b);
        this.free = Collections.unmodifiableMap(free);
    }

    public static Program parse(String text) { return parse(text, ""); }

    /** @param where extra declarations, as for {@code diff --where} */
    public static Program parse(String text, String where) {
        if (text == null || text.isBlank()) throw new MatcalcError(MatcalcError.Kind.SYNTAX, "empty program", List.of(), "");
        String[] split = splitDeclarations(text);
        Declarations decls;
        try {
            decls = merge(Declarations.parse(split[1]), where);
        } catch (MatcalcError e) {
            throw e.withSource(text);
        }
        List<Ast.Statement> asts = Parse.program(split[0]);
        if (asts.isEmpty()) throw new MatcalcError(MatcalcError.Kind.SYNTAX, "the program has no statements", List.of(), text);
        matcalc.engine.InnerDerivatives inner = new matcalc.engine.InnerDerivatives(Layout.NUMERATOR);
        Map<String, Expr> bound = new LinkedHashMap<>();
        Map<String, Var> free = new LinkedHashMap<>();
        List<Statement> out = new ArrayList<>();
        try {
            for (Ast.Statement a : asts) {
                String name = a.name();
                if (name != null && out.stream().anyMatch(s -> name.equals(s.name()))) {
                    throw new MatcalcError(MatcalcError.Kind.NAME, "'" + name + "' is bound twice", a.nameSpan());
                }
                if (name != null && free.containsKey(name)) {
                    throw new MatcalcError(MatcalcError.Kind.NAME, "'" + name + "' is used before it is bound", a.nameSpan());
                }
                Expr e = inner.expand(new Typer(decls, bound, Layout.NUMERATOR.derivativeShapes()).type(a.expr()));
                Map<String, Var> vars = Vars.free(e);
                for (Var v : vars.values()) {
                    if (!bound.containsKey(v.name())) {
                        free.put(v.name(), v);
                        bound.put(v.name(), v);
                    }
                }
                if (name != null) {
                    Declarations.Decl d = decls.get(name);
                    if (d != null && d.sized() && !(d.rows().equals(e.shape().rows()) && d.cols().equals(e.shape().cols()))) {
                        throw new MatcalcError(MatcalcError.Kind.SHAPE, "'" + name + "' is declared " + Declarations.describe(d)
                                + " but its value is " + e.shape(), a.nameSpan(), a.expr().span());
                    }
                    bound.put(name, e);
                }
                Kind kind = name == null ? Kind.EXPRESSION : vars.isEmpty() ? Kind.INPUT : Kind.COMPUTED;
                Span sp = a.expr().span();
                out.add(new Statement(out.size(), name, kind, e, text.substring(sp.start(), Math.min(sp.end(), text.length())).strip(), sp));
            }
        } catch (MatcalcError e) {
            throw e.withSource(text);
        }
        return new Program(text, decls, out, free);
    }

    /** Program text with declaration lines blanked, and declaration text with everything else blanked. */
    private static String[] splitDeclarations(String text) {
        StringBuilder prog = new StringBuilder(text.length()), decl = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            int hash = line.indexOf('#');
            String code = hash < 0 ? line : line.substring(0, hash);
            boolean isDecl = code.indexOf(':') >= 0;
            String blank = " ".repeat(line.length());
            prog.append(isDecl ? blank : line);
            decl.append(isDecl ? code + " ".repeat(line.length() - code.length()) : blank);
            if (nl < 0) break;
            prog.append('\n');
            decl.append('\n');
            start = nl + 1;
        }
        return new String[] {prog.toString(), decl.toString()};
    }

    private static Declarations merge(Declarations inFile, String where) {
        if (where == null || where.isBlank()) return inFile;
        Declarations extra = Declarations.parse(where);
        if (inFile.all().isEmpty()) return extra;
        StringBuilder sb = new StringBuilder();
        for (Declarations.Decl d : inFile.list()) {
            if (extra.get(d.name()) == null) sb.append(Declarations.describe(d)).append('\n');
        }
        for (Declarations.Decl d : extra.list()) sb.append(Declarations.describe(d)).append('\n');
        return Declarations.parse(sb.toString());
    }

    public String text() { return text; }
    public Declarations declarations() { return declarations; }
    public List<Statement> statements() { return statements; }
    public Map<String, Statement> bindings() { return bindings; }
    /** Variables used but never bound, in order of first use. */
    public Map<String, Var> free() { return free; }

    public Statement binding(String name) { return bindings.get(name); }

    /** The variable a name stands for: a binding's or a free variable's; null if unknown. */
    public Var var(String name) {
        Statement s = bindings.get(name);
        if (s != null) return s.var();
        return free.get(name);
    }

    /** The names a statement uses directly. */
    public static Set<String> uses(Statement s) { return Vars.free(s.expr()).keySet(); }

    /** Names (bindings and free variables) the given name depends on, itself included. */
    public Set<String> ancestors(String name) {
        Set<String> out = new LinkedHashSet<>();
        collectAncestors(name, out);
        return out;
    }

    private void collectAncestors(String name, Set<String> out) {
        if (!out.add(name)) return;
        Statement s = bindings.get(name);
        if (s != null) for (String u : uses(s)) collectAncestors(u, out);
    }

    /** Bindings that depend on the given name, directly or not, itself included. */
    public Set<String> descendants(String name) {
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        for (Statement s : statements) {
            if (!s.isBinding()) continue;
            for (String u : uses(s)) if (out.contains(u)) { out.add(s.name()); break; }
        }
        return out;
    }

    /** Raises a name error unless the name is a binding or a free variable of the program. */
    public Var require(String name, String role) {
        Var v = var(name);
        if (v == null) {
            List<String> known = new ArrayList<>(bindings.keySet());
            known.addAll(free.keySet());
            throw new MatcalcError(MatcalcError.Kind.NAME, role + " '" + name + "' is not a name of the program (known: "
                    + String.join(", ", known) + ")");
        }
        return v;
    }
}
