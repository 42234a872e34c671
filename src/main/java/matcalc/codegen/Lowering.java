package matcalc.codegen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import matcalc.numeric.Vars;
import matcalc.expr.*;

/**
 * One node to Python, its children as references (so shared ones become temporaries). The rewrites
 * that make the code numerically sensible and fast live here and in {@link Chain}: solve instead of
 * an inverse in products, slogdet, the stable log-softmax, log-sum-exp, softplus and log-sigmoid,
 * broadcasting instead of diag(v) and of all-ones matrices, tr(A B) as an entry-wise sum.
 */
final class Lowering implements ExprVisitor<Py> {
    /** Where references and shared internal values come from (the function being written). */
    interface Nodes {
        /** The value of e (interned: equal expressions are one node). */
        Py ref(Expr e);

        /** A value computed once however often the result uses it (a temporary if used twice). */
        Py share(Py value);

        /** What a program's binding is bound to, or null (so log(yhat) with yhat = softmax(z) is log_softmax(z)). */
        Expr definition(Var v);
    }

    private final Nodes nodes;
    private final Spelling sp;
    private final Sizes sizes;
    private final Names names;
    private final Chain chain;
    private final Map<Expr, Boolean> constant = new IdentityHashMap<>();

    Lowering(Nodes nodes, Spelling sp, Sizes sizes, Names names) {
        this.nodes = nodes;
        this.sp = sp;
        this.sizes = sizes;
        this.names = names;
        this.chain = new Chain(this);
    }

    Py ref(Expr e) { return nodes.ref(e); }
    Py share(Py p) { return nodes.share(p); }
    Spelling spelling() { return sp; }
    Py size(Dim d) { return sizes.of(d); }

    // ---- numbers

    private static final BigInteger EXACT = BigInteger.ONE.shiftLeft(53);

    /** An exact rational: an integer as itself, p/q as a division (Python rounds it correctly). */
    static Py number(Rational r) {
        if (r.isInteger()) return Py.num(r.num().toString());
        if (r.num().abs().compareTo(EXACT) < 0 && r.den().compareTo(EXACT) < 0)
            return Py.binary(Py.num(r.num().toString()), "/", Py.num(r.den().toString()), Py.PRODUCT);
        return Py.num(Double.toString(r.toDouble()));
    }

    private static boolean isNum(Expr e, long v) { return e instanceof Num n && n.value().equals(Rational.of(v)); }

    /** 1, ones, or 1 times ones: the all-ones value, which broadcasting writes as 1. */
    static boolean isOnes(Expr e) {
        if (e instanceof Ones || isNum(e, 1)) return true;
        return e instanceof Mul m && m.factors().size() == 2 && isNum(m.factors().get(0), 1) && m.factors().get(1) instanceof Ones;
    }

    /** c ones or c 1 (a constant broadcast over the other terms of a sum), or null. */
    private static Rational constantOnes(Expr e) {
        if (e instanceof Ones) return Rational.ONE;
        if (e instanceof Mul m && m.factors().size() == 2 && m.factors().get(0) instanceof Num n && m.factors().get(1) instanceof Ones)
            return n.value();
        return null;
    }

    private boolean isConstant(Expr e) {
        return constant.computeIfAbsent(e, x -> Vars.free(x).isEmpty());
    }

    /** A scalar argument where the library needs an array (torch.exp(2) is an error). */
    private Py arg(Expr e) {
        Py p = ref(e);
        return e.isScalar() && isConstant(e) ? sp.tensor(p) : p;
    }

    // ---- leaves

    public Py visitNum(Num e) { return number(e.value()); }
    public Py visitVar(Var e) { return Py.atom(names.of(e.name())); }
    public Py visitDVar(DVar e) { throw sp.unsupported("the differential d" + e.var().name()); }
    public Py visitIdentity(Identity e) { return e.n().isOne() ? Py.num("1.0") : sp.eye(size(e.n())); }
    public Py visitOnes(Ones e) { return e.shape().isScalar() ? Py.num("1.0") : sp.ones(size(e.shape().rows()), size(e.shape().cols())); }
    public Py visitZero(Zero e) { return e.shape().isScalar() ? Py.num("0.0") : sp.zeros(size(e.shape().rows()), size(e.shape().cols())); }

