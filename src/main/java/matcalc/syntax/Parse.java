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
        return parse(text, MatcalcParser::expression, ctx -> new AstBuilder().visit(ctx));
    }

    /** lhs = rhs, as a pair. */
    public static Ast[] equation(String text) {
        return parse(text, MatcalcParser::equation, ctx -> {
            AstBuilder b = new AstBuilder();
            return new Ast[] {b.visit(ctx.lhs), b.visit(ctx.rhs)};
        });
    }

    public static List<Ast.Statement> program(String text) {
        return parse(text, MatcalcParser::program, ctx -> new AstBuilder().statements(ctx));
    }

    private static <C extends ParserRuleContext, T> T parse(String text, Function<MatcalcParser, C> rule, Function<C, T> build) {
        checkLimits(text);
        try {
            MatcalcParser p = parser(text);
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
            throw e.withSource(text);
        } catch (StackOverflowError e) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "expression is nested too deeply", List.of(), text);
        }
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
