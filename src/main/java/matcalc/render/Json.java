package matcalc.render;

import java.util.List;
import java.util.Map;

/** Minimal JSON writer for our own output (maps, lists, strings, numbers, booleans, null). */
public final class Json {
    private Json() {}

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

    public static String write(Object o) {
        StringBuilder sb = new StringBuilder();
        write(o, sb, 0);
        return sb.toString();
    }

    private static void write(Object o, StringBuilder sb, int indent) {
        if (o == null) sb.append("null");
        else if (o instanceof String s) string(s, sb);
        else if (o instanceof Boolean || o instanceof Integer || o instanceof Long) sb.append(o);
        else if (o instanceof Double d) sb.append(d.isNaN() || d.isInfinite() ? "null" : Double.toString(d));
        else if (o instanceof Number n) sb.append(n);
        else if (o instanceof Map<?, ?> m) {
            sb.append("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                string(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                write(e.getValue(), sb, indent + 1);
                first = false;
            }
            sb.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
        } else if (o instanceof List<?> l) {
            sb.append("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                write(l.get(i), sb, indent + 1);
            }
            sb.append("]");
        } else if (o instanceof double[] a) {
            sb.append("[");
            for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); write(a[i], sb, indent); }
            sb.append("]");
        } else {
            string(o.toString(), sb);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c)); else sb.append(c);
            }
        }
        sb.append('"');
    }
}
