package matcalc.shapes;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import matcalc.MatcalcError;
import matcalc.Span;
import matcalc.expr.Dim;
import matcalc.expr.Rational;
import matcalc.syntax.Ast;
import matcalc.syntax.AstVisitor;

/**
 * First typing pass: gives every syntax node a shape, unifying unknown sizes. A mismatch is an
 * error that points at both operands. The second pass ({@link Elaborator}) builds the typed IR.
 */
final class ShapeInference implements AstVisitor<TShape> {

    /** Names of the language's functions; the element-wise ones come from {@link Fn} itself. */
    static final Set<String> FUNCTIONS = functions("tr", "trace", "det", "logdet", "inv", "diag", "sum", "norm1", "norm2",
            "norm", "vec", "kron", "softmax", "max", "min", "grad", "jacobian", "hessian", "diff", "vector", "matrix", "heaviside", "onehot");

    private static Set<String> functions(String... structural) {
        Set<String> all = new java.util.HashSet<>(Set.of(structural));
        all.addAll(matcalc.expr.Fn.names());
        all.addAll(matcalc.ops.Operators.names());
        return Set.copyOf(all);
    }

    private final Names names;
    final Map<Ast, TShape> shapes = new IdentityHashMap<>();
    /** Calls that are really products, "A (B + C)", with the product they stand for. */
    final Map<Ast.Call, Ast.Binary> products = new IdentityHashMap<>();

    ShapeInference(Names names) { this.names = names; }

    TShape infer(Ast a) {
        TShape s = a.accept(this);
        shapes.put(a, s);
        return s;
    }

    // ----- leaves -----

    public TShape visitNumber(Ast.Number n) { return TShape.scalar(); }

    public TShape visitMatrix(Ast.Matrix m) {
        return new TShape(TDim.of(Dim.of(m.rows().size())), TDim.of(Dim.of(m.rows().get(0).size())));
    }

    public TShape visitName(Ast.Name n) {
        if (!names.isVariable(n.name())) misread(n);
        return names.shapeOf(n.name(), n.span());
    }

    /**
     * Names that are almost surely not what the user meant, refused with the spelling that is: a
     * function name without parentheses ("log det(X)" read as a vector named log times det(X)), and
     * a short name glued from a matrix and a vector ("xᵀAx" read as x^T times a matrix named Ax).
     */
    private static void misread(Ast.Name n) {
        String name = n.name();
        if (FUNCTIONS.contains(name)) {
            String example = switch (name) {
                case "log" -> " (log det(X) is log(det(X)))";
                case "tr", "trace" -> " (tr X is tr(X))";
                case "exp" -> " (exp x is exp(x))";
                default -> "";
            };
            throw new MatcalcError(MatcalcError.Kind.NAME, "'" + name + "' is a function: write " + name + "(...) with its argument in parentheses"
                    + example, n.span());
        }
        if (name.length() <= 3 && name.chars().allMatch(c -> c < 128 && Character.isLetter(c))
                && name.chars().anyMatch(Character::isUpperCase) && name.chars().anyMatch(Character::isLowerCase)
                && !Conventions.isGreek(name.toLowerCase())) {
            String spaced = String.join(" ", name.split(""));
            throw new MatcalcError(MatcalcError.Kind.NAME, "'" + name + "' reads as one name; write '" + spaced
                    + "' for a product, or declare it (--where '" + name + ": ...') to keep one name", n.span());
        }
    }

    // ----- operators -----

    public TShape visitBinary(Ast.Binary b) {
        if (b.op() == Ast.BinOp.DIV) leibniz(b); // before the operands: d(f)/dx would be "unknown function 'd'"
        TShape l = infer(b.left()), r = infer(b.right());
        switch (b.op()) {
            case ADD: case SUB:
                if (l.isScalar()) return r;
                if (r.isScalar()) return l;
                sameShape(l, r, b, "add");
                return l;
            case MUL:
                return product(l, r, b);
            case DIV:
                if (!r.isScalar()) {
                    throw new MatcalcError(MatcalcError.Kind.SHAPE, "can only divide by a scalar, not by a " + r.describe()
                            + " (use inv(...) or ./ for element-wise division)", b.right().span());
                }
                return l;
            default: // HADAMARD, ELEM_DIV
                if (l.isScalar()) return r;
                if (r.isScalar()) return l;
                sameShape(l, r, b, b.op() == Ast.BinOp.HADAMARD ? "multiply element-wise" : "divide element-wise");
                return l;
        }
    }

