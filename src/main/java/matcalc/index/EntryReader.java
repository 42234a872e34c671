package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.*;
import matcalc.render.TextRenderer;

/**
 * Reads entry (rows, cols) of a matrix expression as a sum of products in index notation. rows and
 * cols are lists of indices, fastest first, that together number the rows (columns) column-major:
 * (i, j) with ranges (p, q) is row i + p (j - 1). Products contract fresh summation indices, Kronecker
 * products split their row and column indices ((A ⊗ B) at ((b, a), (d, c)) is A_{ac} B_{bd}),
 * identity and commutation matrices become Kronecker deltas, vec(E) at (i, j) is E_{ij}.
 */
final class EntryReader {
    private int fresh;
    /** Identity and commutation matrices of a range n^p read as p indices (see {@link IndexStructure}). */
    private final boolean fine;

    EntryReader() { this(false); }

    EntryReader(boolean fine) { this.fine = fine; }

    /** The entry of e at (rows, cols); throws {@link NotIndexable} when it has no index form. */
    IndexSum read(Expr e, List<Index> rows, List<Index> cols) { return e.accept(new At(rows, cols)); }

    /** A fresh summation index (named '#n' until the names are made canonical). */
    Index bound(Dim d) { return new Index("#" + (fresh++), d); }

    private List<Index> bound(List<Dim> ds) {
        List<Index> out = new ArrayList<>();
        for (Dim d : ds) out.add(bound(d));
        return out;
    }

    /** [first, rest] where the first indices range over exactly {@code fast} (the fast part). */
    private static List<List<Index>> split(List<Index> ix, Dim fast, Expr of) {
        for (int k = 0; k <= ix.size(); k++) {
            if (IndexStructure.product(ix.subList(0, k)).equals(fast)) return List.of(ix.subList(0, k), ix.subList(k, ix.size()));
        }
        throw new NotIndexable("cannot split an index of range " + IndexStructure.product(ix) + " into parts for "
                + TextRenderer.render(of));
    }

    /** δ between two index groups of the same structure: one delta per index. */
    private static IndexSum deltas(List<Index> a, List<Index> b, Expr of) {
        if (a.size() != b.size()) throw mismatch(a, b, of);
        IndexSum s = IndexSum.ONE;
        for (int k = 0; k < a.size(); k++) {
            if (!a.get(k).dim().equals(b.get(k).dim())) throw mismatch(a, b, of);
            s = s.times(IndexSum.of(new Delta(a.get(k), b.get(k))));
        }
        return s;
    }

    private static NotIndexable mismatch(List<Index> a, List<Index> b, Expr of) {
        return new NotIndexable("the rows and columns of " + TextRenderer.render(of) + " split differently ("
                + a.size() + " and " + b.size() + " indices)");
    }

    /** An entry kept whole: (expr)_{ij}, or the expression itself when it is a scalar. */
    private static IndexSum opaque(Expr e, List<Index> rows, List<Index> cols) {
        if (e instanceof DVar) throw new NotIndexable("the result still contains a differential");
        if (e.isScalar()) return IndexSum.of(new ScalarFactor(e));
        return IndexSum.of(entry(e, rows, cols));
    }

    private static MatrixEntry entry(Expr e, List<Index> rows, List<Index> cols) {
        if (rows.size() > 1 || cols.size() > 1) {
            throw new NotIndexable("the entries of " + TextRenderer.render(e) + " cannot be split into the "
                    + (rows.size() + cols.size()) + " indices of a Kronecker/vec structure");
        }
        return new MatrixEntry(e, rows, cols);
    }

    /**
     * A summation index that no factor of a term mentions (a product with a matrix of ones) still
     * runs over its range: the term is multiplied by that range.
     */
    private static IndexSum counted(IndexSum s, List<Index> summed) {
        List<Term> out = new ArrayList<>();
        for (Term t : s.terms()) {
            java.util.Set<Index> used = t.indices();
            List<Factor> fs = new ArrayList<>(t.factors());
            for (Index i : summed) if (!used.contains(i)) fs.add(new SizeFactor(i.dim()));
            out.add(new Term(t.coefficient(), fs));
        }
        return new IndexSum(out);
    }

    private final class At implements ExprVisitor<IndexSum> {
        private final List<Index> rows, cols;

        At(List<Index> rows, List<Index> cols) {
            this.rows = List.copyOf(rows);
            this.cols = List.copyOf(cols);
        }

        private IndexSum whole(Expr e) { return opaque(e, rows, cols); }

        public IndexSum visitNum(Num e) { return IndexSum.constant(e.value()); }
        public IndexSum visitVar(Var e) { return IndexSum.of(entry(e, rows, cols)); }
        public IndexSum visitDVar(DVar e) { return whole(e); }
        public IndexSum visitIdentity(Identity e) { return deltas(rows, cols, e); }
        public IndexSum visitOnes(Ones e) { return IndexSum.ONE; }
        public IndexSum visitZero(Zero e) { return IndexSum.ZERO; }
        public IndexSum visitMatrixLiteral(MatrixLiteral e) { return whole(e); }

        /** K_{m,n} vec(A) = vec(A^T) for A m x n: K at ((a, b), (k, l)) is δ_{al} δ_{bk}. */
        public IndexSum visitCommutation(Commutation e) {
            List<List<Index>> r = split(rows, e.n(), e), c = split(cols, e.m(), e);
            return deltas(r.get(0), c.get(1), e).times(deltas(r.get(1), c.get(0), e));
        }

