package matcalc.syntax;

import java.util.ArrayList;
import java.util.List;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.expr.Rational;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Parse tree to syntax tree; the only place that knows the shape of ANTLR's contexts. */
final class AstBuilder extends MatcalcBaseVisitor<Ast> {

    static Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() != null ? ctx.getStop() : ctx.getStart();
        int end = Math.max(stop.getStopIndex() + 1, ctx.getStart().getStartIndex());
        return new Span(ctx.getStart().getStartIndex(), end);
    }

    static Span span(Token t) { return new Span(t.getStartIndex(), t.getStopIndex() + 1); }

    List<Ast.Statement> statements(MatcalcParser.ProgramContext ctx) {
        List<Ast.Statement> out = new ArrayList<>();
        for (MatcalcParser.StatementContext s : ctx.statement()) {
            if (s instanceof MatcalcParser.BindingContext b) {
                out.add(new Ast.Statement(b.ID().getText(), span(b.ID().getSymbol()), visit(b.expr())));
            } else {
                out.add(new Ast.Statement(null, null, visit(((MatcalcParser.BareExprContext) s).expr())));
            }
        }
        return out;
    }

    @Override public Ast visitExpression(MatcalcParser.ExpressionContext ctx) { return visit(ctx.expr()); }

    @Override public Ast visitExpr(MatcalcParser.ExprContext ctx) {
        // Children alternate term (addOp term)*; one pass (ctx.addOp(i) / ctx.term(i) each scan all children).
        Ast acc = null;
        MatcalcParser.AddOpContext op = null;
        for (var child : ctx.children) {
            if (child instanceof MatcalcParser.AddOpContext o) { op = o; continue; }
            if (!(child instanceof MatcalcParser.TermContext)) continue;
            Ast right = visit(child);
            if (acc == null) { acc = right; continue; }
            Ast.BinOp bop = op.getText().equals("+") ? Ast.BinOp.ADD : Ast.BinOp.SUB;
            acc = new Ast.Binary(bop, acc, right, span(op), acc.span().union(right.span()));
        }
        return acc;
    }

    @Override public Ast visitTerm(MatcalcParser.TermContext ctx) {
        // Children alternate: unary, then (mulOp unary | power)*; juxtaposition is a product.
        Ast acc = null;
        Ast.BinOp pending = null;
        Span pendingSpan = null;
        boolean kron = false;
        for (var child : ctx.children) {
            if (child instanceof MatcalcParser.MulOpContext op) {
                pending = switch (op.getText()) {
                    case "*", "·", "@", "\\cdot" -> Ast.BinOp.MUL;
                    case "/" -> Ast.BinOp.DIV;
                    case ".*", "⊙", "∘", "\\odot", "\\circ" -> Ast.BinOp.HADAMARD;
                    case "⊗", "\\otimes" -> null; // A ⊗ B is kron(A, B), below
                    default -> Ast.BinOp.ELEM_DIV;
                };
                kron = op.getText().equals("⊗") || op.getText().equals("\\otimes");
                pendingSpan = span(op);
                continue;
            }
            Ast operand = visit(child);
            if (acc == null) {
                acc = operand;
            } else if (kron) {
                acc = new Ast.Call("kron", pendingSpan, List.of(acc, operand), false, acc.span().union(operand.span()));
                kron = false;
            } else {
                Ast.BinOp op = pending != null ? pending : Ast.BinOp.MUL;
                Span opSpan = pendingSpan != null ? pendingSpan : Span.at(Math.max(0, operand.span().start() - 1));
                acc = new Ast.Binary(op, acc, operand, opSpan, acc.span().union(operand.span()));
            }
            pending = null;
            pendingSpan = null;
        }
        return acc;
    }

    /** An odd number of '-' signs is one negation; '+' signs and pairs of '-' cancel. */
    @Override public Ast visitUnary(MatcalcParser.UnaryContext ctx) {
        Ast arg = visit(ctx.power());
        boolean negative = false;
        for (MatcalcParser.SignContext s : ctx.sign()) if (!s.getText().equals("+")) negative = !negative; // - or −
        if (!negative) return arg;
        Span sp = span(ctx);
        if (arg instanceof Ast.Number n) return new Ast.Number(n.value().negate(), sp);
        return new Ast.Negate(arg, sp);
    }

    @Override public Ast visitPower(MatcalcParser.PowerContext ctx) {
        Ast acc = visit(ctx.primary());
        for (MatcalcParser.SuffixContext s : ctx.suffix()) {
            Span sp = acc.span().union(span(s));
            if (s instanceof MatcalcParser.PrimeSuffixContext) {
                acc = new Ast.Prime(acc, sp);
            } else if (s instanceof MatcalcParser.SuperscriptSuffixContext) {
                // X⁻¹, x², x³: the exponent written as a superscript
                String t = s.getText();
                long k = t.equals("⁻¹") ? -1 : t.equals("²") ? 2 : 3;
                acc = new Ast.Power(acc, new Ast.Number(Rational.of(k), span(s)), sp);
            } else if (s instanceof MatcalcParser.PowSuffixContext p) {
                acc = new Ast.Power(acc, visit(p.exponent()), sp);
            } else if (s instanceof MatcalcParser.ElemPowSuffixContext p) {
                acc = new Ast.ElemPower(acc, visit(p.exponent()), sp);
            } else {
                MatcalcParser.IndexSuffixContext ix = (MatcalcParser.IndexSuffixContext) s;
                Ast row = visit(ix.expr(0));
                Ast col = ix.expr().size() > 1 ? visit(ix.expr(1)) : null;
                acc = new Ast.Index(acc, row, col, sp);
            }
        }
        return acc;
    }

    @Override public Ast visitBracedExponent(MatcalcParser.BracedExponentContext ctx) { return visit(ctx.expr()); }

    @Override public Ast visitParenExponent(MatcalcParser.ParenExponentContext ctx) { return visit(ctx.expr()); }

    /** X^⊤ is X^T. */
    @Override public Ast visitTopExponent(MatcalcParser.TopExponentContext ctx) { return new Ast.Name("T", span(ctx)); }

    @Override public Ast visitAtomExponent(MatcalcParser.AtomExponentContext ctx) {
        Ast atom = ctx.NUMBER() != null ? number(ctx.NUMBER()) : new Ast.Name(ctx.ID().getText(), span(ctx.ID().getSymbol()));
        if (ctx.getChild(0).getText().equals("-") || ctx.getChild(0).getText().equals("−")) {
            if (atom instanceof Ast.Number n) return new Ast.Number(n.value().negate(), span(ctx));
            return new Ast.Negate(atom, span(ctx));
        }
        return atom;
    }

    @Override public Ast visitCall(MatcalcParser.CallContext ctx) {
        List<Ast> args = new ArrayList<>();
        for (MatcalcParser.ExprContext e : ctx.expr()) args.add(visit(e));
        Token name = ctx.ID().getSymbol();
        Token last = ctx.primes.isEmpty() ? name : ctx.primes.get(ctx.primes.size() - 1);
        Token open = (Token) ctx.getChild(1 + ctx.primes.size()).getPayload();
        boolean adjacent = open.getStartIndex() == last.getStopIndex() + 1;
        Span nameSpan = new Span(name.getStartIndex(), last.getStopIndex() + 1);
        return new Ast.Call(name.getText() + "'".repeat(ctx.primes.size()), nameSpan, args, adjacent, span(ctx));
    }

    @Override public Ast visitNumber(MatcalcParser.NumberContext ctx) { return number(ctx.NUMBER()); }

    // ----- LaTeX, as papers write it -----

    /** LaTeX commands read as the matcalc name they stand for; others are refused (\begin, \quad ...). */
    private static final java.util.Set<String> LATEX_FUNCTIONS = java.util.Set.of("log", "exp", "det", "tr", "sin", "cos", "tan", "tanh",
            "sqrt", "diag", "vec", "softmax", "max", "min", "sum");
    private static final java.util.Set<String> GREEK = java.util.Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon",
            "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi",
            "chi", "psi", "omega", "Sigma", "Lambda", "Gamma", "Delta", "Theta", "Phi", "Psi", "Omega");

    /** \operatorname{tr} is tr, \mathbf{x} is x, \log is log, \lambda is lambda. */
    private static String latexName(MatcalcParser.LatexContext ctx, boolean call) {
        String t = ctx.getText();
        if (ctx.LATEX_WORD() != null) return t.substring(t.indexOf('{') + 1, t.length() - 1);
        String name = t.substring(1);
        if (call && name.equals("sigma")) return "sigmoid"; // \sigma(W x) is the logistic function
        if (LATEX_FUNCTIONS.contains(name) || GREEK.contains(name)) return name;
        throw new MatcalcError(MatcalcError.Kind.SYNTAX, "syntax: LaTeX command '" + t + "' is not read (write tr(X^T A X), x^T, inv(X),"
                + " 1/2 x, norm2(A x - b)^2, sigmoid(W x))", span(ctx));
    }

    @Override public Ast visitLatexName(MatcalcParser.LatexNameContext ctx) {
        return new Ast.Name(latexName(ctx.latex(), false), span(ctx));
    }

    @Override public Ast visitLatexCall(MatcalcParser.LatexCallContext ctx) {
        List<Ast> args = new ArrayList<>();
        for (MatcalcParser.ExprContext e : ctx.expr()) args.add(visit(e));
        Token open = (Token) ctx.getChild(1).getPayload();
        boolean adjacent = open.getStartIndex() == ctx.latex().getStop().getStopIndex() + 1;
        return new Ast.Call(latexName(ctx.latex(), adjacent), span(ctx.latex()), args, adjacent, span(ctx));
    }

    @Override public Ast visitLatexOnes(MatcalcParser.LatexOnesContext ctx) { return new Ast.Name("ones", span(ctx)); }

    @Override public Ast visitLatexFrac(MatcalcParser.LatexFracContext ctx) {
        Ast num = visit(ctx.num), den = visit(ctx.den);
        Span sp = span(ctx);
        if (num instanceof Ast.Number a && den instanceof Ast.Number b && !b.value().isZero()) return new Ast.Number(a.value().div(b.value()), sp);
        return new Ast.Binary(Ast.BinOp.DIV, num, den, span(ctx), sp);
    }

    /** \|x\| and \|x\|_2 are norm2(x), \|x\|_1 is norm1(x), \|X\|_F the Frobenius norm2(X). */
    @Override public Ast visitLatexNorm(MatcalcParser.LatexNormContext ctx) {
        String sub = ctx.ID() == null ? "_2" : ctx.ID().getText();
        String fn = switch (sub) {
            case "_2", "_F" -> "norm2";
            case "_1" -> "norm1";
            default -> throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "only the norms \\|x\\|_1, \\|x\\|_2 and \\|X\\|_F are read",
                    span(ctx.ID().getSymbol()));
        };
        return new Ast.Call(fn, span(ctx), List.of(visit(ctx.expr())), true, span(ctx));
    }

    private static Ast.Number number(TerminalNode t) {
        return new Ast.Number(literal(t.getSymbol()), span(t.getSymbol()));
    }

    /** Longest literal and largest decimal exponent accepted: numbers are exact rationals, so 1e999999999 would be a billion digits. */
    static final int MAX_DIGITS = 100, MAX_EXPONENT = 100;

    static Rational literal(Token t) {
        String text = t.getText();
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(text);
        } catch (NumberFormatException e) { // an exponent beyond int range
            d = null;
        }
        if (d == null || text.length() > MAX_DIGITS || Math.abs((long) d.precision() - d.scale() - 1) > MAX_EXPONENT) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "number out of range (at most " + MAX_DIGITS
                    + " characters, magnitude between 1e-" + MAX_EXPONENT + " and 1e" + MAX_EXPONENT + ")", span(t));
        }
        return Rational.parse(text);
    }

    @Override public Ast visitName(MatcalcParser.NameContext ctx) { return new Ast.Name(ctx.ID().getText(), span(ctx)); }

    /**
     * A parenthesised call, or postfix chain or negation of one, keeps the parentheses in its span:
     * the typer groups "(X (A))^T" and "(X (A)^T)^2" differently from "X (A)^T" and "X (A)^T^2".
     */
    @Override public Ast visitParens(MatcalcParser.ParensContext ctx) {
        Ast inner = visit(ctx.expr());
        Span sp = span(ctx);
        if (inner instanceof Ast.Call c) return new Ast.Call(c.name(), c.nameSpan(), c.args(), c.adjacent(), sp);
        if (inner instanceof Ast.Power p) return new Ast.Power(p.base(), p.exponent(), sp);
        if (inner instanceof Ast.Prime p) return new Ast.Prime(p.arg(), sp);
        if (inner instanceof Ast.ElemPower p) return new Ast.ElemPower(p.base(), p.exponent(), sp);
        if (inner instanceof Ast.Index ix) return new Ast.Index(ix.base(), ix.row(), ix.col(), sp);
        if (inner instanceof Ast.Negate n) return new Ast.Negate(n.arg(), sp);
        return inner;
    }

    @Override public Ast visitMatrixLiteral(MatcalcParser.MatrixLiteralContext ctx) {
        List<List<Rational>> rows = new ArrayList<>();
        for (MatcalcParser.MatrixRowContext r : ctx.matrixRow()) {
            List<Rational> row = new ArrayList<>();
            for (MatcalcParser.SignedNumberContext n : r.signedNumber()) {
                Rational v = literal(n.NUMBER().getSymbol());
                row.add(n.getChildCount() > 1 ? v.negate() : v);
            }
            if (!rows.isEmpty() && rows.get(0).size() != row.size()) {
                throw new MatcalcError(MatcalcError.Kind.SHAPE, "matrix rows have different lengths ("
                        + rows.get(0).size() + " and " + row.size() + ")", span(r));
            }
            rows.add(row);
        }
        return new Ast.Matrix(rows, span(ctx));
    }
}
