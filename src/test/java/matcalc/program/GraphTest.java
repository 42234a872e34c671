package matcalc.program;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import matcalc.render.TextRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphTest {
    static Program seed;
    static Graph graph;

    @BeforeAll static void load() throws Exception {
        seed = Program.parse(Files.readString(SeedBackpropTest.MLP));
        graph = Graph.of(seed, true);
    }

    static String ops(Graph.Node n) {
        return graph.into(n).stream().map(e -> label(e.from())).collect(Collectors.joining(", "));
    }

    static String label(Graph.Node n) { return n.binding() != null ? n.binding() : n.op(); }

    @Test void nodesAreTheOperationsAndBindingsNameThem() {
        assertEquals("relu", graph.node("l1").op());
        assertEquals("relu", graph.node("l21").op());
        assertEquals("sigmoid", graph.node("l22").op());
        assertEquals("max", graph.node("z").op());
        assertEquals("softmax", graph.node("yhat").op());
        assertEquals("matmul × -1", graph.node("L").op());
        assertEquals(Graph.Kind.INPUT, graph.node("W1").kind());
        // l1 = relu(W1 x): relu of a matmul of W1 and x
        Graph.Node mm = graph.into(graph.node("l1")).get(0).from();
        assertEquals("matmul", mm.op());
        assertEquals("W1, x", ops(mm));
        assertEquals("l21, l22", ops(graph.node("z")));
        assertEquals("z", ops(graph.node("yhat")));
        assertEquals("transpose, log", ops(graph.node("L")));
        // l1 feeds both second-layer products
        assertEquals(2, graph.users(graph.node("l1")).size());
        assertEquals(16, graph.nodes().size());
        assertEquals(16, graph.edges().size());
    }

    @Test void edgesCarryTheLocalPullbacks() {
        Map<String, String> locals = graph.edges().stream().collect(Collectors.toMap(
                e -> label(e.from()) + "->" + label(e.to()), e -> TextRenderer.render(e.local()), (a, b) -> a + " | " + b));
        assertEquals("gbar x^T", locals.get("W1->matmul"));
        assertEquals("gbar .* step(W1 x)", locals.get("matmul->l1"));
        assertEquals("gbar .* l22 .* (ones - l22)", locals.get("matmul->l22"));
        assertEquals("gbar .* step(l21 - l22)", locals.get("l21->z"));
        assertEquals("gbar .* step(l22 - l21)", locals.get("l22->z"));
        assertEquals("(diag(yhat) - yhat yhat^T) gbar", locals.get("z->yhat"));
        assertEquals("gbar ./ yhat", locals.get("yhat->log"));
        assertEquals("-gbar y", locals.get("log->L"));
    }

    @Test void dotOutput() {
        String dot = DotWriter.write(graph);
        assertTrue(dot.startsWith("digraph matcalc {"), dot);
        assertTrue(dot.contains("[label=\"relu\\nl₁ = relu(W₁ x)\", shape=ellipse, style=bold]"), dot);
        assertTrue(dot.contains("[label=\"matmul\\nL = −yᵀ log(y\u0302)\""), dot);
        assertTrue(dot.contains("[label=\"W₂₁\", shape=box"), dot);
        assertTrue(dot.contains("[label=\"ḡ ⊙ 𝟏[W₂₁ l₁ > 0]\"]"), dot);
        String plain = DotWriter.write(Graph.of(seed, false));
        assertFalse(plain.contains("ḡ"), plain);
        assertEquals(16, plain.lines().filter(l -> l.contains(" -> ")).count());
    }

    @Test void tikzOutput() {
        String tikz = TikzWriter.write(graph);
        assertTrue(tikz.startsWith("\\begin{tikzpicture}"), tikz);
        // nodes: the operation and what it computes in the program's names
        assertTrue(tikz.contains("\\textsf{\\scriptsize relu}\\\\$l_{1} = \\operatorname{relu}(W_{1} x)$"), tikz);
        assertTrue(tikz.contains("\\textsf{\\scriptsize matmul}\\\\$L = -y^\\top \\log(\\hat{y})$"), tikz);
        assertFalse(tikz.contains("-1"), "the folded -1 is in the formula, not in the operation's name: " + tikz);
        // edge labels are boxes of their own, between operand and operation
        assertTrue(tikz.contains("{\\mcfit{") && tikz.contains("{$\\bar{g} \\odot \\mathbf{1}[W_{21} l_{1} > 0]$}}"), tikz);
        assertTrue(tikz.endsWith("\\end{tikzpicture}"), tikz);
    }

    /** The laid-out boxes of nodes and edge labels: none overlaps another, with dot and with our own layers. */
    @Test void noTwoBoxesOverlap() {
        for (Graph g : List.of(graph, Graph.of(seed, false), Graph.of(Program.parse("y, mu, b: scalar\nL = -log(1/(2 b) exp(-abs(y - mu)/b))"), true))) {
            TikzWriter.Picture p = TikzWriter.picture(g);
            assertEquals(p.items().size(), p.layout().boxes().size());
            GraphLayout.Box[] clash = p.layout().overlap();
            assertNull(clash, () -> p.layout().engine() + ": " + java.util.Arrays.toString(clash));
            Map<String, double[]> sizes = new java.util.LinkedHashMap<>();
            for (TikzWriter.Item i : p.items()) sizes.put(i.id(), new double[] {i.width(), i.height()});
            GraphLayout.Result own = GraphLayout.layers(new GraphLayout.Request(sizes, p.links()));
            GraphLayout.Box[] ownClash = own.overlap();
            assertNull(ownClash, () -> "layers: " + java.util.Arrays.toString(ownClash));
        }
        if (Latex.onPath("dot")) assertEquals("dot", TikzWriter.picture(graph).layout().engine(), "Graphviz places the seed graph");
    }

    /** The overlap test itself: two boxes that touch only at an edge do not overlap, two that share area do. */
    @Test void overlapIsAreaShared() {
        GraphLayout.Box a = new GraphLayout.Box("a", 0, 0, 2, 1);
        assertFalse(a.overlaps(new GraphLayout.Box("b", 2, 0, 2, 1)));
        assertTrue(a.overlaps(new GraphLayout.Box("c", 1.9, 0.5, 2, 1)));
        assertFalse(a.overlaps(new GraphLayout.Box("d", 0, -1.01, 2, 1)));
    }

    @Test void tikzCompilesWithPdflatex(@TempDir Path dir) throws Exception {
        LatexTests.assumeInstalled();
        Path tex = dir.resolve("graph.tex");
        Files.writeString(tex, TikzWriter.standalone(graph));
        Latex.Result r = Latex.compile(tex);
        assertTrue(r.ok(), r.log());
        assertTrue(Files.size(dir.resolve("graph.pdf")) > 1000);
    }

    @Test void graphCommand(@TempDir Path dir) throws Exception {
        String[] r = SeedBackpropTest.cli("graph", SeedBackpropTest.MLP.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("n11 [label=\"max\\nz = max(l₂₁, l₂₂)\""), r[1]);
        r = SeedBackpropTest.cli("graph", SeedBackpropTest.MLP.toString(), "--format", "tikz", "--backprop");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\\begin{tikzpicture}"), r[1]);
        r = SeedBackpropTest.cli("graph", SeedBackpropTest.MLP.toString(), "--format", "png");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--format png needs -o FILE"), r[2]);
        if (Latex.onPath("dot")) {
            Path svg = dir.resolve("g.svg");
            r = SeedBackpropTest.cli("graph", SeedBackpropTest.MLP.toString(), "--format", "svg", "-o", svg.toString());
            assertEquals("0", r[0], r[2]);
            assertTrue(Files.readString(svg).contains("<svg"));
        }
    }

    @Test void smallProgramWithARepeatedOperand() {
        Graph g = Graph.of(Program.parse("x = [1; 2]\nq = x^T x"), true);
        List<Graph.Edge> in = g.into(g.node("q"));
        assertEquals(2, in.size());
        // each operand gets its own pullback: to u = x^T of u x it is gbar x^T, to x it is u^T gbar
        assertEquals("gbar x^T", TextRenderer.render(in.get(0).local()));
        assertEquals("gbar x", TextRenderer.render(in.get(1).local()));
    }
}
