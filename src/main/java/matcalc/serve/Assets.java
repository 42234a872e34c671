package matcalc.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The page's files, read from the jar's web/ folder (KaTeX is vendored there at build time). */
final class Assets {
    private Assets() {}

    record Asset(String type, byte[] bytes) {}

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "woff2", "font/woff2", "png", "image/png", "svg", "image/svg+xml", "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "mc", "text/plain; charset=utf-8");

    // Only files that exist are kept, so this holds at most the jar's web/ folder.
    private static final Map<String, Asset> CACHE = new ConcurrentHashMap<>();

    /** The file for a URL path, or null: only plain names under web/, never "..". */
    static Asset get(String path) {
        if (path.equals("/") || path.isEmpty()) path = "/index.html";
        if (!path.matches("(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)+") || path.contains("..")) return null;
        String ext = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) return null;
        Asset cached = CACHE.get(path);
        if (cached != null) return cached;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("web" + path)) {
            if (in == null) return null;
            Asset a = new Asset(type, in.readAllBytes());
            CACHE.put(path, a);
            return a;
        } catch (IOException e) {
            return null;
        }
    }
}
