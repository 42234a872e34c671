package matcalc.render;

import static matcalc.render.Fragment.ATOM;
import static matcalc.render.Fragment.POSTFIX;
import static matcalc.render.Fragment.PRODUCT;
import static matcalc.render.Fragment.SUM;
import static matcalc.render.Fragment.UNARY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import matcalc.expr.*;

/**
 * Renders an expression in matcalc's input syntax, so that results can be pasted back in and read
 * as the same expression. I, ones and 0 print bare where a neighbour fixes their size (x - ones,
 * A + I, the whole result, whose size the other side of a claim fixes); elsewhere with their sizes,
 * I(n), ones(n), ones(m, n), zeros(m, n) (tr(I(n)), sum(ones(n)), kron(ones(m), I(n))).
 */
public final class TextRenderer {
    private TextRenderer() {}

    public static String render(Expr e) { return e.accept(new Visitor()).text(); }

    /** Variable names are written as declared; here for symmetry with {@link LatexRenderer#renderVarName}. */
    public static String renderVarName(String name) { return name; }

    private static final class Visitor implements ExprVisitor<Fragment> {
        /** Whether the surrounding expression fixes the size of a constant here. */
        private boolean fixed = true;

        /** Visits e with the given context; restores the current one afterwards. */
        private Fragment in(boolean context, Expr e) {
            boolean saved = fixed;
            fixed = context;
            try {
                return e.accept(this);
            } finally {
                fixed = saved;
            }
        }

        /**
         * Operands of +, .*, max and products: a sibling whose shape its variables determine fixes the
         * sizes of the others. A variable alone is not enough: in diag(M ones - M^T ones) both terms
         * are 3 x k for any k, and the text would read back as the diagonal of a matrix.
         */
        private boolean siblingsFix(List<Expr> operands) {
            if (fixed) return true;
            for (Expr o : operands) if (!o.isScalar() && determinate(o)) return true;
            return false;
        }

        /** Whether e's shape follows from its variables' alone (conservatively: false when unsure). */
        private static boolean determinate(Expr e) {
            if (e.isScalar() || e instanceof Var || e instanceof MatrixLiteral || e instanceof Commutation) return true;
            if (e instanceof Ones || e instanceof Zero || e instanceof Identity || e instanceof UnitVector) return false;
            if (e instanceof Mul m) {
                List<Expr> chain = m.factors().stream().filter(f -> !f.isScalar()).toList();
                return end(chain, 0, 1) && end(chain, chain.size() - 1, -1);
            }
            if (e instanceof Add || e instanceof Hadamard || e instanceof Max) return e.children().stream().anyMatch(c -> !c.isScalar() && determinate(c));
            if (e instanceof Kron || e instanceof Call) return e.children().stream().allMatch(TextRenderer.Visitor::determinate);
            if (e instanceof Derivative) return false;
            return !e.children().isEmpty() && e.children().stream().allMatch(TextRenderer.Visitor::determinate);
        }

        /** The outer size at one end of a chain: its end factor's, or through an identity (tied sizes), the next one's. */
        private static boolean end(List<Expr> chain, int i, int step) {
            for (; i >= 0 && i < chain.size(); i += step) {
                Expr f = chain.get(i);
                if (!(f instanceof Identity)) return determinate(f);
            }
            return false;
        }

        private static String size(Dim d) { return d.toString(); }

        /** The child's text, parenthesised if it binds more loosely than this position needs. */
        private String at(Expr e, int need) { return at(e.accept(this), need); }

        private static String at(Fragment f, int need) { return f.prec() >= need ? f.text() : "(" + f.text() + ")"; }

        private static Fragment number(Rational r) {
            if (!r.isInteger()) return new Fragment(r.toString(), PRODUCT);  // 1/2 is a division
            return new Fragment(r.toString(), r.signum() < 0 ? UNARY : ATOM);
        }

        /** A call whose result has the shape of its argument (element-wise, softmax, diag): the context carries over. */
        private Fragment call(String name, Expr... args) { return call(fixed, name, args); }