        public IndexSum visitUnitVector(UnitVector e) { return whole(e); }

        public IndexSum visitAdd(Add e) {
            IndexSum s = IndexSum.ZERO;
            for (Expr t : e.terms()) s = s.plus(read(t, rows, cols));
            return s;
        }

        /** Scalars multiply; a chain contracts one summation index group per inner dimension. */
        public IndexSum visitMul(Mul e) {
            IndexSum s = IndexSum.ONE;
            List<Expr> chain = new ArrayList<>();
            for (Expr f : e.factors()) {
                if (f.isScalar()) s = s.times(read(f, List.of(), List.of()));
                else chain.add(f);
            }
            List<Index> left = rows, summed = new ArrayList<>();
            for (int t = 0; t < chain.size(); t++) {
                List<Index> right = t == chain.size() - 1 ? cols
                        : bound(IndexStructure.finer(IndexStructure.cols(chain.get(t), fine), IndexStructure.rows(chain.get(t + 1), fine)));
                if (t < chain.size() - 1) summed.addAll(right);
                s = s.times(read(chain.get(t), left, right));
                left = right;
            }
            return counted(s, summed);
        }

        public IndexSum visitTranspose(Transpose e) { return read(e.arg(), cols, rows); }

        public IndexSum visitInverse(Inverse e) {
            if (e.arg() instanceof Transpose t) return opaque(new Inverse(t.arg()), cols, rows);
            return whole(e);
        }

        /** A^n = A A ... A (n factors). */
        public IndexSum visitMatPow(MatPow e) {
            if (e.n() == 0) return deltas(rows, cols, e);
            if (e.n() < 0) return whole(e);
            return read(Mul.of(java.util.Collections.nCopies(e.n(), e.base())), rows, cols);
        }
        public IndexSum visitPow(Pow e) { return whole(e); }

        public IndexSum visitHadamard(Hadamard e) {
            IndexSum s = IndexSum.ONE;
            for (Expr f : e.factors()) s = s.times(read(f, rows, cols));
            return s;
        }

        /** A .^ c with a number c: each entry to the power c. */
        public IndexSum visitElemPow(ElemPow e) {
            MatrixEntry base = e.exponent() instanceof Num ? singleEntry(e.base()) : null;
            if (base == null) return whole(e);
            return IndexSum.of(new EntryPower(base, ((Num) e.exponent()).value()));
        }

        /** The entry of e at (rows, cols) when it is one plain entry (X_{ij}, (expr)_{ij}); else null. */
        private MatrixEntry singleEntry(Expr e) {
            if (e.isScalar()) return null;
            IndexSum s = read(e, rows, cols);
            if (s.terms().size() != 1) return null;
            Term t = s.terms().get(0);
            if (!t.coefficient().isOne() || t.factors().size() != 1 || !(t.factors().get(0) instanceof MatrixEntry m)) return null;
            return m;
        }

        /** f(A)_{ij} = f(A_{ij}) when that entry is one plain entry (X_{ij}, (softmax(v))_i); else kept whole. */
        public IndexSum visitApply(Apply e) {
            MatrixEntry arg = singleEntry(e.arg());
            return arg == null ? whole(e) : IndexSum.of(new Elementwise(e.fn(), arg));
        }

        public IndexSum visitMax(Max e) { return whole(e); }
        public IndexSum visitSoftmax(Softmax e) { return whole(e); }

        /** tr(A) = A_{aa}. */
        public IndexSum visitTrace(Trace e) {
            List<Index> s = bound(IndexStructure.finer(IndexStructure.rows(e.arg(), fine), IndexStructure.cols(e.arg(), fine)));
            return counted(read(e.arg(), s, s), s);
        }

        public IndexSum visitDet(Det e) { return whole(e); }
        public IndexSum visitLogDet(LogDet e) { return whole(e); }
        public IndexSum visitSum(Sum e) { return whole(e); }
        public IndexSum visitNorm(Norm e) { return whole(e); }

        /** diag(v) at (r, c) is δ_{rc} v_r. */
        public IndexSum visitDiag(Diag e) { return deltas(rows, cols, e).times(read(e.arg(), rows, List.of())); }

        /** The diagonal of A as a vector: entry r is A_{rr}. */
        public IndexSum visitDiagOf(DiagOf e) { return read(e.arg(), rows, rows); }

        /** vec(E) at (a, b) is E_{ab}. */
        public IndexSum visitVec(Vec e) {
            List<List<Index>> r = split(rows, e.arg().shape().rows(), e);
            return read(e.arg(), r.get(0), r.get(1));
        }

        /** (A ⊗ B) at ((b, a), (d, c)) is A_{ac} B_{bd}: B's index runs fastest. */
        public IndexSum visitKron(Kron e) {
            List<List<Index>> r = split(rows, e.b().shape().rows(), e), c = split(cols, e.b().shape().cols(), e);
            // B first: its indices are the fast ones, which carry the first index of each group (i before p)
            return read(e.b(), r.get(0), c.get(0)).times(read(e.a(), r.get(1), c.get(1)));
        }

        public IndexSum visitEntry(Entry e) { return whole(e); }

        public IndexSum visitDerivative(Derivative e) { return whole(e); }

        /** A table operator through its definition in the core operations; whole when it has none. */
        public IndexSum visitCall(Call e) {
            Expr d = e.op().definition(e.args());
            return d == null ? whole(e) : d.accept(this);
        }
    }
}
