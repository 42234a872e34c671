package matcalc.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import matcalc.MatcalcError;
import matcalc.expr.Apply;
import matcalc.expr.Det;
import matcalc.expr.Diag;
import matcalc.expr.UnitVector;
import matcalc.expr.DiagOf;
import matcalc.expr.ElemPow;
import matcalc.expr.Entry;
import matcalc.expr.Expr;
import matcalc.expr.Fn;
import matcalc.expr.Hadamard;
import matcalc.expr.Identity;
import matcalc.expr.Inverse;
import matcalc.expr.Kron;
import matcalc.expr.LogDet;
import matcalc.expr.MatPow;
import matcalc.expr.MatrixLiteral;
import matcalc.expr.Max;
import matcalc.expr.Mul;
import matcalc.expr.Norm;
import matcalc.expr.Num;
import matcalc.expr.Ones;
import matcalc.expr.Ops;
import matcalc.expr.Pow;
import matcalc.expr.Rational;
import matcalc.expr.Shape;
import matcalc.expr.Softmax;
import matcalc.expr.Sum;
import matcalc.expr.Trace;
import matcalc.expr.Transpose;
import matcalc.expr.Var;
import matcalc.expr.Vec;
import matcalc.syntax.Ast;
import matcalc.syntax.AstVisitor;

/**
 * Second typing pass: with every size known, builds the typed IR. It expresses the input
 * faithfully (no simplification): subtraction is a sum with a -1 coefficient, division by a scalar
 * is a product with a power -1, scalars added to matrices are broadcast as s·1.
 */
final class Elaborator implements AstVisitor<Expr> {
    private final Function<Ast, Shape> shapes;
    private final Function<Ast.Name, Expr> names;
    private final Function<String, Boolean> isVariable;
    private final Function<String, Boolean> isFunction;
    private final Map<Ast.Call, Ast.Binary> products;

    Elaborator(Function<Ast, Shape> shapes, Function<Ast.Name, Expr> names, Function<String, Boolean> isVariable,
               Function<String, Boolean> isFunction, Map<Ast.Call, Ast.Binary> products) {
        this.isFunction = isFunction;
        this.products = products;
        this.shapes = shapes;
        this.names = names;
        this.isVariable = isVariable;
    }

    Expr build(Ast a) { return a.accept(this); }

    public Expr visitNumber(Ast.Number n) { return new Num(n.value()); }

    public Expr visitName(Ast.Name n) {
        String name = n.name();
        if (!isVariable.apply(name) && (name.equals("I") || name.equals("eye") || name.equals("ones"))) {
            Shape s = shapes.apply(n);
            if (name.equals("ones")) return new Ones(s);
            return s.isScalar() ? Num.ONE : new Identity(s.rows());
        }
        return names.apply(n);
    }

    public Expr visitMatrix(Ast.Matrix m) { return new MatrixLiteral(m.rows()); }

    public Expr visitBinary(Ast.Binary b) {
        if (b.op() == Ast.BinOp.ADD || b.op() == Ast.BinOp.SUB) return sum(b);
        Expr l = build(b.left()), r = build(b.right());
        switch (b.op()) {
            case MUL: return product(l, r);
            case DIV: return product(l, reciprocal(r, b.right().span()));
            case HADAMARD:
                if (l.isScalar() || r.isScalar()) return product(l, r);
                return hadamard(l, r);
            default: // ELEM_DIV
                if (r.isScalar()) return product(l, reciprocal(r, b.right().span()));
                if (l.isScalar()) return product(l, new ElemPow(r, Num.MINUS_ONE));
                return hadamard(l, new ElemPow(r, Num.MINUS_ONE));
        }
    }

    static Expr reciprocal(Expr r, matcalc.Span at) {
        if (r instanceof Num n) {
            if (n.value().isZero()) throw new MatcalcError(MatcalcError.Kind.NUMERIC, "division by zero", at);
            return new Num(Rational.ONE.div(n.value()));
        }
        return new Pow(r, Num.MINUS_ONE);
    }

