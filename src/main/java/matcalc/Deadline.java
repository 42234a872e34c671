package matcalc;

import java.util.function.Supplier;

/**
 * A time limit for one piece of work on the current thread (one HTTP request of {@code matcalc
 * serve}). Java cannot stop a busy thread from outside, so the engine's long loops (the simplifier,
 * the evaluator, exact proofs) call {@link #check()}: past the limit, or once the thread is
 * interrupted, it throws {@link Exceeded} and the worker is free again. Without a limit set (the
 * CLI), {@link #check()} costs one thread-local read.
 */
public final class Deadline {
    private Deadline() {}

    private static final ThreadLocal<long[]> AT = new ThreadLocal<>();

    /** The work ran past its time limit; carries the limit for the message. */
    public static final class Exceeded extends RuntimeException {
        private final long millis;
        public Exceeded(long millis) {
            super("the request took longer than the time limit of " + millis / 1000.0 + " s", null, false, false);
            this.millis = millis;
        }
        public long millis() { return millis; }
    }

    /** A value would have more entries than the request may compute (kron of large literals, say). */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long entries, long max) {
            super(String.format(java.util.Locale.ROOT, "a value would have %,d entries; the server computes values of at most %,d", entries, max),
                    null, false, false);
        }
    }

    /** Runs work with a limit of millis on this thread (nested calls keep the outer limit). */
    public static <T> T within(long millis, Supplier<T> work) { return within(millis, Long.MAX_VALUE, work); }

    /** As {@link #within(long, Supplier)}, and no matrix of more than maxEntries entries. */
    public static <T> T within(long millis, long maxEntries, Supplier<T> work) {
        if (AT.get() != null) return work.get();
        AT.set(new long[] {System.nanoTime() + millis * 1_000_000L, millis, maxEntries});
        try {
            return work.get();
        } finally {
            AT.remove();
        }
    }

    /** Throws {@link TooLarge} before a matrix of rows x cols is allocated beyond this thread's limit. */
    public static void checkEntries(long rows, long cols) {
        long[] at = AT.get();
        if (at == null) return;
        long n = rows * cols;
        if (n > at[2] || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) throw new TooLarge(n, at[2]);
    }

    /** Throws {@link Exceeded} when the current thread's limit has passed or it was interrupted. */
    public static void check() {
        long[] at = AT.get();
        if (at == null) return;
        if (System.nanoTime() - at[0] > 0 || Thread.currentThread().isInterrupted()) throw new Exceeded(at[1]);
    }
}
