package matcalc.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.Deadline;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.numeric.Vars;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.engine.Step;
import matcalc.expr.Expr;
import matcalc.expr.Var;
import matcalc.claims.CheckJson;
import matcalc.claims.CheckResult;
import matcalc.claims.Claim;
import matcalc.claims.ClaimChecker;
import matcalc.claims.ClaimParser;
import matcalc.index.IndexReport;
import matcalc.program.DotWriter;
import matcalc.program.Evaluation;
import matcalc.program.Graph;
import matcalc.program.Program;
import matcalc.render.DiffReport;
import matcalc.render.Json;
import matcalc.render.LatexRenderer;
import matcalc.render.TextRenderer;

/**
 * The HTTP API's requests and answers, without HTTP: one JSON request in, a status and one JSON
 * answer out. Every answer carries {@code version}; the fields are those of the CLI's
 * {@code --format json} (see docs/api/schema.json). Each call builds its own engine objects, so
 * calls from several threads share nothing mutable.
 */
public final class Api {
    private Api() {}

    /** The API's version, also the CLI's (matcalc --version). */
    public static final String VERSION = "0.1.0";

    /** An answer: HTTP status and body. */
    public record Answer(int status, ObjectNode body) {
        public String json() { return Json.compact(body); }
    }

    /** Bad input that the request itself caused (a field of the wrong type, an unknown field). */
    static final class RequestError extends RuntimeException {
        RequestError(String message) { super(message, null, false, false); }
    }

    /** Most entries of one matrix a request may compute, and of all the values an answer carries. */
    public static final long MAX_ENTRIES = 1_000_000, MAX_ANSWER_ENTRIES = 2_000_000;

    public static final Set<String> ENDPOINTS = Set.of("diff", "check", "eval", "names");

    /** Handles POST /api/{endpoint} with this body; never throws for bad input. */
    public static Answer handle(String endpoint, String body) {
        JsonNode req;
        try {
            req = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return error(400, "request", "the body is not JSON: " + e.getOriginalMessage(), null, null);
        }
        if (req == null || !req.isObject()) return error(400, "request", "the body must be a JSON object", null, null);
        try {
            ObjectNode out = switch (endpoint) {
                case "diff" -> diff(req);
                case "check" -> check(req);
                case "eval" -> eval(req);
                case "names" -> names(req);
                default -> throw new RequestError("unknown endpoint /api/" + endpoint);
            };
            return new Answer(200, out);
        } catch (RequestError e) {
            return error(400, "request", e.getMessage(), null, null);
        } catch (MatcalcError e) {
            return fromError(e, req);
        } catch (Deadline.Exceeded e) {
            return error(400, "time_limit", e.getMessage(), null, null);
        } catch (Deadline.TooLarge e) {
            return error(400, "limit", e.getMessage(), null, null);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return error(400, "limit", "input too large or too deeply nested", null, null);
        }
    }

    // ------------------------------------------------------------------ endpoints

    private static ObjectNode diff(JsonNode req) {
        allow(req, "expression", "wrt", "where", "layout", "vec", "order", "check", "seed", "index", "steps");
        int order = integer(req, "order", 1);
        if (order < 1) throw new RequestError("order must be 1 or more (at most " + Engine.MAX_ORDER + ")"); // the engine refuses larger ones, saying why
        boolean steps = bool(req, "steps", false);
        if (steps && order != 1) throw new RequestError("steps are available for first derivatives");
        DiffRequest dr = new DiffRequest(required(req, "expression"), required(req, "wrt"), string(req, "where", ""),
                layout(string(req, "layout", "numerator")), vec(string(req, "vec", "cols")), order,
                bool(req, "check", true), integer(req, "seed", 1));
        Engine engine = new Engine();
        Engine.Derivation d = steps ? engine.derivation(dr) : null;
        DiffResult r = d != null ? d.result() : engine.diff(dr);
        Map<String, Object> extra = new LinkedHashMap<>();
        // as on the command line, a derivative of order 3 or more always comes with its index form
        if (bool(req, "index", false) || (order >= 3 && !r.variable().isScalar())) extra.put("index", IndexReport.json(r));
        ObjectNode out = withVersion(DiffReport.jsonFields(r, extra));
        out.put("report", DiffReport.text(r));
        out.put("checkLine", DiffReport.checkLine(r.check()));
        if (d != null) out.set("steps", steps(d.steps()));
        return out;
    }

