package matcalc.render;

import static matcalc.render.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import matcalc.expr.*;
import org.junit.jupiter.api.Test;

class TextRendererTest {

    private static void check(String expected, Expr e) { assertEquals(expected, TextRenderer.render(e)); }

    @Test void atoms() {
        check("X", X);
        check("dX", new DVar(X));
        check("I", new Identity(N));
        check("ones", new Ones(Shape.column(N)));
        check("0", new Zero(Shape.SCALAR));
        check("0", new Zero(Shape.square(N)));
        check("K(m, n)", new Commutation(Dim.sym("m"), N));
        check("onehot(2)", new UnitVector(N, 2));
    }

    @Test void numbers() {
        check("2", num(2));
        check("-3", num(-3));
        check("1/2", num(1, 2));
        check("-1/2", num(-1, 2));
        check("(-3)^a", pow(num(-3), a));
        check("(1/2)^a", pow(num(1, 2), a));
        check("2^a", pow(num(2), a));
    }

    @Test void matrixLiterals() {
        List<List<Rational>> m = List.of(List.of(Rational.of(1), Rational.of(2)), List.of(Rational.of(3), Rational.of(-4)));
        check("[1 2; 3 -4]", new MatrixLiteral(m));
        check("[1; 2; 3]", new MatrixLiteral(List.of(List.of(Rational.ONE), List.of(Rational.TWO), List.of(Rational.of(3)))));
        check("[0.5 1/3]", new MatrixLiteral(List.of(List.of(Rational.of(1, 2), Rational.of(1, 3)))));
    }

    @Test void entries() {
        check("x[2]", new Entry(x, 2, 1));
        check("A[1, 2]", new Entry(A, 1, 2));
        check("(A B)[1, 2]", new Entry(mul(A, B), 1, 2));
        check("A[1, 2]^2", pow(new Entry(A, 1, 2), num(2)));
    }

    @Test void sumsAndDifferences() {
        check("A + B", add(A, B));
        check("A - 2 B", add(A, mul(num(-2), B)));
        check("A - B", add(A, neg(B)));
        check("-A + B", add(neg(A), B));
        check("-2 A + B", add(mul(num(-2), A), B));
        check("-1/2 A + B", add(mul(num(-1, 2), A), B));
        check("A - 1/2 B", add(A, mul(num(-1, 2), B)));
        check("-3 + a", add(num(-3), a));
        check("a - 3", add(a, num(-3)));
        check("a - (b + c)", add(a, neg(add(b, c))));
        check("a - a / b", add(a, mul(num(-1), a, recip(b))));
        check("A + a (B + X)", add(A, mul(a, add(B, X))));
        check("a + b + c", add(add(a, b), c));
        check("a + (b + c)", add(a, add(b, c)));
    }

    @Test void subtractingANestedProduct() {
        // Ops.sub builds -1 (s s^T) without flattening; it still reads as a difference.
        check("diag(s) - s s^T", add(new Diag(s), neg(mul(s, t(s)))));
        check("-x^T A x", neg(mul(t(x), A, x)));
    }

    @Test void products() {
        check("A X B", mul(A, X, B));
        check("2 x", mul(num(2), x));
        check("1/2 A", mul(num(1, 2), A));
        check("-A", neg(A));
        check("-A B", mul(num(-1), A, B));
        check("-2 (a + b)", mul(num(-2), add(a, b)));
        check("a X", mul(X, a));                     // scalar factors first
        check("-A B", mul(A, neg(B)));               // the inner coefficient moves to the front
        check("(A + A^T) X", mul(add(A, t(A)), X));
        check("x^T (A + A^T)", mul(t(x), add(A, t(A))));
        check("(x^T y) A", mul(mul(t(x), y), A));    // an inner product stays grouped
        check("A B", mul(num(1), A, B));
        check("6 x", mul(num(2), x, num(3)));
        check("-2 x", mul(num(2), neg(x)));
    }

    @Test void division() {
        check("a / b", mul(a, recip(b)));
        check("2 x^T / norm2(x)", mul(num(2), t(x), recip(new Norm(2, x))));
        check("x / b^2", mul(x, pow(b, num(-2))));
        check("1 / b", recip(b));
        check("1 / b^2", pow(b, num(-2)));
        check("-1 / b", neg(recip(b)));
        check("1 / (a + b)", recip(add(a, b)));
        check("a / (b c)", mul(a, recip(mul(b, c))));
        check("1/2 A / b", mul(num(1, 2), A, recip(b)));
        check("x^T A x / b", mul(mul(t(x), A, x), recip(b)));
    }