    public Py visitMatrixLiteral(MatrixLiteral e) {
        return e.shape().isScalar() ? number(e.rows().get(0).get(0)) : sp.literal(e.rows());
    }

    public Py visitCommutation(Commutation e) {
        return e.shape().isScalar() ? Py.num("1.0") : sp.commutation(size(e.m()), size(e.n()));
    }

    public Py visitUnitVector(UnitVector e) {
        return e.n().isOne() ? Py.num("1.0") : sp.onehot(size(e.n()), e.index() - 1);
    }

    // ---- algebra

    /**
     * Terms joined by + and -, a negative term (-1 times something) subtracted. A constant times
     * ones is written as the constant: broadcasting fills it in (1 + exp(z), not ones + exp(z)).
     */
    public Py visitAdd(Add e) {
        boolean broadcast = e.terms().stream().anyMatch(t -> constantOnes(t) == null);
        List<Py> signed = new ArrayList<>();
        Py out = null;
        for (Expr t : e.terms()) {
            Rational c = broadcast ? constantOnes(t) : null;
            boolean negative;
            Py p;
            if (c != null) {
                negative = c.signum() < 0;
                p = number(c.abs());
            } else {
                Expr pos = negated(t);
                negative = pos != null;
                p = ref(negative ? pos : t);
            }
            signed.add(negative ? Py.neg(p) : p);
            if (out == null) out = negative ? Py.neg(p) : p;
            else out = Py.binary(out, negative ? "-" : "+", p, Py.SUM);
        }
        // Python's compiler recurses on a + b + c ...: a long sum is added as a balanced tree
        return signed.size() > LONG ? balanced(signed, "+", Py.SUM) : out;
    }

    /** Beyond this many operands an associative operation is written as a balanced tree. */
    static final int LONG = 32;

    /** a op b op c ... with nesting depth log2(n): (a op b) op (c op d). */
    static Py balanced(List<Py> ps, String op, int prec) {
        if (ps.size() == 1) return ps.get(0);
        int mid = ps.size() / 2;
        return Py.binary(balanced(ps.subList(0, mid), op, prec), op, balanced(ps.subList(mid, ps.size()), op, prec), prec);
    }

