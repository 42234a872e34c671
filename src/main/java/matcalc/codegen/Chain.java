package matcalc.codegen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import matcalc.expr.*;

/**
 * A matrix product F1 F2 ... Fk, folded from the right so that each factor acts on what is to its
 * right:
 * <ul>
 *   <li>A^{-1} R is solve(A, R) (A^{-T} R is solve(A.T, R)); a trailing R A^{-1} is solve(A.T, R.T).T;</li>
 *   <li>diag(v) R is v * R and R diag(v) is R * v.T (broadcasting, no n x n matrix);
 *       P^T diag(d) P is one Gram product (the spelling may use a symmetric product);</li>
 *   <li>kron(A, B) vec(X) is vec(B X A^T) and K(m, n) vec(X) is vec(X^T): a Kronecker product or a
 *       commutation matrix applied to a vector is never formed; K applied to a matrix permutes rows;</li>
 *   <li>a sum applied to a vector is distributed over it ((A + A^T) x = A x + A^T x: no n x n sum);</li>
 *   <li>a product whose value is a row is folded transposed (x^T A^{-1} B = (B^T solve(A^T, x))^T);</li>
 *   <li>plain factors are multiplied right to left when the product ends in a column (each partial
 *       product A x a node of its own, so x^T A x and A x share it), left to right when it starts
 *       with a row, by multi_dot (best order at run time) otherwise.</li>
 * </ul>
 */
final class Chain {
    /**
     * A partial product: its Python value and shape. diagonal means the value is the column of
     * diagonal entries of a diagonal matrix; matrix, for a column, is the matrix whose vec it is
     * (kept so that unvec(vec(M)) is M again, not two reshapes); expr is the expression it is the
     * value of, when it is one (so products of expressions are nodes, shared across the function).
     */
    record Value(Py py, Shape shape, boolean diagonal, Value matrix, Expr expr) {
        Value(Py py, Shape shape) { this(py, shape, false, null, null); }
        boolean column() { return !diagonal && shape.cols().isOne(); }
    }

    private final Lowering low;

    Chain(Lowering low) { this.low = low; }

    private Value of(Expr e) { return new Value(low.ref(e), e.shape(), false, null, e); }

    /** The product of non-scalar factors, as one Python value. */
    Py lower(List<Expr> factors) { return dense(value(new ArrayList<>(factors))); }

    /** The product of non-scalar factors, a column, as the matrix of the given shape whose vec it is. */
    Py lowerAs(List<Expr> factors, Shape shape) {
        Value v = value(new ArrayList<>(factors));
        if (shape.cols().isOne()) return dense(v);
        return dense(matrix(v, shape));
    }

    /** The matrix of the given shape whose vec is the column c. */
    static Py unvec(Py c, Shape shape, Lowering low) {
        if (shape.cols().isOne()) return c;
        Py m = Py.form(Py.ATOM, Py.sub(c, Py.ATOM), ".reshape(", Py.sub(low.size(shape.cols()), Py.SUM), ", ",
                Py.sub(low.size(shape.rows()), Py.SUM), ")");
        return transpose(m);
    }

    /** The product of factors (expressions or values), as a value. */
    Value value(List<Object> ops) {
        // vec(M) remembers M, so that a Kronecker factor applied to it reads M without reshapes
        ops.replaceAll(o -> o instanceof Vec v && !v.arg().shape().cols().isOne()
                ? new Value(low.ref(v), v.shape(), false, of(v.arg()), v) : o);
        Shape total = new Shape(shape(ops.get(0)).rows(), shape(ops.get(ops.size() - 1)).cols());
        ops.removeIf(o -> o instanceof Identity);
        if (ops.isEmpty()) return of(new Identity(total.rows()));
        if (total.rows().isOne() && !total.cols().isOne() && ops.size() > 1 && ops.stream().anyMatch(Chain::acts)) {
            // a row: the transposed product ends in a column, where solves and sums act on vectors
            List<Object> t = new ArrayList<>();
            for (int i = ops.size() - 1; i >= 0; i--) t.add(transposed(ops.get(i)));
            Value c = value(t);
            return new Value(transpose(dense(c)), total, false, null, c.expr() == null ? null : transposed(c.expr()));
        }
        if (ops.size() == 3 && ops.get(0) instanceof Transpose pt && ops.get(1) instanceof Diag d && pt.arg().equals(ops.get(2))) {
            return new Value(low.spelling().gram(low.ref(pt.arg()), low.ref(d.arg())), total);
        }
        int last = ops.size() - 1;
        while (last >= 0 && trailing(ops.get(last))) last--;
        if (last >= 0 && last < ops.size() - 1) {
            Value p = fold(ops.subList(0, last + 1));
            for (Object t : ops.subList(last + 1, ops.size())) p = fromRight(p, (Expr) t);
            return p;
        }
        return fold(ops);
    }

