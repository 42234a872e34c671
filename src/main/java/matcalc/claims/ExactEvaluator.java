package matcalc.claims;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.expr.*;
import matcalc.symja.ToSymja;

/**
 * Our typed IR evaluated entry by entry over symbolic entries: every node becomes a matrix of exact
 * rational functions ({@link Frac}). Matrix operations are written out entry-wise here (products,
 * cofactor determinants and adjugate inverses); element-wise functions go through
 * {@link RationalField#apply}, i.e. Symja. Derivative placeholders are computed by the caller.
 */
final class ExactEvaluator implements ExprVisitor<Frac[][]> {
    /** Computes the value of a derivative placeholder in the given environment. */
    interface Derivatives {
        Frac[][] value(Var placeholder, Map<String, Frac[][]> env);
    }

    private final RationalField f;
    private final Map<String, Frac[][]> env;
    private final Map<String, Integer> sizes;
    private final Derivatives derivatives;
    private final Map<Expr, Frac[][]> memo = new IdentityHashMap<>();

    ExactEvaluator(RationalField f, Map<String, Frac[][]> env, Map<String, Integer> sizes, Derivatives derivatives) {
        this.f = f;
        this.env = env;
        this.sizes = sizes;
        this.derivatives = derivatives;
    }

    Frac[][] eval(Expr e) {
        Frac[][] v = memo.get(e);
        if (v == null) {
            f.tick();
            v = e.accept(this);
            memo.put(e, v);
        }
        return v;
    }

    private Frac scalar(Expr e) { return eval(e)[0][0]; }

    private int size(Dim d) { return d.value(sizes); }

    private Frac[][] zeros(int r, int c) {
        Frac[][] m = new Frac[r][c];
        for (Frac[] row : m) java.util.Arrays.fill(row, f.zero);
        return m;
    }

    private Frac[][] zeros(Shape s) { return zeros(size(s.rows()), size(s.cols())); }

    private static Frac[][] one(Frac x) { return new Frac[][] {{x}}; }

    private interface Map1 { Frac apply(Frac x); }

    private static Frac[][] map(Frac[][] a, Map1 fn) {
        Frac[][] r = new Frac[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) r[i][j] = fn.apply(a[i][j]);
        return r;
    }

    // ----- leaves

    public Frac[][] visitNum(Num e) { return one(f.constant(e.value())); }

    public Frac[][] visitVar(Var e) {
        if (ClaimParser.isPlaceholder(e)) return derivatives.value(e, env);
        Frac[][] v = env.get(e.name());
        if (v == null) throw new IllegalStateException("no symbolic value for " + e.name());
        return v;
    }

    public Frac[][] visitDVar(DVar e) { throw new RationalField.Unsupported("a differential has no value"); }

    public Frac[][] visitIdentity(Identity e) {
        int n = size(e.n());
        Frac[][] m = zeros(n, n);
        for (int i = 0; i < n; i++) m[i][i] = f.one;
        return m;
    }

    public Frac[][] visitOnes(Ones e) { return map(zeros(e.shape()), x -> f.one); }

    public Frac[][] visitZero(Zero e) { return zeros(e.shape()); }

