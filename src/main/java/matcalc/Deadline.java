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

    /** Runs work with a limit of millis on this thread (nested calls keep the outer limit). */
    public static <T> T within(long millis, Supplier<T> work) {
        if (AT.get() != null) return work.get();
        AT.set(new long[] {System.nanoTime() + millis * 1_000_000L, millis});
        try {
            return work.get();
        } finally {
            AT.remove();
        }
    }

    /** Throws {@link Exceeded} when the current thread's limit has passed or it was interrupted. */
    public static void check() {
        long[] at = AT.get();
        if (at == null) return;
        if (System.nanoTime() - at[0] > 0 || Thread.currentThread().isInterrupted()) throw new Exceeded(at[1]);
    }
}
