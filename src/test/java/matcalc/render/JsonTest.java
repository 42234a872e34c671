package matcalc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test void cliLayoutOneFieldPerLineArraysInline() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("passed", true);
        inner.put("maxRelError", 1.5e-12);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", "x^T \"x\"\n");
        m.put("check", inner);
        m.put("list", List.of(1, 2));
        m.put("empty", Map.of());
        m.put("none", new ArrayList<>());
        m.put("nan", Double.NaN);
        assertEquals("{\n  \"input\": \"x^T \\\"x\\\"\\n\",\n  \"check\": {\n    \"passed\": true,\n    \"maxRelError\": 1.5E-12\n  },\n"
                + "  \"list\": [1, 2],\n  \"empty\": {},\n  \"none\": [],\n  \"nan\": null\n}", Json.write(m));
    }

    @Test void objectsInArraysIndentOneLevelDeeper() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("results", List.of(Map.of("a", 1)));
        assertEquals("{\n  \"results\": [{\n      \"a\": 1\n    }]\n}", Json.write(m));
    }

    @Test void matricesAreNumbersVectorsOrRowsAndReadBack() throws Exception {
        assertEquals("2.0", Json.write(Json.matrix(MatrixUtils.createRealMatrix(new double[][] {{2}}))));
        assertEquals("[1.0, -0.0]".replace("-0.0", "0.0"), Json.write(Json.matrix(MatrixUtils.createRealMatrix(new double[][] {{1}, {-0.0}}))));
        String rows = Json.write(Json.matrix(MatrixUtils.createRealMatrix(new double[][] {{1, 2}, {3, 4}})));
        JsonNode back = Json.MAPPER.readTree(rows);
        assertEquals(4.0, back.get(1).get(1).asDouble());
        assertEquals(Json.compact(Map.of("k", List.of(1))), "{\"k\":[1]}");
    }
}