        /** A call whose result does not fix its arguments' sizes (tr, sum, det, vec, kron, norms). */
        private Fragment reducing(String name, Expr... args) { return call(false, name, args); }

        private Fragment call(boolean context, String name, Expr... args) {
            List<String> parts = new ArrayList<>();
            for (Expr a : args) parts.add(at(in(context, a), SUM));
            return Fragment.atom(name + "(" + String.join(", ", parts) + ")");
        }

        /** A postfix operand: anything but an atom gets parentheses, so (X^T)^T and (A B)^T. */
        private String base(Expr e) { return at(e, ATOM); }

        /**
         * Coefficient, scalars, chain, then "/ d" per denominator. "/" and juxtaposition are one
         * left-associative level, so 1/2 A is (1/2) A and a b / c is (a b) / c. Only the first
         * factor may start with a minus: "A -B" would read as a difference.
         */
        private Fragment product(ProductParts p) {
            Rational c = p.coeff();
            List<Expr> num = p.numerator(), den = p.denominator();
            if (num.isEmpty() && den.isEmpty()) return number(c);
            if (c.isOne() && num.size() == 1 && den.isEmpty()) return num.get(0).accept(this);
            StringBuilder sb = new StringBuilder();
            boolean leading = true;
            if (num.isEmpty()) { sb.append(c); leading = false; }
            else if (c.equals(Rational.MINUS_ONE)) { sb.append('-'); leading = false; }
            else if (!c.isOne()) { sb.append(c).append(' '); leading = false; }
            for (int i = 0; i < num.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(factor(num.get(i), leading && i == 0 ? UNARY : POSTFIX));
            }
            for (Expr d : den) sb.append(" / ").append(at(d, POSTFIX));
            boolean negatedAtom = c.equals(Rational.MINUS_ONE) && num.size() == 1 && den.isEmpty();
            return new Fragment(sb.toString(), negatedAtom ? UNARY : PRODUCT);
        }

        /** The absolute value of a term that {@link ProductParts#isNegativeTerm} accepted. */
        private Fragment negated(Expr t) {
            if (t instanceof Num n) return number(n.value().negate());
            Mul m = (Mul) t;
            return chain(m, ProductParts.of(m.factors()).negate());
        }

        /**
         * An exponent after ^ or .^: a^2, a^n, but a^(1/2), a^(-1), a^(n + 1), and a^(cos(c)): a bare
         * exponent is one number or name (2^cos(c) would read as 2^cos times (c)).
         */
        private String exponent(Expr e) {
            Fragment f = e.accept(this);
            boolean bare = (e instanceof Num n && n.value().isInteger() && n.value().signum() >= 0) || e instanceof Var;
            return bare ? f.text() : "(" + f.text() + ")";
        }

        /** Matrix-literal entries: a decimal lexes as one number; only non-terminating fractions need p/q. */
        private static String entry(Rational r) {
            if (r.isInteger()) return r.toString();
            try {
                return new BigDecimal(r.num()).divide(new BigDecimal(r.den())).toPlainString();
            } catch (ArithmeticException nonTerminating) {
                return r.toString();
            }
        }

        public Fragment visitNum(Num e) { return number(e.value()); }
        public Fragment visitVar(Var e) { return Fragment.atom(renderVarName(e.name())); }
        /** dX appears only in debugging output of differentials; the input language has no differentials. */
        public Fragment visitDVar(DVar e) { return Fragment.atom("d" + renderVarName(e.var().name())); }
        public Fragment visitIdentity(Identity e) { return Fragment.atom(fixed ? "I" : "I(" + size(e.n()) + ")"); }

        /** A row of ones is written ones^T: every reader takes a bare 'ones' for a column. */
        public Fragment visitOnes(Ones e) { return constant("ones", e.shape()); }

        public Fragment visitZero(Zero e) { return fixed ? Fragment.atom("0") : constant("zeros", e.shape()); }

