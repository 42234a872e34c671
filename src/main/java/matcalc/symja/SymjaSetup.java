package matcalc.symja;

import org.matheclipse.core.basic.Config;

/**
 * Symja's settings, made before any of its classes initialise: its expression factory (F, S)
 * reads them when it loads, so every class of ours that builds Symja expressions calls
 * {@link #ensure()} from its static initialiser. Without JAS_NO_THREADS Symja starts a rule loader
 * thread and a pool of non-daemon threads that keeps the JVM alive for 60 s after main ends.
 */
public final class SymjaSetup {
    static {
        Config.JAS_NO_THREADS = true;
    }

    private SymjaSetup() {}

    /** Loads this class (and so applies the settings); cheap after the first call. */
    public static void ensure() {}
}
