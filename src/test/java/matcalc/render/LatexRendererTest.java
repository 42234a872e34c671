package matcalc.render;

import static matcalc.render.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import matcalc.expr.*;
import org.junit.jupiter.api.Test;

class LatexRendererTest {

    private static void check(String expected, Expr e) { assertEquals(expected, LatexRenderer.render(e)); }

    @Test void varNames() {
        assertEquals("x", LatexRenderer.renderVarName("x"));
        assertEquals("W_{1}", LatexRenderer.renderVarName("W1"));
        assertEquals("W_{21}", LatexRenderer.renderVarName("W21"));
        assertEquals("l_{1}", LatexRenderer.renderVarName("l1"));
        assertEquals("\\alpha", LatexRenderer.renderVarName("alpha"));
        assertEquals("\\Sigma", LatexRenderer.renderVarName("Sigma"));
        assertEquals("\\lambda_{2}", LatexRenderer.renderVarName("lambda2"));
        assertEquals("\\hat{y}", LatexRenderer.renderVarName("yhat"));
        assertEquals("\\bar{x}", LatexRenderer.renderVarName("xbar"));
        assertEquals("\\hat{\\theta}", LatexRenderer.renderVarName("thetahat"));
        assertEquals("\\mathit{loss}", LatexRenderer.renderVarName("loss"));
        assertEquals("\\mathit{loss}_{1}", LatexRenderer.renderVarName("loss1"));
        assertEquals("x_{0}", LatexRenderer.renderVarName("x_0"));
        assertEquals("W_{\\mathrm{out}}", LatexRenderer.renderVarName("W_out"));
        assertEquals("W1", TextRenderer.renderVarName("W1"));
    }

    @Test void atoms() {
        check("\\mathrm{d}X", new DVar(X));
        check("I", new Identity(N));
        check("\\mathbf{1}", new Ones(Shape.column(N)));
        check("0", new Zero(Shape.square(N)));
        check("K_{m,n}", new Commutation(Dim.sym("m"), N));
        check("e_{2}", new UnitVector(N, 2));
        check("X^{-2}", new MatPow(new Inverse(X), 2));
        check("X^{-3\\top}", new MatPow(new Transpose(new Inverse(X)), 3));
        check("X^{2}", new MatPow(X, 2));
        check("2", num(2));
        check("-3", num(-3));
        check("\\frac{1}{2}", num(1, 2));
        check("-\\frac{1}{2}", num(-1, 2));
        check("\\left(\\frac{1}{2}\\right)^{a}", pow(num(1, 2), a));
        check("\\left(-3\\right)^{a}", pow(num(-3), a));
    }

    @Test void matrixLiteralsAndEntries() {
        List<List<Rational>> m = List.of(List.of(Rational.of(1), Rational.of(2)), List.of(Rational.of(3), Rational.of(-1, 2)));
        check("\\begin{bmatrix} 1 & 2 \\\\ 3 & -\\frac{1}{2} \\end{bmatrix}", new MatrixLiteral(m));
        check("x_{2}", new Entry(x, 2, 1));
        check("A_{1,2}", new Entry(A, 1, 2));
        check("(W_{1})_{2}", new Entry(column("W1"), 2, 1));
        check("(A B)_{1,2}", new Entry(mul(A, B), 1, 2));
        check("x_{2}^{2}", pow(new Entry(x, 2, 1), num(2)));
    }

    @Test void sumsAndProducts() {
        check("(A + A^\\top) X", mul(add(A, t(A)), X));
        check("x^\\top (A + A^\\top)", mul(t(x), add(A, t(A))));
        check("A - 2 B", add(A, mul(num(-2), B)));
        check("-A + B", add(neg(A), B));
        check("\\frac{1}{2} A", mul(num(1, 2), A));
        check("-\\frac{1}{2} A + B", add(mul(num(-1, 2), A), B));
        check("a - (b + c)", add(a, neg(add(b, c))));
        check("\\operatorname{diag}(s) - s s^\\top", add(new Diag(s), neg(mul(s, t(s)))));
        check("-x^\\top A x", neg(mul(t(x), A, x)));
        check("(x^\\top y) A", mul(mul(t(x), y), A));
        check("a X", mul(X, a));
        check("-2 (a + b)", mul(num(-2), add(a, b)));
        check("W_{1} W_{2}", mul(square("W1"), square("W2")));
    }

