package matcalc.shapes;

import java.util.Set;

/**
 * What an undeclared name means, following matrixcalculus.org: a–g scalars, h–z vectors, A–Z
 * matrices, Greek names (alpha, lambda, ...) scalars. The first letter decides for longer names
 * (W1 is a matrix, l1 a vector, yhat a vector).
 */
public final class Conventions {
    private Conventions() {}

    public enum Kind { SCALAR, VECTOR, MATRIX }

    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon",
            "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
            "upsilon", "phi", "varphi", "chi", "psi", "omega");

    public static boolean isGreek(String name) { return GREEK.contains(name); }

    public static Kind kindOf(String name) {
        if (GREEK.contains(name)) return Kind.SCALAR;
        if (GREEK.contains(name.toLowerCase())) return Kind.MATRIX; // Sigma, Lambda
        char c = name.charAt(0);
        if (c >= 'a' && c <= 'g') return Kind.SCALAR;
        if (c >= 'h' && c <= 'z') return Kind.VECTOR;
        if (Character.isUpperCase(c)) return Kind.MATRIX;
        return Kind.SCALAR;
    }

    public static String describe(Kind k) { return k.name().toLowerCase(); }
}
