package matcalc.index;

import java.util.ArrayList;
import java.util.List;
import matcalc.expr.Rational;

/** A sum of terms (the empty sum is 0). */
public record IndexSum(List<Term> terms) {
    public static final IndexSum ZERO = new IndexSum(List.of());
    public static final IndexSum ONE = new IndexSum(List.of(new Term(Rational.ONE, List.of())));

    public IndexSum { terms = List.copyOf(terms); }

    public static IndexSum of(Factor f) { return new IndexSum(List.of(Term.of(f))); }

    public static IndexSum constant(Rational c) {
        return c.isZero() ? ZERO : new IndexSum(List.of(new Term(c, List.of())));
    }

    public IndexSum plus(IndexSum o) {
        if (terms.size() + o.terms.size() > MAX_TERMS) throw tooMany();
        List<Term> ts = new ArrayList<>(terms);
        ts.addAll(o.terms);
        return new IndexSum(ts);
    }

    /** More terms than anyone reads: the index form is refused rather than printed. */
    public static final int MAX_TERMS = 400;

    /** The product, multiplied out. */
    public IndexSum times(IndexSum o) {
        if ((long) terms.size() * o.terms.size() > MAX_TERMS) throw tooMany();
        List<Term> ts = new ArrayList<>();
        for (Term a : terms) for (Term b : o.terms) ts.add(a.times(b));
        return new IndexSum(ts);
    }

    private static NotIndexable tooMany() {
        return new NotIndexable("written out it has more than " + MAX_TERMS + " terms");
    }

    public boolean isZero() { return terms.isEmpty(); }
}
