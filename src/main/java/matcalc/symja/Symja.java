package matcalc.symja;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import matcalc.MatcalcError;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one door to Symja. It starts lazily (about a second), so results that need no scalar algebra
 * never pay for it, and it runs every evaluation on one dedicated daemon thread, because Symja's
 * evaluation engine is per thread and shares hidden state. Only expressions we built from our own
 * tree are evaluated: no user text ever reaches Symja's parser.
 */
public final class Symja {
    static { SymjaSetup.ensure(); } // before Symja's factory loads

    private static volatile Symja instance;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "symja");
        t.setDaemon(true);
        return t;
    });
    private ExprEvaluator evaluator; // touched only on the symja thread

    private Symja() {}

    public static Symja get() {
        Symja s = instance;
        if (s == null) {
            synchronized (Symja.class) {
                if (instance == null) instance = new Symja();
                s = instance;
            }
        }
        return s;
    }

    /** Whether Symja has been started in this process (tests assert it stays off when unneeded). */
    public static boolean started() { return instance != null && instance.evaluator != null; }

    /**
     * Evaluates an expression built with Symja's F factory, within a time budget. The budget counts
     * from when the symja thread starts on it, not from the call: under matcalc serve several
     * requests wait for the one thread, and the wait must not change an answer. While waiting, the
     * caller's request time limit ({@link matcalc.Deadline}) still applies.
     */
    public IExpr eval(IExpr e, long timeoutMillis) {
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
        Future<IExpr> f = thread.submit(() -> {
            started.set(System.nanoTime());
            return evaluator().eval(e);
        });
        try {
            while (true) {
                try {
                    return f.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException ex) {
                    long s = started.get();
                    if (s != 0 && System.nanoTime() - s > timeoutMillis * 1_000_000L) {
                        f.cancel(true);
                        throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "Symja did not finish within " + timeoutMillis + " ms");
                    }
                    try {
                        matcalc.Deadline.check();
                    } catch (matcalc.Deadline.Exceeded late) {
                        f.cancel(true);
                        throw late;
                    }
                }
            }
        } catch (InterruptedException ex) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            matcalc.Deadline.check(); // a request past its time limit (matcalc serve) says so
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "interrupted while waiting for Symja");
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof MatcalcError m) throw m;
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "Symja failed: " + c);
        }
    }

    public IExpr eval(IExpr e) { return eval(e, 20_000); }

    private ExprEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = new ExprEvaluator(false, (short) 100);
            evaluator.getEvalEngine().setQuietMode(true);
        }
        return evaluator;
    }
}
