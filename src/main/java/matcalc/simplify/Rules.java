package matcalc.simplify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.*;

/**
 * The rewrite rules, one per line of {@link #ALL}: name, the identity it applies (with its Matrix
 * Cookbook equation where there is one), and the code. Rules only rewrite one node; the
 * traversal and the fixpoint live in {@link Simplifier}.
 */
public final class Rules {
    private Rules() {}

    public static final List<Rule> ALL = List.of(
        // ----- sums -----
        Rule.of("add-flatten", "(A + B) + C = A + B + C", Add.class, Rules::addFlatten),
        Rule.of("add-zero", "A + 0 = A", Add.class, Rules::addZero),
        Rule.of("add-collect", "2 A + 3 A = 5 A; (A - B)^T - (B - A)^T = 2 (A - B)^T", Add.class, Rules::addCollect),
        Rule.of("add-factor", "A X + B X = (A + B) X; X A + X B = X (A + B)", Add.class, Rules::addFactor),
        Rule.of("add-scalar-factor", "2 c A + 2 c B = 2 c (A + B) (for scalars c common to every term)", Add.class, Rules::addScalarFactor),
        Rule.of("add-order", "order: A + B = B + A (positive terms first, canonical order)", Add.class, Rules::addOrder),
        // ----- products -----
        Rule.of("mul-zero", "0 A = 0", Mul.class, Rules::mulZero),
        Rule.of("mul-flatten", "(A B) C = A B C", Mul.class, Rules::mulFlatten),
        Rule.of("mul-coeff", "2 A 3 = 6 A", Mul.class, Rules::mulCoeff),
        Rule.of("mul-identity", "I A = A = A I; 1 A = A", Mul.class, Rules::mulIdentity),
        Rule.of("mul-inverse", "X X^{-1} = I = X^{-1} X; X^T X^{-T} = I", Mul.class, Rules::mulInverse),
        Rule.of("mul-orthogonal", "Q^T Q = I = Q Q^T; eigvecs(A)^T eigvecs(A) = I = eigvecs(A) eigvecs(A)^T where Q: n x n orthogonal; A: n x n"
                + " (for a declared orthogonal Q, or an operator whose values are orthogonal: eigvecs)", Mul.class, Rules::mulOrthogonal),
        Rule.of("mul-powers", "a a^2 = a^3; a^(1/2) a^(-3/2) = a^(-1) (for scalars: exponents add)", Mul.class, Rules::mulPowers),
        // mul-power-inverse strictly shortens the chain (two factors become one, or none), so it cannot
        // loop with mul-matpow, which also only merges; it leaves to mul-matpow the pairs that one merges.
        Rule.of("mul-power-inverse", "X^3 X^{-2} = X = X^{-2} X^3; X^{-2} X^{-3} = X^{-5}; (X^T)^3 (X^2)^{-T} = X^T where X: n x n invertible"
                + " (for all integers j, k: X^j X^{-k} is X^{j - k}, as powers of one matrix commute; X^{-k} exists only for invertible X)", Mul.class, m -> anyInverse(m) ? rewritePair(m, Rules::mulPowerInverse) : null),
        Rule.of("mul-matpow", "X X = X^2", Mul.class, Rules::mulMatPow),
        Rule.of("mul-scalar-orient", "u^T A^T v = v^T A u (products that are 1 x 1 equal their transpose)", Mul.class, Rules::mulScalarOrient),
        Rule.of("mul-commutation", "K (A + B) = K A + K B (for a commutation matrix K; used only where some term, multiplied out and simplified, no longer starts with K)", Mul.class, Rules::mulCommutation),
        Rule.of("kron-commute", "K(p, m) (A ⊗ B) K(n, q) = B ⊗ A where A: m x n; B: p x q (Magnus–Neudecker Th. 3.9)", Mul.class, Rules::kronCommute),
        Rule.of("diag-vec", "(u^T ⊗ I(n)) diag(vec(I(n))) (ones(n) ⊗ B) = diag(u) B; diag(v) u = diag(u) v"
                + " where u, v: n; B: n x m (so the vec form of d(diag(v) u) is diag(u) dv)", Mul.class, Rules::diagVec),
        Rule.of("diag-select-kron", "(u^T ⊗ I(n)) diag(vec(I(n))) (C ⊗ A) diag(vec(I(m))) (v ⊗ I(m)) = diag(u) (A ⊙ C) diag(v);"
                + " diag(A diag(w) C^T) = (A ⊙ C) w where A, C: n x m; u: n; v, w: m", Mul.class, Rules::diagSelectKron),
        Rule.of("mul-neg-sum", "-(A - B) C = (B - A) C (the minus sign taken into a sum with as many negative terms)", Mul.class, Rules::mulNegSum),
        Rule.of("mul-order", "order: A 2 = 2 A; A c = c A (scalars first)", Mul.class, Rules::mulOrder),
        // ----- transpose -----
        Rule.of("t-t", "(A^T)^T = A", Transpose.class, t -> t.arg() instanceof Transpose u ? u.arg() : null),
        Rule.of("t-scalar", "a^T = a; (u^T v)^T = u^T v (for 1 x 1)", Transpose.class, t -> t.arg().isScalar() ? t.arg() : null),
        Rule.of("t-product", "(A B)^T = B^T A^T (Cookbook eq. 4)", Transpose.class, Rules::transposeProduct),
        Rule.of("t-sum", "(A + B)^T = A^T + B^T (when it removes transposes)", Transpose.class, Rules::transposeSum),
        Rule.of("t-symmetric", "S^T = S; I^T = I; diag(v)^T = diag(v); zeros(m, n)^T = zeros(n, m); ones(m, n)^T = ones(n, m);"
                + " (M^T S M)^T = M^T S M where S: n x n symmetric (and whatever is symmetric by its structure)", Transpose.class, Rules::transposeSymmetric),
        Rule.of("t-inverse", "(A^{-1})^T = A^{-1} where A: n x n symmetric", Transpose.class, Rules::transposeInverse),
        Rule.of("t-kron", "(A ⊗ B)^T = A^T ⊗ B^T (Cookbook eq. 508)", Transpose.class,
                t -> t.arg() instanceof Kron k ? new Kron(Ops.t(k.a()), Ops.t(k.b())) : null),
Rule.of("t-matpow", "(X^3)^T = (X^T)^3 (for every power)", Transpose.class,
                t -> t.arg() instanceof MatPow p ? new MatPow(transposeOf(p.base()), p.n()) : null),
        Rule.of("t-commutation", "K(m, n)^T = K(n, m)", Transpose.class,
                t -> t.arg() instanceof Commutation k ? new Commutation(k.n(), k.m()) : null),
        // ----- inverse -----
        Rule.of("inv-inv", "(A^{-1})^{-1} = A", Inverse.class, i -> i.arg() instanceof Inverse j ? j.arg() : null),
        Rule.of("inv-identity", "I^{-1} = I", Inverse.class, i -> i.arg() instanceof Identity ? i.arg() : null),
        Rule.of("inv-orthogonal", "Q^{-1} = Q^T where Q: n x n orthogonal", Inverse.class,
                i -> i.arg() instanceof Var v && v.has(Property.ORTHOGONAL) ? new Transpose(v) : null),
        Rule.of("inv-transpose", "(A^T)^{-1} = (A^{-1})^T (Cookbook eq. 7)", Inverse.class,
                i -> i.arg() instanceof Transpose t ? new Transpose(new Inverse(t.arg())) : null),
        Rule.of("inv-scale", "(c A)^{-1} = c^{-1} A^{-1}", Inverse.class, Rules::inverseScale),
        // ----- trace -----
        Rule.of("tr-scalar", "tr(a) = a; tr(u^T v) = u^T v (for 1 x 1)", Trace.class, t -> t.arg().isScalar() ? t.arg() : null),
        Rule.of("tr-identity", "tr(I(n)) = n", Trace.class, t -> t.arg() instanceof Identity i ? matcalc.ops.Size.scalar(i.n()) : null),
        Rule.of("tr-linear", "tr(A + B) = tr(A) + tr(B) (Cookbook eq. 12)", Trace.class, Rules::traceLinear),
        Rule.of("tr-scale", "tr(c A) = c tr(A)", Trace.class, Rules::traceScale),
        Rule.of("tr-transpose", "tr(A^T) = tr(A) (Cookbook eq. 13)", Trace.class, t -> t.arg() instanceof Transpose u ? new Trace(u.arg()) : null),
        Rule.of("tr-to-scalar", "tr(u v^T) = v^T u (Cookbook eq. 16, cyclic)", Trace.class, Rules::traceToScalar),
        Rule.of("tr-cyclic", "order: tr(A B C) = tr(B C A) = tr(C^T B^T A^T) (canonical rotation, Cookbook eq. 16)", Trace.class, Rules::traceCyclic),
        // ----- sum of entries -----
        Rule.of("sum-scalar", "sum(a) = a; sum(u^T v) = u^T v (for 1 x 1)", Sum.class, s -> s.arg().isScalar() ? s.arg() : null),
        Rule.of("sum-ones", "sum(ones(m, n)) = m n", Sum.class, s -> s.arg() instanceof Ones o ? matcalc.ops.Size.scalar(o.shape().size()) : null),
        Rule.of("sum-linear", "sum(A + B) = sum(A) + sum(B); sum(c A) = c sum(A)", Sum.class, Rules::sumLinear),
        Rule.of("sum-dot", "sum(u ⊙ v) = u^T v; sum(A ⊙ B) = tr(A^T B) (Cookbook eq. 523)", Sum.class, Rules::sumDot),
        Rule.of("sum-transpose", "sum(A^T) = sum(A)", Sum.class, s -> s.arg() instanceof Transpose t ? new Sum(t.arg()) : null),
        Rule.of("sum-probability", "sum(p) = 1 where p: n probability (for a declared probability vector, or a one-hot label)", Sum.class,
                s -> s.arg() instanceof Var v && v.has(Property.PROBABILITY) ? Num.ONE : null),
        Rule.of("sum-softmax", "sum(softmax(u)) = 1 (softmax is a probability vector)", Sum.class,
                s -> s.arg() instanceof Softmax ? Num.ONE : null),
        Rule.of("ones-softmax", "ones(n)^T softmax(u) = 1 = softmax(u)^T ones(n)", Mul.class, m -> rewritePair(m, Rules::onesSoftmax)),
        Rule.of("softmax-jacobian-ones", "(diag(p) - p p^T) ones(n) = 0 = ones(n)^T (diag(p) - p p^T);"
                + " (diag(softmax(u)) - softmax(u) softmax(u)^T) ones(n) = 0 where p: n probability (when the entries of p sum to 1)",
                Mul.class, m -> rewritePair(m, Rules::softmaxJacobianOnes)),
        Rule.of("sign-abs", "a sign(a) = abs(a); u ⊙ sign(u) = abs(u)", Expr.class, Rules::signAbs),
        Rule.of("inv-product-cancel", "X (A X)^{-1} = A^{-1}; (X A)^{-1} X = A^{-1}; X^T (X A)^{-T} = A^{-T};"
                + " (A X)^{-T} X^T = A^{-T}; (A X)^{-1} = X^{-1} A^{-1} where A, X: n x n (Cookbook eq. 3)", Mul.class, m -> rewritePair(m, Rules::inverseProductCancel)),
        // ----- element-wise -----
        Rule.of("had-flatten", "(A ⊙ B) ⊙ C = A ⊙ B ⊙ C", Hadamard.class, Rules::hadFlatten),
        Rule.of("had-zero", "zeros(m, n) ⊙ A = 0", Hadamard.class, h -> h.factors().stream().anyMatch(Ops::isZero) ? new Zero(h.shape()) : null),
        Rule.of("had-scale", "(c A) ⊙ B = c (A ⊙ B)", Hadamard.class, Rules::hadScale),
        Rule.of("had-ones", "ones(m, n) ⊙ A = A", Hadamard.class, Rules::hadOnes),
        Rule.of("had-identity-transpose", "I ⊙ A^T = I ⊙ A; diag(A^T) = diag(A) (only the diagonal is kept; removes a transpose)", Hadamard.class,
                Rules::hadIdentityTranspose),
        Rule.of("had-cancel", "u ⊙ v ./ u = v (wherever v ./ u is defined)", Hadamard.class, Rules::hadCancel),
        Rule.of("dot-reciprocal", "u^T (v ./ u) = sum(v) = (v ./ u)^T u; u ⊙ (v ./ u) = v (Cookbook eq. 523)", Mul.class, m -> rewritePair(m, Rules::dotReciprocal)),
        Rule.of("unit-dot", "u^T onehot(2) = u[2] = onehot(2)^T u (for every k, with e_k written onehot(k))", Mul.class, m -> rewritePair(m, Rules::unitDot)),
        Rule.of("unit-had", "onehot(2) ⊙ u = u[2] onehot(2) (for every k)", Hadamard.class, Rules::unitHad),
        Rule.of("entry-elementwise", "(u ⊙ v)[2] = u[2] v[2]; (u.^3)[2] = u[2]^3; f(u)[2] = f(u[2]);"
                + " (c u)[2] = c u[2]; ones(n)[2] = 1 where f: function (for every entry)", Entry.class, Rules::entryElementwise),
        Rule.of("sigmoid-from-exp", "1 / (1 + exp(a)) = sigmoid(-a); 1 ./ (1 + exp(u)) = sigmoid(-u)", Expr.class, Rules::sigmoidFromExp),
        Rule.of("exp-sigmoid", "exp(a) sigmoid(-a) = sigmoid(a); exp(u) ⊙ sigmoid(-u) = sigmoid(u)", Expr.class, Rules::expSigmoid),
        Rule.of("diag-sum", "c diag(u) + d diag(v) = diag(c u + d v)", Add.class, Rules::diagSum),
        Rule.of("diag-product", "diag(u) diag(v) = diag(u ⊙ v)", Mul.class, m -> rewritePair(m, Rules::diagProduct)),
        Rule.of("diag-times-ones", "diag(v) ones(n) = v; ones(n)^T diag(v) = v^T", Mul.class, m -> rewritePair(m, Rules::diagTimesOnes)),
        Rule.of("softmax-from-exp", "exp(u) / sum(exp(u)) = softmax(u); exp(u)^T / sum(exp(u)) = softmax(u)^T (for a vector u)", Mul.class, Rules::softmaxFromExp),
        Rule.of("softmax-jvp", "(diag(u) - u u^T) v = u ⊙ v - u u^T v; v^T (diag(u) - u u^T) = (u ⊙ v)^T - v^T u u^T"
                + " (when v has a factor 1 ./ u or is e_k, as in softmax with cross-entropy)", Mul.class, Rules::softmaxJvp),
        Rule.of("had-order", "order: A ⊙ B = B ⊙ A (canonical order, sums last)", Hadamard.class, Rules::hadOrder),
        Rule.of("epow-one", "A.^1 = A", ElemPow.class, p -> isNum(p.exponent(), Rational.ONE) ? p.base() : null),
        Rule.of("epow-zero", "A.^0 = ones(m, n) where A: m x n", ElemPow.class, p -> isNum(p.exponent(), Rational.ZERO) ? new Ones(p.shape()) : null),
        Rule.of("epow-epow", "(A.^2).^3 = A.^6; (A.^(-1)).^2 = A.^(-2) (for integer q: (A.^p).^q is A.^(p q))", ElemPow.class, Rules::elemPowPow),
        Rule.of("pow-one", "a^1 = a", Pow.class, p -> isNum(p.exponent(), Rational.ONE) ? p.base() : null),
        Rule.of("pow-zero", "a^0 = 1", Pow.class, p -> isNum(p.exponent(), Rational.ZERO) ? Num.ONE : null),
        Rule.of("pow-num", "2^3 = 8", Pow.class, Rules::powNum),
        Rule.of("pow-pow", "(a^2)^3 = a^6; (a^(1/2))^2 = a (for integer q: (a^p)^q is a^(p q))", Pow.class, Rules::powPow),
        Rule.of("pow-product", "(a b)^3 = a^3 b^3; (a b)^(-1) = a^(-1) b^(-1) (for integer k)", Pow.class, Rules::powProduct),
        Rule.of("log-exp", "log(exp(a)) = a", Apply.class, a -> a.fn() == Fn.LOG && a.arg() instanceof Apply b && b.fn() == Fn.EXP ? b.arg() : null),
        // ----- structure -----
        Rule.of("det-transpose", "det(A^T) = det(A) (Cookbook eq. 19)", Det.class, d -> d.arg() instanceof Transpose t ? new Det(t.arg()) : null),
        Rule.of("logdet-transpose", "logdet(A^T) = logdet(A)", LogDet.class, d -> d.arg() instanceof Transpose t ? new LogDet(t.arg()) : null),
        Rule.of("ones-scalar", "ones(1, 1) = 1 (the 1 x 1 all-ones matrix is the number 1)", Ones.class, o -> o.shape().isScalar() ? Num.ONE : null),
        Rule.of("diag-ones", "diag(ones(n)) = I(n)", Diag.class, d -> d.arg() instanceof Ones ? new Identity(d.shape().rows()) : null),
        Rule.of("diag-zero", "diag(zeros(n, 1)) = 0", Diag.class, d -> d.arg() instanceof Zero ? new Zero(d.shape()) : null),
        Rule.of("diagof-diag", "diag(diag(v)) = v", DiagOf.class, d -> d.arg() instanceof Diag e ? e.arg() : null),
        Rule.of("diagof-identity", "diag(I(n)) = ones(n)", DiagOf.class, d -> d.arg() instanceof Identity ? new Ones(d.shape()) : null),
        Rule.of("diagof-outer", "diag(u v^T) = u ⊙ v (for columns u, v)", DiagOf.class, Rules::diagOfOuter),
        Rule.of("diagof-elementwise", "diag(f(diag(v))) = f(v); diag(diag(v).^3) = v.^3 where f: function (the diagonal of an element-wise image)",
                DiagOf.class, Rules::diagOfElementwise),
        Rule.of("vec-vector", "vec(v) = v (for a column)", Vec.class, v -> v.arg().shape().cols().isOne() ? v.arg() : null),
        Rule.of("vec-row", "vec(v^T) = v (for a row)", Vec.class, v -> v.arg().shape().rows().isOne() ? transposeOf(v.arg()) : null),
        Rule.of("vec-identity", "vec(zeros(m, n)) = 0 (but vec(I) stays)", Vec.class, v -> v.arg() instanceof Zero ? new Zero(v.shape()) : null),
        Rule.of("kron-scalar", "a ⊗ B = a B; B ⊗ a = a B (for 1 x 1 a)", Kron.class, Rules::kronScalar),
        Rule.of("kron-identity", "I(m) ⊗ I(n) = I(m n)", Kron.class,
                k -> k.a() instanceof Identity a && k.b() instanceof Identity b ? new Identity(a.n().times(b.n())) : null),
        Rule.of("kron-zero", "zeros(m, n) ⊗ B = 0; A ⊗ zeros(p, q) = 0", Kron.class, k -> Ops.isZero(k.a()) || Ops.isZero(k.b()) ? new Zero(k.shape()) : null),
        Rule.of("commutation-trivial", "K(m, 1) = I(m); K(1, n) = I(n)", Commutation.class,
                k -> k.m().isOne() || k.n().isOne() ? new Identity(k.shape().rows()) : null),
        Rule.of("kron-mixed", "(A ⊗ B) (C ⊗ D) = (A C) ⊗ (B D) (when A C and B D conform, Cookbook eq. 511)", Mul.class,
                m -> rewriteKronPair(m, Rules::kronMixed)),
        Rule.of("kron-absorb", "(u ⊗ I) M = u ⊗ M; M (v^T ⊗ I) = v^T ⊗ M (for columns u, v: eq. 511 with 1 ⊗ M)", Mul.class,
                m -> rewriteKronPair(m, Rules::kronAbsorb)),
        Rule.of("kron-vec", "(A ⊗ B) vec(C) = vec(B C A^T) (Cookbook eq. 520)", Mul.class, m -> rewriteKronPair(m, Rules::kronVec)),
        Rule.of("vec-kron", "vec(C)^T (A ⊗ B) = vec(B^T C A)^T (Cookbook eq. 520, transposed)", Mul.class,
                m -> rewriteKronPair(m, Rules::vecKron)),
        Rule.of("vec-dot", "vec(A)^T vec(B) = tr(A^T B) where A, B: m x n (Cookbook eq. 521)", Mul.class,
                m -> rewriteKronPair(m, Rules::vecDot)),
        Rule.of("unvec-vec", "(vec(I(n))^T ⊗ I(m)) (I(n) ⊗ vec(M)) = M; (vec(I(n))^T ⊗ I(m)) (I(n) ⊗ ones(m n)) = ones(m, n)"
                + " where M: m x n (unvec of a vec, Magnus–Neudecker)", Mul.class,
                m -> rewriteKronPair(m, Rules::unvecVec)),
        Rule.of("commutation-vec", "K(m, n) vec(A) = vec(A^T); vec(B)^T K(m, n) = vec(B^T)^T where A: m x n; B: n x m (Magnus–Neudecker)",
                Mul.class, m -> rewriteKronPair(m, Rules::commutationVec)),
        Rule.of("commutation-inverse", "K(n, m) K(m, n) = I; K(n, n)^2 = I; K(m, n)^{-1} = K(n, m) (Magnus–Neudecker)", Mul.class,
                m -> rewriteKronPair(m, (l, r) -> l instanceof Commutation a && r instanceof Commutation b && a.m().equals(b.n())
                        && a.n().equals(b.m()) ? new Identity(a.shape().rows()) : null)),
        Rule.of("commutation-power", "K(n, n)^2 = I; K(n, n)^3 = K(n, n) (even powers are I, odd ones K(n, n))", MatPow.class,
                p -> p.base() instanceof Commutation k && k.m().equals(k.n()) && p.n() >= 0
                        ? (p.n() % 2 == 0 ? new Identity(k.shape().rows()) : k) : null),
        Rule.of("kron-distribute", "L (S + T) R = L S R + L T R (for a Kronecker or vec factor L or R, when every term absorbs it)",
                Mul.class, Rules::kronDistribute),
        Rule.of("vec-scale", "vec(c A) = c vec(A) (for scalars c)", Vec.class, Rules::vecScale),
        Rule.of("sum-vec", "sum(vec(A)) = sum(A)", Sum.class, s -> s.arg() instanceof Vec v ? new Sum(v.arg()) : null),
        Rule.of("sum-kron", "sum(A ⊗ B) = sum(A) sum(B)", Sum.class,
                s -> s.arg() instanceof Kron k ? Ops.mul(new Sum(k.a()), new Sum(k.b())) : null),
        Rule.of("tr-kron", "tr(A ⊗ B) = tr(A) tr(B) where A: n x n; B: m x m (Cookbook eq. 513)", Trace.class,
                t -> t.arg() instanceof Kron k && k.a().shape().isSquare() && k.b().shape().isSquare()
                        ? Ops.mul(new Trace(k.a()), new Trace(k.b())) : null)
    );

