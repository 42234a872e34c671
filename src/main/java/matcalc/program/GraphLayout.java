package matcalc.program;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Positions for drawing a {@link Graph} top down (inputs at the top) with no two boxes overlapping.
 * Every edge label is a box of its own, placed like a node between the operand and the operation,
 * so labels can collide neither with nodes nor with each other. The boxes are sized by
 * {@link TikzWriter} from their text (and the text is fitted into them), then laid out by Graphviz's
 * dot ({@code -Tplain}: its layering and crossing reduction) where it is installed, otherwise by a
 * layered layout of our own.
 */
public final class GraphLayout {
    /** A box centred at (x, y), in cm, y upwards. */
    public record Box(String id, double x, double y, double width, double height) {
        public boolean overlaps(Box o) {
            return Math.abs(x - o.x) * 2 < width + o.width && Math.abs(y - o.y) * 2 < height + o.height;
        }
        double left() { return x - width / 2; }
        double right() { return x + width / 2; }
        double top() { return y + height / 2; }
        double bottom() { return y - height / 2; }
    }

    /** What to place: nodes and label boxes by id, and the edges between them (label boxes split their edge). */
    public record Request(Map<String, double[]> sizes, List<String[]> links) {}

    /** The boxes, and which engine placed them ("dot" or "layers"). */
    public record Result(Map<String, Box> boxes, String engine) {
        public double width() { return max(b -> b.right()) - min(b -> b.left()); }
        public double height() { return max(b -> b.top()) - min(b -> b.bottom()); }
        private double max(java.util.function.ToDoubleFunction<Box> f) { return boxes.values().stream().mapToDouble(f).max().orElse(0); }
        private double min(java.util.function.ToDoubleFunction<Box> f) { return boxes.values().stream().mapToDouble(f).min().orElse(0); }

        /** The first pair of boxes that overlap, or null. */
        public Box[] overlap() {
            List<Box> all = new ArrayList<>(boxes.values());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) if (all.get(i).overlaps(all.get(j))) return new Box[] {all.get(i), all.get(j)};
            }
            return null;
        }
    }

    /** Gaps between boxes side by side and between layers, cm. */
    static final double GAP_CM = 0.3, LAYER_GAP_CM = 0.35;

    private GraphLayout() {}

    public static Result of(Request r) {
        if (Latex.onPath("dot")) {
            Result viaDot = dot(r);
            if (viaDot != null && viaDot.overlap() == null) return viaDot;
        }
        return layers(r);
    }

    // ------------------------------------------------------------------ Graphviz

    /** The DOT text for dot to place: fixed-size empty boxes, sizes in inches. */
    static String dotInput(Request r) {
        StringBuilder sb = new StringBuilder("digraph layout {\n  rankdir=TB;\n");
        sb.append(String.format(Locale.ROOT, "  nodesep=%.3f; ranksep=%.3f;%n", GAP_CM / 2.54, LAYER_GAP_CM / 2.54));
        sb.append("  node [shape=box, fixedsize=true, label=\"\"];\n");
        for (Map.Entry<String, double[]> e : r.sizes().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s [width=%.4f, height=%.4f];%n", e.getKey(), e.getValue()[0] / 2.54, e.getValue()[1] / 2.54));
        }
        for (String[] l : r.links()) sb.append("  ").append(l[0]).append(" -> ").append(l[1]).append(";\n");
        return sb.append("}\n").toString();
    }

    /** Runs dot -Tplain; null when it fails. */
    static Result dot(Request r) {
        String plain;
        try {
            Process p = new ProcessBuilder("dot", "-Tplain").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(dotInput(r).getBytes(StandardCharsets.UTF_8));
            }
            plain = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return parsePlain(plain, r);
    }

    /** "node NAME X Y W H ...": centres in inches; the sizes are ours (dot keeps fixed sizes). */
    static Result parsePlain(String plain, Request r) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (String line : plain.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals("node")) continue;
            double[] size = r.sizes().get(f[1]);
            if (size == null) continue;
            boxes.put(f[1], new Box(f[1], Double.parseDouble(f[2]) * 2.54, Double.parseDouble(f[3]) * 2.54, size[0], size[1]));
        }
        return boxes.size() == r.sizes().size() ? new Result(boxes, "dot") : null;
    }

    // ------------------------------------------------------------------ our own layers

    /**
     * Longest-path layers from the sources, each layer one row; in a row, boxes ordered by the mean
     * position of their predecessors and packed left to right with a gap, then the row centred.
     */
    static Result layers(Request r) {
        Map<String, List<String>> preds = new HashMap<>();
        for (String id : r.sizes().keySet()) preds.put(id, new ArrayList<>());
        for (String[] l : r.links()) preds.get(l[1]).add(l[0]);
        Map<String, Integer> layer = new HashMap<>();
        for (String id : r.sizes().keySet()) depth(id, preds, layer);
        int rows = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<String, Box> boxes = new LinkedHashMap<>();
        double y = 0;
        for (int row = 0; row < rows; row++) {
            List<String> ids = new ArrayList<>();
            for (String id : r.sizes().keySet()) if (layer.get(id) == row) ids.add(id);
            Map<String, Double> want = new HashMap<>();
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.get(k);
                final int order = k;
                want.put(id, preds.get(id).stream().filter(boxes::containsKey).mapToDouble(p -> boxes.get(p).x()).average().orElse(order * 10.0));
            }
            ids.sort((a, b) -> Double.compare(want.get(a), want.get(b)));
            double height = ids.stream().mapToDouble(id -> r.sizes().get(id)[1]).max().orElse(0);
            double total = ids.stream().mapToDouble(id -> r.sizes().get(id)[0]).sum() + GAP_CM * Math.max(0, ids.size() - 1);
            double meanWant = ids.stream().mapToDouble(want::get).average().orElse(0);
            double x = (row == 0 ? 0 : meanWant) - total / 2;
            for (String id : ids) {
                double w = r.sizes().get(id)[0];
                boxes.put(id, new Box(id, x + w / 2, y - height / 2, w, r.sizes().get(id)[1]));
                x += w + GAP_CM;
            }
            y -= height + LAYER_GAP_CM;
        }
        return new Result(boxes, "layers");
    }

    private static int depth(String id, Map<String, List<String>> preds, Map<String, Integer> layer) {
        Integer d = layer.get(id);
        if (d != null) return d;
        int l = 0;
        for (String p : preds.get(id)) l = Math.max(l, depth(p, preds, layer) + 1);
        layer.put(id, l);
        return l;
    }
}