    /** d/dx (...) and d(...)/dx were read as products of scalars d and dx: refused with matcalc's spelling. */
    private void leibniz(Ast.Binary b) {
        String top = leadingName(b.left()), bottom = leadingName(b.right());
        if (top != null && top.equals("d") && bottom != null && bottom.matches("d[\\p{L}][\\p{L}\\p{N}_]*")
                && !names.isVariable("d") && !names.isVariable(bottom)) {
            String var = bottom.substring(1);
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "Leibniz notation d/d" + var + " is not read: write diff(f, " + var
                    + ") (or grad, jacobian) inside an expression, or the expression alone with --wrt " + var, b.span());
        }
    }

    /** The name an operand starts with: d in "d", "d (x^T x)", "d(x)". */
    private static String leadingName(Ast a) {
        while (a instanceof Ast.Binary p && p.op() == Ast.BinOp.MUL) a = p.left();
        if (a instanceof Ast.Name n) return n.name();
        if (a instanceof Ast.Call c) return c.name();
        return null;
    }

    /** Matrix product; scalars (1 x 1) multiply anything. */
    private TShape product(TShape l, TShape r, Ast.Binary b) {
        if (l.isScalar()) return r;
        if (r.isScalar()) return l;
        if (!TDim.unify(l.cols(), r.rows())) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "cannot multiply " + l.describe() + " by " + r.describe()
                    + ": inner sizes " + l.cols().describe() + " and " + r.rows().describe() + " differ",
                    b.left().span(), b.right().span());
        }
        return new TShape(l.rows(), r.cols());
    }

    private void sameShape(TShape l, TShape r, Ast.Binary b, String verb) {
        if (!TDim.unify(l.rows(), r.rows()) || !TDim.unify(l.cols(), r.cols())) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "cannot " + verb + " a " + l.describe() + " and a " + r.describe(),
                    b.left().span(), b.right().span());
        }
    }

    public TShape visitNegate(Ast.Negate n) { return infer(n.arg()); }

    public TShape visitPrime(Ast.Prime p) { return infer(p.arg()).transpose(); }

    static final int MAX_MATRIX_POWER = 64;

    public TShape visitPower(Ast.Power p) {
        TShape base = infer(p.base());
        Exponent e = Exponent.classify(p.exponent());
        if (e == Exponent.TRANSPOSE) return base.transpose();
        if (e == Exponent.INVERSE_TRANSPOSE) {
            square(base, p.base(), "an inverse");
            return base.transpose();
        }
        if (base.isScalar()) {
            scalar(infer(p.exponent()), p.exponent(), "an exponent");
            return base;
        }
        Rational k = e == Exponent.NUMBER ? ((Ast.Number) p.exponent()).value() : null;
        if (k == null || !k.isInteger()) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "a " + base.describe() + " can only be raised to an integer power"
                    + " (use .^ for element-wise powers)", p.exponent().span());
        }
        if (k.isOne()) return base;
        // X^k expands to k terms when differentiated: bounded so the work stays bounded by the input.
        if (k.num().abs().compareTo(java.math.BigInteger.valueOf(MAX_MATRIX_POWER)) > 0) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "matrix powers are limited to exponents between -"
                    + MAX_MATRIX_POWER + " and " + MAX_MATRIX_POWER, p.exponent().span());
        }
        if (base.isColumn() || base.isRowVector()) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "cannot raise a " + base.describe() + " to a power"
                    + " (use .^ for element-wise powers, or x^T x)", p.base().span());
        }
        square(base, p.base(), "a matrix power");
        return base;
    }

    public TShape visitElemPower(Ast.ElemPower p) {
        TShape base = infer(p.base());
        scalar(infer(p.exponent()), p.exponent(), "an element-wise exponent");
        return base;
    }

    public TShape visitIndex(Ast.Index ix) {
        TShape base = infer(ix.base());
        int row = index(ix.row());
        Integer col = ix.col() == null ? null : index(ix.col());
        if (col == null && !base.isColumn() && !base.isRowVector()) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "a " + base.describe() + " needs two indices, as in A[i, j]", ix.span());
        }
        checkIndex(row, col == null && base.isRowVector() ? base.cols() : base.rows(), ix.row());
        if (col != null) checkIndex(col, base.cols(), ix.col());
        return TShape.scalar();
    }

    static int index(Ast a) {
        if (a instanceof Ast.Number n && n.value().isInteger() && n.value().signum() > 0) {
            if (n.value().num().bitLength() > 30) throw new MatcalcError(MatcalcError.Kind.SHAPE, "index " + n.value() + " is out of range", a.span());
            return n.value().intValueExact();
        }
        throw new MatcalcError(MatcalcError.Kind.SYNTAX, "an index must be a positive integer (1-based)", a.span());
    }

    private static void checkIndex(int i, TDim d, Ast at) {
        Dim k = d.known();
        if (k != null && k.isFixed() && i > k.coeff()) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, "index " + i + " is out of range 1.." + k, at.span());
        }
    }

    // ----- calls -----

    /** Constants with their sizes written out, as the text renderer prints them where context does not fix them. */
    static final Set<String> SIZED = Set.of("I", "eye", "ones", "zeros", "K");

    /** Size names written in I(n), ones(m, n), K(m, n): fresh size names must avoid them. */
    final Map<String, Span> sizeNames = new java.util.LinkedHashMap<>();

    static boolean isSizedConstant(Ast.Call c, Names names) {
        return SIZED.contains(c.name()) && c.adjacent() && !names.isVariable(c.name());
    }

    private TShape sizedConstant(Ast.Call c) {
        String f = c.name();
        int want = f.equals("K") ? 2 : f.equals("I") || f.equals("eye") ? 1 : c.args().size() == 2 ? 2 : 1;
        if (c.args().size() != want) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, f.equals("K") ? "K(m, n) is the commutation matrix of an m x n matrix: two sizes"
                    : f + "(n) takes " + (f.startsWith("I") || f.equals("eye") ? "one size" : "one size (a column) or two (m, n)"), c.span());
        }
        java.util.List<Dim> d = new java.util.ArrayList<>();
        for (Ast a : c.args()) d.add(size(a));
        for (int i = 0; i < d.size(); i++) for (String n : d.get(i).symbols()) sizeNames.putIfAbsent(n, c.args().get(i).span());
        switch (f) {
            case "K": { TDim n = TDim.of(d.get(0).times(d.get(1))); return new TShape(n, n); }
            case "I": case "eye": { TDim n = TDim.of(d.get(0)); return new TShape(n, n); }
            default: return new TShape(TDim.of(d.get(0)), TDim.of(d.size() > 1 ? d.get(1) : Dim.ONE));
        }
    }

    /** A size argument: a whole number, a size name (n), or a product of them (m n, 2 n). */
    static Dim size(Ast a) {
        if (a instanceof Ast.Number n && n.value().isInteger() && n.value().signum() > 0
                && n.value().num().compareTo(java.math.BigInteger.valueOf(10_000)) <= 0) {
            return Dim.of(n.value().num().longValue());
        }
        if (a instanceof Ast.Name n) return Dim.sym(n.name());
        if (a instanceof Ast.Binary b && b.op() == Ast.BinOp.MUL) return size(b.left()).times(size(b.right()));
        throw new MatcalcError(MatcalcError.Kind.SYNTAX, "a size is a whole number from 1 to 10000, a size name such as n, or a product such as m n",
                a.span());
    }

    public TShape visitCall(Ast.Call c) {
        String f = c.name();
        if (names.isFunction(Juxtaposition.base(f))) {
            args(c, 1); // f(x), f'(x): element-wise
            return infer(c.args().get(0));
        }
        if (!Juxtaposition.base(f).equals(f)) {
            throw new MatcalcError(MatcalcError.Kind.NAME, "'" + Juxtaposition.base(f) + "' is not a function (declare 'f: function' for f'(x))",
                    c.nameSpan());
        }
        if (isSizedConstant(c, names)) return sizedConstant(c);
        if (!FUNCTIONS.contains(f) || names.isVariable(f)) {
            // Not a function: juxtaposition with a parenthesised factor, "A (B + C)".
            if (names.isVariable(f) || !c.adjacent()) {
                if (c.args().size() != 1) throw new MatcalcError(MatcalcError.Kind.NAME, "'" + f + "' is not a function", c.nameSpan());
                Ast.Binary asProduct = new Ast.Binary(Ast.BinOp.MUL, new Ast.Name(f, c.nameSpan()), c.args().get(0), c.nameSpan(), c.span());
                products.put(c, asProduct);
                return infer(asProduct);
            }
            throw new MatcalcError(MatcalcError.Kind.NAME, "unknown function '" + f + "'" + Suggest.function(f), c.nameSpan());
        }
        matcalc.expr.Operator op = matcalc.ops.Operators.byName(f);
        if (op != null) return operator(c, op);
        switch (f) {
            case "tr": case "trace": case "det": case "logdet": {
                TShape a = arg(c, 1);
                square(a, c.args().get(0), f);
                return TShape.scalar();
            }
            case "inv": {
                TShape a = arg(c, 1);
                if (!a.isScalar()) square(a, c.args().get(0), "an inverse");
                return a;
            }
            case "diag": {
                TShape a = arg(c, 1);
                if (a.isScalar()) return a;
                if (a.isColumn()) return new TShape(a.rows(), a.rows());
                if (a.isRowVector()) return new TShape(a.cols(), a.cols());
                square(a, c.args().get(0), "diag of a matrix");
                return TShape.column(a.rows());
            }
            case "sum": case "norm1": case "norm2": case "norm":
                arg(c, 1);
                return TShape.scalar();
            case "vec": {
                TShape a = arg(c, 1);
                return TShape.column(TDim.product(a.rows(), a.cols()));
            }
            case "kron": {
                args(c, 2);
                TShape a = infer(c.args().get(0)), b = infer(c.args().get(1));
                return new TShape(TDim.product(a.rows(), b.rows()), TDim.product(a.cols(), b.cols()));
            }
            case "softmax": {
                TShape a = arg(c, 1);
                if (!TDim.unify(a.cols(), TDim.of(Dim.ONE))) {
                    throw new MatcalcError(MatcalcError.Kind.SHAPE, "softmax needs a vector, not a " + a.describe(), c.args().get(0).span());
                }
                return a;
            }
            case "max": case "min": {
                args(c, 2);
                TShape a = infer(c.args().get(0)), b = infer(c.args().get(1));
                if (a.isScalar()) return b;
                if (b.isScalar()) return a;
                sameShape(a, b, new Ast.Binary(Ast.BinOp.ADD, c.args().get(0), c.args().get(1), c.nameSpan(), c.span()),
                        f.equals("max") ? "take the maximum of" : "take the minimum of");
                return a;
            }
            case "vector": {
                args(c, 1);
                requireOne(c);
                return TShape.column(TDim.unknown(false));
            }
            case "onehot": {
                args(c, 1);
                unitIndex(c);
                return TShape.column(TDim.unknown(false));
            }
            case "matrix": {
                args(c, 1);
                requireOne(c);
                return new TShape(TDim.unknown(false), TDim.unknown(false));
            }
            case "grad": case "jacobian": case "hessian": case "diff":
                return derivative(c);
            default: // element-wise functions keep the shape
                return arg(c, 1);
        }
    }

    /** A table operator: its signature's size names unify like the sizes of a product. */
    private TShape operator(Ast.Call c, matcalc.expr.Operator op) {
        matcalc.expr.Signature sig = op.signature();
        args(c, sig.arity());
        Map<String, TDim> vars = new java.util.HashMap<>();
        vars.put("1", TDim.of(Dim.ONE));
        for (int i = 0; i < sig.arity(); i++) {
            Ast at = c.args().get(i);
            TShape a = infer(at);
            matcalc.expr.Signature.Dims p = sig.params().get(i);
            if (!unify(vars, p.rows(), a.rows()) || !unify(vars, p.cols(), a.cols())) {
                String which = sig.arity() == 1 ? "" : (i == 0 ? "its first argument " : "its second argument ");
                throw new MatcalcError(MatcalcError.Kind.SHAPE, op.name() + " (" + sig + ") needs " + which + p.describe()
                        + ", not a " + a.describe(), at.span());
            }
        }
        return new TShape(vars.get(sig.result().rows()), vars.get(sig.result().cols()));
    }

    private static boolean unify(Map<String, TDim> vars, String name, TDim d) {
        TDim v = vars.putIfAbsent(name, d);
        return v == null || TDim.unify(v, d);
    }

    private TShape derivative(Ast.Call c) {
        args(c, 2);
        TShape fs = infer(c.args().get(0));
        if (!(c.args().get(1) instanceof Ast.Name x)) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, "the second argument of " + c.name() + " must be a variable name",
                    c.args().get(1).span());
        }
        TShape xs = infer(x);
        boolean columns = names.columnGradients(), transposed = names.transposedJacobians();
        switch (c.name()) {
            case "grad":
                needScalar(fs, c, "grad needs a scalar function (use jacobian for vectors)");
                return xs;
            case "hessian": {
                needScalar(fs, c, "hessian needs a scalar function");
                TDim n = TDim.product(xs.rows(), xs.cols());
                return new TShape(n, n);
            }
            case "jacobian": {
                if (!fs.isColumn() || !xs.isColumn()) {
                    throw new MatcalcError(MatcalcError.Kind.SHAPE, "jacobian needs a vector (or scalar) function of a vector (or scalar)"
                            + " variable; use diff for matrices", c.span());
                }
                return new TShape(fs.rows(), xs.rows());
            }
            default: { // diff, in the layout in force
                if (xs.isScalar()) return transposed && fs.isColumn() ? fs.transpose() : fs;
                if (fs.isScalar()) {
                    if (xs.isColumn()) return columns ? xs : xs.transpose();
                    return xs;
                }
                TDim p = TDim.product(fs.rows(), fs.cols()), n = TDim.product(xs.rows(), xs.cols());
                return transposed ? new TShape(n, p) : new TShape(p, n);
            }
        }
    }

    private static void needScalar(TShape s, Ast.Call c, String msg) {
        if (!s.isScalar()) throw new MatcalcError(MatcalcError.Kind.SHAPE, msg + "; got a " + s.describe(), c.args().get(0).span());
    }

    /** k of onehot(k), the unit vector e_k (its length is inferred like the all-ones vector's). */
    static int unitIndex(Ast.Call c) {
        if (c.args().get(0) instanceof Ast.Number n && n.value().isInteger() && n.value().signum() > 0
                && n.value().num().bitLength() < 31) {
            return n.value().num().intValueExact();
        }
        throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "onehot(k) needs a positive whole number k", c.args().get(0).span());
    }

    private static void requireOne(Ast.Call c) {
        if (!(c.args().get(0) instanceof Ast.Number n && n.value().isOne())) {
            throw new MatcalcError(MatcalcError.Kind.UNSUPPORTED, c.name() + "(...) only supports the all-ones constant " + c.name() + "(1)",
                    c.args().get(0).span());
        }
    }

    private TShape arg(Ast.Call c, int n) {
        args(c, n);
        return infer(c.args().get(0));
    }

    private static void args(Ast.Call c, int n) {
        if (c.args().size() != n) {
            throw new MatcalcError(MatcalcError.Kind.SYNTAX, c.name() + " takes " + n + " argument" + (n == 1 ? "" : "s")
                    + ", got " + c.args().size(), c.span());
        }
    }

    private static void square(TShape s, Ast at, String what) {
        if (s.isScalar()) return;
        if (!TDim.unify(s.rows(), s.cols())) {
            throw new MatcalcError(MatcalcError.Kind.SHAPE, what + " needs a square matrix, not a " + s.describe(), at.span());
        }
    }

    private static void scalar(TShape s, Ast at, String what) {
        if (!s.isScalar()) throw new MatcalcError(MatcalcError.Kind.SHAPE, what + " must be a scalar, not a " + s.describe(), at.span());
    }

    /** How a ^ exponent reads: transpose, inverse transpose, a number, or a scalar expression. */
    enum Exponent {
        TRANSPOSE, INVERSE_TRANSPOSE, NUMBER, EXPRESSION;

        static Exponent classify(Ast e) {
            if (e instanceof Ast.Name n && (n.name().equals("T") || n.name().equals("top"))) return TRANSPOSE;
            if (e instanceof Ast.Negate neg && neg.arg() instanceof Ast.Name n && n.name().equals("T")) return INVERSE_TRANSPOSE;
            if (e instanceof Ast.Number) return NUMBER;
            return EXPRESSION;
        }
    }

    /** Names and their shapes: declarations, program bindings, then convention. */
    interface Names {
        TShape shapeOf(String name, Span at);
        boolean isVariable(String name);
        /** Declared "f: function". */
        boolean isFunction(String name);
        boolean columnGradients();
        boolean transposedJacobians();
    }
}
