package matcalc.engine;

import matcalc.MatcalcError;
import matcalc.expr.*;

/**
 * What the derivative of a scalar by a declared structured variable means (Matrix Cookbook §2.8).
 * With G the gradient by independent entries:
 * <ul>
 *   <li>{@link #INDEPENDENT} (the default, and every peer's): G, entries treated as independent;</li>
 *   <li>{@link #ENTRIES}: by the free entries of the structure — for symmetric X, the derivative by
 *       X_ij (i ≥ j) moves X_ji too: G + G^T - I ⊙ G (Cookbook eq. 141); for diagonal X, I ⊙ G;</li>
 *   <li>{@link #PROJECTED}: the gradient within the structure's space (the Riemannian gradient of
 *       the embedded subspace): (G + G^T) / 2 for symmetric X, I ⊙ G for diagonal X.</li>
 * </ul>
 */
public enum StructureConvention {
    INDEPENDENT, ENTRIES, PROJECTED;

    public static StructureConvention byName(String word) {
        switch (word.toLowerCase()) {
            case "independent": case "none": return INDEPENDENT;
            case "entries": case "free": case "cookbook": return ENTRIES;
            case "projected": case "projection": return PROJECTED;
            default: return null;
        }
    }

    /** The structure of x this convention acts on: symmetric (also spd) or diagonal; null when none applies. */
    static Property structureOf(Var x) {
        if (x.has(Property.DIAGONAL)) return Property.DIAGONAL;
        if (x.has(Property.SYMMETRIC) || x.has(Property.SPD)) return Property.SYMMETRIC;
        return null;
    }

    /** Whether this convention changes the derivative of f by x. */
    boolean applies(Expr f, Var x) { return this != INDEPENDENT && structureOf(x) != null; }

    /** Refuses what the conventions do not define (derivatives of non-scalars, orthogonal variables...). */
    void requireApplicable(Expr f, Var x, int order) {
        if (this == INDEPENDENT) return;
        if (structureOf(x) == null) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--structure " + name().toLowerCase() + " needs a variable declared"
                    + " symmetric, spd or diagonal; " + x.name() + " is " + (x.properties().isEmpty() ? "not structured"
                    : "declared " + x.properties().iterator().next().word()));
        }
        if (!f.isScalar() || order != 1 || x.shape().isVectorLike()) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "--structure is defined for first derivatives of a scalar by a matrix");
        }
    }

    /** The derivative under this convention, from the gradient g by independent entries. */
    Expr apply(Expr g, Var x) {
        Identity eye = new Identity(x.shape().rows());
        Expr diagonal = Ops.had(eye, g);
        if (structureOf(x) == Property.DIAGONAL) return diagonal;
        Expr sum = Ops.add(g, Ops.t(g));
        if (this == ENTRIES) return Ops.sub(sum, diagonal);
        return Ops.mul(new Num(Rational.of(1, 2)), sum);
    }

    /** The perturbations this convention's derivative is checked along, and how it pairs with them. */
    matcalc.numeric.NumericCheck.Subspace subspace(Var x) {
        boolean diagonal = structureOf(x) == Property.DIAGONAL, lower = this == ENTRIES && !diagonal;
        return new matcalc.numeric.NumericCheck.Subspace() {
            public org.hipparchus.linear.RealMatrix direction(java.util.Random rnd, int m, int n) {
                var v = new org.hipparchus.linear.Array2DRowRealMatrix(m, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j <= i; j++) {
                        if (diagonal && i != j) continue;
                        double g = rnd.nextGaussian();
                        v.setEntry(i, j, g);
                        v.setEntry(j, i, g);
                    }
                }
                return v;
            }

            /** By free entries, df(V) = sum over i >= j of D_ij V_ij: D's lower triangle pairs with V. */
            public org.hipparchus.linear.RealMatrix pairing(org.hipparchus.linear.RealMatrix d) {
                if (!lower) return d;
                var l = d.copy();
                for (int i = 0; i < l.getRowDimension(); i++) for (int j = i + 1; j < l.getColumnDimension(); j++) l.setEntry(i, j, 0);
                return l;
            }
        };
    }

    /** The line the output states. */
    String describe(Var x) {
        String n = x.name();
        if (structureOf(x) == Property.DIAGONAL) return "derivative by the diagonal entries of " + n + " (I .* G, G the gradient by independent entries)";
        if (this == ENTRIES) return "derivative by the free entries of symmetric " + n + ", X_ij = X_ji moving together"
                + " (Cookbook eq. 141: G + G^T - I .* G, G the gradient by independent entries)";
        return "projected gradient within the symmetric matrices ((G + G^T) / 2, G the gradient by independent entries)";
    }
}
