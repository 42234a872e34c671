package matcalc.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.calculus.Layout;
import matcalc.calculus.VecOrder;
import matcalc.engine.DiffRequest;
import matcalc.engine.DiffResult;
import matcalc.engine.Engine;
import matcalc.expr.*;
import org.junit.jupiter.api.Test;

class SharedFormTest {
    static final Dim N = Dim.sym("n"), M = Dim.sym("m");
    static final Var W = new Var("W", new Shape(N, M)), x = new Var("x", Shape.column(M)), A = new Var("A", Shape.square(N)),
            B = new Var("B", Shape.square(N)), y = new Var("y", Shape.column(N));

    /** softmax(W x), a new object each time: equal parts need not be the same node. */
    static Expr softmax() { return new Softmax(Mul.of(W, x)); }

    /** (diag(s) - s s^T) W with s = softmax(W x) written out three times. */
    static Expr softmaxJacobian() {
        Expr outer = Mul.of(softmax(), new Transpose(softmax()));
        return Mul.of(new Add(List.of(new Diag(softmax()), Mul.of(Num.MINUS_ONE, outer))), W);
    }

    @Test void aRepeatedPartIsComputedOnce() {
        Expr e = softmaxJacobian();
        SharedForm sf = SharedForm.of(e);
        assertEquals(1, sf.definitions().size(), sf.toString());
        SharedForm.Definition s = sf.definitions().get(0);
        assertEquals("s", s.name().name());
        assertEquals(softmax(), s.value());
        // nowhere else: the body uses the name three times and contains no softmax
        assertEquals(0, count(sf.body(), softmax()));
        assertEquals(3, count(sf.body(), s.name()));
        assertEquals(e, sf.expand());
    }

    @Test void aPartUsedOnceIsNotNamed() {
        // W x occurs once (inside softmax), A + B once: neither is named
        SharedForm sf = SharedForm.of(softmaxJacobian());
        assertTrue(sf.definitions().stream().noneMatch(d -> d.value().equals(Mul.of(W, x))), sf.toString());
        Expr once = new Trace(Mul.of(new Add(List.of(A, B)), new Inverse(new Add(List.of(A, new Transpose(B))))));
        SharedForm none = SharedForm.of(once);
        assertTrue(none.isEmpty(), none.toString());
        assertTrue(none.body() == once);
        // twice, A + B is named (an inverse of it once is not)
        Expr twice = Mul.of(new Add(List.of(A, B)), new Inverse(new Add(List.of(A, B))));
        SharedForm sf2 = SharedForm.of(twice);
        assertEquals(List.of("u"), names(sf2));
        assertEquals(new Add(List.of(A, B)), sf2.definitions().get(0).value());
    }

    @Test void smallPartsAndProductsOfAtomsAreNotNamed() {
        // W x twice and tanh(x) twice read better than names
        Expr e = new Hadamard(List.of(new Apply(Fn.TANH, Mul.of(W, x)), new Apply(Fn.EXP, Mul.of(W, x)), new Apply(Fn.TANH, y),
                new Apply(Fn.TANH, y)));
        assertTrue(SharedForm.of(e).isEmpty(), SharedForm.of(e).toString());
    }

    @Test void aNameInsideADefinitionCounts() {
        // tanh(W1 x) is used by h2 and again outside it: both are named, the inner one first
        Var w1 = new Var("W1", Shape.square(N)), w2 = new Var("W2", Shape.square(N));
        Expr h1 = new Apply(Fn.TANH, Mul.of(w1, y)), h2 = new Apply(Fn.TANH, Mul.of(w2, h1));
        Expr e = new Hadamard(List.of(new Add(List.of(new Ones(y.shape()), Mul.of(Num.MINUS_ONE, new ElemPow(h2, Num.of(2))))), h1,
                new Apply(Fn.EXP, h2)));
        SharedForm sf = SharedForm.of(e);
        assertEquals(2, sf.definitions().size(), sf.toString());
        assertEquals(h1, sf.definitions().get(0).value());
        Var first = sf.definitions().get(0).name();
        assertEquals(Mul.of(w2, first), ((Apply) sf.definitions().get(1).value()).arg());
        assertEquals(e, sf.expand());
    }

