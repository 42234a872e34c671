package matcalc.shapes;

import matcalc.expr.Dim;

/**
 * A dimension during inference: fixed, a product of two dimensions (vec, kron), or an unknown
 * joined to others by unification (union–find). Unknown sizes of matrices named by convention may
 * not become 1: "A x^T" is a mistake, not a way to declare a column.
 */
final class TDim {
    private TDim parent;
    private final Dim fixed;
    private final TDim left, right;
    private boolean nonUnit;

    private TDim(Dim fixed, TDim left, TDim right, boolean nonUnit) {
        this.fixed = fixed;
        this.left = left;
        this.right = right;
        this.nonUnit = nonUnit;
    }

    static TDim of(Dim d) { return new TDim(d, null, null, false); }
    static TDim unknown(boolean nonUnit) { return new TDim(null, null, null, nonUnit); }
    static TDim product(TDim a, TDim b) {
        Dim ka = a.known(), kb = b.known();
        if (ka != null && kb != null) return of(ka.times(kb));
        // n times 1 is n itself (the Hessian of a vector is n x n): a product node for it could
        // later be unified with n and become its own factor.
        if (ka != null && ka.isOne()) return b;
        if (kb != null && kb.isOne()) return a;
        return new TDim(null, a, b, false);
    }

    TDim find() {
        TDim t = this;
        while (t.parent != null) t = t.parent;
        return t;
    }

    boolean isProduct() { return find().left != null; }

    /** The size if already determined, without inventing names. */
    Dim known() {
        TDim t = find();
        if (t.fixed != null) return t.fixed;
        if (t.left != null) {
            Dim a = t.left.known(), b = t.right.known();
            return a != null && b != null ? a.times(b) : null;
        }
        return null;
    }

    boolean isOne() {
        Dim k = known();
        return k != null && k.isOne();
    }

    /** Joins two dimensions; false when they cannot be equal. */
    static boolean unify(TDim x, TDim y) {
        TDim a = x.find(), b = y.find();
        if (a == b) return true;
        if (a.fixed == null && a.left == null) return bind(a, b);
        if (b.fixed == null && b.left == null) return bind(b, a);
        Dim ka = a.known(), kb = b.known();
        if (ka != null && kb != null) return ka.equals(kb);
        if (a.left != null && b.left != null) return unify(a.left, b.left) && unify(a.right, b.right);
        if (a.left != null && kb != null) return unifyFactor(a, kb);
        if (b.left != null && ka != null) return unifyFactor(b, ka);
        return false;
    }

    /** A product with one unknown factor equals a known size: the factor is the quotient (kron(I, X) is n n). */
    private static boolean unifyFactor(TDim product, Dim size) {
        Dim l = product.left.known(), r = product.right.known();
        if (l != null && r == null) { Dim q = quotient(size, l); return q != null && unify(product.right, of(q)); }
        if (r != null && l == null) { Dim q = quotient(size, r); return q != null && unify(product.left, of(q)); }
        return false;
    }

    /** a / b when b divides a (coefficient and symbols), else null. */
    private static Dim quotient(Dim a, Dim b) {
        if (a.coeff() % b.coeff() != 0) return null;
        java.util.List<String> rest = new java.util.ArrayList<>(a.symbols());
        for (String s : b.symbols()) if (!rest.remove(s)) return null;
        return new Dim(a.coeff() / b.coeff(), rest);
    }

    private static boolean bind(TDim var, TDim target) {
        if (var.nonUnit && target.isOne()) return false;
        // Occurs check: n = n m would make n its own factor (a cycle); refuse it as a mismatch.
        if (occursIn(var, target)) return false;
        if (target.fixed == null && target.left == null) target.nonUnit |= var.nonUnit;
        var.parent = target;
        return true;
    }

    private static boolean occursIn(TDim var, TDim t) {
        TDim r = t.find();
        if (r == var) return true;
        return r.left != null && (occursIn(var, r.left) || occursIn(var, r.right));
    }

    /** Final size; unknowns get a fresh symbolic name from {@code names}. */
    Dim resolve(java.util.function.Supplier<String> names) {
        TDim t = find();
        if (t.fixed != null) return t.fixed;
        if (t.left != null) return t.left.resolve(names).times(t.right.resolve(names));
        TDim named = of(Dim.sym(names.get()));
        t.parent = named;
        return named.fixed;
    }

    String describe() {
        Dim k = known();
        return k != null ? k.toString() : "?";
    }
}
