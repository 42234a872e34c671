package matcalc.claims;

import edu.jas.arith.BigRational;
import edu.jas.poly.ExpVector;
import edu.jas.poly.GenPolynomial;
import edu.jas.poly.GenPolynomialRing;
import edu.jas.poly.Monomial;
import edu.jas.poly.TermOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import matcalc.expr.Rational;
import matcalc.symja.Symja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Exact arithmetic on rational functions of the symbolic entries (x11, x12, ...), for
 * {@link ExactProof}. Polynomials are JAS polynomials over the rationals (JAS is the polynomial
 * library Symja itself computes with, e.g. in Together). Denominators are products of registered
 * monic factors, so sums never need a gcd and "identically zero" is "zero numerator".
 * <p>
 * Element-wise functions (exp, log, sqrt, sigmoid, ...) become <em>atoms</em>: extra variables
 * standing for f(u), whose derivative f'(u) u' is Symja's D of f, read back into this field.
 * Atoms of distinct arguments are treated as independent (sound for deciding that a difference
 * is zero; a nonzero difference with atoms in it is left undecided). sqrt(u)^2 is reduced to u.
 */
final class RationalField {
    static { matcalc.symja.SymjaSetup.ensure(); } // before Symja's factory loads

    /** This claim (or part of it) has no exact rational form here. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String why) { super(why, null, false, false); }
    }

    /** The work budget ran out. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() { super("work budget", null, false, false); }
    }

    /**
     * What a proof may still spend, in monomial products (and one per elementary step). Counted,
     * not timed: the same claim gets the same verdict on an idle machine and on a loaded one.
     */
    static final class Work {
        private long left;
        Work(long budget) { left = budget; }
        void spend(long n) {
            left -= n;
            if (left < 0) throw new OutOfTime();
        }
    }

    /** What an atom's derivative is: f'(u) for the atom f(u). */
    interface AtomRule {
        String name();
        Frac derivative(RationalField field, Atom a);
        /** d atom / d (variable at pos); the chain rule f'(u) u' unless the atom is not of one argument. */
        default Frac total(RationalField field, Atom a, int pos) {
            Frac du = field.deriv(a.arg(), pos);
            return du.isZero() ? field.zero : field.mul(derivative(field, a), du);
        }
    }

    record Atom(AtomRule rule, Frac arg, int pos) {}

    final GenPolynomialRing<BigRational> ring;
    final int symbols;
    private final int capacity;
    private final Work work;
    private final String[] names;
    private final List<GenPolynomial<BigRational>> factors = new ArrayList<>();
    private final Map<GenPolynomial<BigRational>, Integer> factorIds = new HashMap<>();
    private final List<Atom> atoms = new ArrayList<>();
    private final Map<String, Atom> atomByKey = new HashMap<>();
    private final Map<Long, Frac> atomDerivatives = new HashMap<>();
    private final Map<String, GenPolynomial<BigRational>> denPolys = new HashMap<>();
    final Frac zero, one;

    RationalField(List<String> symbolNames, int atomCapacity, Work work) {
        this.symbols = symbolNames.size();
        this.capacity = atomCapacity;
        this.work = work;
        int n = Math.max(1, symbols + atomCapacity);
        names = new String[n];
        for (int i = 0; i < n; i++) names[i] = i < symbols ? symbolNames.get(i) : "a" + (i - symbols + 1);
        ring = new GenPolynomialRing<>(new BigRational(), n, new TermOrder(TermOrder.IGRLEX), names);
        zero = new Frac(ring.getZERO(), Map.of());
        one = new Frac(ring.getONE(), Map.of());
    }

    /**
     * Largest single polynomial operation allowed (monomial products). JAS cannot be interrupted
     * inside one multiplication, so an operation that would take longer than the budget is refused
     * before it starts: at about 5 million products a second this bounds an overrun to a fraction
     * of a second.
     */
    static final long MAX_PRODUCTS = 2_500_000;

    void tick() {
        matcalc.Deadline.check(); // a server request's time limit
        work.spend(1);
    }

    /** Refuses an operation of about this many monomial products when it is too big; else pays for it. */
    private void charge(long products) {
        if (products > MAX_PRODUCTS) throw new OutOfTime();
        work.spend(products);
        tick();
    }

