package matcalc.syntax;

import java.util.List;
import java.util.function.Function;
import matcalc.MatcalcError;
import matcalc.Span;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Text to syntax tree. Parses in ANTLR's fast SLL mode first and falls back to full LL only when
 * SLL fails (the usual two-stage strategy); syntax errors become one {@link MatcalcError} with a
 * caret position.
 */
public final class Parse {
    /** Deeper nesting than this is refused before ANTLR's recursion could exhaust the stack. */
    public static final int MAX_NESTING = 250;
    public static final int MAX_LENGTH = 100_000;

    private Parse() {}

    public static Ast expression(String text) {
        return parse(text, false, MatcalcParser::expression, ctx -> limited(new AstBuilder().visit(ctx)));
    }

    private static Ast limited(Ast a) {
        Limits.check(a);
        return a;
    }

    /** lhs = rhs, as a pair. */
    public static Ast[] equation(String text) {
        return parse(text, false, MatcalcParser::equation, ctx -> {
            AstBuilder b = new AstBuilder();
            return new Ast[] {limited(b.visit(ctx.lhs)), limited(b.visit(ctx.rhs))};
        });
    }

    public static List<Ast.Statement> program(String text) {
        return parse(text, true, MatcalcParser::program, ctx -> {
            List<Ast.Statement> statements = new AstBuilder().statements(ctx);
            for (Ast.Statement s : statements) Limits.check(s.expr());
            return statements;
        });
    }

    /** @param comments whether '#' comments are allowed (in program files; not inside one expression or claim) */
    private static <C extends ParserRuleContext, T> T parse(String text, boolean comments, Function<MatcalcParser, C> rule, Function<C, T> build) {
        checkLimits(text);
        try {
            MatcalcParser p = parser(text);
            lexicalChecks(p, comments);
            p.getInterpreter().setPredictionMode(PredictionMode.SLL);
            p.setErrorHandler(new BailErrorStrategy());
            C ctx;
            try {
                ctx = rule.apply(p);
            } catch (ParseCancellationException sllFailed) {
                p = parser(text);
                p.getInterpreter().setPredictionMode(PredictionMode.LL);
                p.setErrorHandler(new DefaultErrorStrategy());
                ctx = rule.apply(p);
            }
            return build.apply(ctx);
        } catch (MatcalcError e) {
            throw withHint(e, text).withSource(text);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "expression is nested too deeply", List.of(), text);
        }
    }

    /**
     * What the grammar would accept but reads as something else: '-x#~}' as -x with a comment (the
     * rest silently dropped), so '#' is refused outside files; '4X.1' as 4 X 0.1, so a number
     * starting with '.' glued to the operand before it is refused.
     */
    private static void lexicalChecks(MatcalcParser p, boolean comments) {
        CommonTokenStream tokens = (CommonTokenStream) p.getTokenStream();
        tokens.fill();
        Token previous = null;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == MatcalcLexer.COMMENT && !comments) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "syntax: unexpected '#' ('#' starts a comment only in program and problem files)",
                        Span.at(t.getStartIndex()));
            }
            if (t.getType() == MatcalcLexer.NUMBER && t.getText().startsWith(".") && previous != null
                    && previous.getStopIndex() + 1 == t.getStartIndex()
                    && (previous.getType() == MatcalcLexer.ID || previous.getType() == MatcalcLexer.NUMBER || previous.getText().equals(")"))) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "syntax: unexpected '" + t.getText() + "' right after '" + previous.getText()
                        + "' (write 0" + t.getText() + " for the number, with a space or '*' before it)", new Span(t.getStartIndex(), t.getStopIndex() + 1));
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) previous = t;
        }
        tokens.seek(0);
    }

    private static void checkLimits(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "input is longer than " + MAX_LENGTH + " characters", List.of(), text);
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') depth--;
            if (depth > MAX_NESTING) {
                throw new MatcalcError(MatcalcError.Kind.SYNTAX, "brackets nested more than " + MAX_NESTING + " deep",
                        List.of(Span.at(i)), text);
            }
        }
    }

    private static MatcalcParser parser(String text) {
        MatcalcLexer lexer = new MatcalcLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(THROWING);
        MatcalcParser p = new MatcalcParser(new CommonTokenStream(lexer));
        p.removeErrorListeners();
        p.addErrorListener(THROWING);
        return p;
    }

    private static final BaseErrorListener THROWING = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg, RecognitionException e) {
            int pos;
            String what;
            if (offending instanceof Token t) {
                pos = t.getType() == Token.EOF ? t.getStartIndex() : t.getStartIndex();
                what = t.getType() == Token.EOF ? "unexpected end of input" : "unexpected '" + t.getText() + "'";
                if (t.getType() == MatcalcLexer.ANY) what = "unexpected character '" + t.getText() + "'";
                if (t.getType() == MatcalcLexer.NEWLINE) what = "unexpected end of line";
            } else {
                // Lexer errors have no token; find the offset from line/column.
                pos = offset(recognizer, line, col);
                what = "unexpected character";
            }
            String hint = hint(msg);
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "syntax: " + what + hint, Span.at(Math.max(0, pos)));
        }
    };

    /** A syntax error at something typed the LaTeX or NumPy way: the matcalc spelling. */
    private static MatcalcError withHint(MatcalcError e, String text) {
        if (e.kind() != MatcalcError.Kind.SYNTAX || e.spans().isEmpty() || e.source() != null) return e;
        String h = spellingHint(text, e.spans().get(0).start());
        return h == null ? e : new MatcalcError(e.kind(), e.getMessage() + " " + h, e.spans(), null);
    }

    static String spellingHint(String text, int pos) {
        if (pos < 0 || pos >= text.length()) return null;
        char c = text.charAt(pos);
        String before = text.substring(0, pos);
        if (c == '\\' || text.indexOf('\\') >= 0 && text.indexOf('\\') < pos) {
            return "(LaTeX is read only in part: \\operatorname{tr}(X), \\mathbf{x}^\\top, \\frac{1}{2}, \\|x\\|_2, \\log, \\odot, \\otimes;"
                    + " or write tr(X^T A X), x^T, inv(X), 1/2 x, norm2(A x - b)^2, sigmoid(W x))";
        }
        if (c == '‖') return "(write norm2(x) for the Euclidean norm, norm2(x)^2 for its square)";
        if (c == '∑') return "(write sum(x) for the sum of the entries)";
        if (c == '∂') return "(Leibniz notation is not read: write diff(f, x), or the expression alone with --wrt x)";
        if (c == '*' && before.endsWith("*")) return "('**' is not read: write .^ for NumPy's element-wise **, ^ for a matrix or scalar power)";
        if (c == '.' && before.matches("(?s).*\\b(np|numpy|torch|linalg|F|nn)$")) {
            return "(drop the prefix: np.trace(X) is tr(X), np.linalg.inv(X) is inv(X), torch.sigmoid(x) is sigmoid(x))";
        }
        if (c == '.' && text.startsWith(".T", pos)) return "(write x^T or x' for the transpose)";
        return null;
    }

    private static String hint(String antlrMsg) {
        if (antlrMsg.contains("missing ')'") || antlrMsg.contains("expecting ')'")) return " (missing ')'?)";
        if (antlrMsg.contains("expecting")) return "";
        return "";
    }

    private static int offset(Recognizer<?, ?> recognizer, int line, int col) {
        if (recognizer instanceof MatcalcLexer lx) {
            String all = lx.getInputStream().toString();
            int off = 0;
            for (int l = 1; l < line; l++) off = all.indexOf('\n', off) + 1;
            return off + col;
        }
        return col;
    }
}
