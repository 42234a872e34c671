package matcalc.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import matcalc.render.Json;
import org.hipparchus.linear.RealMatrix;

/**
 * A check's verdict as JSON, for front ends: the same facts as the text report (numeric and exact
 * status, diagnosis, counterexample with its matrices, conditions), as fields.
 */
public final class CheckJson {
    private CheckJson() {}

    public static Map<String, Object> of(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim", r.text().strip());
        if (r.label() != null && !r.label().isEmpty()) m.put("label", r.label());
        if (r.where() != null && !r.where().isBlank()) m.put("where", r.where().strip());
        m.put("verdict", r.verdict().name());
        m.put("exitCode", r.verdict().exitCode());
        if (r.verdict() == CheckResult.Verdict.ERROR) {
            m.put("error", r.error());
            m.put("millis", r.millis());
            return m;
        }
        m.put("diagnosis", r.diagnosis());
        if (r.numeric() != null) m.put("numeric", numeric(r));
        if (r.exact() != null) m.put("exact", exact(r.exact()));
        if (r.counterexample() != null) m.put("counterexample", counterexample(r.counterexample()));
        List<Object> conditions = new ArrayList<>();
        for (ConditionSearch.Condition c : r.conditions()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("names", c.names());
            cm.put("property", c.property().word());
            cm.put("text", "holds if " + c.text());
            cm.put("exact", c.exact() == null ? null : exact(c.exact()));
            conditions.add(cm);
        }
        m.put("conditions", conditions);
        m.put("warnings", r.warnings());
        if (r.claim() != null) m.put("types", CheckResult.types(r.claim()));
        m.put("millis", r.millis());
        return m;
    }

    /** A file's results and the totals. */
    public static Map<String, Object> of(IdentityFile.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.file().toString());
        m.put("results", o.results().stream().map(CheckJson::of).toList());
        m.put("passed", o.passed());
        m.put("failed", o.failed());
        m.put("millis", o.millis());
        return m;
    }

    private static Map<String, Object> numeric(CheckResult r) {
        NumericVerdict.Result n = r.numeric();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", n.passed());
        m.put("inconclusive", n.inconclusive());
        m.put("instances", n.instances());
        m.put("failing", n.failing());
        m.put("maxRelError", n.maxRelError());
        m.put("relTol", r.relTol());
        m.put("finiteDifferences", r.byDifferences());
        if (!n.note().isEmpty()) m.put("note", n.note());
        return m;
    }

    private static Map<String, Object> exact(ExactProof.Result e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", e.status().name());
        m.put("sizes", e.proved());
        if (e.failedSize() != null) m.put("failedSize", e.failedSize());
        if (e.reason() != null && !e.reason().isEmpty()) m.put("reason", e.reason());
        m.put("summary", e.summary());
        return m;
    }

    private static Map<String, Object> counterexample(Counterexample.Found f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sizes", f.sizes());
        m.put("integer", f.integer());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, RealMatrix> e : new java.util.TreeMap<>(f.values()).entrySet()) values.put(e.getKey(), Json.matrix(e.getValue()));
        m.put("values", values);
        m.put("lhs", Json.matrix(f.lhs()));
        m.put("rhs", Json.matrix(f.rhs()));
        m.put("largestDifference", f.largestDiff());
        if (f.at() != null) m.put("at", List.of(f.at()[0], f.at()[1])); // 1-based (row, column)
        return m;
    }
}
