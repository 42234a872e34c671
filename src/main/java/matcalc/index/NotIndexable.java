package matcalc.index;

/** A derivative (or part of one) that cannot be written in index notation; the message says why. */
public final class NotIndexable extends RuntimeException {
    public NotIndexable(String message) { super(message, null, false, false); }
}
