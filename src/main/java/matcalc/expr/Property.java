package matcalc.expr;

/** Declared structure of a variable; used by simplification and by the random instances. */
public enum Property {
    SYMMETRIC, DIAGONAL, SPD, ORTHOGONAL, INVERTIBLE,
    /** A vector of non-negative entries summing to 1: a probability vector, such as a one-hot label. */
    PROBABILITY;

    /** Whether the property is one of a square matrix (all but PROBABILITY, which is a vector's). */
    public boolean square() { return this != PROBABILITY; }

    private final String word = name().toLowerCase(java.util.Locale.ROOT);
    private static final Property[] ALL = values();

    public String word() { return word; }

    public static Property byWord(String w) {
        for (Property p : ALL) if (p.word.equals(w)) return p;
        if (w.equals("pd") || w.equals("posdef")) return SPD;
        if (w.equals("onehot") || w.equals("one-hot") || w.equals("distribution")) return PROBABILITY;
        return null;
    }
}
