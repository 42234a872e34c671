package matcalc.ops;

import java.util.List;
import matcalc.expr.*;
import org.hipparchus.linear.RealMatrix;

/**
 * A size used as a scalar: n in sum(x) / n for a declared x: n, and what tr(I(n)) and sum(ones(n))
 * are. Not in {@link Operators#ALL}: a declared size name makes it (one instance per size).
 */
public final class Size implements Operator {
    public static Size of(Dim d) { return new Size(d); }

    // Equal sizes are the same operator (Calls compare by it); no static cache for a server to grow.
    @Override public boolean equals(Object o) { return o instanceof Size s && s.dim.equals(dim); }
    @Override public int hashCode() { return dim.hashCode(); }

    /** The size d as a scalar expression: a number when it is fixed. */
    public static Expr scalar(Dim d) { return d.isFixed() ? Num.of(d.coeff()) : new Call(of(d)); }

    private final Dim dim;

    private Size(Dim dim) { this.dim = dim; }

    public Dim dim() { return dim; }

    @Override public java.util.Set<String> sizes() { return java.util.Set.copyOf(dim.symbols()); }

    public List<String> names() { return List.of(dim.toString()); }
    public String summary() { return "a declared size used as a scalar (sum(x) / n)"; }
    public Signature signature() { return Signature.of("-> 1"); }
    public String rule() { return "d n = 0 (a size is a constant)"; }
    public Expr differential(Call self, Differentials ctx) { return new Zero(Shape.SCALAR); }

    public RealMatrix evaluate(List<RealMatrix> args, Numeric ctx) { return matcalc.numeric.Matrices.scalar(ctx.size(dim)); }

    /** tr(I(n)) = n, for exact proofs. */
    public Expr definition(List<Expr> args) { return new Trace(new Identity(dim)); }

    /** A product of sizes, m n, is written in parentheses where it is a factor. */
    public String latex(List<String> args) { return dim.symbols().size() + (dim.coeff() == 1 ? 0 : 1) > 1 ? "(" + dim + ")" : dim.toString(); }
    public String numpy(List<String> args) { return "(" + String.join(" * ", code()) + ")"; }
    public String torch(List<String> args) { return numpy(args); }

    private List<String> code() {
        List<String> parts = new java.util.ArrayList<>();
        if (dim.coeff() != 1) parts.add(Long.toString(dim.coeff()));
        parts.addAll(dim.symbols());
        return parts;
    }
}