    /**
     * A chain a ± b ± c ...: the same IR as folding {@link #add} from the left, built in one pass
     * (folding re-copies the growing sum at every step: quadratic for long inputs).
     */
    private Expr sum(Ast.Binary b) {
        List<Ast.Binary> chain = new ArrayList<>();
        Ast first = b;
        while (first instanceof Ast.Binary lb && (lb.op() == Ast.BinOp.ADD || lb.op() == Ast.BinOp.SUB)) {
            chain.add(lb);
            first = lb.left();
        }
        java.util.Collections.reverse(chain);
        List<Expr> terms = new ArrayList<>();
        terms.add(build(first));
        for (Ast.Binary step : chain) {
            Expr r = build(step.right());
            if (step.op() == Ast.BinOp.SUB) r = Ops.neg(r);
            if (terms.get(0).isScalar() != r.isScalar()) {
                Expr acc = terms.size() == 1 ? terms.get(0) : new matcalc.expr.Add(terms);
                terms = new ArrayList<>(((matcalc.expr.Add) add(acc, r)).terms());
                continue;
            }
            if (terms.size() == 1 && terms.get(0) instanceof matcalc.expr.Add a) terms = new ArrayList<>(a.terms());
            if (r instanceof matcalc.expr.Add a) terms.addAll(a.terms()); else terms.add(r);
        }
        return new matcalc.expr.Add(terms);
    }

    /** Sum with scalar broadcasting: s + A means s 1 + A. */
    static Expr add(Expr l, Expr r) {
        if (l.isScalar() && !r.isScalar()) l = product(l, new Ones(r.shape()));
        if (r.isScalar() && !l.isScalar()) r = product(r, new Ones(l.shape()));
        List<Expr> terms = new ArrayList<>();
        for (Expr e : List.of(l, r)) {
            if (e instanceof matcalc.expr.Add a) terms.addAll(a.terms()); else terms.add(e);
        }
        return new matcalc.expr.Add(terms);
    }

    /**
     * Product: non-scalar products are associative, so chains are flattened; a product that is a
     * scalar (x^T A x) stays one factor so that (x^T A x) B keeps a valid chain.
     */
    static Expr product(Expr l, Expr r) {
        if (l instanceof Num a && r instanceof Num b) return new Num(a.value().mul(b.value()));
        List<Expr> fs = new ArrayList<>();
        for (Expr e : List.of(l, r)) {
            if (e instanceof Mul m && !m.isScalar()) fs.addAll(m.factors()); else fs.add(e);
        }
        // A 1 x 1 chain prefix followed by a factor with more rows is a scalar coefficient.
        return Mul.of(fs);
    }

    static Expr hadamard(Expr l, Expr r) {
        List<Expr> fs = new ArrayList<>();
        for (Expr e : List.of(l, r)) {
            if (e instanceof Hadamard h) fs.addAll(h.factors()); else fs.add(e);
        }
        return new Hadamard(fs);
    }

    public Expr visitNegate(Ast.Negate n) { return Ops.neg(build(n.arg())); }

    public Expr visitPrime(Ast.Prime p) { return transpose(build(p.arg())); }

    /** (A^T)^T is A already here: a chain of 20,000 primes must not become 20,000 nested nodes. */
    static Expr transpose(Expr e) {
        if (e.isScalar()) return e;
        return e instanceof Transpose t ? t.arg() : new Transpose(e);
    }

    public Expr visitPower(Ast.Power p) {
        Expr base = build(p.base());
        switch (ShapeInference.Exponent.classify(p.exponent())) {
            case TRANSPOSE: return transpose(base);
            case INVERSE_TRANSPOSE: return base.isScalar() ? new Pow(base, Num.MINUS_ONE) : new Transpose(new Inverse(base));
            default: break;
        }
        Expr exponent = build(p.exponent());
        if (base.isScalar()) return new Pow(base, exponent);
        int k = ((Num) exponent).value().intValueExact();
        if (k == 1) return base;
        if (k == 0) return new Identity(base.shape().rows());
        if (k == -1) return new Inverse(base);
        if (k > 0) return new MatPow(base, k);
        return new Inverse(new MatPow(base, -k));
    }

    public Expr visitElemPower(Ast.ElemPower p) { return ElemPow.of(build(p.base()), build(p.exponent())); }

    public Expr visitIndex(Ast.Index ix) {
        Expr base = build(ix.base());
        if (base.isScalar()) return base;
        int row = ShapeInference.index(ix.row());
        if (ix.col() == null) {
            if (base.shape().isRow()) return new Entry(base, 1, row);
            return new Entry(base, row, 1);
        }
        return new Entry(base, row, ShapeInference.index(ix.col()));
    }