    public Frac[][] visitMatrixLiteral(MatrixLiteral e) {
        List<List<Rational>> rows = e.rows();
        Frac[][] m = new Frac[rows.size()][rows.get(0).size()];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) m[i][j] = f.constant(rows.get(i).get(j));
        return m;
    }

    public Frac[][] visitCommutation(Commutation e) {
        int m = size(e.m()), n = size(e.n());
        Frac[][] k = zeros(m * n, m * n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) k[i * n + j][j * m + i] = f.one;
        return k;
    }

    public Frac[][] visitUnitVector(UnitVector e) {
        Frac[][] v = zeros(size(e.n()), 1);
        v[e.index() - 1][0] = f.one;
        return v;
    }

    // ----- algebra

    public Frac[][] visitAdd(Add e) {
        Frac[][] s = eval(e.terms().get(0));
        for (Expr t : e.terms().subList(1, e.terms().size())) s = add(s, eval(t));
        return s;
    }

    Frac[][] add(Frac[][] a, Frac[][] b) {
        Frac[][] r = new Frac[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) r[i][j] = f.add(a[i][j], b[i][j]);
        return r;
    }

    public Frac[][] visitMul(Mul e) {
        Frac scale = f.one;
        Frac[][] chain = null;
        for (Expr x : e.factors()) {
            Frac[][] v = eval(x);
            if (x.isScalar()) scale = f.mul(scale, v[0][0]);
            else chain = chain == null ? v : mul(chain, v);
        }
        if (chain == null) return one(scale);
        Frac s = scale;
        return s.isConstant() && s.constant().isONE() ? chain : map(chain, x -> f.mul(s, x));
    }

    Frac[][] mul(Frac[][] a, Frac[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        Frac[][] r = new Frac[n][m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                Frac s = f.zero;
                for (int l = 0; l < k; l++) if (!a[i][l].isZero() && !b[l][j].isZero()) s = f.add(s, f.mul(a[i][l], b[l][j]));
                r[i][j] = s;
            }
        return r;
    }

    static Frac[][] transpose(Frac[][] a) {
        Frac[][] r = new Frac[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) r[j][i] = a[i][j];
        return r;
    }

    public Frac[][] visitTranspose(Transpose e) { return transpose(eval(e.arg())); }

    public Frac[][] visitInverse(Inverse e) {
        Frac[][] a = eval(e.arg());
        return f.matrixAtoms && a.length > 1 ? f.inverseAtoms(a) : inverse(a);
    }

    Frac[][] inverse(Frac[][] a) {
        int n = a.length;
        if (n == 1) return one(f.inv(a[0][0]));
        if (n > 5) throw new RationalField.Unsupported("inverse of a " + n + " x " + n + " matrix is too large for an exact proof");
        Frac invDet = f.inv(det(a));
        Frac[][] r = new Frac[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                Frac c = det(minor(a, j, i));
                r[i][j] = f.mul((i + j) % 2 == 0 ? c : f.neg(c), invDet);
            }
        return r;
    }

    private static Frac[][] minor(Frac[][] a, int row, int col) {
        int n = a.length;
        Frac[][] m = new Frac[n - 1][n - 1];
        for (int i = 0, r = 0; i < n; i++) {
            if (i == row) continue;
            for (int j = 0, c = 0; j < n; j++) {
                if (j == col) continue;
                m[r][c++] = a[i][j];
            }
            r++;
        }
        return m;
    }

    /** Cofactor expansion along the first row (sizes here are small). */
    Frac det(Frac[][] a) {
        int n = a.length;
        if (n == 1) return a[0][0];
        if (n == 2) return f.sub(f.mul(a[0][0], a[1][1]), f.mul(a[0][1], a[1][0]));
        if (n > 6) throw new RationalField.Unsupported("determinant of a " + n + " x " + n + " matrix is too large for an exact proof");
        Frac s = f.zero;
        for (int j = 0; j < n; j++) {
            if (a[0][j].isZero()) continue;
            Frac t = f.mul(a[0][j], det(minor(a, 0, j)));
            s = j % 2 == 0 ? f.add(s, t) : f.sub(s, t);
        }
        return s;
    }

    public Frac[][] visitMatPow(MatPow e) {
        Frac[][] b = eval(e.base()), r = b;
        for (int i = 1; i < e.n(); i++) r = mul(r, b);
        return r;
    }

    public Frac[][] visitPow(Pow e) { return one(power(scalar(e.base()), e.exponent())); }

    private Frac power(Frac base, Expr exponent) {
        if (!(exponent instanceof Num n)) {
            Frac[][] ev = eval(exponent);
            if (ev[0][0].isConstant()) {
                edu.jas.arith.BigRational c = ev[0][0].constant();
                return f.power(base, new Rational(c.numerator(), c.denominator()));
            }
            throw new RationalField.Unsupported("powers with a variable exponent");
        }
        return f.power(base, n.value());
    }

    public Frac[][] visitHadamard(Hadamard e) {
        Frac[][] p = eval(e.factors().get(0));
        for (Expr x : e.factors().subList(1, e.factors().size())) {
            Frac[][] q = eval(x), a = p;
            Frac[][] r = new Frac[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) r[i][j] = f.mul(a[i][j], q[i][j]);
            p = r;
        }
        return p;
    }

    public Frac[][] visitElemPow(ElemPow e) { return map(eval(e.base()), x -> power(x, e.exponent())); }

    public Frac[][] visitApply(Apply e) {
        Fn fn = e.fn();
        if (fn == Fn.LOG && e.arg() instanceof Apply inner && inner.fn() == Fn.ABS) {
            return map(eval(inner.arg()), x -> f.atom(RationalField.LOG_ABS, x));
        }
        if (fn.kinked) throw new RationalField.Unsupported(kinkReason());
        return map(eval(e.arg()), x -> f.apply(ToSymja.apply(fn, RationalField.T), x));
    }

    static String kinkReason() {
        return "element-wise functions with kinks (relu, abs, sign, step, max, norm1) have no exact symbolic derivative";
    }

    public Frac[][] visitMax(Max e) { throw new RationalField.Unsupported(kinkReason()); }

    public Frac[][] visitSoftmax(Softmax e) {
        Frac[][] v = eval(e.arg());
        Frac[][] ex = map(v, x -> f.apply(ToSymja.apply(Fn.EXP, RationalField.T), x));
        Frac s = f.zero;
        for (Frac[] row : ex) s = f.add(s, row[0]);
        Frac inv = f.inv(s);
        return map(ex, x -> f.mul(x, inv));
    }

    // ----- reductions and reshaping

    public Frac[][] visitTrace(Trace e) {
        Frac[][] a = eval(e.arg());
        Frac s = f.zero;
        for (int i = 0; i < a.length; i++) s = f.add(s, a[i][i]);
        return one(s);
    }

    public Frac[][] visitDet(Det e) { return one(determinant(eval(e.arg()))); }

    private Frac determinant(Frac[][] a) { return f.matrixAtoms && a.length > 1 ? f.detAtom(a) : det(a); }

    public Frac[][] visitLogDet(LogDet e) {
        return one(f.apply(ToSymja.apply(Fn.LOG, RationalField.T), determinant(eval(e.arg()))));
    }

    public Frac[][] visitSum(Sum e) {
        Frac s = f.zero;
        for (Frac[] row : eval(e.arg())) for (Frac x : row) s = f.add(s, x);
        return one(s);
    }

    public Frac[][] visitNorm(Norm e) {
        if (e.p() == 1) throw new RationalField.Unsupported(kinkReason());
        Frac s = f.zero;
        for (Frac[] row : eval(e.arg())) for (Frac x : row) s = f.add(s, f.mul(x, x));
        return one(f.power(s, Rational.of(1, 2)));
    }

    public Frac[][] visitDiag(Diag e) {
        Frac[][] v = eval(e.arg());
        Frac[][] m = zeros(v.length, v.length);
        for (int i = 0; i < v.length; i++) m[i][i] = v[i][0];
        return m;
    }

    public Frac[][] visitDiagOf(DiagOf e) {
        Frac[][] a = eval(e.arg());
        Frac[][] v = new Frac[a.length][1];
        for (int i = 0; i < a.length; i++) v[i][0] = a[i][i];
        return v;
    }

    public Frac[][] visitVec(Vec e) { return vec(eval(e.arg())); }

    static Frac[][] vec(Frac[][] a) {
        int r = a.length, c = a[0].length;
        Frac[][] v = new Frac[r * c][1];
        for (int j = 0; j < c; j++) for (int i = 0; i < r; i++) v[j * r + i][0] = a[i][j];
        return v;
    }

    public Frac[][] visitKron(Kron e) {
        Frac[][] a = eval(e.a()), b = eval(e.b());
        int p = b.length, q = b[0].length;
        Frac[][] k = new Frac[a.length * p][a[0].length * q];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < a[0].length; j++)
                for (int s = 0; s < p; s++)
                    for (int t = 0; t < q; t++) k[i * p + s][j * q + t] = f.mul(a[i][j], b[s][t]);
        return k;
    }

    public Frac[][] visitEntry(Entry e) {
        Frac[][] a = eval(e.arg());
        return one(a[e.row() - 1][e.col() - 1]);
    }


    public Frac[][] visitDerivative(Derivative e) {
        throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.INTERNAL, "internal: " + e.opName() + "(...) was not expanded");
    }

    /** A table operator through its definition in the core operations, if it has one. */
    public Frac[][] visitCall(Call e) {
        Expr d = e.op().definition(e.args());
        if (d == null) throw new RationalField.Unsupported(e.op().name() + " has no exact evaluation over symbolic entries");
        return eval(d);
    }
}
