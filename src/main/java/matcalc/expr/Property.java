package matcalc.expr;

/** Declared structure of a variable; used by simplification and by the random instances. */
public enum Property {
    SYMMETRIC, DIAGONAL, SPD, ORTHOGONAL, INVERTIBLE;

    public String word() { return name().toLowerCase(); }

    public static Property byWord(String w) {
        for (Property p : values()) if (p.word().equals(w)) return p;
        if (w.equals("pd") || w.equals("posdef")) return SPD;
        return null;
    }
}
