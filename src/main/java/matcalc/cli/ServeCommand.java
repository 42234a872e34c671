package matcalc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import matcalc.serve.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Serve the web page (rendered math, checks, programs) and the JSON API (POST /api/diff, /api/check, /api/eval).",
        "Binds 127.0.0.1 unless --host says otherwise. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "default 8080; 0 picks a free port")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDR", description = "address to bind; default 127.0.0.1 (0.0.0.0 exposes the server to the network)")
    String host = "127.0.0.1";

    @Option(names = "--open", description = "open the page in a browser")
    boolean open;

    @Option(names = "--workers", paramLabel = "N", description = "requests computed at once (default: cores, at least 2)")
    int workers = Server.Config.defaults().workers();

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "time limit per request (default 10)")
    double timeLimit = 10;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        if (workers < 1 || workers > 256) throw new ParameterException(spec.commandLine(), "--workers must be between 1 and 256");
        if (!(timeLimit > 0 && timeLimit <= 600)) throw new ParameterException(spec.commandLine(), "--time-limit must be between 0 and 600 seconds");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            err.println("matcalc: warning: listening on " + host + ": anyone who can reach this machine can use the server");
            err.flush();
        }
        Server s;
        try {
            s = Server.start(Server.Config.defaults().withHost(host).withPort(port).withWorkers(workers)
                    .withTimeLimit((long) (timeLimit * 1000)));
        } catch (java.net.BindException e) {
            throw new matcalc.MatcalcError(matcalc.MatcalcError.Kind.UNSUPPORTED, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        // Start Symja now (about a second) rather than inside the first request that needs it.
        matcalc.symja.Symja.warmUpInBackground();
        String url = s.url().replace("://0.0.0.0:", "://127.0.0.1:");
        if (ServeCommand.class.getResource("/web/katex/katex.min.js") == null) {
            err.println("matcalc: warning: KaTeX was not bundled at build time (npm was missing): formulas show as LaTeX source");
        }
        out.println("matcalc: serving " + url);
        out.flush();
        if (open) openBrowser(url, err);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join(); // until Ctrl-C
        return 0;
    }

    private static void openBrowser(String url, PrintWriter err) {
        try {
            new ProcessBuilder("xdg-open", url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            err.println("matcalc: could not open a browser (" + e.getMessage() + "); open " + url);
            err.flush();
        }
    }
}