    /** For a term with a negative coefficient, the term negated (as an expression); else null. */
    private static Expr negated(Expr t) {
        if (t instanceof Num n && n.value().signum() < 0) return new Num(n.value().negate());
        if (!(t instanceof Mul m)) return null;
        Rational c = Rational.ONE;
        List<Expr> rest = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) c = c.mul(n.value());
            else rest.add(f);
        }
        if (c.signum() >= 0) return null;
        if (!c.negate().isOne()) rest.add(0, new Num(c.negate()));
        return rest.size() == 1 ? rest.get(0) : Mul.of(rest);
    }

    /**
     * Numbers folded into one coefficient, other scalars multiplied first (cheap), the matrix chain
     * last (see {@link Chain}); a^-k becomes a division. A 1 x 1 chain (x^T A x) is taken as the
     * scalar [0, 0]: scalars are 0-d.
     */
    public Py visitMul(Mul e) { return product(e, null); }

    /**
     * The product p, a column vec(M), as the matrix M of the given shape: what a Hessian-vector
     * product returns. Kronecker factors applied to the vector keep M, so no reshape is needed.
     */
    Py unvec(Expr p, Shape shape) {
        if (p instanceof Mul m) return product(m, shape);
        return Chain.unvec(ref(p), shape, this);
    }

    private Py product(Mul e, Shape matrix) {
        Rational c = Rational.ONE;
        List<Py> num = new ArrayList<>(), den = new ArrayList<>();
        List<Expr> matrices = new ArrayList<>();
        // c (d (e X)) is c d e X: a number times a product is unwrapped (- - - x would nest 5000 deep)
        List<Expr> factors = new ArrayList<>(e.factors());
        while (factors.size() == 2 && factors.get(0) instanceof Num n && factors.get(1) instanceof Mul inner) {
            c = c.mul(n.value());
            factors = new ArrayList<>(inner.factors());
        }
        factors = scaleKron(factors, matrix);
        for (Expr f : factors) {
            if (f instanceof Num n) c = c.mul(n.value());
            else if (!f.isScalar()) matrices.add(f);
            else if (f instanceof Pow p && p.exponent() instanceof Num k && k.value().isInteger() && k.value().signum() < 0) {
                Rational power = k.value().negate();
                den.add(power.isOne() ? ref(p.base()) : Py.binary(ref(p.base()), "**", number(power), Py.POWER));
            } else num.add(ref(f));
        }
        if (!matrices.isEmpty()) {
            Py m = matrix == null ? chain.lower(matrices) : chain.lowerAs(matrices, matrix);
            num.add(e.isScalar() && matrix == null ? Py.postfix(m, "[0, 0]") : m);
        } else if (matrix != null && !matrix.isScalar()) {
            throw new IllegalStateException("a scalar product as a matrix");
        }
        return scaled(c, num, den);
    }

    /**
     * c kron(A, B) as kron(c A, B) (also behind a K): the scalars scale a factor, not the product,
     * which is larger than both (a 10^4 x 10^4 Hessian is not negated entry by entry).
     */
    private static List<Expr> scaleKron(List<Expr> factors, Shape matrix) {
        List<Expr> scalars = new ArrayList<>(), chain = new ArrayList<>();
        for (Expr f : factors) (f.isScalar() ? scalars : chain).add(f);
        if (scalars.isEmpty() || matrix != null || chain.isEmpty() || !(chain.get(chain.size() - 1) instanceof Kron k)) return factors;
        for (Expr f : chain.subList(0, chain.size() - 1)) if (!(f instanceof Commutation)) return factors;
        if (k.a().isScalar() || k.b().isScalar()) return factors;
        List<Expr> scaled = new ArrayList<>(scalars);
        scaled.add(k.a());
        List<Expr> out = new ArrayList<>(chain.subList(0, chain.size() - 1));
        out.add(new Kron(Ops.mul(scaled), k.b()));
        return out;
    }

    /** c * n1 * n2 ... / d1 / d2 ..., with a coefficient p/q as p * ... / q. */
    static Py scaled(Rational c, List<Py> num, List<Py> den) {
        boolean negative = c.signum() < 0;
        Rational a = c.abs();
        List<Py> ds = new ArrayList<>(den);
        if (!a.isInteger()) ds.add(0, Py.num(a.den().toString()));
        BigInteger p = a.num();
        List<Py> factors = new ArrayList<>();
        if (!p.equals(BigInteger.ONE) || num.isEmpty()) factors.add(Py.num(p.toString()));
        factors.addAll(num);
        Py out = null;
        if (factors.size() > LONG) out = balanced(factors, "*", Py.PRODUCT);
        else for (Py n : factors) out = out == null ? n : Py.binary(out, "*", n, Py.PRODUCT);
        if (ds.size() > LONG) out = Py.binary(out, "/", balanced(ds, "*", Py.PRODUCT), Py.PRODUCT);
        else for (Py d : ds) out = Py.binary(out, "/", d, Py.PRODUCT);
        return negative ? Py.neg(out) : out;
    }

    public Py visitTranspose(Transpose e) {
        if (e.arg().isScalar()) return ref(e.arg());
        if (e.arg() instanceof Transpose t) return ref(t.arg());
        return Chain.transpose(ref(e.arg()));
    }

    public Py visitInverse(Inverse e) {
        if (e.arg().isScalar()) return Py.binary(Py.num("1"), "/", ref(e.arg()), Py.PRODUCT);
        return sp.inv(ref(e.arg()));
    }

    public Py visitMatPow(MatPow e) {
        if (e.base().isScalar()) return Py.binary(ref(e.base()), "**", Py.num(Integer.toString(e.n())), Py.POWER);
        return sp.matrixPower(ref(e.base()), e.n());
    }

    public Py visitPow(Pow e) { return power(e.base(), e.exponent()); }

    /** a ** b, with a ** -1 as 1 / a. */
    private Py power(Expr base, Expr exponent) {
        if (isNum(exponent, -1)) return Py.binary(Py.num("1"), "/", ref(base), Py.PRODUCT);
        return Py.form(Py.POWER, Py.sub(ref(base), Py.ATOM), " ** ", Py.sub(ref(exponent), Py.UNARY));
    }

    /** Factors joined by *, a reciprocal B.^-1 as / B; all-ones factors dropped. */
    public Py visitHadamard(Hadamard e) {
        List<Py> num = new ArrayList<>(), den = new ArrayList<>();
        for (Expr f : e.factors()) {
            if (isOnes(f)) continue;
            if (f instanceof ElemPow p && isNum(p.exponent(), -1)) den.add(ref(p.base()));
            else num.add(ref(f));
        }
        if (num.isEmpty() && den.isEmpty()) return ref(e.factors().get(0));
        return scaled(Rational.ONE, num, den);
    }

    public Py visitElemPow(ElemPow e) {
        if (isNum(e.exponent(), -1)) return Py.binary(Py.num("1.0"), "/", ref(e.base()), Py.PRODUCT);
        return power(e.base(), e.exponent());
    }

    /**
     * Element-wise functions, with the stable forms of the usual compositions: log(softmax(v)),
     * log(sum(exp(v))), log(1 + exp(z)), log(sigmoid(z)) and log(1 - sigmoid(z)).
     */
    public Py visitApply(Apply e) {
        if (e.fn() == Fn.LOG) {
            Py stable = stableLog(e.arg());
            if (stable != null) return stable;
        }
        return sp.fn(e.fn(), arg(e.arg()));
    }

    private Py stableLog(Expr a) {
        if (a instanceof Var v && nodes.definition(v) != null) {
            Expr d = nodes.definition(v);
            // log(yhat) for yhat = softmax(z) is the node log(softmax(z)), shared with softmax(z) itself
            if (d instanceof Softmax) return ref(new Apply(Fn.LOG, d));
            if (d instanceof Apply x && x.fn() == Fn.SIGMOID) return stableLog(d);
        }
        if (a instanceof Softmax s) return sp.logSoftmax(ref(s.arg()));
        if (a instanceof Sum s && s.arg() instanceof Apply x && x.fn() == Fn.EXP) return sp.logsumexp(ref(x.arg()));
        if (a instanceof Apply s && s.fn() == Fn.SIGMOID) return sp.logSigmoid(ref(s.arg()));
        if (a instanceof Add add && add.terms().size() == 2) {
            for (int i = 0; i < 2; i++) {
                Expr one = add.terms().get(i), other = add.terms().get(1 - i);
                if (!isOnes(one)) continue;
                // log(1 + exp(z)) = softplus(z)
                if (other instanceof Apply x && x.fn() == Fn.EXP) return sp.softplus(ref(x.arg()));
                // log(1 - sigmoid(z)) = log(sigmoid(-z)) = -softplus(z)
                if (other instanceof Mul m && m.factors().size() == 2 && isNum(m.factors().get(0), -1)
                        && m.factors().get(1) instanceof Apply s && s.fn() == Fn.SIGMOID) {
                    return Py.neg(sp.softplus(ref(s.arg())));
                }
            }
        }
        return null;
    }

    public Py visitMax(Max e) { return sp.maximum(arg(e.a()), arg(e.b())); }

    public Py visitSoftmax(Softmax e) {
        if (e.isScalar()) return Py.num("1.0"); // one entry: exp(v) / exp(v)
        // where log(softmax(z)) is computed anyway, softmax(z) = exp(log_softmax(z)) shares its work
        if (logSoftmaxed.contains(e.arg())) return sp.fn(Fn.EXP, ref(new Apply(Fn.LOG, e)));
        return sp.softmax(ref(e.arg()));
    }

    /** The arguments z whose log(softmax(z)) the function computes (see {@link #visitSoftmax}). */
    private final java.util.Set<Expr> logSoftmaxed = new java.util.HashSet<>();

    void logSoftmaxOf(Expr z) { logSoftmaxed.add(z); }

    // ---- reductions and reshaping

    /** tr(F1 ... Fk) = sum((F1 ... Fk-1) .* Fk^T): O(n^2) for the last product instead of O(n^3). */
    public Py visitTrace(Trace e) {
        if (e.arg().isScalar()) return ref(e.arg());
        if (e.arg() instanceof Mul m) {
            Py fast = chain.trace(m);
            if (fast != null) return fast;
        }
        return sp.trace(ref(e.arg()));
    }

    public Py visitDet(Det e) { return e.arg().isScalar() ? ref(e.arg()) : sp.det(ref(e.arg())); }

    public Py visitLogDet(LogDet e) {
        return e.arg().isScalar() ? sp.fn(Fn.LOG, arg(e.arg())) : sp.logdet(ref(e.arg()));
    }

    public Py visitSum(Sum e) {
        if (e.arg().isScalar()) return ref(e.arg());
        if (e.arg() instanceof Ones o) return size(o.shape().size());
        return sp.sum(ref(e.arg()));
    }

    public Py visitNorm(Norm e) {
        if (e.p() == 1) return sp.sum(sp.fn(Fn.ABS, arg(e.arg())));
        if (e.arg().isScalar()) return sp.fn(Fn.ABS, arg(e.arg()));
        return sp.norm2(ref(e.arg()));
    }

    public Py visitDiag(Diag e) { return e.arg().isScalar() ? ref(e.arg()) : sp.diagflat(ref(e.arg())); }

    public Py visitDiagOf(DiagOf e) {
        return e.arg().isScalar() ? ref(e.arg()) : Py.postfix(ref(e.arg()), ".diagonal().reshape(-1, 1)");
    }

    public Py visitVec(Vec e) {
        if (e.arg().isScalar()) return ref(e.arg());
        return Chain.vec(ref(e.arg()), e.arg().shape());
    }

    public Py visitKron(Kron e) {
        if (e.a().isScalar() || e.b().isScalar()) return Py.binary(ref(e.a()), "*", ref(e.b()), Py.PRODUCT);
        return sp.kron(ref(e.a()), ref(e.b()));
    }

    /**
     * An operator of the table, spelled by the operator itself (its numpy / torch facet), each
     * argument an atom. The spelling is asked with placeholders and the arguments put in after, so
     * an argument it uses twice counts as used twice (and becomes a temporary). A size used as a
     * scalar is the exception: the function binds sizes under names of its own choosing.
     */
    public Py visitCall(Call e) {
        if (e.op() instanceof matcalc.ops.Size s) return size(s.dim());
        List<String> holes = new ArrayList<>();
        for (int i = 0; i < e.args().size(); i++) holes.add(HOLE + i + HOLE);
        String code = sp.call(e.op(), holes);
        if (code == null) throw sp.unsupported(e.op().name());
        sp.noteImports(code);
        List<Object> parts = new ArrayList<>();
        String[] pieces = code.split(HOLE, -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i % 2 == 0) {
                if (!pieces[i].isEmpty()) parts.add(pieces[i]);
            } else {
                Expr a = e.args().get(Integer.parseInt(pieces[i]));
                parts.add(Py.sub(a.isScalar() && isConstant(a) ? sp.tensor(ref(a)) : ref(a), Py.ATOM));
            }
        }
        return new Py.Form(parts, atomic(code) ? Py.ATOM : Py.SUM);
    }

    /**
     * Whether spelled code is one atom: names, calls, subscripts and attributes only (f(x),
     * m.f(x)[0].T, (lambda A: ...)(x)); anything else (a - b) is parenthesised where it is an operand.
     */
    static boolean atomic(String code) {
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (depth == 0 && !(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '\u0000')) return false;
        }
        return depth == 0;
    }

    private static final String HOLE = "\u0000";

    /** grad(f, x) inside an expression is expanded before any result exists: one reaching here is a bug. */
    public Py visitDerivative(matcalc.expr.Derivative e) {
        throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.INTERNAL, "internal: codegen met an unexpanded " + e.opName() + "(...)");
    }

    public Py visitEntry(Entry e) {
        if (e.arg().isScalar()) return ref(e.arg());
        int col = e.arg().shape().cols().isOne() ? 0 : e.col() - 1;
        return Py.postfix(ref(e.arg()), "[" + (e.row() - 1) + ", " + col + "]");
    }
}
