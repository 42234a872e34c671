package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sums out Kronecker deltas: δ_{ab} with a summation index a replaces a by b in the rest of the term
 * (δ_{ik} T_{k..} → T_{i..}); δ_{aa} is 1, and summed over an a that nothing else mentions it is
 * the range of a. Deltas between two free indices stay.
 */
final class DeltaContraction {
    private DeltaContraction() {}

    static Term contract(Term t, Set<Index> free) {
        Term cur = t;
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Factor> fs = cur.factors();
            for (int k = 0; k < fs.size(); k++) {
                if (!(fs.get(k) instanceof Delta d)) continue;
                Index a = d.a(), b = d.b();
                boolean aBound = !free.contains(a), bBound = !free.contains(b);
                if (!aBound && !bBound) continue;
                List<Factor> rest = new ArrayList<>(fs);
                rest.remove(k);
                if (a.equals(b)) {
                    // δ_aa is 1; summed over a it counts the range of a, unless a still indexes something
                    Term without = new Term(cur.coefficient(), rest);
                    if (!without.indices().contains(a)) rest.add(k, new SizeFactor(a.dim()));
                    cur = new Term(cur.coefficient(), rest);
                } else {
                    Index gone = aBound ? a : b, kept = aBound ? b : a;
                    cur = new Term(cur.coefficient(), rest).rename(i -> i.equals(gone) ? kept : i);
                    // Σ_a δ_ab = 1 for each b; if b is summed too and nothing else mentions it, that sum counts its range
                    if (!free.contains(kept) && !cur.indices().contains(kept)) {
                        List<Factor> withSize = new ArrayList<>(cur.factors());
                        withSize.add(new SizeFactor(kept.dim()));
                        cur = new Term(cur.coefficient(), withSize);
                    }
                }
                changed = true;
                break;
            }
        }
        return cur;
    }
}
