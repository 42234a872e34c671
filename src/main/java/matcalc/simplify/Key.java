package matcalc.simplify;

import java.util.List;
import matcalc.expr.*;

/**
 * A compact structural string for an expression, used to order terms and factors canonically and,
 * after the transposes, to choose among equivalent forms ({@link Cost}). Rules also merge what has
 * one key (add-collect, mul-powers), so different expressions must never share one. Not for users' eyes.
 */
final class Key implements ExprVisitor<String> {
    private static final Key K = new Key();

    /**
     * Ends the key of a leaf that is not a variable but would read like one, and sets off the sizes
     * of I, 1 and 0: dx (a differential) is not the variable dx, e1 (a unit vector) not the variable
     * e1, Kn,n not the variable Kn, and I(n) not I(m). A name never holds it. (Without it, x dx by x
     * had its two factors merged as dx^2 by mul-powers, and sum(I(n)) sum(I(m)) as sum(I(n))^2.)
     */
    private static final char END = '\0';

    static String of(Expr e) { return e.accept(K); }

    private static String list(String op, List<Expr> es) {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (int i = 0; i < es.size(); i++) { if (i > 0) sb.append(','); sb.append(es.get(i).accept(K)); }
        return sb.append(')').toString();
    }

    public String visitNum(Num e) { return "#" + e.value(); }
    public String visitVar(Var e) { return e.name(); }
    public String visitDVar(DVar e) { return "d" + e.var().name() + END; }
    public String visitIdentity(Identity e) { return "I" + END + e.n() + END; }
    public String visitOnes(Ones e) { return "1" + END + e.shape().rows() + "," + e.shape().cols() + END; }
    public String visitZero(Zero e) { return "0" + END + e.shape().rows() + "," + e.shape().cols() + END; }
    public String visitMatrixLiteral(MatrixLiteral e) { return "[" + e.rows() + "]"; }
    public String visitCommutation(Commutation e) { return "K" + e.m() + "," + e.n() + END; }
    public String visitUnitVector(UnitVector e) { return "e" + e.index() + END; }
    public String visitAdd(Add e) { return list("+", e.terms()); }
    public String visitMul(Mul e) { return list("*", e.factors()); }
    public String visitTranspose(Transpose e) { return e.arg().accept(this) + "'"; }
    public String visitInverse(Inverse e) { return e.arg().accept(this) + "~"; }
    public String visitMatPow(MatPow e) { return e.base().accept(this) + "^" + e.n(); }
    public String visitPow(Pow e) { return list("^", List.of(e.base(), e.exponent())); }
    public String visitHadamard(Hadamard e) { return list(".*", e.factors()); }
    public String visitElemPow(ElemPow e) { return list(".^", List.of(e.base(), e.exponent())); }
    public String visitApply(Apply e) { return e.fn().name + "(" + e.arg().accept(this) + ")"; }
    public String visitMax(Max e) { return list("max", List.of(e.a(), e.b())); }
    public String visitSoftmax(Softmax e) { return "softmax(" + e.arg().accept(this) + ")"; }
    public String visitTrace(Trace e) { return "tr(" + e.arg().accept(this) + ")"; }
    public String visitDet(Det e) { return "det(" + e.arg().accept(this) + ")"; }
    public String visitLogDet(LogDet e) { return "logdet(" + e.arg().accept(this) + ")"; }
    public String visitSum(Sum e) { return "sum(" + e.arg().accept(this) + ")"; }
    public String visitNorm(Norm e) { return "norm" + e.p() + "(" + e.arg().accept(this) + ")"; }
    public String visitDiag(Diag e) { return "diag(" + e.arg().accept(this) + ")"; }
    public String visitDiagOf(DiagOf e) { return "diagof(" + e.arg().accept(this) + ")"; }
    public String visitVec(Vec e) { return "vec(" + e.arg().accept(this) + ")"; }
    public String visitKron(Kron e) { return list("kron", List.of(e.a(), e.b())); }
    public String visitDerivative(Derivative e) { return list(e.opName(), e.children()); }
    public String visitCall(Call e) { return list(e.op().name(), e.args()); }
    public String visitEntry(Entry e) { return e.arg().accept(this) + "[" + e.row() + "," + e.col() + "]"; }
}
