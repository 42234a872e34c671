package matcalc.syntax;

import java.util.List;
import matcalc.Span;
import matcalc.expr.Rational;

/**
 * The untyped syntax tree, exactly what the user wrote, with a source span on every node so that
 * later stages (shapes, names) can point at the offending text.
 */
public sealed interface Ast {
    Span span();

    <R> R accept(AstVisitor<R> v);

    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), HADAMARD(".*"), ELEM_DIV("./");
        public final String symbol;
        BinOp(String symbol) { this.symbol = symbol; }
    }

    record Number(Rational value, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitNumber(this); }
    }

    record Name(String name, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitName(this); }
    }

    /** name(args); {@code adjacent} is true when no space separates the name from '('. */
    record Call(String name, Span nameSpan, List<Ast> args, boolean adjacent, Span span) implements Ast {
        public Call { args = List.copyOf(args); }
        public <R> R accept(AstVisitor<R> v) { return v.visitCall(this); }
    }

    record Binary(BinOp op, Ast left, Ast right, Span opSpan, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitBinary(this); }
    }

    record Negate(Ast arg, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitNegate(this); }
    }

    /** X' (the ^T form is a Power whose exponent is the name T). */
    record Prime(Ast arg, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitPrime(this); }
    }

    /** base^exponent: transpose (T), inverse (-1), inverse transpose (-T), matrix or scalar power. */
    record Power(Ast base, Ast exponent, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitPower(this); }
    }

    record ElemPower(Ast base, Ast exponent, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitElemPower(this); }
    }

    /** base[row] or base[row, col], 1-based; col may be null. */
    record Index(Ast base, Ast row, Ast col, Span span) implements Ast {
        public <R> R accept(AstVisitor<R> v) { return v.visitIndex(this); }
    }

    record Matrix(List<List<Rational>> rows, Span span) implements Ast {
        public Matrix { rows = rows.stream().map(List::copyOf).toList(); }
        public <R> R accept(AstVisitor<R> v) { return v.visitMatrix(this); }
    }

    /** One line of a program: {@code name = expr}, or a bare expression (name null). */
    record Statement(String name, Span nameSpan, Ast expr) {}
}
