package matcalc.numeric;

/**
 * An expression has no (trustworthy) value at an instance: log of a non-positive number, a singular
 * matrix, a non-finite result, a finite-difference step across a kink. Callers resample instead of
 * reporting it, which is why it is separate from {@link matcalc.MatcalcError}.
 */
public final class DomainException extends RuntimeException {
    public DomainException(String message) { super(message, null, false, false); }
}