    private static ArrayNode steps(List<Step> steps) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Step s : steps) {
            ObjectNode o = a.addObject();
            o.put("number", s.number());
            o.put("title", s.title());
            o.set("rules", Json.tree(s.rules()));
            o.put("lhs", s.lhs());
            o.put("text", TextRenderer.render(s.expr()));
            o.put("latex", LatexRenderer.render(s.expr()));
        }
        return a;
    }

    private static ObjectNode check(JsonNode req) {
        allow(req, "claim", "where", "layout", "seed", "exact");
        String text = required(req, "claim");
        String where = string(req, "where", "");
        Layout l = layout(string(req, "layout", "numerator"));
        // Parsed first so that bad input is an error with its position, not a verdict of ERROR.
        Claim claim = ClaimParser.parse(text, where, l);
        ClaimChecker.Options o = ClaimChecker.Options.defaults().withSeed(integer(req, "seed", 1)).withExact(bool(req, "exact", true));
        CheckResult r = ClaimChecker.check(text, where, null, l, o);
        if (r.verdict() == CheckResult.Verdict.ERROR) throw new MatcalcError(MatcalcError.Kind.INTERNAL, r.error());
        ObjectNode out = withVersion(CheckJson.of(r));
        out.putObject("latex").put("statement", matcalc.claims.ClaimLatex.statement(claim));
        out.set("lines", Json.tree(r.lines()));
        return out;
    }

    private static ObjectNode eval(JsonNode req) {
        allow(req, "program", "grad", "wrt", "where", "check", "digits", "graph");
        String grad = string(req, "grad", null);
        if (grad != null && grad.isBlank()) grad = null;
        List<String> wrt = names(req, "wrt");
        if (!wrt.isEmpty() && grad == null) throw new RequestError("wrt needs grad (the scalar binding to differentiate)");
        if (grad != null && wrt.isEmpty()) throw new RequestError("grad needs wrt (the names to differentiate with respect to)");
        int digits = integer(req, "digits", 4);
        if (digits < 0 || digits > 15) throw new RequestError("digits must be between 0 and 15");
        Program p = Program.parse(required(req, "program"), string(req, "where", ""));
        Evaluation e = Evaluation.of(p, grad, wrt, bool(req, "check", true));
        long entries = 0;
        for (org.hipparchus.linear.RealMatrix v : e.values() == null ? List.<org.hipparchus.linear.RealMatrix>of() : e.values().values()) {
            entries += (long) v.getRowDimension() * v.getColumnDimension();
        }
        if (e.gradientValues() != null) {
            for (org.hipparchus.linear.RealMatrix v : e.gradientValues().values()) entries += (long) v.getRowDimension() * v.getColumnDimension();
        }
        if (entries > MAX_ANSWER_ENTRIES) {
            throw new Deadline.TooLarge(entries, MAX_ANSWER_ENTRIES); // the answer's values together
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", VERSION);
        out.set("values", Json.tree(e.jsonFields()));
        out.put("text", e.text(digits));
        out.put("checksPassed", e.checksPassed());
        // The page renders each binding and each reverse-mode formula with its value.
        ArrayNode forward = out.putArray("forward");
        for (Program.Statement s : p.statements()) {
            ObjectNode o = forward.addObject();
            o.put("name", s.label());
            o.put("nameLatex", s.isBinding() ? LatexRenderer.renderVarName(s.name()) : LatexRenderer.render(s.expr()));
            o.put("input", s.kind() == Program.Kind.INPUT);
            o.put("text", TextRenderer.render(s.expr()));
            o.put("latex", LatexRenderer.render(s.expr()));
        }
        ArrayNode backward = out.putArray("backward");
        if (e.backprop() != null) {
            for (matcalc.program.Backprop.Adjoint a : e.backprop().adjoints()) {
                ObjectNode o = backward.addObject();
                o.put("name", a.name());
                o.put("nameLatex", LatexRenderer.renderVarName(a.name()));
                o.put("text", TextRenderer.render(a.formula()));
                o.put("latex", LatexRenderer.render(a.formula()));
            }
        }
        if (bool(req, "graph", false)) {
            ObjectNode g = out.putObject("graph");
            String dot = DotWriter.write(Graph.of(p, grad != null));
            g.put("dot", dot);
            String svg = Graphviz.svg(dot);
            if (svg != null) g.put("svg", svg);
            else g.put("note", "Graphviz's dot is not installed on the server (apt-get install graphviz): the graph is shown as DOT text");
        }
        return out;
    }

    /** The free names of an expression and their types: what the page's variable picker lists. */
    private static ObjectNode names(JsonNode req) {
        allow(req, "expression", "where", "layout");
        String text = required(req, "expression");
        Expr e = new Engine().parse(text, string(req, "where", ""), layout(string(req, "layout", "numerator")));
        Map<String, Object> types = new LinkedHashMap<>();
        for (Var v : Vars.free(e).values()) types.put(v.name(), DiffReport.shape(v.shape()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", VERSION);
        out.set("names", Json.tree(types));
        return out;
    }

    // ------------------------------------------------------------------ errors

    /** {"error": {kind, message, span: {start, end} | null, spans, field}}: field names the input the span indexes. */
    static Answer error(int status, String kind, String message, List<Span> spans, String field) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", VERSION);
        ObjectNode err = out.putObject("error");
        err.put("kind", kind);
        err.put("message", message);
        List<Span> all = spans == null ? List.of() : spans;
        if (all.isEmpty()) err.putNull("span");
        else err.set("span", span(all.get(0)));
        ArrayNode arr = err.putArray("spans");
        for (Span s : all) arr.add(span(s));
        if (field == null) err.putNull("field");
        else err.put("field", field);
        return new Answer(status, out);
    }

    private static ObjectNode span(Span s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("start", s.start());
        o.put("end", Math.max(s.end(), s.start() + 1));
        return o;
    }

    private static Answer fromError(MatcalcError e, JsonNode req) {
        String field = null;
        if (e.source() != null) {
            for (String f : List.of("expression", "claim", "program", "where", "wrt")) {
                JsonNode v = req.get(f);
                if (v != null && v.isTextual() && v.asText().equals(e.source())) { field = f; break; }
            }
        }
        List<Span> spans = field == null ? List.of() : e.spans();
        if (e.kind() == MatcalcError.Kind.INTERNAL) return error(500, "internal", e.getMessage(), List.of(), null);
        // The engine words some messages for the command line ("--wrt needs ..."); here it is a field.
        String message = e.getMessage().replace("--wrt ", "wrt ");
        return error(400, e.kind().name().toLowerCase(), message, spans, field);
    }

    // ------------------------------------------------------------------ fields

    private static ObjectNode withVersion(Map<String, Object> fields) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", VERSION);
        out.setAll((ObjectNode) Json.tree(fields));
        return out;
    }

    private static void allow(JsonNode req, String... names) {
        List<String> known = List.of(names);
        req.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) throw new RequestError("unknown field '" + f + "' (known: " + String.join(", ", known) + ")");
        });
    }

    private static String required(JsonNode req, String name) {
        String s = string(req, name, null);
        if (s == null) throw new RequestError("missing field '" + name + "'");
        return s;
    }

    private static String string(JsonNode req, String name, String dflt) {
        JsonNode v = req.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw new RequestError("field '" + name + "' must be a string");
        return v.asText();
    }

    private static boolean bool(JsonNode req, String name, boolean dflt) {
        JsonNode v = req.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new RequestError("field '" + name + "' must be true or false");
        return v.asBoolean();
    }

    private static int integer(JsonNode req, String name, int dflt) {
        JsonNode v = req.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new RequestError("field '" + name + "' must be an integer");
        return v.asInt();
    }

    /** A list of names: ["W1", "W2"] or "W1, W2". */
    private static List<String> names(JsonNode req, String name) {
        JsonNode v = req.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) if (!s.isBlank()) out.add(s.strip());
            return out;
        }
        if (!v.isArray()) throw new RequestError("field '" + name + "' must be a list of names or a comma-separated string");
        for (JsonNode n : v) {
            if (!n.isTextual()) throw new RequestError("field '" + name + "' must be a list of names");
            out.add(n.asText().strip());
        }
        return out;
    }

    static Layout layout(String s) {
        Layout l = Layout.byName(s);
        if (l == null) throw new RequestError("layout must be numerator, denominator or mixed, not '" + s + "'");
        return l;
    }

    static VecOrder vec(String s) {
        switch (s.toLowerCase()) {
            case "cols": case "columns": return VecOrder.COLUMNS;
            case "rows": return VecOrder.ROWS;
            default: throw new RequestError("vec must be cols or rows, not '" + s + "'");
        }
    }
}
