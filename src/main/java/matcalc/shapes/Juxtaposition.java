package matcalc.shapes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import matcalc.Span;
import matcalc.syntax.Ast;
import matcalc.syntax.AstVisitor;

/**
 * "X (A + B)" is parsed as a call X(...), and the typer reads a call of a variable (or of any name
 * followed by a space) as a product. Left as one unit, that product would bind tighter than
 * everything around it: "X (A + B)^T" would be (X (A + B))^T and "a / b (c)" would be a / (b c),
 * while "X Y^T" is X (Y^T) and "a / b c" is (a / b) c. This pass (run before shape inference, when
 * declarations tell variables from functions) rewrites such calls into the products they are, with
 * the grouping juxtaposition has everywhere else:
 * <ul>
 *   <li>a postfix (^T, ', ^k, .^k, [i]) after "f (arg)" applies to arg: f (arg)^T is f (arg^T);</li>
 *   <li>after an explicit *, /, .* or ./, "l op f (arg)" is (l op f) (arg), left-associative;</li>
 *   <li>"-f (arg)" is (-f) (arg), so "l op -f (arg)" is (l op -f) (arg).</li>
 * </ul>
 * A call the user parenthesised, "(X (A + B))^T", keeps its grouping: AstBuilder widens the span
 * of a parenthesised call (or postfix chain or negation) to include the parentheses, so a bare one
 * starts at its name.
 */
final class Juxtaposition implements AstVisitor<Ast> {
    private final Predicate<String> isVariable;
    /** Products made from bare calls, whose right factor a following postfix or operator regroups. */
    private final Set<Ast> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private final Predicate<String> isFunction;

    Juxtaposition(Predicate<String> isVariable, Predicate<String> isFunction) {
        this.isVariable = isVariable;
        this.isFunction = isFunction;
    }

    /** The name without the primes of f'(x). */
    static String base(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '\'') end--;
        return name.substring(0, end);
    }

    Ast rewrite(Ast a) { return a.accept(this); }

    /** The same test ShapeInference.visitCall applies before reading a call as a product. */
    private boolean isProduct(Ast.Call c) {
        String f = c.name();
        if (isFunction.test(base(f))) return false;
        if (!base(f).equals(f)) return c.args().size() == 1; // x'(y) of a variable: x^T (y)
        if (ShapeInference.FUNCTIONS.contains(f) && !isVariable.test(f)) return false;
        if (!isVariable.test(f) && c.adjacent()) return false; // an unknown function: an error later
        return c.args().size() == 1;
    }

    public Ast visitNumber(Ast.Number n) { return n; }
    public Ast visitName(Ast.Name n) { return n; }
    public Ast visitMatrix(Ast.Matrix m) { return m; }

    public Ast visitCall(Ast.Call c) {
        List<Ast> args = new ArrayList<>(c.args().size());
        for (Ast a : c.args()) args.add(rewrite(a));
        if (!isProduct(c)) return new Ast.Call(c.name(), c.nameSpan(), args, c.adjacent(), c.span());
        String base = base(c.name());
        Ast left = new Ast.Name(base, new Span(c.nameSpan().start(), c.nameSpan().start() + base.length()));
        for (int k = base.length(); k < c.name().length(); k++) {
            left = new Ast.Prime(left, new Span(c.nameSpan().start(), c.nameSpan().start() + k + 1));
        }
        Ast.Binary product = new Ast.Binary(Ast.BinOp.MUL, left, args.get(0), c.nameSpan(), c.span());
        open.add(product);
        return product;
    }

    public Ast visitBinary(Ast.Binary b) {
        Ast l = rewrite(b.left()), r = rewrite(b.right());
        if (b.op() != Ast.BinOp.ADD && b.op() != Ast.BinOp.SUB && isOpen(b.right(), r)) {
            Ast.Binary p = (Ast.Binary) r;
            Ast.Binary left = new Ast.Binary(b.op(), l, p.left(), b.opSpan(), l.span().union(p.left().span()));
            return new Ast.Binary(Ast.BinOp.MUL, left, p.right(), p.opSpan(), b.span());
        }
        return new Ast.Binary(b.op(), l, r, b.opSpan(), b.span());
    }

    /** -f (arg) is (-f) (arg), as -f g is (-f) g: a following "* h (arg2)" or "a / -f (arg)" regroups the same way. */
    public Ast visitNegate(Ast.Negate n) {
        Ast arg = rewrite(n.arg());
        // A parenthesised negation, "(-f (arg))", has a span that ends after its argument's.
        boolean bare = n.span().end() == n.arg().span().end();
        if (!bare || !isOpen(n.arg(), arg)) return new Ast.Negate(arg, n.span());
        Ast.Binary p = (Ast.Binary) arg;
        Ast negated = new Ast.Negate(p.left(), new Span(n.span().start(), p.left().span().end()));
        Ast.Binary product = new Ast.Binary(Ast.BinOp.MUL, negated, p.right(), p.opSpan(), n.span());
        open.add(product);
        return product;
    }

    /**
     * Whether rewritten (from the syntax node orig) is a product from a call that no parentheses
     * enclose: AstBuilder widens the span of a parenthesised call or postfix node to the parentheses,
     * so an enclosed one starts before the name.
     */
    private boolean isOpen(Ast orig, Ast rewritten) {
        return open.contains(rewritten) && orig.span().start() == ((Ast.Binary) rewritten).left().span().start();
    }

    /** base suffix, where base may be an open product f (arg): then f (arg suffix). */
    private Ast postfix(Ast origBase, Ast base, java.util.function.Function<Ast, Ast> suffix, Span span) {
        if (!isOpen(origBase, base)) return suffix.apply(base);
        Ast.Binary p = (Ast.Binary) base;
        Ast applied = suffix.apply(p.right());
        Ast.Binary product = new Ast.Binary(Ast.BinOp.MUL, p.left(), applied, p.opSpan(), span);
        open.add(product);
        return product;
    }

    private static Span from(Ast a, Span whole) { return new Span(a.span().start(), Math.max(a.span().start(), whole.end())); }

    public Ast visitPrime(Ast.Prime p) {
        return postfix(p.arg(), rewrite(p.arg()), a -> new Ast.Prime(a, from(a, p.span())), p.span());
    }

    public Ast visitPower(Ast.Power p) {
        Ast exponent = rewrite(p.exponent());
        return postfix(p.base(), rewrite(p.base()), a -> new Ast.Power(a, exponent, from(a, p.span())), p.span());
    }

    public Ast visitElemPower(Ast.ElemPower p) {
        Ast exponent = rewrite(p.exponent());
        return postfix(p.base(), rewrite(p.base()), a -> new Ast.ElemPower(a, exponent, from(a, p.span())), p.span());
    }

    public Ast visitIndex(Ast.Index ix) {
        Ast row = rewrite(ix.row()), col = ix.col() == null ? null : rewrite(ix.col());
        return postfix(ix.base(), rewrite(ix.base()), a -> new Ast.Index(a, row, col, from(a, ix.span())), ix.span());
    }
}