        private Fragment constant(String name, Shape s) {
            boolean row = s.rows().isOne() && !s.cols().isOne();
            if (fixed) return row ? new Fragment(name + "^T", POSTFIX) : Fragment.atom(name);
            if (row) return new Fragment(name + "(" + size(s.cols()) + ")^T", POSTFIX);
            if (s.cols().isOne()) return Fragment.atom(name + "(" + size(s.rows()) + ")");
            return Fragment.atom(name + "(" + size(s.rows()) + ", " + size(s.cols()) + ")");
        }
        public Fragment visitCommutation(Commutation e) { return Fragment.atom("K(" + e.m() + ", " + e.n() + ")"); }
        public Fragment visitUnitVector(UnitVector e) { return Fragment.atom("onehot(" + e.index() + ")"); }

        public Fragment visitMatrixLiteral(MatrixLiteral e) {
            return Fragment.atom(e.rows().stream()
                    .map(r -> r.stream().map(Visitor::entry).collect(Collectors.joining(" ")))
                    .collect(Collectors.joining("; ", "[", "]")));
        }

        public Fragment visitAdd(Add e) {
            boolean saved = fixed;
            fixed = siblingsFix(e.terms());
            try {
                StringBuilder sb = new StringBuilder(at(e.terms().get(0), SUM));
                for (Expr t : e.terms().subList(1, e.terms().size())) {
                    if (ProductParts.isNegativeTerm(t)) sb.append(" - ").append(at(negated(t), PRODUCT));
                    else sb.append(" + ").append(at(t, PRODUCT));
                }
                return new Fragment(sb.toString(), SUM);
            } finally {
                fixed = saved;
            }
        }

        /**
         * In a chain F1 ... Fk an inner size is fixed by a neighbour with a variable in it, the outer
         * two only by the context: a constant factor carries its sizes unless both of its sizes
         * are fixed (one, for I). In sum(A ones), ones could be n x k: ones(n).
         */
        public Fragment visitMul(Mul e) { return chain(e, ProductParts.of(e.factors())); }

        /** The product of e's factors as {@code parts} arranges them, each factor in the context its neighbours give it. */
        private Fragment chain(Mul e, ProductParts parts) {
            List<Expr> chain = e.factors().stream().filter(f -> !f.isScalar()).toList();
            // A 1 x 1 product is a scalar, which multiplies anything: nothing outside fixes its ends.
            boolean outer = fixed && !e.isScalar();
            java.util.Map<Expr, Boolean> fixedOf = new java.util.IdentityHashMap<>();
            for (int i = 0; i < chain.size(); i++) {
                Expr f = chain.get(i);
                boolean left = i > 0 ? hasVariable(chain.get(i - 1)) : outer;
                boolean right = i < chain.size() - 1 ? hasVariable(chain.get(i + 1)) : outer;
                // I's two sizes are one; ones and zeros have two independent ones, even when equal.
                boolean tied = f instanceof Identity;
                fixedOf.put(f, hasVariable(f) || (tied ? left || right : left && right));
            }
            Map<Expr, Boolean> saved = factorFixed;
            factorFixed = fixedOf;
            try {
                return product(parts);
            } finally {
                factorFixed = saved;
            }
        }

        /** The fixedness of each factor of the product being rendered (null outside one). */
        private Map<Expr, Boolean> factorFixed;

        private static boolean hasVariable(Expr e) { return !e.isScalar() && !matcalc.numeric.Vars.free(e).isEmpty(); }

        /** A product's factor, in the context its neighbours give it. */
        private String factor(Expr f, int need) {
            Map<Expr, Boolean> m = factorFixed;
            Boolean ctx = m == null ? null : m.get(f);
            factorFixed = null; // the factor's own products decide for their factors
            try {
                return at(ctx == null ? f.accept(this) : in(ctx, f), need);
            } finally {
                factorFixed = m;
            }
        }

        public Fragment visitTranspose(Transpose e) {
            if (e.arg() instanceof Inverse inv) return new Fragment(base(inv.arg()) + "^{-T}", POSTFIX);
            return new Fragment(base(e.arg()) + "^T", POSTFIX);
        }