    @Test void fractions() {
        check("\\frac{a}{b}", mul(a, recip(b)));
        check("\\frac{2 x^\\top}{\\lVert x \\rVert_2}", mul(num(2), t(x), recip(new Norm(2, x))));
        check("\\frac{1}{b}", recip(b));
        check("\\frac{1}{b^{2}}", pow(b, num(-2)));
        check("-\\frac{1}{b}", neg(recip(b)));
        check("\\frac{1}{a + b}", recip(add(a, b)));
        check("\\frac{a + b}{c}", mul(add(a, b), recip(c)));
        check("\\frac{A}{2 b}", mul(num(1, 2), A, recip(b)));
        check("\\frac{3 A}{2 b c}", mul(num(3, 2), A, recip(b), recip(c)));
        check("a - \\frac{a}{b}", add(a, mul(num(-1), a, recip(b))));
        check("\\left(\\frac{a}{b} + c\\right) x", mul(add(mul(a, recip(b)), c), x));
        check("\\left(\\frac{a}{b}\\right)^{2}", pow(mul(a, recip(b)), num(2)));
    }

    @Test void transposeInverseAndPowers() {
        check("A^\\top", t(A));
        check("\\left(A B\\right)^\\top", t(mul(A, B)));
        check("X^{-1}", inv(X));
        check("X^{-\\top}", t(inv(X)));
        check("-X^{-\\top} B", mul(num(-1), t(inv(X)), B));
        check("\\left(A + B\\right)^{-1}", inv(add(A, B)));
        check("X^{3}", new MatPow(X, 3));
        check("a^{2}", pow(a, num(2)));
        check("a^{1/2}", pow(a, num(1, 2)));
        check("a^{b + 1}", pow(a, add(b, num(1))));
        check("\\left(a + b\\right)^{2}", pow(add(a, b), num(2)));
        check("\\lVert x \\rVert_2^{2}", pow(new Norm(2, x), num(2)));
        check("W_{1}^\\top", t(square("W1")));
    }

    @Test void elementwise() {
        check("u \\odot v", had(u, v));
        check("u \\oslash v", had(u, new ElemPow(v, num(-1))));
        check("u \\oslash v^{\\circ 2}", had(u, new ElemPow(v, num(-2))));
        check("(u \\odot v) y^\\top", mul(had(u, v), t(y)));
        check("(W x) \\odot s", had(mul(W, x), s));
        check("A^{\\circ 2}", new ElemPow(A, num(2)));
        check("A^{\\circ 1/2}", new ElemPow(A, num(1, 2)));
        check("A^{\\circ -1}", new ElemPow(A, num(-1)));
        check("A^{\\circ (a + b)}", new ElemPow(A, add(a, b)));
        check("\\exp(A)", apply(Fn.EXP, A));
        check("\\sigma(W x)", apply(Fn.SIGMOID, mul(W, x)));
        check("\\operatorname{relu}(z)", apply(Fn.RELU, column("z")));
        check("\\sqrt{a}", apply(Fn.SQRT, a));
        check("\\lvert a \\rvert", apply(Fn.ABS, a));
        check("\\operatorname{abs}(A)", apply(Fn.ABS, A));
        check("\\mathbf{1}[a - b > 0]", apply(Fn.STEP, add(a, neg(b))));
        check("\\max(a, -b)", new Max(a, neg(b)));
    }

    @Test void reductionsAndStructure() {
        check("\\operatorname{tr}(A)", new Trace(A));
        check("\\det(A)", new Det(A));
        check("\\log\\det(A + B)", new LogDet(add(A, B)));
        check("\\operatorname{sum}(A)", new Sum(A));
        check("\\lVert x \\rVert_1", new Norm(1, x));
        check("\\lVert A \\rVert_F", new Norm(2, A));
        check("\\operatorname{diag}(v)", new Diag(v));
        check("\\operatorname{diag}(A)", new DiagOf(A));
        check("\\operatorname{vec}(A X)", new Vec(mul(A, X)));
        check("\\operatorname{softmax}(v)", new Softmax(v));
        check("B^\\top \\otimes A", new Kron(t(B), A));
        check("(B^\\top \\otimes A) \\operatorname{vec}(X)", mul(new Kron(t(B), A), new Vec(X)));
        check("A \\otimes (-B)", new Kron(A, neg(B)));
        check("(A + B) \\otimes I", new Kron(add(A, B), new Identity(N)));
    }
}
