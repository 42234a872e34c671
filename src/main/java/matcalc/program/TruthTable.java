package matcalc.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/** Grid results as a table: one column per entry of each grid variable, then one per computed statement. */
public final class TruthTable {
    private TruthTable() {}

    /** Column headers and cells, as text. */
    public record Table(List<String> inputs, List<String> outputs, List<List<String>> rows) {}

    public static Table of(Program p, List<Grid.Row> rows, int digits) {
        List<String> ins = new ArrayList<>(), outs = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Grid.Row row = rows.get(r);
            List<String> line = new ArrayList<>();
            for (Map.Entry<String, RealMatrix> e : row.point().entrySet()) {
                RealMatrix m = e.getValue();
                int n = m.getRowDimension() * m.getColumnDimension();
                for (int k = 0; k < n; k++) {
                    int i = k % m.getRowDimension(), j = k / m.getRowDimension();
                    if (r == 0) ins.add(n == 1 ? e.getKey() : m.getColumnDimension() == 1 ? e.getKey() + "[" + (i + 1) + "]"
                            : e.getKey() + "[" + (i + 1) + ", " + (j + 1) + "]");
                    line.add(Values.number(m.getEntry(i, j), digits));
                }
            }
            for (Program.Statement s : p.statements()) {
                if (s.kind() == Program.Kind.INPUT) continue;
                if (r == 0) outs.add(s.label());
                line.add(Values.text(row.values().get(s.label()), digits));
            }
            cells.add(line);
        }
        return new Table(ins, outs, cells);
    }

    /** Aligned columns, inputs | outputs. */
    public static String text(Program p, List<Grid.Row> rows, int digits) {
        Table t = of(p, rows, digits);
        List<String> header = new ArrayList<>(t.inputs());
        header.addAll(t.outputs());
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> row : t.rows()) width[c] = Math.max(width[c], row.get(c).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, t.inputs().size());
        for (List<String> row : t.rows()) line(sb, row, width, t.inputs().size());
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, int split) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c == split) l.append("| ");
            l.append(String.format("%-" + width[c] + "s ", cells.get(c)));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
