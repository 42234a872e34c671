package matcalc.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON for the CLI's {@code --format json} and the HTTP API, through Jackson. Reports are built as
 * maps and lists; {@link #tree} turns them into Jackson nodes (the API adds its fields there) and
 * {@link #write} prints them the way the CLI always has: one object field per line, arrays inline.
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter PRETTY = MAPPER.writer(new CliPrinter());

    /** A matrix as JSON: a number for 1 x 1, a flat list for a column vector, rows of a matrix otherwise. */
    public static Object matrix(org.hipparchus.linear.RealMatrix m) {
        int r = m.getRowDimension(), c = m.getColumnDimension();
        if (r == 1 && c == 1) return full(m.getEntry(0, 0));
        if (c == 1) {
            List<Double> v = new java.util.ArrayList<>();
            for (int i = 0; i < r; i++) v.add(full(m.getEntry(i, 0)));
            return v;
        }
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < r; i++) {
            List<Double> row = new java.util.ArrayList<>();
            for (int j = 0; j < c; j++) row.add(full(m.getEntry(i, j)));
            rows.add(row);
        }
        return rows;
    }

    private static double full(double x) { return x == 0 ? 0.0 : x; } // no -0.0

    /**
     * Maps (in their order), lists, arrays, strings, numbers, booleans and null as a Jackson tree.
     * Non-finite numbers become null (JSON has none); anything else is written as its text.
     */
    public static JsonNode tree(Object o) {
        if (o == null) return NODES.nullNode();
        if (o instanceof JsonNode n) return n;
        if (o instanceof String s) return NODES.textNode(s);
        if (o instanceof Boolean b) return NODES.booleanNode(b);
        if (o instanceof Integer i) return NODES.numberNode(i);
        if (o instanceof Long l) return NODES.numberNode(l);
        if (o instanceof Double d) return d.isNaN() || d.isInfinite() ? NODES.nullNode() : NODES.numberNode(d);
        if (o instanceof Float f) return tree(f.doubleValue());
        if (o instanceof Number n) return NODES.numberNode(new java.math.BigDecimal(n.toString()));
        if (o instanceof Map<?, ?> m) {
            ObjectNode obj = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) obj.set(String.valueOf(e.getKey()), tree(e.getValue()));
            return obj;
        }
        if (o instanceof Iterable<?> l) {
            ArrayNode arr = NODES.arrayNode();
            for (Object x : l) arr.add(tree(x));
            return arr;
        }
        if (o instanceof double[] a) {
            ArrayNode arr = NODES.arrayNode();
            for (double x : a) arr.add(tree(x));
            return arr;
        }
        if (o instanceof int[] a) {
            ArrayNode arr = NODES.arrayNode();
            for (int x : a) arr.add(x);
            return arr;
        }
        return NODES.textNode(o.toString());
    }

    /** The CLI's layout of {@link #tree}(o). */
    public static String write(Object o) {
        try {
            return PRETTY.writeValueAsString(tree(o));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, for HTTP responses. */
    public static String compact(Object o) {
        try {
            return MAPPER.writeValueAsString(tree(o));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code "key": value}, one field per line indented two spaces per level (arrays count as a
     * level), arrays on one line with ", " between values: the layout the golden cases read.
     */
    private static final class CliPrinter implements PrettyPrinter, Instantiatable<CliPrinter> {
        // Jackson asks for a fresh printer per document: depth is per call, so the writer is thread-safe.
        @Override public CliPrinter createInstance() { return new CliPrinter(); }

        private int depth;

        private void newline(JsonGenerator g) throws IOException { g.writeRaw("\n" + "  ".repeat(depth)); }

        @Override public void writeRootValueSeparator(JsonGenerator g) throws IOException { g.writeRaw('\n'); }
        @Override public void writeStartObject(JsonGenerator g) throws IOException { g.writeRaw('{'); depth++; }
        @Override public void beforeObjectEntries(JsonGenerator g) throws IOException { newline(g); }
        @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }
        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException { g.writeRaw(','); newline(g); }
        @Override public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) newline(g);
            g.writeRaw('}');
        }
        @Override public void writeStartArray(JsonGenerator g) throws IOException { g.writeRaw('['); depth++; }
        @Override public void beforeArrayValues(JsonGenerator g) {}
        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(", "); }
        @Override public void writeEndArray(JsonGenerator g, int values) throws IOException { depth--; g.writeRaw(']'); }
    }
}