    private static boolean trailing(Object o) { return inverted(o) != null || o instanceof Commutation; }

    /** For A^{-1} or A^{-T}: A; else null. */
    private static Expr inverted(Object o) {
        if (o instanceof Inverse i) return i.arg();
        if (o instanceof Transpose t && t.arg() instanceof Inverse i) return i.arg();
        return null;
    }

    private static Shape shape(Object o) { return o instanceof Expr e ? e.shape() : ((Value) o).shape(); }

    private Value fold(List<Object> ops) {
        Value acc = null;
        Deque<Object> plain = new ArrayDeque<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Object o = ops.get(i);
            if (acts(o)) {
                acc = apply((Expr) o, flush(plain, acc));
                plain.clear();
            } else {
                plain.addFirst(o);
            }
        }
        return flush(plain, acc);
    }

    /** Factors that act on what is to their right other than by @. */
    private static boolean acts(Object o) {
        return inverted(o) != null || o instanceof Diag || o instanceof Commutation || o instanceof Kron || o instanceof Add;
    }

    /** e times the partial product acc (null: e is the rightmost factor). */
    private Value apply(Expr e, Value acc) {
        Shape out = new Shape(e.shape().rows(), acc == null ? e.shape().cols() : acc.shape().cols());
        Spelling sp = low.spelling();
        Expr a = inverted(e);
        if (a != null) {
            if (acc == null) return of(e);
            // A^{-1} diag(w) scales the columns of A^{-1}
            if (acc.diagonal()) return new Value(Py.binary(low.ref(e), "*", transpose(acc.py()), Py.PRODUCT), out);
            Py lhs = e instanceof Transpose ? transpose(low.ref(a)) : low.ref(a);
            return new Value(sp.solve(lhs, acc.py()), out);
        }
        if (e instanceof Diag d) {
            Py v = low.ref(d.arg());
            if (acc == null) return new Value(v, out, true, null, null);
            if (acc.diagonal()) return new Value(Py.binary(v, "*", acc.py(), Py.PRODUCT), out, true, null, null);
            return new Value(Py.binary(v, "*", acc.py(), Py.PRODUCT), out);
        }
        if (acc != null && acc.column()) {
            if (e instanceof Commutation k) {
                Value m = matrix(acc, new Shape(k.m(), k.n()));
                return columnOf(new Value(transpose(m.py()), m.shape().transpose()));
            }
            if (e instanceof Kron k && !k.a().isScalar() && !k.b().isScalar()) {
                // kron(A, B) vec(X) = vec(B X A^T), X of size cols(B) x cols(A)
                Value x = matrix(acc, new Shape(k.b().shape().cols(), k.a().shape().cols()));
                List<Object> ops = new ArrayList<>(factors(k.b()));
                ops.add(x);
                ops.addAll(factors(transposed(k.a())));
                return columnOf(value(ops));
            }
            if (e instanceof Add s) return distribute(s, acc);
        }
        if (e instanceof Commutation k && acc != null && !acc.diagonal()) {
            return new Value(sp.commuteRows(acc.py(), low.size(k.m()), low.size(k.n())), out);
        }
        // an ordinary factor after all
        Deque<Object> one = new ArrayDeque<>(List.of(e));
        return flush(one, acc);
    }

    /**
     * (T1 + T2 + ...) v = T1 v + T2 v + ..., v computed once: no matrix sum is formed, and a
     * Kronecker term acts on v. When v is an expression the terms are products of expressions,
     * nodes that other products share (A x in x^T A x and in (A + A^T) x).
     */
    private Value distribute(Add s, Value acc) {
        Shape out = new Shape(s.shape().rows(), acc.shape().cols());
        if (acc.expr() != null && acc.matrix() == null) {
            List<Expr> terms = new ArrayList<>();
            for (Expr t : s.terms()) {
                List<Expr> fs = new ArrayList<>(t instanceof Mul m ? m.factors() : List.of(t));
                fs.add(acc.expr());
                terms.add(Mul.of(fs));
            }
            Expr sum = new Add(terms);
            return new Value(low.ref(sum), out, false, null, sum);
        }
        Value shared = acc.matrix() != null
                ? columnOf(new Value(low.share(acc.matrix().py()), acc.matrix().shape()))
                : new Value(low.share(acc.py()), acc.shape());
        Py sum = null;
        for (Expr t : s.terms()) {
            List<Expr> factors = t instanceof Mul m ? m.factors() : List.of(t);
            Rational c = Rational.ONE;
            List<Py> scalars = new ArrayList<>();
            List<Object> ops = new ArrayList<>();
            for (Expr f : factors) {
                if (f instanceof Num n) c = c.mul(n.value());
                else if (f.isScalar()) scalars.add(low.ref(f));
                else ops.add(f);
            }
            ops.add(shared);
            Py term = dense(value(ops));
            boolean negative = c.signum() < 0;
            scalars.add(term);
            Py p = Lowering.scaled(c.abs(), scalars, List.of());
            sum = sum == null ? (negative ? Py.neg(p) : p) : Py.binary(sum, negative ? "-" : "+", p, Py.SUM);
        }
        return new Value(sum, out);
    }

    /** The matrix of the given shape whose vec is the column acc. */
    private Value matrix(Value acc, Shape shape) {
        if (acc.matrix() != null && acc.matrix().shape().equals(shape)) return acc.matrix();
        return new Value(unvec(dense(acc), shape, low), shape);
    }

    /** vec(m), remembering m. */
    private Value columnOf(Value m) {
        Value d = m.diagonal() ? new Value(dense(m), m.shape()) : m;
        return new Value(vec(d.py(), d.shape()), Shape.column(d.shape().size()), false, d, null);
    }

    /** p times the trailing factor t (an inverse or K), from the right. */
    private Value fromRight(Value p, Expr t) {
        Py pt = transposeOf(p);
        Shape out = new Shape(p.shape().rows(), t.shape().cols());
        if (t instanceof Commutation k) {
            // P K(m, n) = (K(n, m) P^T)^T
            Py rows = low.spelling().commuteRows(pt, low.size(k.n()), low.size(k.m()));
            return new Value(transpose(rows), out);
        }
        Expr a = inverted(t);
        // P A^{-1} = (A^{-T} P^T)^T = solve(A^T, P^T)^T; P A^{-T} = solve(A, P^T)^T
        Py lhs = t instanceof Transpose ? low.ref(a) : transpose(low.ref(a));
        return new Value(transpose(low.spelling().solve(lhs, pt)), out);
    }

    /** v^T: for an expression the node of its transpose (B^T^T is B), else .T of the code. */
    private Py transposeOf(Value v) {
        if (v.expr() != null && !v.diagonal()) return low.ref(transposed(v.expr()));
        return transpose(dense(v));
    }

    /** The product of the plain factors and the partial product to their right. */
    private Value flush(Deque<Object> plain, Value acc) {
        if (plain.isEmpty()) return acc;
        List<Value> vals = new ArrayList<>();
        for (Object o : plain) vals.add(o instanceof Expr e ? of(e) : (Value) o);
        if (acc != null && acc.diagonal()) {
            // M diag(w) scales the columns of M
            Value m = vals.remove(vals.size() - 1);
            Py scaled = Py.binary(dense(m), "*", transpose(acc.py()), Py.PRODUCT);
            vals.add(new Value(scaled, new Shape(m.shape().rows(), acc.shape().cols())));
        } else if (acc != null) {
            vals.add(acc);
        }
        return product(vals);
    }

    private Value product(List<Value> vals) {
        if (vals.size() == 1) return vals.get(0);
        Shape out = new Shape(vals.get(0).shape().rows(), vals.get(vals.size() - 1).shape().cols());
        List<Expr> exprs = new ArrayList<>();
        for (Value v : vals) exprs.add(v.expr());
        Expr whole = exprs.contains(null) ? null : Mul.of(exprs);
        List<Py> ps = new ArrayList<>();
        for (Value v : vals) ps.add(dense(v));
        Py py;
        if (ps.size() > Lowering.LONG) {
            py = low.spelling().multiDot(ps); // flat, and the best order
        } else if (out.cols().isOne()) {
            Expr rest = whole == null || vals.size() <= 2 ? null : Mul.of(exprs.subList(1, exprs.size()));
            if (rest != null && !rest.isScalar()) {
                // F1 @ (F2 ... Fk), the rest a node of its own (shared with other products)
                py = Py.matmul(ps.get(0), low.ref(rest)); // (a 1 x 1 rest would be a 0-d scalar)
            } else {
                py = ps.get(ps.size() - 1);
                for (int i = ps.size() - 2; i >= 0; i--) py = Py.matmul(ps.get(i), py);
            }
        } else if (out.rows().isOne() || ps.size() == 2) {
            py = ps.get(0);
            for (int i = 1; i < ps.size(); i++) py = Py.matmul(py, ps.get(i));
        } else {
            py = low.spelling().multiDot(ps);
        }
        return new Value(py, out, false, null, whole);
    }

    private Py dense(Value v) { return v.diagonal() ? low.spelling().diagflat(v.py()) : v.py(); }

    /**
     * tr(s F1 ... Fk) = s sum((F1 ... Fk-1) .* Fk^T), and tr(diag(w) F) = sum(w .* diag(F)); null
     * when the last factor is an inverse or a diag (then the whole product, with its solve or its
     * broadcasting, is traced).
     */
    Py trace(Mul m) {
        List<Object> ops = new ArrayList<>();
        Rational c = Rational.ONE;
        List<Py> scalars = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) c = c.mul(n.value());
            else if (f.isScalar()) scalars.add(low.ref(f));
            else ops.add(f);
        }
        if (ops.size() < 2) return null;
        Expr last = (Expr) ops.remove(ops.size() - 1);
        if (inverted(last) != null || last instanceof Diag) return null;
        Value rest = value(ops);
        Spelling sp = low.spelling();
        Py t = rest.diagonal()
                ? sp.sum(Py.binary(rest.py(), "*", Py.postfix(low.ref(last), ".diagonal().reshape(-1, 1)"), Py.PRODUCT))
                : sp.sum(Py.binary(rest.py(), "*", low.ref(transposed(last)), Py.PRODUCT));
        scalars.add(t);
        return Lowering.scaled(c, scalars, List.of());
    }

    // ---- small Python and expression helpers

    /** a.T, with (a.T).T written a. */
    static Py transpose(Py a) {
        if (a instanceof Py.Form f && f.parts().size() == 2 && ".T".equals(f.parts().get(1)) && f.parts().get(0) instanceof Py.Sub s)
            return s.py();
        return Py.postfix(a, ".T");
    }

    /** vec(a) of a matrix of the given shape: its columns stacked, a.T.reshape(-1, 1). */
    static Py vec(Py a, Shape shape) {
        if (shape.cols().isOne()) return a;
        return Py.postfix(transpose(a), ".reshape(-1, 1)");
    }

    /** A factor of a product, transposed (an expression, or a value). */
    private Object transposed(Object o) {
        if (o instanceof Expr e) return transposed(e);
        Value v = (Value) o;
        if (v.diagonal()) return new Value(v.py(), v.shape().transpose(), true, null, null);
        return new Value(transposeOf(v), v.shape().transpose(), false, null, v.expr() == null ? null : transposed(v.expr()));
    }

    /**
     * e^T as an expression: (A^T)^T is A, (A B)^T is B^T A^T (so x x^T is its own transpose),
     * (A + B)^T is A^T + B^T, diag(v)^T is diag(v).
     */
    static Expr transposed(Expr e) {
        if (e.isScalar() || e instanceof Diag) return e;
        if (e instanceof Transpose t) return t.arg();
        if (e instanceof Mul m) {
            List<Expr> fs = new ArrayList<>();
            for (int i = m.factors().size() - 1; i >= 0; i--) fs.add(transposed(m.factors().get(i)));
            return Mul.of(fs);
        }
        if (e instanceof Add a) {
            List<Expr> ts = new ArrayList<>();
            for (Expr t : a.terms()) ts.add(transposed(t));
            return new Add(ts);
        }
        return new Transpose(e);
    }

    /**
     * The factors of a product without scalars, for splicing into a chain (kron(x x^T, S) vec(V) is
     * S V x x^T, best multiplied as (S (V x)) x^T); any other expression is one factor.
     */
    private static List<Expr> factors(Expr e) {
        if (e instanceof Mul m && m.factors().stream().noneMatch(Expr::isScalar)) return m.factors();
        return List.of(e);
    }
}