    private GenPolynomial<BigRational> times(GenPolynomial<BigRational> a, GenPolynomial<BigRational> b) {
        if (a.isONE()) return b;
        if (b.isONE()) return a;
        charge((long) a.length() * b.length());
        return a.multiply(b);
    }

    // ----- building

    Frac symbol(int pos) { return new Frac(ring.valueOf(ExpVector.create(ring.nvar, pos, 1)), Map.of()); }

    Frac constant(BigRational c) { return new Frac(ring.valueOf(c), Map.of()); }

    Frac constant(Rational r) { return constant(big(r)); }

    Frac constant(long n) { return constant(BigRational.valueOf(n)); }

    static BigRational big(Rational r) {
        return new BigRational(new edu.jas.arith.BigInteger(r.num()), new edu.jas.arith.BigInteger(r.den()));
    }

    Frac poly(GenPolynomial<BigRational> p) { return new Frac(p, Map.of()); }

    // ----- arithmetic

    Frac add(Frac a, Frac b) {
        if (a.isZero()) return b;
        if (b.isZero()) return a;
        if (a.den.equals(b.den)) return new Frac(a.num.sum(b.num), a.den);
        Map<Integer, Integer> l = new TreeMap<>(a.den);
        b.den.forEach((k, v) -> l.merge(k, v, Math::max));
        GenPolynomial<BigRational> na = times(a.num, denPoly(minus(l, a.den)));
        GenPolynomial<BigRational> nb = times(b.num, denPoly(minus(l, b.den)));
        return new Frac(na.sum(nb), Map.copyOf(l));
    }

    Frac neg(Frac a) { return new Frac(a.num.negate(), a.den); }

    Frac sub(Frac a, Frac b) { return add(a, neg(b)); }

    Frac scale(Frac a, BigRational c) { return c.isZERO() ? zero : new Frac(a.num.multiply(c), a.den); }

    Frac mul(Frac a, Frac b) {
        if (a.isZero() || b.isZero()) return zero;
        if (a.isConstant()) return scale(b, a.constant());
        if (b.isConstant()) return scale(a, b.constant());
        Map<Integer, Integer> d;
        if (a.den.isEmpty()) d = b.den;
        else if (b.den.isEmpty()) d = a.den;
        else {
            Map<Integer, Integer> m = new TreeMap<>(a.den);
            b.den.forEach((k, v) -> m.merge(k, v, Integer::sum));
            d = Map.copyOf(m);
        }
        return cancel(new Frac(times(a.num, b.num), d));
    }

    /** 1 / a; the numerator of a becomes a registered factor. */
    Frac inv(Frac a) {
        if (a.isZero()) throw new Unsupported("division by an expression that is identically zero at this size");
        BigRational c = a.num.leadingBaseCoefficient();
        GenPolynomial<BigRational> rest = denPoly(a.den).multiply(c.inverse());
        tick();
        if (a.num.isConstant()) return new Frac(rest, Map.of());
        GenPolynomial<BigRational> p = a.num.monic();
        // A numerator that is a product of known factors would cancel more; a plain lookup suffices.
        Integer id = factorIds.get(p);
        if (id == null) {
            id = factors.size();
            factors.add(p);
            factorIds.put(p, id);
        }
        return cancel(new Frac(rest, Map.of(id, 1)));
    }

    Frac div(Frac a, Frac b) { return mul(a, inv(b)); }

    Frac pow(Frac a, int k) {
        if (k < 0) return inv(pow(a, -k));
        Frac r = one;
        for (int i = 0; i < k; i++) r = mul(r, a);
        return r;
    }

    /** Divides out denominator factors that divide the numerator exactly. */
    Frac cancel(Frac a) {
        if (a.den.isEmpty() || a.num.isZERO()) return a;
        GenPolynomial<BigRational> n = a.num;
        Map<Integer, Integer> d = null;
        for (Map.Entry<Integer, Integer> e : a.den.entrySet()) {
            GenPolynomial<BigRational> f = factors.get(e.getKey());
            int k = e.getValue();
            GenPolynomial<BigRational> q;
            while (k > 0 && n.length() >= f.length() && (q = quotient(n, f)) != null) {
                n = q;
                k--;
                if (d == null) d = new TreeMap<>(a.den);
                if (k == 0) d.remove(e.getKey()); else d.put(e.getKey(), k);
            }
        }
        return d == null ? a : new Frac(n, Map.copyOf(d));
    }

