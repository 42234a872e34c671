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

    static String of(Expr e) {
        Memo m = Memo.current();
        if (m == null) return e.accept(K);
        Memo.Facts f = m.of(e);
        if (f.key == null) f.key = e.accept(K);
        return f.key;
    }

    /**
     * A hash that agrees with the key (equal keys, equal structure, equal hash), from the node's
     * class and its children's hashes (kept by the memo), so cheaper than the key: rules that only
     * ask whether two parts are the same compare these first and build keys only on a match.
     */
    static int hash(Expr e) {
        List<Expr> cs = e.children();
        if (cs.isEmpty()) return e.hashCode(); // a leaf's own, from all its components
        Memo m = Memo.current();
        Memo.Facts f = m == null ? null : m.of(e);
        if (f != null && f.hashed) return f.hash;
        int h = e.getClass().hashCode();
        for (Expr c : cs) h = 31 * h + hash(c);
        if (f != null) {
            f.hash = h;
            f.hashed = true;
        }
        return h;
    }

    /** Whether two of these have one hash (so possibly one key); false means all keys differ. */
    static boolean anySameHash(List<Expr> es) {
        int n = es.size();
        if (n < 2) return false;
        int[] hs = new int[n];
        for (int i = 0; i < n; i++) hs[i] = hash(es.get(i));
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (hs[i] == hs[j]) return true;
        return false;
    }

    private static String list(String op, List<Expr> es) {
        StringBuilder sb = new StringBuilder(op).append('(');
        for (int i = 0; i < es.size(); i++) { if (i > 0) sb.append(','); sb.append(of(es.get(i))); }
        return sb.append(')').toString();
    }

    public String visitNum(Num e) {
        Rational v = e.value();
        // Integers that fit an int written without BigInteger.toString (the same digits).
        if (v.isInteger() && v.num().bitLength() < 31) return "#" + v.num().intValue();
        return "#" + v;
    }
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
    public String visitTranspose(Transpose e) { return of(e.arg()) + "'"; }
    public String visitInverse(Inverse e) { return of(e.arg()) + "~"; }
    public String visitMatPow(MatPow e) { return of(e.base()) + "^" + e.n(); }
    public String visitPow(Pow e) { return list("^", List.of(e.base(), e.exponent())); }
    public String visitHadamard(Hadamard e) { return list(".*", e.factors()); }
    public String visitElemPow(ElemPow e) { return list(".^", List.of(e.base(), e.exponent())); }
    public String visitApply(Apply e) { return e.fn().name + "(" + of(e.arg()) + ")"; }
    public String visitMax(Max e) { return list("max", List.of(e.a(), e.b())); }
    public String visitSoftmax(Softmax e) { return "softmax(" + of(e.arg()) + ")"; }
    public String visitTrace(Trace e) { return "tr(" + of(e.arg()) + ")"; }
    public String visitDet(Det e) { return "det(" + of(e.arg()) + ")"; }
    public String visitLogDet(LogDet e) { return "logdet(" + of(e.arg()) + ")"; }
    public String visitSum(Sum e) { return "sum(" + of(e.arg()) + ")"; }
    public String visitNorm(Norm e) { return "norm" + e.p() + "(" + of(e.arg()) + ")"; }
    public String visitDiag(Diag e) { return "diag(" + of(e.arg()) + ")"; }
    public String visitDiagOf(DiagOf e) { return "diagof(" + of(e.arg()) + ")"; }
    public String visitVec(Vec e) { return "vec(" + of(e.arg()) + ")"; }
    public String visitKron(Kron e) { return list("kron", List.of(e.a(), e.b())); }
    public String visitDerivative(Derivative e) { return list(e.opName(), e.children()); }
    public String visitCall(Call e) { return list(e.op().name(), e.args()); }
    public String visitEntry(Entry e) { return of(e.arg()) + "[" + e.row() + "," + e.col() + "]"; }
}