    /** The rules of ALL with these names, in the table's order (for passes that use only a few). */
    public static List<Rule> named(String... names) {
        List<String> wanted = List.of(names);
        List<Rule> out = new ArrayList<>();
        for (Rule r : ALL) if (wanted.contains(r.name())) out.add(r);
        if (out.size() != wanted.size()) throw new IllegalArgumentException("unknown rule among " + wanted);
        return out;
    }

    /**
     * When a rule can fire at all, from the classes of the node's children (and of the arguments of
     * transposed children): each condition is implied by the rule's own code, so a node that fails
     * it would only have the rule return nothing (RuleTable skips the attempt; the test suite runs
     * with -Dmatcalc.verifyGuards=true, which tries every skipped rule and fails on a rewrite).
     * Most attempts are products trying the 45 product rules; these spare most of them.
     */
    static final Map<String, RuleTable.Guard> GUARDS = guards();

    private static Map<String, RuleTable.Guard> guards() {
        Map<String, RuleTable.Guard> g = new java.util.HashMap<>();
        // products: a factor of the kind the rule rewrites
        need(g, "mul-zero", any(Zero.class, Num.class, Mul.class));
        need(g, "mul-flatten", all(Mul.class));
        need(g, "mul-coeff", all(Num.class));
        need(g, "mul-identity", any(Identity.class, Num.class));
        need(g, "mul-inverse", any(Inverse.class) | tr(Inverse.class));
        need(g, "mul-orthogonal", tr(Var.class) | tr(Call.class));
        need(g, "mul-power-inverse", any(Inverse.class, MatPow.class, Transpose.class));
        g.put("mul-scalar-orient", new RuleTable.Guard(null, 0, 0, true));
        need(g, "mul-commutation", 0, all(Commutation.class, Add.class));
        need(g, "kron-commute", 0, all(Commutation.class, Kron.class));
        need(g, "diag-vec", 0, all(Kron.class, Diag.class));
        need(g, "diag-select-kron", 0, all(Kron.class, Diag.class));
        need(g, "mul-neg-sum", 0, all(Num.class, Add.class));
        need(g, "ones-softmax", any(Softmax.class) | tr(Softmax.class));
        need(g, "softmax-jacobian-ones", any(Ones.class) | tr(Ones.class), all(Add.class));
        need(g, "inv-product-cancel", any(Inverse.class) | tr(Inverse.class));
        need(g, "dot-reciprocal", any(Hadamard.class) | tr(Hadamard.class), all(Transpose.class));
        need(g, "unit-dot", any(UnitVector.class) | tr(UnitVector.class), all(Transpose.class));
        need(g, "diag-product", all(Diag.class));
        need(g, "diag-times-ones", 0, all(Diag.class, Ones.class));
        need(g, "softmax-from-exp", all(Pow.class));
        need(g, "softmax-jvp", all(Add.class));
        need(g, "kron-mixed", all(Kron.class));
        need(g, "kron-absorb", all(Kron.class));
        need(g, "kron-vec", 0, all(Kron.class, Vec.class));
        need(g, "vec-kron", tr(Vec.class), all(Kron.class));
        need(g, "vec-dot", tr(Vec.class), all(Vec.class));
        need(g, "unvec-vec", all(Kron.class));
        need(g, "commutation-vec", any(Vec.class) | tr(Vec.class), all(Commutation.class));
        need(g, "commutation-inverse", all(Commutation.class));
        need(g, "kron-distribute", any(Kron.class, Vec.class) | tr(Vec.class), all(Add.class));
        // the rules written for any expression: only on the nodes they read
        g.put("sign-abs", new RuleTable.Guard(List.of(Mul.class, Hadamard.class), any(Apply.class), 0));
        g.put("exp-sigmoid", new RuleTable.Guard(List.of(Mul.class, Hadamard.class), any(Apply.class), 0));
        g.put("sigmoid-from-exp", new RuleTable.Guard(List.of(Pow.class, ElemPow.class), any(Add.class), 0));
        // transposes: the argument's kind
        need(g, "t-t", all(Transpose.class));
        need(g, "t-product", all(Mul.class));
        need(g, "t-sum", all(Add.class));
        need(g, "t-inverse", all(Inverse.class));
        need(g, "t-kron", all(Kron.class));
        need(g, "t-matpow", all(MatPow.class));
        need(g, "t-commutation", all(Commutation.class));
        // sums
        need(g, "add-flatten", all(Add.class));
        need(g, "add-zero", any(Zero.class, Num.class, Mul.class));
        for (String name : g.keySet()) named(name); // every guard is of a rule of the table
        return Map.copyOf(g);
    }

