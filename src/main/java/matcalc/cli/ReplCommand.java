package matcalc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import matcalc.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repl", mixinStandardHelpOptions = true, description = {
        "Interactive: one derivative per line ('x^T A x wrt x' or 'd/dx x^T A x'), declarations that persist (:where),",
        ":layout, :order, :format, :check, :help; history and Tab completion; Ctrl-D quits."})
final class ReplCommand implements Callable<Integer> {
    @Option(names = "--no-history", description = "do not read or write ~/.matcalc_history")
    boolean noHistory;

    @Override public Integer call() throws Exception {
        // Symja starts (about a second) while the user types the first line.
        matcalc.symja.Symja.warmUpInBackground();
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            Path history = noHistory ? null : Path.of(System.getProperty("user.home"), ".matcalc_history");
            new Repl().run(t, history);
        }
        return 0;
    }
}