    public Expr visitCall(Ast.Call c) {
        String f = c.name();
        Ast.Binary asProduct = products.get(c);
        if (asProduct != null) return build(asProduct);
        List<Ast> args = c.args();
        String base = Juxtaposition.base(f);
        if (isFunction.apply(base)) return new matcalc.expr.Call(matcalc.ops.UserFunction.of(base, f.length() - base.length()), build(args.get(0)));
        if (ShapeInference.SIZED.contains(f) && c.adjacent() && !isVariable.apply(f)) {
            Shape s = shapes.apply(c);
            switch (f) {
                case "K": return new matcalc.expr.Commutation(ShapeInference.size(args.get(0)), ShapeInference.size(args.get(1)));
                case "I": case "eye": return s.isScalar() ? Num.ONE : new Identity(s.rows());
                case "zeros": return s.isScalar() ? Num.ZERO : new matcalc.expr.Zero(s);
                default: return s.isScalar() ? Num.ONE : new Ones(s);
            }
        }
        matcalc.expr.Operator op = matcalc.ops.Operators.byName(f);
        if (op != null) {
            List<Expr> built = new java.util.ArrayList<>();
            for (Ast a : args) built.add(build(a));
            return new matcalc.expr.Call(op, built);
        }
        switch (f) {
            case "tr": case "trace": { Expr a = build(args.get(0)); return a.isScalar() ? a : new Trace(a); }
            case "det": { Expr a = build(args.get(0)); return a.isScalar() ? a : new Det(a); }
            case "logdet": { Expr a = build(args.get(0)); return a.isScalar() ? new Apply(Fn.LOG, a) : new LogDet(a); }
            case "inv": { Expr a = build(args.get(0)); return a.isScalar() ? new Pow(a, Num.MINUS_ONE) : new Inverse(a); }
            case "diag": {
                Expr a = build(args.get(0));
                if (a.isScalar()) return a;
                if (a.shape().cols().isOne()) return new Diag(a);
                if (a.shape().rows().isOne()) return new Diag(new Transpose(a));
                return new DiagOf(a);
            }
            case "sum": return new Sum(build(args.get(0)));
            case "norm1": return new Norm(1, build(args.get(0)));
            case "norm2": case "norm": return new Norm(2, build(args.get(0)));
            case "vec": return new Vec(build(args.get(0)));
            case "kron": return new Kron(build(args.get(0)), build(args.get(1)));
            case "softmax": return new Softmax(build(args.get(0)));
            case "max": case "min": {
                Expr a = build(args.get(0)), b = build(args.get(1));
                if (a.isScalar() && !b.isScalar()) a = product(a, new Ones(b.shape()));
                if (b.isScalar() && !a.isScalar()) b = product(b, new Ones(a.shape()));
                // min(u, v) = -max(-u, -v): the same calculus (and kinks) as max, without a rule of its own.
                return f.equals("max") ? new Max(a, b) : Ops.neg(new Max(Ops.neg(a), Ops.neg(b)));
            }
            case "vector": case "matrix": return new Ones(shapes.apply(c));
            case "onehot": return new UnitVector(shapes.apply(c).rows(), ShapeInference.unitIndex(c));
            case "grad": case "jacobian": case "hessian": case "diff": {
                Expr fx = build(args.get(0));
                Expr x = build(args.get(1));
                if (!(x instanceof Var v)) {
                    throw new MatcalcError(MatcalcError.Kind.SYNTAX, "can only differentiate with respect to a variable", args.get(1).span());
                }
                matcalc.expr.Derivative.Kind kind = matcalc.expr.Derivative.Kind.valueOf(f.toUpperCase());
                return new matcalc.expr.Derivative(kind, fx, v, shapes.apply(c));
            }
            case "heaviside": return new Apply(Fn.STEP, build(args.get(0)));
            default: {
                Ast arg = args.get(0);
                if (f.equals("log") && arg instanceof Ast.Call inner && inner.name().equals("det") && !isVariable.apply("det")) {
                    Expr m = build(inner.args().get(0));
                    return m.isScalar() ? new Apply(Fn.LOG, m) : new LogDet(m);
                }
                Fn fn = Fn.byName(f);
                Expr x = build(arg);
                if (fn.positiveDomain && x instanceof Num n && (n.value().signum() < 0 || (fn == Fn.LOG && n.value().isZero()))) {
                    // A constant outside the domain has no real value: no instance could ever check it.
                    throw new MatcalcError(MatcalcError.Kind.NUMERIC, f + "(" + n.value() + ") is not a real number: " + f + " needs a "
                            + (fn == Fn.LOG ? "positive" : "non-negative") + " argument", c.span());
                }
                return new Apply(fn, x);
            }
        }
    }
}
