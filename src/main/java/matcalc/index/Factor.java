package matcalc.index;

import java.util.List;
import java.util.function.UnaryOperator;

/** One factor of a term in index notation; a term multiplies its factors. */
public sealed interface Factor permits Delta, MatrixEntry, ScalarFactor, Elementwise, EntryPower, SizeFactor {
    /** The indices this factor mentions, in order of appearance. */
    List<Index> indices();

    /** The same factor with every index replaced by {@code f} of it. */
    Factor rename(UnaryOperator<Index> f);

    <R> R accept(FactorVisitor<R> v);
}