    private static void need(Map<String, RuleTable.Guard> g, String rule, long any) { g.put(rule, new RuleTable.Guard(null, any, 0)); }

    private static void need(Map<String, RuleTable.Guard> g, String rule, long any, long all) { g.put(rule, new RuleTable.Guard(null, any, all)); }

    @SafeVarargs
    private static long any(Class<? extends Expr>... kinds) { return all(kinds); }

    @SafeVarargs
    private static long all(Class<? extends Expr>... kinds) {
        long m = 0;
        for (Class<? extends Expr> k : kinds) m |= RuleTable.child(k);
        return m;
    }

    private static long tr(Class<? extends Expr> kind) { return RuleTable.transposed(kind); }

    // ======================================================================== sums

    private static Expr addFlatten(Add a) {
        if (a.terms().stream().noneMatch(t -> t instanceof Add)) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr t : a.terms()) { if (t instanceof Add b) out.addAll(b.terms()); else out.add(t); }
        return new Add(out);
    }

    private static Expr addZero(Add a) {
        if (a.terms().stream().noneMatch(Ops::isZero)) return null;
        return Ops.sum(a.terms(), a.shape());
    }

    private static Expr addCollect(Add a) {
        // Like terms have one sign-normal body, so one hash: no two alike, nothing to collect.
        List<Expr> normalBodies = new ArrayList<>(a.terms().size());
        for (Expr t : a.terms()) normalBodies.add(Terms.signNormal(Terms.term(t)).body());
        if (!Key.anySameHash(normalBodies)) return null;
        Map<String, Rational> coeffs = new LinkedHashMap<>();
        Map<String, Expr> bodies = new LinkedHashMap<>();
        Map<String, Boolean> flipped = new LinkedHashMap<>();
        for (Expr t : a.terms()) {
            Terms.Term raw = Terms.term(t), tm = Terms.signNormal(raw);
            String k = Key.of(tm.body());
            coeffs.merge(k, tm.coeff(), Rational::add);
            // The first occurrence's body is kept as written; its sign relative to the normal form is remembered.
            if (bodies.putIfAbsent(k, raw.body()) == null) flipped.put(k, !raw.coeff().equals(tm.coeff()));
        }
        if (coeffs.size() == a.terms().size()) return null;
        List<Expr> out = new ArrayList<>();
        for (String k : coeffs.keySet()) {
            Rational c = flipped.get(k) ? coeffs.get(k).negate() : coeffs.get(k);
            out.add(Terms.build(c, bodies.get(k), a.shape()));
        }
        return Ops.sum(out, a.shape());
    }

    /** Factor a common chain factor out of all terms, or failing that out of a group of terms. */
    private static Expr addFactor(Add a) {
        if (a.isScalar() && a.terms().stream().allMatch(t -> Terms.split(Terms.term(t).body()).chain().isEmpty())) return null;
        // Every factoring below takes out a chain end that two terms or more share.
        if (!sharedChainEnd(a.terms(), true) && !sharedChainEnd(a.terms(), false)) return null;
        Expr all = factorGroup(a.terms(), a.shape(), true);
        if (all == null) all = factorGroup(a.terms(), a.shape(), false);
        if (all != null) return all;
        for (boolean right : new boolean[] {true, false}) {
            Map<String, List<Expr>> groups = new LinkedHashMap<>();
            for (Expr t : a.terms()) {
                List<Expr> chain = Terms.split(Terms.term(t).body()).chain();
                String k = chain.isEmpty() ? "" : Key.of(chain.get(right ? chain.size() - 1 : 0));
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
            }
            for (Map.Entry<String, List<Expr>> g : groups.entrySet()) {
                if (g.getKey().isEmpty() || g.getValue().size() < 2) continue;
                List<Expr> members = g.getValue();
                Expr f = factorGroup(members, a.shape(), right);
                if (f == null) {
                    // Without the terms that are the bare factor times scalars (see factorGroup).
                    members = members.stream().filter(t -> Terms.split(Terms.term(t).body()).chain().size() > 1).toList();
                    if (members.size() < 2 || members.size() == g.getValue().size()) continue;
                    f = factorGroup(members, a.shape(), right);
                    if (f == null) continue;
                }
                List<Expr> group = members;
                List<Expr> out = new ArrayList<>();
                boolean placed = false;
                for (Expr t : a.terms()) {
                    if (!group.contains(t)) out.add(t);
                    else if (!placed) { out.add(f); placed = true; }
                }
                return Ops.sum(out, a.shape());
            }
        }
        return null;
    }

    /** Whether two of the terms' chains end (for !right: start) with the same factor. */
    private static boolean sharedChainEnd(List<Expr> terms, boolean right) {
        List<Expr> ends = new ArrayList<>(terms.size());
        for (Expr t : terms) {
            List<Expr> chain = Terms.split(Terms.term(t).body()).chain();
            if (!chain.isEmpty()) ends.add(chain.get(right ? chain.size() - 1 : 0));
        }
        if (!Key.anySameHash(ends)) return false;
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Expr e : ends) if (!keys.add(Key.of(e))) return true;
        return false;
    }

    /** (c1 L1 + c2 L2 + ...) X when every term ends with X (or starts with it, for !right). */
    private static Expr factorGroup(List<Expr> terms, Shape shape, boolean right) {
        Expr common = null;
        List<Terms.Term> tms = new ArrayList<>();
        List<Terms.Split> splits = new ArrayList<>();
        for (Expr t : terms) {
            Terms.Term tm = Terms.term(t);
            Terms.Split sp = Terms.split(tm.body());
            if (sp.chain().isEmpty()) return null;
            Expr end = sp.chain().get(right ? sp.chain().size() - 1 : 0);
            if (common == null) common = end;
            else if (!common.equals(end)) return null;
            tms.add(tm);
            splits.add(sp);
        }
        // Factoring one bare factor out of all-bare terms would only move coefficients around,
        // and factoring out I or 1 changes nothing.
        if (common instanceof Identity || common instanceof Ones) return null;
        boolean anyRest = splits.stream().anyMatch(s -> s.chain().size() > 1 || !s.scalars().isEmpty());
        if (!anyRest) return null;
        // (A/t - 2 s I/t^2) W reads worse than (A W)/t - 2 s W/t^2: a term that would leave a scalar
        // formula times I stays out when other terms keep a matrix (the group rule factors the rest).
        boolean someMatrixRest = splits.stream().anyMatch(s -> s.chain().size() > 1);
        boolean scaledIdentityRest = splits.stream().anyMatch(s -> s.chain().size() == 1 && !s.scalars().isEmpty());
        if (someMatrixRest && scaledIdentityRest) return null;
        // When only scalars are left in every term, the factored sum is a scalar: (a + b) x, not (a I + b I) x.
        boolean scalarRests = splits.stream().allMatch(s -> s.chain().size() == 1);
        Shape restShape = scalarRests ? Shape.SCALAR
                : right ? new Shape(shape.rows(), common.shape().rows()) : new Shape(common.shape().cols(), shape.cols());
        if (restShape.isScalar() && splits.stream().allMatch(s -> s.chain().size() == 1 && s.scalars().isEmpty())) return null;
        List<Expr> rests = new ArrayList<>();
        // -A X - B X = -(A + B) X, not (-A - B) X
        boolean allNegative = tms.stream().allMatch(t -> t.coeff().signum() < 0);
        for (int i = 0; i < tms.size(); i++) {
            List<Expr> chain = new ArrayList<>(splits.get(i).chain());
            chain.remove(right ? chain.size() - 1 : 0);
            Expr rest = Terms.product(splits.get(i).scalars(), chain, restShape);
            Rational c = tms.get(i).coeff();
            rests.add(Terms.build(allNegative ? c.negate() : c, rest, restShape));
        }
        Expr sum = Ops.sum(rests, restShape);
        Expr product = right ? Ops.mul(sum, common) : Ops.mul(common, sum);
        return allNegative ? Ops.neg(product) : product;
    }

    private static Expr addScalarFactor(Add a) {
        List<Terms.Term> tms = new ArrayList<>();
        List<List<Expr>> scalars = new ArrayList<>();
        for (Expr t : a.terms()) {
            Terms.Term tm = Terms.term(t);
            if (tm.body() instanceof Num) return null;
            tms.add(tm);
            scalars.add(new ArrayList<>(Terms.split(tm.body()).scalars()));
        }
        List<Expr> common = new ArrayList<>(scalars.get(0));
        for (List<Expr> s : scalars.subList(1, scalars.size())) {
            List<Expr> keep = new ArrayList<>();
            List<Expr> pool = new ArrayList<>(s);
            for (Expr c : common) if (pool.remove(c)) keep.add(c);
            common = keep;
        }
        Rational c = tms.get(0).coeff().abs();
        for (Terms.Term tm : tms) if (!tm.coeff().abs().equals(c)) { c = Rational.ONE; break; }
        if (common.isEmpty() && c.isOne()) return null;
        List<Expr> rests = new ArrayList<>();
        for (Terms.Term tm : tms) {
            List<Expr> fs = new ArrayList<>(Terms.split(tm.body()).scalars());
            for (Expr x : common) fs.remove(x);
            Terms.Split sp = Terms.split(tm.body());
            Expr rest = Terms.product(fs, sp.chain(), a.shape());
            rests.add(Terms.build(tm.coeff().div(c), rest, a.shape()));
        }
        List<Expr> out = new ArrayList<>();
        if (!c.isOne()) out.add(new Num(c));
        out.addAll(common);
        out.add(Ops.sum(rests, a.shape()));
        return Mul.of(out);
    }

    private static Expr addOrder(Add a) {
        if (sorted(a.terms(), Cost.TERM_ORDER)) return null;
        List<Expr> sorted = new ArrayList<>(a.terms());
        sorted.sort(Cost.TERM_ORDER);
        return sorted.equals(a.terms()) ? null : new Add(sorted);
    }

    // ======================================================================== products

    private static Expr mulZero(Mul m) {
        for (Expr f : m.factors()) if (Ops.isZero(f)) return new Zero(m.shape());
        return null;
    }

    /**
     * Splices nested products. A 1 x 1 product keeps its chain as one factor unless it is the only
     * chain in the outer product (then splicing keeps the chain valid), but its scalar factors move out.
     */
    private static Expr mulFlatten(Mul m) {
        if (!anyInstance(m.factors(), Mul.class)) return null;
        boolean changed = false;
        List<Expr> out = new ArrayList<>();
        long outerChains = 0;
        for (Expr f : m.factors()) if (!f.isScalar() || f instanceof Mul) outerChains++;
        for (Expr f : m.factors()) {
            if (!(f instanceof Mul inner)) { out.add(f); continue; }
            Terms.Split sp = Terms.split(inner);
            if (!inner.isScalar() || outerChains == 1 || sp.chain().isEmpty()) {
                out.addAll(inner.factors());
                changed = true;
            } else if (!sp.scalars().isEmpty()) {
                out.addAll(sp.scalars());
                out.add(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain()));
                changed = true;
            } else {
                out.add(f);
            }
        }
        if (!changed) return null;
        try {
            return out.size() == 1 ? out.get(0) : Mul.of(out);
        } catch (matcalc.MatcalcError e) {
            return null; // splicing would break the chain; keep the grouping
        }
    }

    private static Expr mulCoeff(Mul m) {
        int numbers = 0;
        for (Expr f : m.factors()) if (f instanceof Num) numbers++;
        // The common case, a product with no number or one leading coefficient other than 1, is final.
        if (numbers == 0 || (numbers == 1 && m.factors().get(0) instanceof Num n && !n.value().isOne())) return null;
        Rational c = Rational.ONE;
        int nums = 0;
        List<Expr> rest = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) { c = c.mul(n.value()); nums++; } else rest.add(f);
        }
        if (nums == 0 || (nums == 1 && m.factors().get(0) instanceof Num && !c.isOne())) return null;
        if (rest.isEmpty()) return new Num(c);
        List<Expr> out = new ArrayList<>();
        if (!c.isOne()) out.add(new Num(c));
        out.addAll(rest);
        return out.size() == 1 ? out.get(0) : Mul.of(out);
    }

    private static Expr mulIdentity(Mul m) {
        boolean any = false;
        for (Expr f : m.factors()) any |= f instanceof Identity || f instanceof Num n && n.value().isOne();
        if (!any) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : m.factors()) if (!(f instanceof Identity) && !(f instanceof Num n && n.value().isOne())) out.add(f);
        if (out.size() == m.factors().size()) return null;
        return rebuild(out, m.shape());
    }

    /** A product of what is left; if nothing is left it was the identity of the product's size. */
    private static Expr rebuild(List<Expr> fs, Shape shape) {
        boolean hasChain = fs.stream().anyMatch(f -> !f.isScalar());
        if (!hasChain && !shape.isScalar()) fs.add(new Identity(shape.rows()));
        if (fs.isEmpty()) return Num.ONE;
        return fs.size() == 1 ? fs.get(0) : Mul.of(fs);
    }

    private static Expr mulInverse(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1);
            if (a.isScalar() || b.isScalar()) continue;
            if (inverses(a, b) || inverses(b, a)) {
                List<Expr> out = new ArrayList<>(fs);
                out.remove(i + 1);
                out.remove(i);
                return rebuild(out, m.shape());
            }
        }
        return null;
    }

    /** b = a^{-1}, also as (a^T)^{-1} written a^{-T}. */
    private static boolean inverses(Expr a, Expr b) {
        if (b instanceof Inverse i && i.arg().equals(a)) return true;
        return a instanceof Transpose t && b instanceof Transpose u && u.arg() instanceof Inverse i && i.arg().equals(t.arg());
    }

    private static Expr mulOrthogonal(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1);
            Expr q = null;
            if (a instanceof Transpose t && t.arg().equals(b)) q = b;
            if (b instanceof Transpose t && t.arg().equals(a)) q = a;
            if (q instanceof Var v && v.has(Property.ORTHOGONAL) || q instanceof Call c && c.op().orthogonal()) {
                List<Expr> out = new ArrayList<>(fs);
                out.remove(i + 1);
                out.remove(i);
                return rebuild(out, m.shape());
            }
        }
        return null;
    }

    /** Scalar factors with the same base: exponents add (norms cancel against their reciprocals). */
    private static Expr mulPowers(Mul m) {
        int candidates = 0;
        for (Expr f : m.factors()) if (f.isScalar() && !(f instanceof Num)) candidates++;
        if (candidates < 2) return null; // one base alone has nothing to merge with
        List<Expr> scalarBases = new ArrayList<>(candidates);
        for (Expr f : m.factors()) {
            if (!f.isScalar() || f instanceof Num) continue;
            scalarBases.add(f instanceof Pow p && p.exponent() instanceof Num ? p.base() : f);
        }
        if (!Key.anySameHash(scalarBases)) return null; // every base differs: nothing merges
        Map<String, Rational> exps = new LinkedHashMap<>();
        Map<String, Expr> bases = new LinkedHashMap<>();
        int scalars = 0;
        for (Expr f : m.factors()) {
            if (!f.isScalar() || f instanceof Num) continue;
            scalars++;
            Expr base = f;
            Rational k = Rational.ONE;
            if (f instanceof Pow p && p.exponent() instanceof Num n) { base = p.base(); k = n.value(); }
            String key = Key.of(base);
            exps.merge(key, k, Rational::add);
            bases.putIfAbsent(key, base);
        }
        if (exps.size() == scalars) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : m.factors()) if (!f.isScalar() || f instanceof Num) out.add(f);
        int at = 0;
        while (at < out.size() && out.get(at) instanceof Num) at++;
        for (String k : exps.keySet()) {
            Rational e = exps.get(k);
            if (e.isZero()) continue;
            out.add(at++, e.isOne() ? bases.get(k) : new Pow(bases.get(k), new Num(e)));
        }
        return rebuild(out, m.shape());
    }

    private static Expr mulMatPow(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1);
            Expr ba = a instanceof MatPow p ? p.base() : a, bb = b instanceof MatPow q ? q.base() : b;
            if (!ba.equals(bb) || ba instanceof Identity) continue; // the cheaper test first
            if (a.isScalar() || !a.shape().isSquare() || a.shape().isScalar()) continue;
            int ka = a instanceof MatPow p ? p.n() : 1, kb = b instanceof MatPow q ? q.n() : 1;
            List<Expr> out = new ArrayList<>(fs);
            out.set(i, new MatPow(ba, ka + kb));
            out.remove(i + 1);
            return rebuild(out, m.shape());
        }
        return null;
    }

    /** A square factor read as base^exp: X^k, (X^k)^{-1} = X^{-k}, X^{-1}, and their transposes as powers of X^T. */
    private record Power(Expr base, int exp) {}

    /** The power view of f; any square matrix other than I is its own first power. Null for scalars and non-square f. */
    private static Power powerOf(Expr f) {
        if (f.isScalar() || !f.shape().isSquare() || f instanceof Identity) return null;
        try {
            if (f instanceof MatPow p) {
                Power b = powerOf(p.base());
                return b == null ? null : new Power(b.base(), Math.multiplyExact(b.exp(), p.n()));
            }
            if (f instanceof Inverse i) {
                Power b = powerOf(i.arg());
                return b == null ? null : new Power(b.base(), Math.negateExact(b.exp()));
            }
            // (X^e)^T = (X^T)^e for every integer e (for e < 0, X is invertible).
            if (f instanceof Transpose t) {
                Power b = powerOf(t.arg());
                return b == null ? null : new Power(transposeOf(b.base()), b.exp());
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return new Power(f, 1);
    }

    /** base^e in the forms the other rules keep: (X^T)^k, X^{-1}, (X^k)^{-1}, and (X^k)^{-T} for a transposed base. */
    private static Expr power(Expr base, int e) {
        if (e == 0) return new Identity(base.shape().rows());
        if (e > 0) return e == 1 ? base : new MatPow(base, e);
        if (base instanceof Transpose t) return new Transpose(new Inverse(power(t.arg(), -e)));
        return new Inverse(power(base, -e));
    }

    private static final int MAX_POWER = 1 << 16;

    /**
     * Two neighbouring powers of one matrix, at least one of them negative: X^{-k} is defined only
     * for an invertible X, and then X^j X^{-k} = X^{j-k}. (Two positive powers are mul-matpow's.)
     */
    private static Expr mulPowerInverse(Expr l, Expr r) {
        Power a = powerOf(l), b = powerOf(r);
        if (a == null || b == null || !a.base().equals(b.base()) || (a.exp() > 0 && b.exp() > 0)) return null;
        // X^{-1} X^{-1} is mul-matpow's (X^{-1})^2, as before this rule.
        if (a.exp() < 0 && b.exp() < 0 && matPowBase(l).equals(matPowBase(r))) return null;
        long e = (long) a.exp() + b.exp();
        if (Math.abs(e) > MAX_POWER) return null;
        return power(a.base(), (int) e);
    }

    /**
     * Whether a factor, seen through transposes and powers, is an inverse: only such a factor has a
     * negative power, without which mul-power-inverse has nothing to do (most products: fail fast).
     */
    private static boolean anyInverse(Mul m) {
        for (Expr f : m.factors()) {
            while (f instanceof Transpose || f instanceof MatPow) f = f instanceof Transpose t ? t.arg() : ((MatPow) f).base();
            if (f instanceof Inverse) return true;
        }
        return false;
    }

    private static Expr matPowBase(Expr f) { return f instanceof MatPow p ? p.base() : f; }

    /** Of a 1 x 1 chain and its transpose, keep the cheaper ({@link Cost}: fewer transposes, then the smaller key). */
    private static Expr mulScalarOrient(Mul m) {
        if (!m.isScalar()) return null;
        Terms.Split sp = Terms.split(m);
        if (sp.chain().size() < 2) return null;
        List<Expr> flipped = new ArrayList<>();
        for (Expr f : sp.chain()) flipped.add(0, transposeOf(f));
        if (Cost.compareChains(flipped, sp.chain()) >= 0) return null; // the flipped chain is not cheaper
        List<Expr> out = new ArrayList<>(sp.scalars());
        out.addAll(flipped);
        return Mul.of(out);
    }

    /** A^T with the obvious cancellations done at once (keeps orientation choices comparable). */
    static Expr transposeOf(Expr f) {
        if (f.isScalar()) return f;
        if (f instanceof Transpose t) return t.arg();
        Memo memo = Memo.current();
        if (memo == null) return transposed(f);
        Memo.Facts facts = memo.of(f);
        if (facts.transposed == null) facts.transposed = transposed(f);
        return facts.transposed;
    }

    private static Expr transposed(Expr f) {
        if (f instanceof Transpose t) return t.arg();
        if (f instanceof Var v && v.has(Property.SYMMETRIC)) return v;
        if (f instanceof Identity || f instanceof Diag) return f;
        if (f instanceof Kron k) return new Kron(transposeOf(k.a()), transposeOf(k.b())); // t-kron, eq. 508
        if (f instanceof Inverse i && i.arg() instanceof Var v && v.has(Property.SYMMETRIC)) return f;
        if (f.shape().isSquare() && Symmetry.isSymmetric(f)) return f;
        return new Transpose(f);
    }

    /**
     * K (S + T) = K S + K T for the commutation matrices K next to a matrix sum (both sides, else
     * one), only when some distributed term, simplified, absorbs them (K (A ⊗ B) K = B ⊗ A,
     * K vec(A) = vec(A^T), K_{n,m} K_{m,n} = I). Where none does, add-factor factored K back out
     * and the two undid each other until the budget ran out; the terms that keep K are regrouped by
     * add-factor and stay so (none of them absorbs K). kron-distribute asks that every term absorb.
     */
    private static Expr mulCommutation(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i < fs.size(); i++) {
            if (!(fs.get(i) instanceof Add sum) || sum.isScalar()) continue;
            Expr l = i > 0 && fs.get(i - 1) instanceof Commutation ? fs.get(i - 1) : null;
            Expr r = i + 1 < fs.size() && fs.get(i + 1) instanceof Commutation ? fs.get(i + 1) : null;
            Expr out = distributeNeighbours(m, i, sum, l, r, false);
            if (out != null) return out;
        }
        return null;
    }

    private static Expr kronCommute(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 2 < fs.size(); i++) {
            if (!(fs.get(i) instanceof Commutation k1 && fs.get(i + 1) instanceof Kron k && fs.get(i + 2) instanceof Commutation k2)) continue;
            Shape a = k.a().shape(), b = k.b().shape();
            if (k1.m().equals(b.rows()) && k1.n().equals(a.rows()) && k2.m().equals(a.cols()) && k2.n().equals(b.cols())) {
                List<Expr> out = new ArrayList<>(fs.subList(0, i));
                out.add(new Kron(k.b(), k.a()));
                out.addAll(fs.subList(i + 3, fs.size()));
                return rebuild(out, m.shape());
            }
        }
        return null;
    }

    private static Expr diagVec(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 2 < fs.size(); i++) {
            // Every size is n: a, the identities, the column of ones and the rows of B.
            Dim n = diagVecIdentity(fs.get(i + 1));
            Expr a = n == null ? null : rowKronIdentity(fs.get(i), n);
            if (a != null && fs.get(i + 2) instanceof Kron right && right.a() instanceof Ones
                    && right.a().shape().equals(Shape.column(n)) && right.b().shape().rows().equals(n)) {
                List<Expr> out = new ArrayList<>(fs.subList(0, i));
                out.add(new Diag(a));
                // 1 ⊗ B = (1 ⊗ I) B (eq. 511 with the 1 x 1 factor 1 ⊗ B): the B stays to the right.
                if (!(right.b() instanceof Identity)) out.add(right.b());
                out.addAll(fs.subList(i + 3, fs.size()));
                return rebuild(out, m.shape());
            }
        }
        return null;
    }

    /** n when e is diag(vec(I_n)), else null. */
    private static Dim diagVecIdentity(Expr e) {
        return e instanceof Diag d && d.arg() instanceof Vec v && v.arg() instanceof Identity i ? i.n() : null;
    }

    /** The column a when e is a^T ⊗ I_n (a of length n, written as a row or as a transposed column), else null. */
    private static Expr rowKronIdentity(Expr e, Dim n) {
        if (!(e instanceof Kron k && k.b() instanceof Identity i && i.n().equals(n))) return null;
        Shape s = k.a().shape();
        return s.rows().isOne() && s.cols().equals(n) ? transposeOf(k.a()) : null;
    }

    /** The column b when e is b ⊗ I_m (b of length m), else null. */
    private static Expr columnKronIdentity(Expr e, Dim m) {
        if (!(e instanceof Kron k && k.b() instanceof Identity i && i.n().equals(m))) return null;
        Shape s = k.a().shape();
        return s.cols().isOne() && s.rows().equals(m) ? k.a() : null;
    }

    /**
     * The Jacobian of diag(A diag(v) C^T) in v, in the vec form the identification builds: with
     * S_n = (1^T ⊗ I_n) diag(vec I_n) (S_n vec(M) = diag(M)) and diag(vec I_m)(1 ⊗ I_m) v = vec(diag(v)),
     * entry i is sum_k A_ik v_k C_ik. Every size is checked: the identity needs a and the left
     * selector of A's row count n, b and the right selector of its column count m, and C of A's shape.
     */
    private static Expr diagSelectKron(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i + 4 < fs.size(); i++) {
            Dim n = diagVecIdentity(fs.get(i + 1)), k = diagVecIdentity(fs.get(i + 3));
            if (n == null || k == null || !(fs.get(i + 2) instanceof Kron mid)) continue;
            Expr c = mid.a(), a = mid.b();
            if (!a.shape().equals(new Shape(n, k)) || !c.shape().equals(a.shape())) continue;
            Expr left = rowKronIdentity(fs.get(i), n), right = columnKronIdentity(fs.get(i + 4), k);
            if (left == null || right == null) continue;
            List<Expr> out = new ArrayList<>(fs.subList(0, i));
            if (!(left instanceof Ones)) out.add(new Diag(left));
            out.add(Ops.had(a, c));
            if (!(right instanceof Ones)) out.add(new Diag(right));
            out.addAll(fs.subList(i + 5, fs.size()));
            return rebuild(out, m.shape());
        }
        return null;
    }

    private static Expr mulNegSum(Mul m) {
        List<Expr> fs = m.factors();
        int c = -1, a = -1;
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i) instanceof Num n && n.value().signum() < 0 && c < 0) c = i;
            if (fs.get(i) instanceof Add && a < 0) a = i;
        }
        if (c < 0 || a < 0) return null;
        Add sum = (Add) fs.get(a);
        long negative = sum.terms().stream().filter(t -> Terms.term(t).coeff().signum() < 0).count();
        if (sum.terms().size() - negative > negative) return null;
        List<Expr> out = new ArrayList<>(fs);
        Rational k = ((Num) fs.get(c)).value().negate();
        out.set(a, Ops.sum(sum.terms().stream().map(Ops::neg).toList(), sum.shape()));
        if (k.isOne()) out.remove(c); else out.set(c, new Num(k));
        return rebuild(out, m.shape());
    }

    /** Scalar factors: reciprocals last, sums before them, otherwise by key. */
    private static final Comparator<Expr> SCALAR_ORDER = Comparator
            .comparing((Expr e) -> e instanceof Pow p && p.exponent() instanceof Num n && n.value().signum() < 0)
            .thenComparing(e -> e instanceof Add).thenComparing(Key::of);

    private static Expr mulOrder(Mul m) {
        if (inMulOrder(m.factors())) return null;
        List<Expr> nums = new ArrayList<>(), scalars = new ArrayList<>(), chain = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num) nums.add(f);
            else if (f.isScalar()) scalars.add(f);
            else chain.add(f);
        }
        scalars.sort(SCALAR_ORDER);
        List<Expr> out = new ArrayList<>(nums);
        out.addAll(scalars);
        out.addAll(chain);
        return out.equals(m.factors()) ? null : Mul.of(out);
    }

    /** Whether mul-order would leave the factors as they are: numbers, then scalars in order, then the chain. */
    private static boolean inMulOrder(List<Expr> fs) {
        int phase = 0; // 0 numbers, 1 other scalars, 2 the chain
        Expr previousScalar = null;
        for (Expr f : fs) {
            int p = f instanceof Num ? 0 : f.isScalar() ? 1 : 2;
            if (p < phase) return false;
            phase = p;
            if (p == 1) {
                if (previousScalar != null && SCALAR_ORDER.compare(previousScalar, f) > 0) return false;
                previousScalar = f;
            }
        }
        return true;
    }

    private static boolean anyInstance(List<Expr> es, Class<? extends Expr> type) {
        for (Expr e : es) if (type.isInstance(e)) return true;
        return false;
    }

    /** Whether the list is in the comparator's order already (a stable sort would not move anything). */
    private static boolean sorted(List<Expr> es, Comparator<Expr> order) {
        for (int i = 1; i < es.size(); i++) if (order.compare(es.get(i - 1), es.get(i)) > 0) return false;
        return true;
    }

    // ======================================================================== transpose / inverse

    private static Expr transposeProduct(Transpose t) {
        if (!(t.arg() instanceof Mul m)) return null;
        List<Expr> scalars = new ArrayList<>(), chain = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f.isScalar()) scalars.add(f); else chain.add(0, Ops.t(f));
        }
        scalars.addAll(chain);
        return Mul.of(scalars);
    }

    private static Expr transposeSum(Transpose t) {
        if (!(t.arg() instanceof Add a)) return null;
        List<Expr> terms = new ArrayList<>();
        for (Expr e : a.terms()) terms.add(pushTranspose(e));
        Expr pushed = new Add(terms);
        return Cost.fewerTransposes(pushed, t) ? pushed : null;
    }

    /** The transpose of a term, pushed through products and cancelled where obvious. */
    private static Expr pushTranspose(Expr e) {
        if (e instanceof Mul m) {
            List<Expr> scalars = new ArrayList<>(), chain = new ArrayList<>();
            for (Expr f : m.factors()) { if (f.isScalar()) scalars.add(f); else chain.add(0, transposeOf(f)); }
            scalars.addAll(chain);
            return Mul.of(scalars);
        }
        return transposeOf(e);
    }

    private static Expr transposeSymmetric(Transpose t) {
        Expr a = t.arg();
        if (a instanceof Var v && v.has(Property.SYMMETRIC)) return v;
        if (a instanceof Identity || a instanceof Diag) return a;
        if (a instanceof Zero z) return new Zero(z.shape().transpose());
        if (a instanceof Ones o) return new Ones(o.shape().transpose());
        if (Symmetry.isSymmetric(a)) return a;
        return null;
    }

    private static Expr transposeInverse(Transpose t) {
        if (t.arg() instanceof Inverse i && i.arg() instanceof Var v && v.has(Property.SYMMETRIC)) return i;
        if (t.arg() instanceof Inverse i && Symmetry.isSymmetric(i.arg())) return i;
        return null;
    }

    private static Expr inverseScale(Inverse i) {
        if (!(i.arg() instanceof Mul m) || !(m.factors().get(0) instanceof Num c) || c.value().isZero()) return null;
        List<Expr> rest = new ArrayList<>(m.factors().subList(1, m.factors().size()));
        Expr inner = rest.size() == 1 ? rest.get(0) : Mul.of(rest);
        return Mul.of(new Num(Rational.ONE.div(c.value())), new Inverse(inner));
    }

    // ======================================================================== trace, sum

    private static Expr traceLinear(Trace t) {
        if (!(t.arg() instanceof Add a)) return null;
        List<Expr> terms = new ArrayList<>();
        for (Expr e : a.terms()) terms.add(new Trace(e));
        return new Add(terms);
    }

    private static Expr traceScale(Trace t) {
        if (!(t.arg() instanceof Mul m)) return null;
        Terms.Split sp = Terms.split(m);
        if (sp.scalars().isEmpty()) return null;
        List<Expr> out = new ArrayList<>(sp.scalars());
        out.add(new Trace(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain())));
        return Mul.of(out);
    }

    private static Expr traceToScalar(Trace t) {
        List<Expr> chain = chainOf(t.arg());
        if (chain.size() < 2) return null;
        for (int r = 1; r < chain.size(); r++) {
            List<Expr> rot = rotate(chain, r);
            if (Mul.shapeOf(rot).isScalar()) return Mul.of(rot);
        }
        return null;
    }

    /** Among all rotations of the chain and of its transpose, the cheapest ({@link Cost}) with dX last. */
    private static Expr traceCyclic(Trace t) {
        List<Expr> chain = chainOf(t.arg());
        if (chain.size() < 2) return null;
        List<Expr> flipped = new ArrayList<>();
        for (Expr f : chain) flipped.add(0, transposeOf(f));
        List<Expr> best = chain;
        for (List<Expr> base : List.of(chain, flipped)) {
            for (int r = 0; r < base.size(); r++) {
                List<Expr> rot = rotate(base, r);
                if (better(rot, best)) best = rot;
            }
        }
        return best == chain ? null : new Trace(Mul.of(best));
    }

    private static boolean better(List<Expr> a, List<Expr> b) {
        // In a differential, tr(M dX) with dX last is the form the identification reads.
        boolean da = a.get(a.size() - 1) instanceof DVar, db = b.get(b.size() - 1) instanceof DVar;
        if (da != db) return da;
        return Cost.compareChains(a, b) < 0;
    }

    private static List<Expr> chainOf(Expr e) {
        if (e instanceof Mul m && m.factors().stream().noneMatch(Expr::isScalar)) return m.factors();
        return List.of(e);
    }

    private static List<Expr> rotate(List<Expr> xs, int r) {
        List<Expr> out = new ArrayList<>(xs.subList(r, xs.size()));
        out.addAll(xs.subList(0, r));
        return out;
    }

    private static Expr sumLinear(Sum s) {
        if (s.arg() instanceof Add a) {
            List<Expr> terms = new ArrayList<>();
            for (Expr e : a.terms()) terms.add(new Sum(e));
            return new Add(terms);
        }
        if (s.arg() instanceof Mul m) {
            Terms.Split sp = Terms.split(m);
            if (sp.scalars().isEmpty() || sp.chain().isEmpty()) return null;
            List<Expr> out = new ArrayList<>(sp.scalars());
            out.add(new Sum(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain())));
            return Mul.of(out);
        }
        return null;
    }

    private static Expr sumDot(Sum s) {
        if (!(s.arg() instanceof Hadamard h)) return null;
        Expr first = h.factors().get(0);
        List<Expr> rest = h.factors().subList(1, h.factors().size());
        Expr other = rest.size() == 1 ? rest.get(0) : new Hadamard(rest);
        if (first.shape().cols().isOne()) return Mul.of(new Transpose(first), other);
        if (first.shape().rows().isOne()) return Mul.of(first, new Transpose(other));
        return new Trace(Mul.of(new Transpose(first), other));
    }

    // ======================================================================== element-wise

    private static Expr hadFlatten(Hadamard h) {
        if (h.factors().stream().noneMatch(f -> f instanceof Hadamard)) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : h.factors()) { if (f instanceof Hadamard g) out.addAll(g.factors()); else out.add(f); }
        return new Hadamard(out);
    }

    private static Expr hadScale(Hadamard h) {
        List<Expr> scalars = new ArrayList<>(), fs = new ArrayList<>();
        for (Expr f : h.factors()) {
            Terms.Split sp = f instanceof Mul ? Terms.split(f) : null;
            if (sp != null && !sp.scalars().isEmpty() && !sp.chain().isEmpty()) {
                scalars.addAll(sp.scalars());
                fs.add(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain()));
            } else {
                fs.add(f);
            }
        }
        if (scalars.isEmpty()) return null;
        scalars.add(new Hadamard(fs));
        return Mul.of(scalars);
    }

    private static Expr hadOnes(Hadamard h) {
        List<Expr> out = new ArrayList<>();
        for (Expr f : h.factors()) if (!(f instanceof Ones)) out.add(f);
        if (out.size() == h.factors().size()) return null;
        if (out.isEmpty()) return new Ones(h.shape());
        return out.size() == 1 ? out.get(0) : new Hadamard(out);
    }

    private static Expr hadIdentityTranspose(Hadamard h) {
        if (h.factors().stream().noneMatch(f -> f instanceof Identity)) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : h.factors()) out.add(f instanceof Transpose t ? t.arg() : f);
        return out.equals(h.factors()) ? null : new Hadamard(out);
    }

    private static Expr hadCancel(Hadamard h) {
        List<Expr> fs = h.factors();
        for (int i = 0; i < fs.size(); i++) {
            int j = fs.indexOf(new ElemPow(fs.get(i), Num.MINUS_ONE));
            if (j < 0) continue;
            List<Expr> out = new ArrayList<>(fs);
            out.remove(Math.max(i, j));
            out.remove(Math.min(i, j));
            if (out.isEmpty()) return new Ones(h.shape());
            return out.size() == 1 ? out.get(0) : new Hadamard(out);
        }
        return null;
    }

    /** The Hadamard factors of h other than u.^(-1), or null when h has no such factor. */
    private static List<Expr> withoutReciprocal(Expr h, Expr u) {
        if (!(h instanceof Hadamard had)) return null;
        List<Expr> out = new ArrayList<>(had.factors());
        return out.remove(new ElemPow(u, Num.MINUS_ONE)) ? out : null;
    }

    private static Expr dotReciprocal(Expr a, Expr b) {
        List<Expr> rest = null;
        if (a instanceof Transpose t && t.arg().shape().cols().isOne()) rest = withoutReciprocal(b, t.arg());
        if (rest == null && b.shape().cols().isOne() && a instanceof Transpose t) rest = withoutReciprocal(t.arg(), b);
        if (rest == null) return null;
        return new Sum(rest.size() == 1 ? rest.get(0) : new Hadamard(rest));
    }

    private static Expr softmaxFromExp(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i < fs.size(); i++) {
            if (!(fs.get(i) instanceof Pow p && isNum(p.exponent(), Rational.MINUS_ONE) && p.base() instanceof Sum sum
                    && sum.arg() instanceof Apply ex && ex.fn() == Fn.EXP && ex.shape().isColumn())) continue;
            for (int j = 0; j < fs.size(); j++) {
                Expr f = fs.get(j), soft = null;
                if (f.equals(ex)) soft = new Softmax(ex.arg());
                else if (f instanceof Transpose t && t.arg().equals(ex)) soft = new Transpose(new Softmax(ex.arg()));
                if (soft == null) continue;
                List<Expr> out = new ArrayList<>(fs);
                out.set(j, soft);
                out.remove(i);
                return rebuild(out, m.shape());
            }
        }
        return null;
    }

    /** u when e is ±(diag(u) - u u^T) (the Jacobian of softmax, s = u), else null; the sign goes to sign[0]. */
    private static Expr diagMinusOuter(Expr e, int[] sign) {
        if (!(e instanceof Add a) || a.terms().size() != 2) return null;
        for (int k = 0; k < 2; k++) {
            Terms.Term diag = Terms.term(a.terms().get(k)), other = Terms.term(a.terms().get(1 - k));
            if (!(diag.body() instanceof Diag d) || diag.coeff().abs().compareTo(Rational.ONE) != 0) continue;
            Expr u = d.arg();
            if (other.coeff().equals(diag.coeff().negate()) && other.body().equals(Mul.of(u, new Transpose(u)))) {
                sign[0] = diag.coeff().signum();
                return u;
            }
        }
        return null;
    }

    /** Whether u ⊙ v and u^T v simplify: v has a factor 1 ./ u, or v is a unit vector e_k. */
    private static boolean cancels(Expr v, Expr u) {
        return v instanceof UnitVector || withoutReciprocal(v, u) != null;
    }

    private static Expr softmaxJvp(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i < fs.size(); i++) {
            int[] sign = new int[1];
            Expr u = diagMinusOuter(fs.get(i), sign);
            if (u == null) continue;
            Expr right = i + 1 < fs.size() ? fs.get(i + 1) : null, left = i > 0 ? fs.get(i - 1) : null;
            List<Expr> out;
            if (right != null && !right.isScalar() && right.shape().cols().isOne() && cancels(right, u)) {
                out = new ArrayList<>(fs.subList(0, i));
                Expr jvp = Ops.sub(Ops.had(u, right), Mul.of(u, new Transpose(u), right));
                out.add(sign[0] < 0 ? Ops.neg(jvp) : jvp);
                out.addAll(fs.subList(i + 2, fs.size()));
            } else if (left != null && !left.isScalar() && left.shape().rows().isOne()
                    && cancels(transposeOf(left), u)) {
                out = new ArrayList<>(fs.subList(0, i - 1));
                Expr vjp = Ops.sub(new Transpose(Ops.had(u, transposeOf(left))), Mul.of(left, u, new Transpose(u)));
                out.add(sign[0] < 0 ? Ops.neg(vjp) : vjp);
                out.addAll(fs.subList(i + 1, fs.size()));
            } else {
                continue;
            }
            return rebuild(out, m.shape());
        }
        return null;
    }

    private static Expr unitDot(Expr a, Expr b) {
        if (a instanceof Transpose t && b instanceof UnitVector e && t.arg().shape().cols().isOne()) return new Entry(t.arg(), e.index(), 1);
        if (a instanceof Transpose t && t.arg() instanceof UnitVector e && b.shape().cols().isOne()) return new Entry(b, e.index(), 1);
        return null;
    }

    private static Expr unitHad(Hadamard h) {
        List<Expr> fs = h.factors();
        int k = -1;
        for (int i = 0; i < fs.size() && k < 0; i++) if (fs.get(i) instanceof UnitVector) k = i;
        if (k < 0 || !h.shape().cols().isOne()) return null;
        UnitVector e = (UnitVector) fs.get(k);
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) if (i != k) out.add(new Entry(fs.get(i), e.index(), 1));
        out.add(e);
        return Mul.of(out);
    }

    private static Expr entryElementwise(Entry e) {
        Expr a = e.arg();
        if (a instanceof Hadamard h) return Mul.of(h.factors().stream().map(f -> (Expr) new Entry(f, e.row(), e.col())).toList());
        if (a instanceof ElemPow p) return new Pow(new Entry(p.base(), e.row(), e.col()), p.exponent());
        if (a instanceof Apply f) return new Apply(f.fn(), new Entry(f.arg(), e.row(), e.col()));
        if (a instanceof Ones) return Num.ONE;
        Terms.Split sp = a instanceof Mul ? Terms.split(a) : null;
        if (sp != null && !sp.scalars().isEmpty() && sp.chain().size() == 1) {
            List<Expr> out = new ArrayList<>(sp.scalars());
            out.add(new Entry(sp.chain().get(0), e.row(), e.col()));
            return Mul.of(out);
        }
        return null;
    }

    /** -u in canonical form: the coefficient negated. */
    private static Expr negated(Expr u) {
        Terms.Term t = Terms.term(u);
        return Terms.build(t.coeff().negate(), t.body(), u.shape());
    }

    private static boolean negatives(Expr a, Expr b) {
        Terms.Term s = Terms.term(a), t = Terms.term(b);
        return s.body().equals(t.body()) && s.coeff().add(t.coeff()).isZero();
    }

    private static Expr sigmoidFromExp(Expr e) {
        Expr base, exponent;
        if (e instanceof Pow p) { base = p.base(); exponent = p.exponent(); }
        else if (e instanceof ElemPow p) { base = p.base(); exponent = p.exponent(); }
        else return null;
        if (!isNum(exponent, Rational.MINUS_ONE) || !(base instanceof Add a) || a.terms().size() != 2) return null;
        for (int k = 0; k < 2; k++) {
            Expr one = a.terms().get(k), other = a.terms().get(1 - k);
            if ((isNum(one, Rational.ONE) || one instanceof Ones) && other instanceof Apply x && x.fn() == Fn.EXP) {
                return new Apply(Fn.SIGMOID, negated(x.arg()));
            }
        }
        return null;
    }

    private static Expr expSigmoid(Expr e) {
        List<Expr> fs;
        if (e instanceof Hadamard h) fs = h.factors();
        else if (e instanceof Mul m && m.isScalar()) fs = m.factors();
        else return null;
        for (int i = 0; i < fs.size(); i++) {
            if (!(fs.get(i) instanceof Apply x) || x.fn() != Fn.EXP) continue;
            for (int j = 0; j < fs.size(); j++) {
                if (fs.get(j) instanceof Apply s && s.fn() == Fn.SIGMOID && negatives(s.arg(), x.arg())) {
                    List<Expr> out = new ArrayList<>(fs);
                    out.set(j, new Apply(Fn.SIGMOID, x.arg()));
                    out.remove(i);
                    if (out.size() == 1) return out.get(0);
                    return e instanceof Hadamard ? new Hadamard(out) : Mul.of(out);
                }
            }
        }
        return null;
    }

    private static Expr diagSum(Add a) {
        List<Expr> diags = new ArrayList<>(), rest = new ArrayList<>();
        for (Expr t : a.terms()) {
            Terms.Term tm = Terms.term(t);
            if (tm.body() instanceof Diag d) diags.add(Terms.build(tm.coeff(), d.arg(), d.arg().shape()));
            else rest.add(t);
        }
        if (diags.size() < 2) return null;
        rest.add(0, new Diag(Ops.sum(diags, diags.get(0).shape())));
        return Ops.sum(rest, a.shape());
    }

    private static Expr diagProduct(Expr a, Expr b) {
        return a instanceof Diag p && b instanceof Diag q ? new Diag(Ops.had(p.arg(), q.arg())) : null;
    }

    private static Expr diagOfOuter(DiagOf d) {
        if (!(d.arg() instanceof Mul m) || m.factors().size() != 2) return null;
        Expr u = m.factors().get(0), vt = m.factors().get(1);
        if (!u.shape().isColumn() || !vt.shape().rows().isOne() || u.isScalar()) return null;
        return Ops.had(List.of(u, transposeOf(vt)));
    }

    private static Expr diagOfElementwise(DiagOf d) {
        if (d.arg() instanceof Apply a && a.arg() instanceof Diag v) return new Apply(a.fn(), v.arg());
        if (d.arg() instanceof ElemPow p && p.base() instanceof Diag v) return new ElemPow(v.arg(), p.exponent());
        return null;
    }

    private static Expr onesSoftmax(Expr a, Expr b) {
        if (isOnesRow(a) && b instanceof Softmax) return Num.ONE;
        if (isOnesColumn(b) && a instanceof Transpose t && t.arg() instanceof Softmax) return Num.ONE;
        return null;
    }

    private static Expr softmaxJacobianOnes(Expr a, Expr b) {
        if (isOnesColumn(b) && isSimplexJacobian(a)) return new Zero(Mul.shapeOf(List.of(a, b)));
        if (isOnesRow(a) && isSimplexJacobian(b)) return new Zero(Mul.shapeOf(List.of(a, b)));
        return null;
    }

    private static boolean isOnesColumn(Expr e) { return e instanceof Ones && e.shape().cols().isOne(); }

    /** 1^T, written as a row of ones or as the transpose of a column of them. */
    private static boolean isOnesRow(Expr e) {
        return e instanceof Ones && e.shape().rows().isOne() || e instanceof Transpose t && isOnesColumn(t.arg());
    }

    /** c (diag(p) - p p^T) for a p whose entries sum to 1, in either order and sign. */
    private static boolean isSimplexJacobian(Expr e) {
        if (!(e instanceof Add sum) || sum.terms().size() != 2) return false;
        Terms.Term a = Terms.term(sum.terms().get(0)), b = Terms.term(sum.terms().get(1));
        if (!(a.body() instanceof Diag)) { Terms.Term t = a; a = b; b = t; }
        if (!(a.body() instanceof Diag d) || !a.coeff().add(b.coeff()).isZero()) return false;
        Expr p = d.arg();
        if (!(p instanceof Softmax || p instanceof Var v && v.has(Property.PROBABILITY))) return false;
        return b.body().equals(Mul.of(p, transposeOf(p)));
    }

    /** a sign(a) in a product of scalars, or a ⊙ sign(a) in a Hadamard product, becomes abs(a). */
    private static Expr signAbs(Expr e) {
        List<Expr> fs = e instanceof Mul m && m.isScalar() ? m.factors() : e instanceof Hadamard h ? h.factors() : null;
        if (fs == null) return null;
        for (int i = 0; i < fs.size(); i++) {
            if (!(fs.get(i) instanceof Apply a && a.fn() == Fn.SIGN)) continue;
            int j = fs.indexOf(a.arg());
            if (j < 0) continue;
            List<Expr> out = new ArrayList<>(fs);
            out.set(Math.min(i, j), new Apply(Fn.ABS, a.arg()));
            out.remove(Math.max(i, j));
            if (out.size() == 1) return out.get(0);
            return e instanceof Mul ? Mul.of(out) : new Hadamard(out);
        }
        return null;
    }

    /**
     * A factor next to the inverse of a product of square matrices that it cancels with: the
     * inverse of the product exists only if every factor is invertible, so (A X)^{-1} = X^{-1} A^{-1}
     * wherever the left side is defined.
     */
    private static Expr inverseProductCancel(Expr l, Expr r) {
        List<Expr> p;
        if ((p = squareFactors(r, false)) != null && l.equals(p.get(p.size() - 1))) return inverseOf(p.subList(0, p.size() - 1), false);
        if ((p = squareFactors(l, false)) != null && r.equals(p.get(0))) return inverseOf(p.subList(1, p.size()), false);
        if ((p = squareFactors(r, true)) != null && l.equals(transposeOf(p.get(0)))) return inverseOf(p.subList(1, p.size()), true);
        if ((p = squareFactors(l, true)) != null && r.equals(transposeOf(p.get(p.size() - 1)))) return inverseOf(p.subList(0, p.size() - 1), true);
        return null;
    }

    /** The factors of (P1 ... Pk)^{-1} (or, transposed, of (P1 ... Pk)^{-T}) when all are square of one size. */
    private static List<Expr> squareFactors(Expr e, boolean transposed) {
        if (transposed) {
            if (!(e instanceof Transpose t)) return null;
            e = t.arg();
        }
        if (!(e instanceof Inverse i) || !(i.arg() instanceof Mul m)) return null;
        Dim n = m.shape().rows();
        for (Expr f : m.factors()) if (f.isScalar() || !f.shape().rows().equals(n) || !f.shape().cols().equals(n)) return null;
        return m.factors();
    }

    private static Expr inverseOf(List<Expr> factors, boolean transposed) {
        Expr inv = new Inverse(factors.size() == 1 ? factors.get(0) : Mul.of(factors));
        return transposed ? new Transpose(inv) : inv;
    }

    private static Expr diagTimesOnes(Expr a, Expr b) {
        if (a instanceof Diag d && b instanceof Ones && b.shape().cols().isOne()) return d.arg();
        if (b instanceof Diag d && a instanceof Ones && a.shape().rows().isOne()) return new Transpose(d.arg());
        return null;
    }

    /** Sums and reciprocals last, so that a ⊙ (1 - a) and u ./ v read naturally; otherwise by key. */
    private static final Comparator<Expr> HADAMARD_ORDER = Comparator
            .comparing((Expr e) -> e instanceof ElemPow p && p.exponent() instanceof Num n && n.value().signum() < 0)
            .thenComparing(e -> e instanceof Add).thenComparing(Key::of);

    private static Expr hadOrder(Hadamard h) {
        if (sorted(h.factors(), HADAMARD_ORDER)) return null;
        List<Expr> sorted = new ArrayList<>(h.factors());
        sorted.sort(HADAMARD_ORDER);
        return sorted.equals(h.factors()) ? null : new Hadamard(sorted);
    }

    private static Expr elemPowPow(ElemPow p) {
        if (p.base() instanceof ElemPow q && p.exponent() instanceof Num k && k.value().isInteger() && q.exponent() instanceof Num j) {
            return new ElemPow(q.base(), new Num(j.value().mul(k.value())));
        }
        return null;
    }

    private static Expr powNum(Pow p) {
        if (p.base() instanceof Num b && p.exponent() instanceof Num k && k.value().isInteger()) {
            int e = k.value().intValueExact();
            if (b.value().isZero() && e < 0) return null;
            if (Math.abs(e) > 64) return null;
            return new Num(b.value().pow(e));
        }
        return null;
    }

    private static Expr powPow(Pow p) {
        if (p.base() instanceof Pow q && p.exponent() instanceof Num k && k.value().isInteger() && q.exponent() instanceof Num j) {
            return new Pow(q.base(), new Num(j.value().mul(k.value())));
        }
        return null;
    }

    private static Expr powProduct(Pow p) {
        if (!(p.base() instanceof Mul m) || !(p.exponent() instanceof Num k) || !k.value().isInteger()) return null;
        if (m.factors().stream().anyMatch(f -> !f.isScalar())) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : m.factors()) out.add(new Pow(f, k));
        return Mul.of(out);
    }

    // ======================================================================== Kronecker products and vec

    /** As {@link #rewritePair}, for rules that need a Kronecker, vec or commutation factor: a cheap test first. */
    private static Expr rewriteKronPair(Mul m, java.util.function.BiFunction<Expr, Expr, Expr> f) {
        for (Expr e : m.factors()) if (e instanceof Commutation || kronLike(e)) return rewritePair(m, f);
        return null;
    }

    /** Rewrites the first two neighbouring chain factors (scalars between them skipped) that f replaces by one factor. */
    private static Expr rewritePair(Mul m, java.util.function.BiFunction<Expr, Expr, Expr> f) {
        List<Expr> fs = m.factors();
        int prev = -1;
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).isScalar()) continue;
            if (prev >= 0) {
                Expr r = f.apply(fs.get(prev), fs.get(i));
                if (r != null) {
                    List<Expr> out = new ArrayList<>(fs);
                    out.remove(i);
                    out.set(prev, r);
                    return rebuild(out, m.shape());
                }
            }
            prev = i;
        }
        return null;
    }

    /** (A ⊗ B)(C ⊗ D) = A C ⊗ B D, only when A C and B D are themselves products (equal inner sizes). */
    private static Expr kronMixed(Expr l, Expr r) {
        if (!(l instanceof Kron p && r instanceof Kron q)) return null;
        if (!p.a().shape().cols().equals(q.a().shape().rows()) || !p.b().shape().cols().equals(q.b().shape().rows())) return null;
        return new Kron(Ops.mul(p.a(), q.a()), Ops.mul(p.b(), q.b()));
    }

    /** (a ⊗ I)(1 ⊗ M) = a ⊗ M and (1 ⊗ M)(b^T ⊗ I) = b^T ⊗ M: a Kronecker factor with a vector absorbs its neighbour. */
    private static Expr kronAbsorb(Expr l, Expr r) {
        if (l instanceof Kron k && k.b() instanceof Identity && k.a().shape().cols().isOne() && !(r instanceof Kron)
                && r.shape().rows().equals(k.b().shape().cols())) {
            return new Kron(k.a(), r);
        }
        if (r instanceof Kron k && k.b() instanceof Identity && k.a().shape().rows().isOne() && !(l instanceof Kron)
                && l.shape().cols().equals(k.b().shape().rows())) {
            return new Kron(k.a(), l);
        }
        return null;
    }

    /** (A ⊗ B) vec(C) = vec(B C A^T) for C with as many rows as B has columns and as many columns as A. */
    private static Expr kronVec(Expr l, Expr r) {
        if (!(l instanceof Kron k && r instanceof Vec v)) return null;
        Shape c = v.arg().shape();
        if (!k.a().shape().cols().equals(c.cols()) || !k.b().shape().cols().equals(c.rows())) return null;
        return new Vec(Ops.mul(k.b(), v.arg(), transposeOf(k.a())));
    }

    /** vec(C)^T (A ⊗ B) = ((A^T ⊗ B^T) vec(C))^T = vec(B^T C A)^T. */
    private static Expr vecKron(Expr l, Expr r) {
        if (!(l instanceof Transpose t && t.arg() instanceof Vec v && r instanceof Kron k)) return null;
        Shape c = v.arg().shape();
        if (!k.a().shape().rows().equals(c.cols()) || !k.b().shape().rows().equals(c.rows())) return null;
        return new Transpose(new Vec(Ops.mul(transposeOf(k.b()), v.arg(), k.a())));
    }

    /** vec(A)^T vec(B) = tr(A^T B), only for A and B of the same shape (equal lengths are not enough). */
    private static Expr vecDot(Expr l, Expr r) {
        if (!(l instanceof Transpose t && t.arg() instanceof Vec u && r instanceof Vec v)) return null;
        if (!u.arg().shape().equals(v.arg().shape())) return null;
        return new Trace(Ops.mul(transposeOf(u.arg()), v.arg()));
    }

    /** Ops.unvec's form applied to a vec: (vec(I_n)^T ⊗ I_m)(I_n ⊗ vec(M)) = M for M m x n. */
    private static Expr unvecVec(Expr l, Expr r) {
        if (!(l instanceof Kron p && p.a() instanceof Transpose t && t.arg() instanceof Vec vi && vi.arg() instanceof Identity in
                && p.b() instanceof Identity im)) return null;
        if (!(r instanceof Kron q && q.a() instanceof Identity in2 && in.n().equals(in2.n()))) return null;
        Shape target = new Shape(im.n(), in.n());
        if (q.b() instanceof Vec v) return v.arg().shape().equals(target) ? v.arg() : null;
        // the all-ones column of length m n is vec of the all-ones m x n matrix
        if (q.b() instanceof Ones o && o.shape().equals(Shape.column(target.size()))) return new Ones(target);
        return null;
    }

    /** The commutation matrix's definition, read in both directions of the chain. */
    private static Expr commutationVec(Expr l, Expr r) {
        if (l instanceof Commutation k && r instanceof Vec v && v.arg().shape().equals(new Shape(k.m(), k.n()))) {
            return new Vec(transposeOf(v.arg()));
        }
        if (r instanceof Commutation k && l instanceof Transpose t && t.arg() instanceof Vec v
                && v.arg().shape().equals(new Shape(k.n(), k.m()))) {
            return new Transpose(new Vec(transposeOf(v.arg())));
        }
        return null;
    }

    private static Expr vecScale(Vec v) {
        if (!(v.arg() instanceof Mul m)) return null;
        Terms.Split sp = Terms.split(m);
        if (sp.scalars().isEmpty() || sp.chain().isEmpty()) return null;
        List<Expr> out = new ArrayList<>(sp.scalars());
        out.add(new Vec(sp.chain().size() == 1 ? sp.chain().get(0) : Mul.of(sp.chain())));
        return Mul.of(out);
    }

    private static boolean kronLike(Expr e) {
        return e instanceof Kron || e instanceof Vec || (e instanceof Transpose t && t.arg() instanceof Vec);
    }

    /**
     * L (S + T) R = L S R + L T R, with L and R the Kronecker or vec factors next to the sum (both,
     * else one), only when each distributed term, simplified, no longer starts with L nor ends with
     * R. That test is what keeps this from undoing add-factor (which would factor L or R back out).
     */
    private static Expr kronDistribute(Mul m) {
        List<Expr> fs = m.factors();
        for (int i = 0; i < fs.size(); i++) {
            if (!(fs.get(i) instanceof Add sum)) continue;
            Expr l = i > 0 && kronLike(fs.get(i - 1)) ? fs.get(i - 1) : null;
            Expr r = i + 1 < fs.size() && kronLike(fs.get(i + 1)) ? fs.get(i + 1) : null;
            if (sum.isScalar()) continue;
            Expr out = distributeNeighbours(m, i, sum, l, r, true);
            if (out != null) return out;
        }
        return null;
    }

    /** m with its factor i, a sum, and its neighbours l and/or r (null: none) distributed, when every (some) term absorbs them. */
    private static Expr distributeNeighbours(Mul m, int i, Add sum, Expr l, Expr r, boolean every) {
        if (l == null && r == null) return null;
        List<Expr> fs = m.factors();
        List<Expr[]> tries = new ArrayList<>();
        if (l != null && r != null) tries.add(new Expr[] {l, r});
        if (l != null) tries.add(new Expr[] {l, null});
        if (r != null) tries.add(new Expr[] {null, r});
        for (Expr[] lr : tries) {
            Expr dist = distributeAbsorbing(sum, lr[0], lr[1], every);
            if (dist == null) continue;
            List<Expr> out = new ArrayList<>(fs.subList(0, lr[0] != null ? i - 1 : i));
            out.add(dist);
            out.addAll(fs.subList(lr[1] != null ? i + 2 : i + 1, fs.size()));
            return rebuild(out, m.shape());
        }
        return null;
    }

    /**
     * The terms of L (S + T) R distributed, L S R + L T R, when every term (or, for !every, at least
     * one) absorbs L and R: simplified, it no longer starts with L nor ends with R. Null otherwise.
     */
    private static Expr distributeAbsorbing(Add sum, Expr l, Expr r, boolean every) {
        List<Expr> terms = new ArrayList<>();
        boolean some = false;
        for (Expr t : sum.terms()) {
            List<Expr> fs = new ArrayList<>();
            if (l != null) fs.add(l);
            fs.add(t);
            if (r != null) fs.add(r);
            Expr raw = Ops.mul(fs);
            // Decide on the simplified term, but return the raw one: the Simplifier re-simplifies
            // what a rule builds, so the steps view names the rules that did the absorbing. The
            // look-ahead is the rule table alone: a rule is a function of its node, and Symja inside
            // a rule would be slow and would make the table depend on it.
            List<Expr> chain = Terms.split(Terms.term(Simplifier.simplify(raw)).body()).chain();
            boolean absorbed = chain.isEmpty()
                    || !((l != null && chain.get(0).equals(l)) || (r != null && chain.get(chain.size() - 1).equals(r)));
            if (every && !absorbed) return null;
            some |= absorbed;
            terms.add(raw);
        }
        if (!some) return null;
        return Ops.sum(terms, Mul.shapeOf(l == null ? List.of(sum, r) : r == null ? List.of(l, sum) : List.of(l, sum, r)));
    }

    private static Expr kronScalar(Kron k) {
        if (k.a().isScalar()) return Ops.mul(k.a(), k.b());
        if (k.b().isScalar()) return Ops.mul(k.b(), k.a());
        return null;
    }

    private static boolean isNum(Expr e, Rational v) { return e instanceof Num n && n.value().equals(v); }

    static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Rule r : ALL) n.add(r.name());
        return Collections.unmodifiableList(n);
    }
}
