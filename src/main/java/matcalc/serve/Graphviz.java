package matcalc.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** SVG from Graphviz's dot for the page's graph, or null when dot is not installed (the page says so). */
final class Graphviz {
    private Graphviz() {}

    private static final long TIMEOUT_MS = 5_000;

    static String svg(String dot) {
        Process proc;
        try {
            proc = new ProcessBuilder("dot", "-Tsvg").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null; // not installed
        }
        try {
            try (OutputStream in = proc.getOutputStream()) { in.write(dot.getBytes(StandardCharsets.UTF_8)); }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream o = proc.getInputStream()) { o.transferTo(out); }
            if (!proc.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS) || proc.exitValue() != 0) return null;
            String svg = out.toString(StandardCharsets.UTF_8);
            int start = svg.indexOf("<svg"); // drop the XML prologue and DOCTYPE: the page inlines it
            return start < 0 ? null : svg.substring(start);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            proc.destroyForcibly();
        }
    }
}
