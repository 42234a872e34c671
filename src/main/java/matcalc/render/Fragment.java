package matcalc.render;

/**
 * A rendered subexpression together with the precedence of its outermost operator, so that the
 * parent can decide whether it needs parentheses. Both notations share these levels.
 */
record Fragment(String text, int prec) {
    /** a + b, a - b */
    static final int SUM = 1;
    /** Juxtaposition, / (and \frac), .*, ./, kron as ⊗: one left-associative level. */
    static final int PRODUCT = 2;
    /** A leading minus: -A, -3. */
    static final int UNARY = 3;
    /** ^, .^, ^T and the other superscripts. */
    static final int POSTFIX = 4;
    /** Names, numbers, function calls, indexing, matrix literals. */
    static final int ATOM = 5;

    static Fragment atom(String text) { return new Fragment(text, ATOM); }
}