    @Test void namesAvoidTheVariables() {
        Var s = new Var("s", Shape.column(N));
        Expr e = Mul.of(new Transpose(new Softmax(Mul.of(A, s))), new Softmax(Mul.of(A, s)));
        SharedForm sf = SharedForm.of(e, new SharedForm.Options(Set.of("p"), null));
        assertEquals(List.of("q"), names(sf)); // s is a variable, p reserved
    }

    @Test void deepNetworkIsTheReverseModeRecurrence() {
        DiffResult r = diff(deep(6), "W1");
        SharedForm sf = SharedForm.of(r.result(), new SharedForm.Options(Set.of(), r.function()));
        assertEquals(List.of("h1", "h2", "h3", "h4", "h5", "g5", "g4", "g3", "g2", "g1"), names(sf));
        Map<String, SharedForm.Definition> byName = new java.util.HashMap<>();
        for (SharedForm.Definition d : sf.definitions()) byName.put(d.name().name(), d);
        assertEquals(SharedForm.Role.FORWARD, byName.get("h3").role());
        assertEquals(SharedForm.Role.CHAIN, byName.get("g3").role());
        assertEquals("tanh(W3 h2)", matcalc.render.TextRenderer.render(byName.get("h3").value()));
        assertEquals("W3^T (g3 .* (ones - h3.^2))", matcalc.render.TextRenderer.render(byName.get("g2").value()));
        assertEquals("W6^T (ones - tanh(W6 h5).^2)", matcalc.render.TextRenderer.render(byName.get("g5").value()));
        assertEquals("(g1 .* (ones - h1.^2)) x^T", matcalc.render.TextRenderer.render(sf.body()));
        assertEquals(r.result(), sf.expand());
        // with h1 taken by a variable, the layers get another letter
        SharedForm taken = SharedForm.of(r.result(), new SharedForm.Options(Set.of("h3"), r.function()));
        assertTrue(names(taken).containsAll(List.of("a1", "a5")), names(taken).toString());
    }

    /** Substituted back, the definitions give the input, for derivatives of many kinds; each uses only earlier names. */
    @Test void expandingGivesTheInput() {
        String[][] cases = {
            {"softmax(W x)", "x", ""},
            {"-y^T log(softmax(W x))", "W", ""},
            {"sum(u.^2 .* (softmax(u) + exp(2 u)).^(-1))", "u", "u: p"},
            {"exp(sum(grad(sum(tanh(v) ./ (sigmoid(-v) + 0.5)), v)))", "v", "v: p"},
            {"a / (sigmoid(a) + a^2)", "a", "a: scalar"},
            {"tr(X^T A X)", "X", ""},
            {"det(X)", "X", ""},
            {"sum(relu(W3 relu(W2 relu(W1 x))))", "W1", ""},
            {deep(9), "W1", ""},
            {deep(9), "x", ""},
            {deep(9), "W5", ""},
        };
        for (String[] c : cases) {
            DiffResult r = new Engine().diff(new DiffRequest(c[0], c[1], c[2], Layout.NUMERATOR, VecOrder.COLUMNS, 1, false, 1));
            SharedForm sf = SharedForm.of(r.result(), new SharedForm.Options(Set.of(), r.function()));
            assertEquals(r.result(), sf.expand(), c[0]);
            Set<String> defined = new HashSet<>(matcalc.numeric.Vars.free(r.result()).keySet());
            for (SharedForm.Definition d : sf.definitions()) {
                assertFalse(defined.contains(d.name().name()), "name used twice: " + d.name().name());
                for (String v : matcalc.numeric.Vars.free(d.value()).keySet()) assertTrue(defined.contains(v), v + " before its definition in " + sf);
                assertEquals(d.name().shape(), d.value().shape());
                defined.add(d.name().name());
            }
        }
        // and a form whose expansion differed would be seen: the test compares the whole expression
        SharedForm sf = SharedForm.of(softmaxJacobian());
        assertNotEquals(softmaxJacobian(), sf.body());
    }