    @Test void transposeAndInverse() {
        check("X^T", t(X));
        check("(A B)^T", t(mul(A, B)));
        check("(X^T)^T", t(t(X)));
        check("X^{-1}", inv(X));
        check("X^{-T}", t(inv(X)));
        check("(X^T)^{-1}", inv(t(X)));
        check("(A + B)^{-1}", inv(add(A, B)));
        check("(A + B)^{-T}", t(inv(add(A, B))));
        check("-X^{-T} B", mul(num(-1), t(inv(X)), B));
        check("-X^{-T}", neg(t(inv(X))));
        check("(-A)^T", t(neg(A)));
    }

    @Test void powers() {
        check("X^3", new MatPow(X, 3));
        check("(A B)^2", new MatPow(mul(A, B), 2));
        check("a^2", pow(a, num(2)));
        check("a^(1/2)", pow(a, num(1, 2)));
        check("a^b", pow(a, b));
        check("a^(b + 1)", pow(a, add(b, num(1))));
        check("(a^b)^c", pow(pow(a, b), c));
        check("a^(b^c)", pow(a, pow(b, c)));
        check("norm2(x)^2", pow(new Norm(2, x), num(2)));
        check("(a + b)^2", pow(add(a, b), num(2)));
        check("(x^T y)^2", pow(mul(t(x), y), num(2)));
        check("A.^2", new ElemPow(A, num(2)));
        check("A.^(1/2)", new ElemPow(A, num(1, 2)));
        check("A.^(-1)", new ElemPow(A, num(-1)));
        check("(A + B).^2", new ElemPow(add(A, B), num(2)));
    }

    @Test void hadamard() {
        check("u .* v", had(u, v));
        check("u ./ v", had(u, new ElemPow(v, num(-1))));
        check("u ./ v.^2", had(u, new ElemPow(v, num(-2))));
        check("v.^(-1) .* u", had(new ElemPow(v, num(-1)), u));
        check("(u .* v) y^T", mul(had(u, v), t(y)));
        check("(W x) .* s", had(mul(W, x), s));
        check("s .* (W x)", had(s, mul(W, x)));
        check("A .* (-B)", had(A, neg(B)));
        check("-A .* B", had(neg(A), B));            // unary minus binds tighter
        check("(-2 A) .* B", had(mul(num(-2), A), B));
        check("(A + B) .* X^T", had(add(A, B), t(X)));
    }

    @Test void functions() {
        check("tr(A)", new Trace(A));
        check("det(A)", new Det(A));
        check("logdet(A + B)", new LogDet(add(A, B)));
        check("sum(A .* B)", new Sum(had(A, B)));
        check("norm1(x)", new Norm(1, x));
        check("norm2(A)", new Norm(2, A));
        check("diag(v)", new Diag(v));
        check("diag(A)", new DiagOf(A));
        check("vec(A X)", new Vec(mul(A, X)));
        check("kron(B^T, A)", new Kron(t(B), A));
        check("softmax(W x)", new Softmax(mul(W, x)));
        check("max(a, -b)", new Max(a, neg(b)));
        check("exp(A)", apply(Fn.EXP, A));
        check("sigmoid(W x)", apply(Fn.SIGMOID, mul(W, x)));
        check("step(a - b)", apply(Fn.STEP, add(a, neg(b))));
        check("tr(A)^2", pow(new Trace(A), num(2)));
        check("tr(A) X", mul(X, new Trace(A)));
    }

    /** Siblings fix each other's sizes only when one's shape follows from its variables: A ones is n x k for any k. */
    @Test void constantsSizedWhereSiblingsDoNotFixThem() {
        Expr ones = new Ones(Shape.column(N));
        check("diag(A ones(n) - A^T ones(n))", new Diag(add(mul(A, ones), neg(mul(t(A), ones)))));
        check("sum(A ones(n) + B ones(n))", new Sum(add(mul(A, ones), mul(B, ones))));
        // must not change: a sibling that is a variable fixes the constant, inside a reduction too
        check("diag(A ones + x)", new Diag(add(mul(A, ones), x)));
        check("sum(ones + x)", new Sum(add(ones, x)));
        check("diag(x .* ones)", new Diag(had(x, ones)));
    }
}
