package matcalc.program;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** Compiling a LaTeX document with pdflatex (when it is installed). */
public final class Latex {
    private Latex() {}

    /** ok, and the tail of pdflatex's log when it is not. */
    public record Result(boolean ok, String log) {}

    public static boolean available() { return onPath("pdflatex"); }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    /**
     * Runs pdflatex twice (for references) in a temporary folder and puts the PDF beside the document;
     * the .aux and .log stay behind only in {@code keepLog} (pdflatex's log, for tests that read it).
     */
    public static Result compile(Path tex) throws IOException { return compile(tex, null); }

    /** As {@link #compile(Path)}; when {@code keepLog} is given, pdflatex's full log is copied there. */
    public static Result compile(Path tex, Path keepLog) throws IOException {
        Path source = tex.toAbsolutePath();
        String name = source.getFileName().toString().replaceAll("\\.tex$", "");
        Path dir = Files.createTempDirectory("matcalc-latex");
        try {
            Files.copy(source, dir.resolve(name + ".tex"));
            String log = "";
            for (int pass = 0; pass < 2; pass++) {
                Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex")
                        .directory(dir.toFile()).redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                try {
                    if (!p.waitFor(120, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return new Result(false, "pdflatex timed out");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                    return new Result(false, "interrupted");
                }
                log = new String(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) return new Result(false, tail(log));
            }
            Files.copy(dir.resolve(name + ".pdf"), source.resolveSibling(name + ".pdf"), StandardCopyOption.REPLACE_EXISTING);
            if (keepLog != null) Files.copy(dir.resolve(name + ".log"), keepLog, StandardCopyOption.REPLACE_EXISTING);
            return new Result(true, tail(log));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String tail(String log) {
        int from = Math.max(0, log.length() - 3000);
        return log.substring(from);
    }
}