    /** Output linear in the depth where the tree written out is quadratic; the pass linear in time. */
    @Test void deepNetworksGiveOutputLinearInTheirDepth() {
        long[] size = new long[3], tree = new long[3];
        int[] depths = {16, 32, 64};
        for (int i = 0; i < depths.length; i++) {
            DiffResult r = diff(deep(depths[i]), "W1");
            SharedForm sf = SharedForm.of(r.result(), new SharedForm.Options(Set.of(), r.function()));
            size[i] = sf.size();
            tree[i] = sf.treeSize();
        }
        assertTrue(size[2] < 2.2 * size[1] && size[1] < 2.2 * size[0], java.util.Arrays.toString(size));
        assertTrue(tree[2] > 3.2 * tree[1], "the written-out tree is quadratic: " + java.util.Arrays.toString(tree));
    }

    /** What the display shows at 100 layers is exactly the derivative the engine checked. */
    @Test void aHundredLayersExpandToTheResult() {
        DiffResult r = diff(deep(100), "W1");
        SharedForm sf = SharedForm.of(r.result(), new SharedForm.Options(Set.of(), r.function()));
        assertEquals(99 + 99, sf.definitions().size()); // h1..h99 and g1..g99
        assertTrue(new Interner().same(r.result(), sf.expand()));
        assertTrue(sf.size() < 2000 && sf.treeSize() > 15_000, sf.size() + " nodes shared, " + sf.treeSize() + " written out");
    }

    @Test void linearTimeOnAnExponentialTree() {
        // e_k = e_{k-1} .* e_{k-1} + y: 2^60 nodes written out, 180 as a DAG; interning and the pass must not walk the tree
        Expr e = y;
        for (int k = 0; k < 60; k++) e = new Add(List.of(new Hadamard(List.of(e, e)), y));
        long t0 = System.nanoTime();
        SharedForm sf = SharedForm.of(e);
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "took " + (System.nanoTime() - t0) / 1e9 + " s");
        assertTrue(sf.size() < 1000, "size " + sf.size());
        assertEquals(60 - 1, sf.definitions().size());
        assertTrue(new Interner().same(e, sf.expand()));
    }

    @Test void internerClassesAreStructuralEquality() {
        Interner in = new Interner();
        assertEquals(in.id(softmax()), in.id(softmax()));
        assertNotEquals(in.id(new Apply(Fn.TANH, y)), in.id(new Apply(Fn.EXP, y)));
        assertNotEquals(in.id(new Entry(A, 1, 2)), in.id(new Entry(A, 2, 1)));
        assertNotEquals(in.id(new Var("y", Shape.column(N))), in.id(new Var("y", Shape.column(M))));
        assertEquals(in.id(Mul.of(A, B)), in.id(Mul.of(new Var("A", Shape.square(N)), new Var("B", Shape.square(N)))));
        assertNotEquals(in.id(Mul.of(A, B)), in.id(Mul.of(B, A)));
        int before = in.size();
        in.id(softmaxJacobian());
        assertTrue(in.size() > before);
        for (int i = 0; i < in.size(); i++) for (int c : in.children(i)) assertTrue(c < i, "children before parents");
    }

    static String deep(int layers) {
        String e = "x";
        for (int i = 1; i <= layers; i++) e = "tanh(W" + i + " " + e + ")";
        return "sum(" + e + ")";
    }

    static DiffResult diff(String e, String wrt) {
        return new Engine().diff(new DiffRequest(e, wrt, "", Layout.NUMERATOR, VecOrder.COLUMNS, 1, false, 1));
    }

    private static List<String> names(SharedForm sf) {
        List<String> out = new ArrayList<>();
        for (SharedForm.Definition d : sf.definitions()) out.add(d.name().name());
        return out;
    }

    /** Occurrences of part in e written out as a tree. */
    private static int count(Expr e, Expr part) {
        Map<Expr, Integer> memo = new IdentityHashMap<>();
        return count(e, part, memo);
    }

    private static int count(Expr e, Expr part, Map<Expr, Integer> memo) {
        Integer m = memo.get(e);
        if (m != null) return m;
        int n = e.equals(part) ? 1 : 0;
        for (Expr c : e.children()) n += count(c, part, memo);
        memo.put(e, n);
        return n;
    }
}
