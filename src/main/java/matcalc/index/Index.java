package matcalc.index;

import matcalc.expr.Dim;

/** One index of the index notation: its name and the range it runs over (1..dim). */
public record Index(String name, Dim dim) {
    @Override public String toString() { return name; }
}
