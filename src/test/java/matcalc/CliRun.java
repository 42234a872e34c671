package matcalc;

import java.io.PrintWriter;
import java.io.StringWriter;
import matcalc.cli.Main;

/**
 * One run of the real CLI code path in-process: Main.run on a thread with the stack the launcher
 * gives it (Main.main uses 512 MB), so deep inputs behave as on the command line. A run over the
 * time limit is abandoned (interrupted, the daemon thread left behind) and reported as timed out.
 */
record CliRun(int exit, String stdout, String stderr, long millis, Throwable escaped, boolean timedOut) {

    static CliRun of(String[] args, long limitMillis) throws InterruptedException {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int[] code = {-1};
        Throwable[] escaped = {null};
        Thread t = new Thread(null, () -> {
            try {
                code[0] = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            } catch (Throwable e) {
                escaped[0] = e;
            }
        }, "cli-run", 512L * 1024 * 1024);
        t.setDaemon(true);
        long t0 = System.nanoTime();
        t.start();
        t.join(limitMillis);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (t.isAlive()) {
            t.interrupt();
            return new CliRun(-1, out.toString(), err.toString(), ms, null, true);
        }
        return new CliRun(code[0], out.toString(), err.toString(), ms, escaped[0], false);
    }
}
