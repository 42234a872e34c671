package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Add;
import matcalc.expr.Commutation;
import matcalc.expr.Diag;
import matcalc.expr.Dim;
import matcalc.expr.Expr;
import matcalc.expr.Hadamard;
import matcalc.expr.Identity;
import matcalc.expr.Kron;
import matcalc.expr.Mul;
import matcalc.expr.Transpose;
import matcalc.expr.Vec;

/**
 * How the rows (or columns) of a matrix expression split into several indices: the ranges of those
 * indices, fastest first (column-major, as vec stacks columns). The rows of A ⊗ B are (row of B,
 * row of A); those of vec(E) are (row of E, column of E); K_{m,n} maps vec of an m x n matrix to vec
 * of its n x m transpose. A dimension of 1 needs no index and is left out.
 * With {@code fine}, an identity or commutation matrix of a range n^p (one size to a power) splits it into p
 * indices of range n, as I(n^2) = I(n) ⊗ I(n): the derivatives of order 3 and more of a scalar by a vector
 * are products of such matrices, each of whose rows and columns a neighbour may split into indices of range n.
 */
final class IndexStructure {
    private IndexStructure() {}

    static List<Dim> rows(Expr e) { return rows(e, false); }

    static List<Dim> cols(Expr e) { return cols(e, false); }

    static List<Dim> rows(Expr e, boolean fine) {
        if (e instanceof Kron k) return concat(rows(k.b(), fine), rows(k.a(), fine));
        if (e instanceof Commutation c) return structural(fine, c.n(), c.m());
        if (e instanceof Identity) return structural(fine, e.shape().rows());
        if (e instanceof Vec v) return concat(rows(v.arg(), fine), cols(v.arg(), fine));
        if (e instanceof Diag d) return rows(d.arg(), fine);
        if (e instanceof Transpose t) return cols(t.arg(), fine);
        if (e instanceof Mul m) {
            for (Expr f : m.factors()) if (!f.isScalar()) return rows(f, fine);
            return List.of();
        }
        if (e instanceof Add a) return finest(a.terms(), true, fine);
        if (e instanceof Hadamard h) return finest(h.factors(), true, fine);
        return atoms(e.shape().rows());
    }

    static List<Dim> cols(Expr e, boolean fine) {
        if (e instanceof Kron k) return concat(cols(k.b(), fine), cols(k.a(), fine));
        if (e instanceof Commutation c) return structural(fine, c.m(), c.n());
        if (e instanceof Identity) return structural(fine, e.shape().cols());
        if (e instanceof Vec) return List.of();
        if (e instanceof Diag d) return rows(d.arg(), fine);
        if (e instanceof Transpose t) return rows(t.arg(), fine);
        if (e instanceof Mul m) {
            List<Expr> fs = m.factors();
            for (int i = fs.size() - 1; i >= 0; i--) if (!fs.get(i).isScalar()) return cols(fs.get(i), fine);
            return List.of();
        }
        if (e instanceof Add a) return finest(a.terms(), false, fine);
        if (e instanceof Hadamard h) return finest(h.factors(), false, fine);
        return atoms(e.shape().cols());
    }

    /** The ranges of an identity's or commutation matrix's indices; with fine, n^p as p ranges n. */
    private static List<Dim> structural(boolean fine, Dim... ds) {
        if (!fine) return atoms(ds);
        List<Dim> out = new ArrayList<>();
        for (Dim d : ds) {
            boolean power = d.coeff() == 1 && d.symbols().size() > 1 && d.symbols().stream().distinct().count() == 1;
            if (power) for (String s : d.symbols()) out.add(Dim.sym(s));
            else out.addAll(atoms(d));
        }
        return out;
    }

    /** Of two splittings of the same dimension, the one with more indices. */
    static List<Dim> finer(List<Dim> a, List<Dim> b) { return b.size() > a.size() ? b : a; }

    private static List<Dim> finest(List<Expr> es, boolean rows, boolean fine) {
        List<Dim> best = List.of();
        boolean first = true;
        for (Expr e : es) {
            List<Dim> s = rows ? rows(e, fine) : cols(e, fine);
            if (first || s.size() > best.size()) best = s;
            first = false;
        }
        return best;
    }

    private static List<Dim> atoms(Dim... ds) {
        List<Dim> out = new ArrayList<>();
        for (Dim d : ds) if (!d.isOne()) out.add(d);
        return out;
    }

    private static List<Dim> concat(List<Dim> a, List<Dim> b) {
        List<Dim> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The product of the ranges of some indices (1 for none). */
    static Dim product(List<Index> ix) {
        Dim d = Dim.ONE;
        for (Index i : ix) d = d.times(i.dim());
        return d;
    }
}