    /** n / f when f divides n exactly, else null. */
    private GenPolynomial<BigRational> quotient(GenPolynomial<BigRational> n, GenPolynomial<BigRational> f) {
        // A cheap necessary condition first: no variable has a higher degree in f than in n.
        ExpVector df = f.degreeVector(), dn = n.degreeVector();
        for (int i = 0; i < ring.nvar; i++) if (df.getVal(i) > dn.getVal(i)) return null;
        charge((long) n.length() * f.length());
        GenPolynomial<BigRational>[] qr = n.quotientRemainder(f);
        return qr[1].isZERO() ? qr[0] : null;
    }

    private static Map<Integer, Integer> minus(Map<Integer, Integer> l, Map<Integer, Integer> d) {
        Map<Integer, Integer> r = new TreeMap<>();
        l.forEach((k, v) -> {
            int m = v - d.getOrDefault(k, 0);
            if (m > 0) r.put(k, m);
        });
        return r;
    }

    GenPolynomial<BigRational> denPoly(Map<Integer, Integer> d) {
        if (d.isEmpty()) return ring.getONE();
        String key = new TreeMap<>(d).toString();
        GenPolynomial<BigRational> p = denPolys.get(key);
        if (p == null) {
            p = ring.getONE();
            for (Map.Entry<Integer, Integer> e : new TreeMap<>(d).entrySet())
                for (int i = 0; i < e.getValue(); i++) p = times(p, factors.get(e.getKey()));
            denPolys.put(key, p);
        }
        return p;
    }

    // ----- derivatives

    /** d a / d (variable at pos): the quotient rule over the factored denominator. */
    Frac deriv(Frac a, int pos) {
        tick();
        Frac dn = polyDeriv(a.num, pos);
        if (a.den.isEmpty()) return dn;
        Frac result = mul(dn, new Frac(ring.getONE(), a.den));
        for (Map.Entry<Integer, Integer> e : a.den.entrySet()) {
            Frac df = polyDeriv(factors.get(e.getKey()), pos);
            if (df.isZero()) continue;
            Map<Integer, Integer> d = new TreeMap<>(a.den);
            d.merge(e.getKey(), 1, Integer::sum);
            Frac t = mul(new Frac(a.num.multiply(BigRational.valueOf(e.getValue())), Map.copyOf(d)), df);
            tick();
            result = sub(result, t);
        }
        return result;
    }

    /** Total derivative of a polynomial in symbols and atoms. */
    private Frac polyDeriv(GenPolynomial<BigRational> p, int pos) {
        Frac r = poly(partial(p, pos));
        ExpVector deg = p.degreeVector();
        for (int v = symbols; v < symbols + atoms.size(); v++) {
            if (v == pos || deg.getVal(v) == 0) continue;
            Frac da = atomDerivative(atoms.get(v - symbols), pos);
            if (da.isZero()) continue;
            r = add(r, mul(poly(partial(p, v)), da));
        }
        return r;
    }

    private GenPolynomial<BigRational> partial(GenPolynomial<BigRational> p, int v) {
        GenPolynomial<BigRational> r = ring.getZERO().copy();
        for (Monomial<BigRational> m : p) {
            long e = m.e.getVal(v);
            if (e == 0) continue;
            r.doPutToMap(m.e.subst(v, e - 1), m.c.multiply(BigRational.valueOf(e)));
        }
        return r;
    }

    private Frac atomDerivative(Atom a, int pos) {
        long key = ((long) a.pos() << 32) | pos;
        Frac d = atomDerivatives.get(key);
        if (d == null) {
            d = a.rule().total(this, a, pos);
            atomDerivatives.put(key, d);
        }
        return d;
    }

    // ----- atoms

    Frac atom(AtomRule rule, Frac arg) { return symbol(atomOf(rule, arg).pos()); }

    private Atom atomOf(AtomRule rule, Frac arg) {
        String key = rule.name() + "|" + arg.key();
        Atom a = atomByKey.get(key);
        if (a == null) {
            if (atoms.size() >= capacity) throw new Unsupported("too many element-wise function terms for an exact proof");
            a = new Atom(rule, arg, symbols + atoms.size());
            atoms.add(a);
            atomByKey.put(key, a);
        }
        return a;
    }

