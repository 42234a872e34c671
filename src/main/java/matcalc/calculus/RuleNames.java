package matcalc.calculus;

import java.util.Map;
import matcalc.expr.*;

/** How the steps view names each operation's differential rule, with its Matrix Cookbook equation. */
public final class RuleNames {
    private RuleNames() {}

    private static final Map<Class<? extends Expr>, String> NAMES = Map.ofEntries(
            Map.entry(Add.class, "sum rule: d(A + B) = dA + dB (Cookbook eq. 35)"),
            Map.entry(Mul.class, "product rule: d(A B) = dA B + A dB (Cookbook eq. 37)"),
            Map.entry(Transpose.class, "d(A^T) = (dA)^T (Cookbook eq. 44)"),
            Map.entry(Inverse.class, "d(X^{-1}) = -X^{-1} dX X^{-1} (Cookbook eq. 40)"),
            Map.entry(MatPow.class, "d(X^k) = sum_j X^j dX X^{k-1-j}"),
            Map.entry(Pow.class, "power rule: d(a^b) = b a^(b-1) da + a^b log(a) db"),
            Map.entry(Hadamard.class, "d(A ⊙ B) = dA ⊙ B + A ⊙ dB (Cookbook eq. 38)"),
            Map.entry(ElemPow.class, "d(A.^c) = c A.^(c-1) ⊙ dA"),
            Map.entry(Apply.class, "chain rule, element-wise: d f(A) = f'(A) ⊙ dA (f' from Symja; relu' = step, abs' = sign)"),
            Map.entry(Max.class, "d max(A, B) = 1[A > B] ⊙ dA + 1[B > A] ⊙ dB"),
            Map.entry(Softmax.class, "d softmax(v) = (diag(s) - s s^T) dv, s = softmax(v)"),
            Map.entry(Trace.class, "d tr(A) = tr(dA) (Cookbook eq. 36)"),
            Map.entry(Det.class, "d det(X) = det(X) tr(X^{-1} dX) (Cookbook eq. 42)"),
            Map.entry(LogDet.class, "d log det(X) = tr(X^{-1} dX) (Cookbook eq. 43)"),
            Map.entry(Sum.class, "d sum(A) = sum(dA)"),
            Map.entry(Norm.class, "d ||A||_2 = sum(A ⊙ dA) / ||A||_2; d ||A||_1 = sum(sign(A) ⊙ dA)"),
            Map.entry(Diag.class, "d diag(v) = diag(dv)"),
            Map.entry(DiagOf.class, "d diag(A) = diag(dA)"),
            Map.entry(Vec.class, "d vec(A) = vec(dA)"),
            Map.entry(Kron.class, "d(A ⊗ B) = dA ⊗ B + A ⊗ dB (Cookbook eq. 39)"),
            Map.entry(Entry.class, "d A[i, j] = dA[i, j]"));

    public static String of(Expr e) {
        if (e instanceof Call c) return c.op().rule();
        String n = NAMES.get(e.getClass());
        return n != null ? n : "d(" + e.opName() + ")";
    }
}
