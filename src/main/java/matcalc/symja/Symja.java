package matcalc.symja;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import matcalc.MatcalcError;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
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

    /**
     * The thread evaluations run on, with its evaluator. Symja stops itself at the time limit
     * (TimeConstrained); should it not, the worker is abandoned and a fresh one takes over, so
     * one runaway evaluation never makes the ones queued behind it time out too.
     */
    private static final class Worker {
        final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "symja");
            t.setDaemon(true);
            return t;
        });
        ExprEvaluator evaluator; // touched only on this worker's thread

        IExpr eval(IExpr e) {
            if (evaluator == null) {
                evaluator = new ExprEvaluator(false, (short) 100);
                evaluator.getEvalEngine().setQuietMode(true);
            }
            return evaluator.eval(e);
        }
    }

    /** Extra time a worker gets beyond Symja's own limit before it is abandoned. */
    private static final long GRACE_MS = 2_000;

    private volatile Worker worker = new Worker();
    private volatile boolean started;

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
    public static boolean started() { return instance != null && instance.started; }

    /**
     * Evaluates an expression built with Symja's F factory, within a time budget. The budget counts
     * from when the worker starts on it, not from the call: under matcalc serve several requests
     * wait for the one worker, and the wait must not change an answer. While waiting, the caller's
     * request time limit ({@link matcalc.Deadline}) still applies.
     */
    public IExpr eval(IExpr e, long timeoutMillis) {
        started = true;
        Worker w = worker;
        IExpr limited = F.TimeConstrained(e, F.num(timeoutMillis / 1000.0));
        java.util.concurrent.atomic.AtomicLong began = new java.util.concurrent.atomic.AtomicLong();
        Future<IExpr> f = w.thread.submit(() -> {
            began.set(System.nanoTime());
            return w.eval(limited);
        });
        IExpr r;
        try {
            while (true) {
                try {
                    r = f.get(20, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException ex) {
                    long b = began.get();
                    if (b != 0 && System.nanoTime() - b > (timeoutMillis + GRACE_MS) * 1_000_000L) {
                        abandon(f, w);
                        throw timedOut(timeoutMillis);
                    }
                    try {
                        matcalc.Deadline.check();
                    } catch (matcalc.Deadline.Exceeded late) {
                        if (began.get() != 0) abandon(f, w); else f.cancel(false);
                        throw late;
                    }
                }
            }
        } catch (InterruptedException ex) {
            if (began.get() != 0) abandon(f, w); else f.cancel(false);
            Thread.currentThread().interrupt();
            matcalc.Deadline.check(); // a request past its time limit (matcalc serve) says so
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "interrupted while waiting for Symja");
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof MatcalcError m) throw m;
            throw new MatcalcError(MatcalcError.Kind.INTERNAL, "Symja failed: " + c);
        }
        if (r.equals(S.$Aborted)) throw timedOut(timeoutMillis);
        return r;
    }

    /** Stops waiting for a running evaluation: its worker is replaced by a fresh one. */
    private void abandon(Future<IExpr> f, Worker w) {
        f.cancel(true);
        synchronized (this) {
            if (worker == w) worker = new Worker();
        }
        w.thread.shutdownNow();
    }

    private static MatcalcError timedOut(long timeoutMillis) {
        return new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "Symja did not finish within " + timeoutMillis + " ms");
    }

    public IExpr eval(IExpr e) { return eval(e, 20_000); }

    /**
     * Starts Symja (about a second) on a background daemon thread, for long-running front ends (the
     * REPL, the server): the first request that needs it then does not pay for the start.
     */
    public static void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            try {
                get().eval(F.Plus(F.C1, F.C1));
            } catch (RuntimeException e) {
                // a real evaluation reports Symja's failure with its context
            }
        }, "symja-warm-up");
        warm.setDaemon(true);
        warm.start();
    }
}