    boolean hasAtoms(Frac a) {
        if (atoms.isEmpty()) return false;
        ExpVector deg = a.num.degreeVector();
        for (int v = symbols; v < symbols + atoms.size(); v++) if (deg.getVal(v) > 0) return true;
        for (int f : a.den.keySet()) {
            ExpVector d = factors.get(f).degreeVector();
            for (int v = symbols; v < symbols + atoms.size(); v++) if (d.getVal(v) > 0) return true;
        }
        return false;
    }

    /** Whether a is identically zero; sqrt(u)^2 is reduced to u first. */
    boolean isZero(Frac a) {
        if (a.isZero()) return true;
        if (atoms.isEmpty()) return false;
        Frac r = a;
        for (int i = atoms.size() - 1; i >= 0; i--) {
            Atom at = atoms.get(i);
            if (at.rule() instanceof PowRule pr && pr.c.equals(Rational.of(1, 2))) r = reduceSquareRoot(r, at);
        }
        return r.isZero();
    }

    private Frac reduceSquareRoot(Frac a, Atom root) {
        int v = root.pos();
        // An earlier reduction may have made it 0, whose polynomial has no degree vector.
        if (a.num.isZERO() || a.num.degreeVector().getVal(v) < 2) return a;
        Map<Long, GenPolynomial<BigRational>> parts = new TreeMap<>();
        for (Monomial<BigRational> m : a.num) {
            long e = m.e.getVal(v);
            parts.computeIfAbsent(e / 2, k -> ring.getZERO().copy()).doAddTo(m.c, m.e.subst(v, e % 2));
        }
        Frac sum = zero;
        for (Map.Entry<Long, GenPolynomial<BigRational>> e : parts.entrySet()) {
            sum = add(sum, mul(poly(e.getValue()), pow(root.arg(), e.getKey().intValue())));
        }
        return mul(sum, new Frac(ring.getONE(), a.den));
    }

    // ----- element-wise functions through Symja

    /** The placeholder argument of the scalar functions sent to Symja. */
    static final ISymbol T = F.Dummy("t");
    private static final Map<String, IExpr> SYMJA_CACHE = new ConcurrentHashMap<>();

    /** f(arg) for a Symja function template in T (e.g. Log(t)), as a value of this field. */
    Frac apply(IExpr template, Frac arg) {
        IExpr canonical = SYMJA_CACHE.computeIfAbsent("form:" + template, k -> Symja.get().eval(template, 5_000));
        return fromSymja(canonical, arg);
    }

    /** Reads a Symja expression in T (with T standing for arg) into this field. */
    Frac fromSymja(IExpr e, Frac arg) {
        if (e.equals(T)) return arg;
        if (e instanceof IInteger i) return constant(new BigRational(new edu.jas.arith.BigInteger(i.toBigNumerator())));
        if (e instanceof IFraction f) {
            return constant(new BigRational(new edu.jas.arith.BigInteger(f.toBigNumerator()), new edu.jas.arith.BigInteger(f.toBigDenominator())));
        }
        if (e.isPlus()) {
            Frac s = zero;
            for (IExpr t : (IAST) e) s = add(s, fromSymja(t, arg));
            return s;
        }
        if (e.isTimes()) {
            Frac p = one;
            for (IExpr t : (IAST) e) p = mul(p, fromSymja(t, arg));
            return p;
        }
        if (e.isPower()) {
            IExpr base = e.base(), exp = e.exponent();
            if (base.equals(S.E)) return atom(new SymjaRule(F.Power(S.E, T)), fromSymja(exp, arg));
            if (exp instanceof IInteger k) return pow(fromSymja(base, arg), k.toIntDefault());
            if (exp instanceof IFraction f) {
                Rational c = new Rational(f.toBigNumerator(), f.toBigDenominator());
                return power(fromSymja(base, arg), c);
            }
            throw new Unsupported("cannot read Symja's " + e);
        }
        if (e.isAST() && ((IAST) e).argSize() == 1 && e.head() instanceof ISymbol h) {
            Frac inner = fromSymja(((IAST) e).arg1(), arg);
            if (h.equals(S.Tanh)) return atom(TANH, inner);
            if (h.equals(S.Tan)) return atom(TAN, inner);
            return atom(new SymjaRule(F.unaryAST1(h, T)), inner);
        }
        throw new Unsupported("cannot read Symja's " + e);
    }