        public Fragment visitInverse(Inverse e) { return new Fragment(base(e.arg()) + "^{-1}", POSTFIX); }
        public Fragment visitMatPow(MatPow e) { return new Fragment(base(e.base()) + "^" + e.n(), POSTFIX); }

        public Fragment visitPow(Pow e) {
            // a^(-k) is how the IR writes division; print it as one.
            if (ProductParts.reciprocal(e) != null) return product(ProductParts.of(List.of(e)));
            return new Fragment(base(e.base()) + "^" + exponent(e.exponent()), POSTFIX);
        }

        public Fragment visitHadamard(Hadamard e) {
            boolean saved = fixed;
            fixed = siblingsFix(e.factors());
            try {
                return hadamard(e);
            } finally {
                fixed = saved;
            }
        }

        private Fragment hadamard(Hadamard e) {
            StringBuilder sb = new StringBuilder(at(e.factors().get(0), UNARY));
            for (Expr f : e.factors().subList(1, e.factors().size())) {
                Expr divisor = ProductParts.reciprocal(f);
                if (divisor != null) sb.append(" ./ ").append(at(divisor, POSTFIX));
                else sb.append(" .* ").append(at(f, POSTFIX));
            }
            return new Fragment(sb.toString(), PRODUCT);
        }

        public Fragment visitElemPow(ElemPow e) { return new Fragment(base(e.base()) + ".^" + exponent(e.exponent()), POSTFIX); }
        public Fragment visitApply(Apply e) { return call(e.fn().name, e.arg()); }
        public Fragment visitMax(Max e) { return call(siblingsFix(List.of(e.a(), e.b())), "max", e.a(), e.b()); }
        public Fragment visitSoftmax(Softmax e) { return call("softmax", e.arg()); }
        public Fragment visitTrace(Trace e) { return reducing("tr", e.arg()); }
        public Fragment visitDet(Det e) { return reducing("det", e.arg()); }
        public Fragment visitLogDet(LogDet e) { return reducing("logdet", e.arg()); }
        public Fragment visitSum(Sum e) { return reducing("sum", e.arg()); }
        public Fragment visitNorm(Norm e) { return reducing("norm" + e.p(), e.arg()); }
        /** diag(ones) could be of a vector or of a square matrix: the context does not fix diag's argument. */
        public Fragment visitDiag(Diag e) { return reducing("diag", e.arg()); }
        public Fragment visitDiagOf(DiagOf e) { return reducing("diag", e.arg()); }
        public Fragment visitVec(Vec e) { return reducing("vec", e.arg()); }
        /** kron(I, A) of a known size fixes I's size (the quotient), kron(ones, I) does not. */
        public Fragment visitKron(Kron e) {
            boolean aVar = !matcalc.numeric.Vars.free(e.a()).isEmpty(), bVar = !matcalc.numeric.Vars.free(e.b()).isEmpty();
            List<String> parts = List.of(at(in(fixed && bVar, e.a()), SUM), at(in(fixed && aVar, e.b()), SUM));
            return Fragment.atom("kron(" + String.join(", ", parts) + ")");
        }

        public Fragment visitEntry(Entry e) {
            boolean vector = e.arg().shape().cols().isOne();
            String index = vector ? Integer.toString(e.row()) : e.row() + ", " + e.col();
            return Fragment.atom(at(in(false, e.arg()), ATOM) + "[" + index + "]");
        }

        /** As written: grad(f, x) (an unexpanded operator is shown only in messages and claims). */
        public Fragment visitDerivative(Derivative e) { return reducing(e.opName(), e.function(), e.variable()); }

        public Fragment visitCall(Call e) {
            if (e.args().isEmpty()) return e.op().name().contains(" ") ? new Fragment(e.op().name(), PRODUCT) : Fragment.atom(e.op().name());
            return reducing(e.op().name(), e.args().toArray(new Expr[0]));
        }
    }
}
