package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import matcalc.MatcalcError;
import matcalc.expr.Shape;
import matcalc.render.TextRenderer;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ProgramTest {

    @Test void statementsAreTypedWithEarlierBindings() {
        Program p = Program.parse("x = [1; 2; 3]; A = [1 0 0; 0 2 0]\nh = A x   # a comment\nh^T h");
        assertEquals(4, p.statements().size());
        assertEquals(Program.Kind.INPUT, p.binding("x").kind());
        assertEquals(Program.Kind.COMPUTED, p.binding("h").kind());
        assertEquals(Program.Kind.EXPRESSION, p.statements().get(3).kind());
        assertEquals("h^T h", p.statements().get(3).label());
        assertEquals("2 x 1", p.binding("h").expr().shape().toString());
        Map<String, RealMatrix> v = ProgramEvaluator.run(p);
        assertEquals("[1; 4]", Values.text(v.get("h"), 2));
        assertEquals("17", Values.text(v.get("h^T h"), 2));
    }

    @Test void declarationLinesAndFreeVariables() {
        Program p = Program.parse("# a loss\ny, mu, b: scalar\nL = abs(y - mu) / b");
        assertEquals(List.of("b", "mu", "y"), List.copyOf(p.free().keySet()));
        assertEquals(Shape.SCALAR, p.var("y").shape());
        assertFalse(ProgramEvaluator.evaluable(p, Map.of()));
        MatcalcError e = assertThrows(MatcalcError.class, () -> ProgramEvaluator.run(p));
        assertTrue(e.getMessage().contains("no value for b"), e.getMessage());
    }

    @Test void freeVariablesKeepOneShapeAcrossStatements() {
        Program p = Program.parse("w = [1; 1; 1]\nAND = step(w^T x - 2.5)\nOR = step(w^T x - 0.5)");
        assertEquals("3 x 1", p.var("x").shape().toString());
    }

    @Test void errorsPointAtTheStatement() {
        MatcalcError twice = assertThrows(MatcalcError.class, () -> Program.parse("x = [1; 2]\nx = 3"));
        assertTrue(twice.format().contains("'x' is bound twice (line 2)"), twice.format());
        MatcalcError before = assertThrows(MatcalcError.class, () -> Program.parse("h = 2 x\nx = [1; 2]"));
        assertTrue(before.getMessage().contains("used before it is bound"), before.getMessage());
        MatcalcError shape = assertThrows(MatcalcError.class, () -> Program.parse("x = [1; 2]\nW = [1 2 3; 4 5 6]\nh = W x"));
        assertTrue(shape.format().contains("(line 3)"), shape.format());
        MatcalcError decl = assertThrows(MatcalcError.class, () -> Program.parse("x: 3\nx = [1; 2]"));
        assertTrue(decl.getMessage().contains("declared x: 3"), decl.getMessage());
    }

    @Test void valuesAreRoundedHalfUp() {
        assertEquals("-0.67", Values.number(-0.66699, 2));
        assertEquals("0.50", Values.number(0.5, 2));
        assertEquals("3", Values.number(3.0, 2));
        assertEquals("0.00", Values.number(-0.001, 2));
        assertEquals("0", Values.number(-0.0, 2));
    }

    @Test void truthTablesOfTheSeedPerceptrons() throws Exception {
        Program p = Program.parse(Files.readString(Path.of("testcases/seed/perceptron.mc")));
        List<Grid.Row> rows = Grid.run(p, List.of(Grid.Axis.parse("x=0,1")));
        assertEquals(8, rows.size());
        for (Grid.Row r : rows) {
            RealMatrix x = r.point().get("x");
            int ones = 0;
            for (int i = 0; i < 3; i++) ones += (int) x.getEntry(i, 0);
            assertEquals(ones == 3 ? 1.0 : 0.0, r.values().get("AND").getEntry(0, 0), "AND at " + x);
            assertEquals(ones >= 1 ? 1.0 : 0.0, r.values().get("OR").getEntry(0, 0), "OR at " + x);
        }
        assertEquals(List.of(0.0, 0.0, 1.0), List.of(rows.get(1).point().get("x").getColumn(0)[0],
                rows.get(1).point().get("x").getColumn(0)[1], rows.get(1).point().get("x").getColumn(0)[2]));
        String table = TruthTable.text(p, rows, 2);
        assertEquals("x[1] x[2] x[3] | AND OR", table.lines().findFirst().orElseThrow());
        assertTrue(table.contains("1    1    1    | 1   1"), table);
    }

    @Test void symbolicProgramsGiveFormulasAndAreChecked() {
        Program p = Program.parse("h = tanh(W x)\nL = sum(h .* h)");
        Evaluation e = Evaluation.of(p, "L", List.of("W"), true);
        assertNull(e.values());
        assertEquals("2 h", TextRenderer.render(e.backprop().adjoint("h").formula()));
        assertEquals("(dL/dh .* (ones - h.^2)) x^T", TextRenderer.render(e.backprop().adjoint("W").formula()));
        assertTrue(e.checksPassed(), e.checks().toString());
    }
}