    /** base^c for a rational c: base^floor(c) times an atom base^(c - floor(c)). */
    Frac power(Frac base, Rational c) {
        if (c.isInteger()) return pow(base, c.intValueExact());
        BigInteger fl = c.num().divide(c.den());
        if (c.signum() < 0 && !c.num().mod(c.den()).equals(BigInteger.ZERO)) fl = fl.subtract(BigInteger.ONE);
        Rational frac = c.sub(new Rational(fl, BigInteger.ONE));
        return mul(pow(base, fl.intValueExact()), atom(new PowRule(frac), base));
    }

    /** An atom f(u) whose f' comes from Symja's D. */
    record SymjaRule(IExpr template) implements AtomRule {
        public String name() { return template.toString(); }
        public Frac derivative(RationalField field, Atom a) {
            IExpr d = SYMJA_CACHE.computeIfAbsent("d:" + template, k -> Symja.get().eval(F.D(template, T), 5_000));
            if (d.isAST() && d.head().isAST()) throw new Unsupported("Symja left the derivative of " + template + " unevaluated");
            return field.fromSymja(d, a.arg());
        }
    }

    /** u^c for 0 < c < 1: (u^c)' = c u^c / u. */
    record PowRule(Rational c) implements AtomRule {
        public String name() { return "pow" + c; }
        public Frac derivative(RationalField field, Atom a) {
            return field.mul(field.scale(field.symbol(a.pos()), big(c)), field.inv(a.arg()));
        }
    }

    /** log|u|: (log|u|)' = 1/u. */
    static final AtomRule LOG_ABS = new AtomRule() {
        public String name() { return "logabs"; }
        public Frac derivative(RationalField field, Atom a) { return field.inv(a.arg()); }
    };

    /** tanh' = 1 - tanh^2 (Symja's Sech^2 would be an unrelated atom). */
    static final AtomRule TANH = new AtomRule() {
        public String name() { return "tanh"; }
        public Frac derivative(RationalField field, Atom a) {
            Frac t = field.symbol(a.pos());
            return field.sub(field.one, field.mul(t, t));
        }
    };

    /** tan' = 1 + tan^2. */
    static final AtomRule TAN = new AtomRule() {
        public String name() { return "tan"; }
        public Frac derivative(RationalField field, Atom a) {
            Frac t = field.symbol(a.pos());
            return field.add(field.one, field.mul(t, t));
        }
    };

    // ----- matrix inverses and determinants as atoms (the fast first pass of ExactProof)

    /**
     * The entries of M^-1 and det(M) of one matrix M as atoms N_ij and D, with the exact rules
     * dN = -N dM N and dD = D tr(N dM). A difference that is the zero polynomial in these atoms is
     * zero for the true inverse and determinant, so this is a sound (not complete) test.
     */
    private final class MatrixGroup {
        final Frac[][] m;
        final int[][] inv;
        int det = -1;
        private final Map<Integer, Frac[][]> dm = new HashMap<>();

        MatrixGroup(Frac[][] m) {
            this.m = m;
            inv = new int[m.length][m.length];
        }

        Frac[][] dm(int pos) {
            return dm.computeIfAbsent(pos, p -> {
                Frac[][] d = new Frac[m.length][m.length];
                for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) d[i][j] = deriv(m[i][j], p);
                return d;
            });
        }

