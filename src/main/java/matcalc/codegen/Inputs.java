package matcalc.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import matcalc.MatcalcError;
import matcalc.expr.Dim;
import matcalc.expr.Shape;

/**
 * The top of a function: each parameter converted (a matrix to a 2-D array, a vector to an (n, 1)
 * column, a scalar to 0-d), each symbolic size bound at its first use ({@code n, m = A.shape}),
 * and an assertion for every shape the bindings do not already fix ({@code assert X.shape == (m, k)}).
 * Sizes nobody reads are bound to _ so that no name is left unused.
 */
final class Inputs {
    private final Spelling sp;
    private final Sizes sizes;

    Inputs(Spelling sp, Sizes sizes) {
        this.sp = sp;
        this.sizes = sizes;
    }

    private static Spelling.InputKind kind(Shape s) {
        if (s.isScalar()) return Spelling.InputKind.SCALAR;
        return s.cols().isOne() ? Spelling.InputKind.COLUMN : Spelling.InputKind.MATRIX;
    }

    private static String single(Dim d) { return d.coeff() == 1 && d.symbols().size() == 1 ? d.symbols().get(0) : null; }

    List<String> lines(List<FunctionWriter.Param> all) {
        List<FunctionWriter.Param> params = all.stream().filter(FunctionWriter.Param::array).toList();
        List<String> out = new ArrayList<>(sp.prologue(params.stream().map(FunctionWriter.Param::name).toList()));
        for (FunctionWriter.Param p : params) out.add(sp.convert(p.name(), kind(p.var().shape())));

        // Where each size is first read, and which parameters need an assertion.
        Set<String> bound = new HashSet<>();
        for (FunctionWriter.Param p : all) if (p.size() != null) bound.add(p.size());
        Map<FunctionWriter.Param, Map<Integer, String>> binds = new LinkedHashMap<>();
        List<FunctionWriter.Param> asserted = new ArrayList<>();
        for (FunctionWriter.Param p : params) {
            Shape s = p.var().shape();
            Spelling.InputKind k = kind(s);
            if (k == Spelling.InputKind.SCALAR) continue;
            Map<Integer, String> here = new HashMap<>();
            Dim[] dims = k == Spelling.InputKind.COLUMN ? new Dim[] {s.rows()} : new Dim[] {s.rows(), s.cols()};
            boolean covered = k == Spelling.InputKind.MATRIX;
            for (int i = 0; i < dims.length; i++) {
                String sym = single(dims[i]);
                if (sym != null && bound.add(sym)) here.put(i, sym);
                else covered = false;
            }
            binds.put(p, here);
            if (!covered) asserted.add(p);
        }
        Set<String> needed = new HashSet<>(sizes.used());
        for (FunctionWriter.Param p : asserted) {
            needed.addAll(p.var().shape().rows().symbols());
            needed.addAll(p.var().shape().cols().symbols());
        }
        for (String s : needed) {
            if (!bound.contains(s)) {
                throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "codegen: the size " + s
                        + " is not the number of rows or columns of any input, so the code cannot read it");
            }
        }

        for (Map.Entry<FunctionWriter.Param, Map<Integer, String>> b : binds.entrySet()) {
            String name = b.getKey().name();
            Map<Integer, String> here = b.getValue();
            boolean matrix = kind(b.getKey().var().shape()) == Spelling.InputKind.MATRIX;
            if (matrix && here.size() == 2) {
                String r = needed.contains(here.get(0)) ? sizes.name(here.get(0)) : "_";
                String c = needed.contains(here.get(1)) ? sizes.name(here.get(1)) : "_";
                if (r.equals("_") && c.equals("_")) out.add("assert " + name + ".ndim == 2, \"" + name + " must be a matrix\"");
                else out.add(r + ", " + c + " = " + name + ".shape");
                continue;
            }
            for (Map.Entry<Integer, String> h : here.entrySet()) {
                if (needed.contains(h.getValue())) out.add(sizes.name(h.getValue()) + " = " + name + ".shape[" + h.getKey() + "]");
            }
        }
        for (FunctionWriter.Param p : asserted) {
            Shape s = p.var().shape();
            String expected = "(" + text(sizes.of(s.rows())) + ", " + text(sizes.of(s.cols())) + ")";
            out.add("assert " + p.name() + ".shape == " + expected + ", f\"" + p.name() + ": expected shape {" + expected
                    + "}, got {tuple(" + p.name() + ".shape)}\"");
        }
        return out;
    }

    /** Sizes are products of names and numbers: no references to print. */
    private static String text(Py p) {
        StringBuilder sb = new StringBuilder();
        for (Object part : ((Py.Form) p).parts()) sb.append(part instanceof Py.Sub s ? text(s.py()) : part);
        return sb.toString();
    }
}
