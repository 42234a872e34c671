package matcalc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python that generated code is tested with: /usr/bin/python3 (Debian's, with python3-numpy and
 * python3-torch, which .ci/run installs), or the one named by -Dmatcalc.python. A missing
 * interpreter or module fails the test with what to install; it is skipped only when the caller's
 * skip property is set explicitly (-Dmatcalc.codegen.skipPython=true), never silently.
 */
final class Python {
    private Python() {}

    record Run(int exit, String output) {}

    record Interpreter(String path) {
        Run run(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(path);
            cmd.addAll(args);
            Path log = Files.createTempFile("python", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    static String path() {
        String p = System.getProperty("matcalc.python");
        if (p != null && !p.isBlank()) return p;
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** An interpreter that imports numpy and torch; otherwise a failure (or, if skipProperty is true, an abort). */
    static Interpreter require(String skipProperty) throws InterruptedException {
        Interpreter py = new Interpreter(path());
        String problem;
        try {
            Run r = py.run(List.of("-c", "import numpy, torch; print(numpy.__version__, torch.__version__)"), 120);
            problem = r.exit() == 0 ? null : "cannot import numpy and torch: " + r.output().strip();
        } catch (IOException e) {
            problem = "cannot run it: " + e.getMessage();
        }
        if (problem == null) return py;
        String message = "generated-code tests need " + py.path() + " with NumPy and PyTorch (" + problem + "); install them with"
                + " 'apt-get install python3-numpy python3-torch' (.ci/run does), or name another interpreter with"
                + " -Dmatcalc.python=PATH; to skip these tests on purpose run with -D" + skipProperty + "=true";
        if (Boolean.getBoolean(skipProperty)) Assumptions.abort("skipped by -D" + skipProperty + "=true: " + message);
        fail(message);
        throw new AssertionError("unreachable");
    }
}