        Frac n(int i, int j) { return symbol(inv[i][j]); }
    }

    private final Map<String, MatrixGroup> groups = new HashMap<>();
    boolean matrixAtoms;

    private MatrixGroup group(Frac[][] m) {
        StringBuilder key = new StringBuilder("M");
        for (Frac[] row : m) { key.append('['); for (Frac x : row) key.append(x.key()).append(';'); key.append(']'); }
        String k = key.toString();
        MatrixGroup g = groups.get(k);
        if (g == null) {
            g = new MatrixGroup(m);
            groups.put(k, g);
            int n = m.length;
            // The inverse of a symmetric matrix is symmetric: one atom for N_ij and N_ji.
            boolean symmetric = true;
            for (int i = 0; i < n && symmetric; i++) for (int j = 0; j < i; j++) if (!m[i][j].key().equals(m[j][i].key())) { symmetric = false; break; }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    if (symmetric && j < i) { g.inv[i][j] = g.inv[j][i]; continue; }
                    MatrixGroup grp = g;
                    int r = i, c = j;
                    g.inv[i][j] = atomOf(new MatrixRule(k + "inv" + i + "," + j) {
                        public Frac total(RationalField f, Atom a, int pos) {
                            // (dN)_rc = -sum_kl N_rk dM_kl N_lc
                            Frac[][] d = grp.dm(pos);
                            Frac sum = zero;
                            for (int k2 = 0; k2 < n; k2++) {
                                for (int l = 0; l < n; l++) {
                                    if (d[k2][l].isZero()) continue;
                                    sum = add(sum, mul(mul(grp.n(r, k2), d[k2][l]), grp.n(l, c)));
                                }
                            }
                            return neg(sum);
                        }
                    }, zero).pos();
                }
        }
        return g;
    }

    Frac[][] inverseAtoms(Frac[][] m) {
        MatrixGroup g = group(m);
        Frac[][] r = new Frac[m.length][m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) r[i][j] = g.n(i, j);
        return r;
    }

    Frac detAtom(Frac[][] m) {
        MatrixGroup g = group(m);
        if (g.det < 0) {
            int n = m.length;
            g.det = atomOf(new MatrixRule("det" + System.identityHashCode(g)) {
                public Frac total(RationalField f, Atom a, int pos) {
                    // dD = D tr(N dM) = D sum_kl N_lk dM_kl
                    Frac[][] d = g.dm(pos);
                    Frac tr = zero;
                    for (int k = 0; k < n; k++) for (int l = 0; l < n; l++) if (!d[k][l].isZero()) tr = add(tr, mul(g.n(l, k), d[k][l]));
                    return tr.isZero() ? zero : mul(symbol(a.pos()), tr);
                }
            }, zero).pos();
        }
        return symbol(g.det);
    }

    /** An atom that is not a function of one argument (its rule computes the whole derivative). */
    private abstract static class MatrixRule implements AtomRule {
        private final String name;
        MatrixRule(String name) { this.name = name; }
        public String name() { return name; }
        public Frac derivative(RationalField field, Atom a) { throw new IllegalStateException("matrix atom"); }
    }

    // ----- renaming (structured variables of differentiation)

    /**
     * a with variables renamed: map[v] is the new position of variable v, or -1 for zero. Atoms are
     * renamed through their arguments.
     */
    Frac rename(Frac a, int[] symbolMap) {
        if (!groups.isEmpty()) throw new Unsupported("structured variable of differentiation with inverses as atoms");
        int[] map = new int[ring.nvar];
        for (int v = 0; v < ring.nvar; v++) map[v] = v < symbols ? symbolMap[v] : v;
        // An atom's argument only holds earlier atoms, so one pass in creation order suffices.
        int existing = atoms.size();
        for (int i = 0; i < existing; i++) {
            Atom at = atoms.get(i);
            map[at.pos()] = atomOf(at.rule(), renameWith(at.arg(), map)).pos();
        }
        return renameWith(a, map);
    }

    private Frac renameWith(Frac a, int[] map) {
        Frac r = poly(renamePoly(a.num, map));
        for (Map.Entry<Integer, Integer> e : a.den.entrySet()) {
            Frac f = poly(renamePoly(factors.get(e.getKey()), map));
            r = mul(r, pow(inv(f), e.getValue()));
        }
        return r;
    }

    private GenPolynomial<BigRational> renamePoly(GenPolynomial<BigRational> p, int[] map) {
        GenPolynomial<BigRational> r = ring.getZERO().copy();
        outer:
        for (Monomial<BigRational> m : p) {
            long[] e = new long[ring.nvar];
            for (int v = 0; v < ring.nvar; v++) {
                long k = m.e.getVal(v);
                if (k == 0) continue;
                if (map[v] < 0) continue outer;
                e[map[v]] += k;
            }
            r.doAddTo(m.c, ExpVector.create(e));
        }
        return r;
    }
}
