package matcalc.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python expression as a tree of text and references to DAG nodes, with the precedence of its
 * outermost operator. References stay symbolic until printing, so that a node used twice can be
 * printed as a temporary's name and a node used once inline, from the same lowering.
 */
sealed interface Py permits Py.Ref, Py.Form {
    /** a + b, a - b */
    int SUM = 1;
    /**
     * a @ b. Python gives @ the precedence of * and /, but code that mixes them unparenthesised
     * ((a @ b) * c written a @ b * c) is hard to read, so here @ is a level of its own below them.
     */
    int MATMUL = 2;
    /** a * b, a / b (left-associative) */
    int PRODUCT = 3;
    /** -a */
    int UNARY = 4;
    /** a ** b (binds tighter than a unary minus on its left) */
    int POWER = 5;
    /** names, numbers, calls, subscripts, attributes (a.T) */
    int ATOM = 6;

    /** The value of DAG node {@code id}: its name if it has one, else its own lowering inline. */
    record Ref(int id) implements Py {}

    /** Literal text and sub-expressions, each needing at least a precedence (else parenthesised). */
    record Form(List<Object> parts, int prec) implements Py {
        public Form { parts = List.copyOf(parts); }
    }

    /** A sub-expression in a form, parenthesised when it binds more loosely than {@code need}. */
    record Sub(Py py, int need) {}

    static Py atom(String text) { return new Form(List.of(text), ATOM); }

    static Py num(String text) { return new Form(List.of(text), text.startsWith("-") ? UNARY : ATOM); }

    /** fn(a, b, ...) */
    static Py call(String fn, Py... args) { return call(fn, List.of(args)); }

    static Py call(String fn, List<Py> args) {
        List<Object> parts = new ArrayList<>();
        parts.add(fn + "(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) parts.add(", ");
            parts.add(new Sub(args.get(i), SUM));
        }
        parts.add(")");
        return new Form(parts, ATOM);
    }

    /** a OP b for a left-associative operator at precedence prec. */
    static Py binary(Py a, String op, Py b, int prec) {
        return new Form(List.of(new Sub(a, prec), " " + op + " ", new Sub(b, prec + 1)), prec);
    }

    /** a @ b: a chain a @ b @ c reads left to right; any other operand but an atom or -x is parenthesised. */
    static Py matmul(Py a, Py b) {
        boolean chain = a instanceof Form f && f.prec() == MATMUL;
        return new Form(List.of(new Sub(a, chain ? MATMUL : UNARY), " @ ", new Sub(b, UNARY)), MATMUL);
    }

    static Py neg(Py a) { return new Form(List.of("-", new Sub(a, UNARY)), UNARY); }

    /** a.attr, a[...] and other postfix text. */
    static Py postfix(Py a, String suffix) { return new Form(List.of(new Sub(a, ATOM), suffix), ATOM); }

    /** Any arrangement of text and sub-expressions, e.g. {@code form(ATOM, "f(", sub(a, SUM), ", axis=0)")}. */
    static Py form(int prec, Object... parts) { return new Form(List.of(parts), prec); }

    static Sub sub(Py py, int need) { return new Sub(py, need); }
}
