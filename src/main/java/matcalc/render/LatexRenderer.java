package matcalc.render;

import static matcalc.render.Fragment.ATOM;
import static matcalc.render.Fragment.POSTFIX;
import static matcalc.render.Fragment.PRODUCT;
import static matcalc.render.Fragment.SUM;
import static matcalc.render.Fragment.UNARY;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import matcalc.expr.*;

/**
 * Renders an expression as amsmath LaTeX (math mode, without delimiters). The step function is the
 * indicator \mathbf{1}[u > 0] (amssymb's \mathbb has no digits: \mathbb{1} prints a stray symbol).
 */
public final class LatexRenderer {
    private LatexRenderer() {}

    private static final Visitor VISITOR = new Visitor(false), DECIMALS = new Visitor(true);

    public static String render(Expr e) { return e.accept(VISITOR).text(); }

    /**
     * As {@link #render}, with numbers that have a short decimal expansion written as decimals: a
     * program's {@code 2.5} stays 2.5 (not 5/2); 1/3 is still a fraction.
     */
    public static String renderDecimals(Expr e) { return e.accept(DECIMALS).text(); }

    /** The decimal expansion of r when it has at most 4 digits after the point, else null. */
    static String decimal(Rational r) {
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(r.num()).divide(new java.math.BigDecimal(r.den()));
            return d.scale() <= 4 ? d.toPlainString() : null;
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    private static final Set<String> GREEK = Set.of(
            "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
            "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
            "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
            "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");
    private static final List<String> ACCENTS = List.of("hat", "bar", "tilde");
    /** Reverse-mode adjoints are named "dL/dW1" (a '/' no input name can contain): \frac{\partial L}{\partial W_{1}}. */
    private static final Pattern ADJOINT = Pattern.compile("d([^/]+)/d([^/]+)");
    private static final Pattern TRAILING_DIGITS = Pattern.compile("(.*\\D)(\\d+)");

    /**
     * A variable name as LaTeX: x, W1 → W_{1}, alpha → \alpha, yhat → \hat{y}, x_0 → x_{0},
     * anything else longer than a letter → \mathit{loss}, so that it does not read as a product;
     * an adjoint dL/dz → \frac{\partial L}{\partial z}.
     */
    public static String renderVarName(String name) {
        Matcher adj = ADJOINT.matcher(name);
        if (adj.matches()) {
            return "\\frac{\\partial " + renderVarName(adj.group(1)) + "}{\\partial " + renderVarName(adj.group(2)) + "}";
        }
        int us = name.indexOf('_');
        if (us > 0 && us < name.length() - 1) {
            return renderVarName(name.substring(0, us)) + "_{" + subscript(name.substring(us + 1)) + "}";
        }
        Matcher m = TRAILING_DIGITS.matcher(name);
        if (m.matches()) return stem(m.group(1)) + "_{" + m.group(2) + "}";
        return stem(name);
    }

    private static String stem(String s) {
        if (s.length() == 1 && Character.isLetter(s.charAt(0))) return s;
        if (GREEK.contains(s)) return "\\" + s;
        for (String accent : ACCENTS) {
            String b = s.endsWith(accent) ? s.substring(0, s.length() - accent.length()) : "";
            if ((b.length() == 1 && Character.isLetter(b.charAt(0))) || GREEK.contains(b)) {
                return "\\" + accent + "{" + stem(b) + "}";
            }
        }
        // all capitals (AND, OR, MSE): a label, set upright
        if (s.chars().allMatch(c -> c >= 'A' && c <= 'Z')) return "\\mathrm{" + s + "}";
        return "\\mathit{" + escape(s) + "}";
    }

    private static String subscript(String s) {
        if (s.chars().allMatch(Character::isDigit) || (s.length() == 1 && Character.isLetter(s.charAt(0)))) return s;
        if (GREEK.contains(s)) return "\\" + s;
        return "\\mathrm{" + escape(s) + "}";
    }

    private static String escape(String s) { return s.replace("_", "\\_"); }

    private static final class Visitor implements ExprVisitor<Fragment> {
        private final boolean decimals;

        Visitor(boolean decimals) { this.decimals = decimals; }

        String at(Expr e, int need) { return at(e.accept(this), need); }

        static String at(Fragment f, int need) {
            if (f.prec() >= need) return f.text();
            boolean tall = f.text().contains("\\frac") || f.text().contains("\\begin");
            return tall ? "\\left(" + f.text() + "\\right)" : "(" + f.text() + ")";
        }

        /** The base of a superscript: compound bases get \left( \right), so (A B)^\top, (a + b)^{2}. */
        private String base(Expr e) {
            Fragment f = e.accept(this);
            return f.prec() >= ATOM ? f.text() : "\\left(" + f.text() + "\\right)";
        }

        /** 1/2 .. 1/9: what "/ 2" gives, kept a fraction even among decimals (0.01 stays 0.01). */
        private static boolean halfOrThird(Rational a) {
            return a.num().equals(java.math.BigInteger.ONE) && a.den().compareTo(java.math.BigInteger.TEN) < 0;
        }

        private Fragment number(Rational r) {
            if (r.isInteger()) return new Fragment(r.toString(), r.signum() < 0 ? UNARY : ATOM);
            String dec = decimals ? decimal(r) : null;
            if (dec != null) return new Fragment(dec, r.signum() < 0 ? UNARY : ATOM);
            String frac = "\\frac{" + r.num().abs() + "}{" + r.den() + "}";
            return r.signum() < 0 ? new Fragment("-" + frac, UNARY) : new Fragment(frac, PRODUCT);
        }

        private Fragment call(String name, Expr... args) {
            List<String> parts = new ArrayList<>();
            for (Expr a : args) parts.add(at(a, SUM));
            return Fragment.atom(name + "(" + String.join(", ", parts) + ")");
        }

        /** Juxtaposed factors; the first may start with a minus only when nothing precedes it. */
        private String juxtapose(List<Fragment> fs, boolean leading) {
            StringBuilder out = new StringBuilder();
            String previous = null;
            for (int i = 0; i < fs.size(); i++) {
                String f = at(fs.get(i), leading && i == 0 ? UNARY : POSTFIX);
                // a thin space sets off a differential from its neighbours: A \, \mathrm{d}X \, B
                if (previous != null) out.append(differential(previous) || differential(f) ? " \\, " : " ");
                out.append(f);
                previous = f;
            }
            return out.toString();
        }

        private static boolean differential(String f) { return f.startsWith("\\mathrm{d}") || f.startsWith("(\\mathrm{d}"); }

        /** Numerator or denominator of \frac: the braces group it, so one factor never needs parentheses. */
        private String fracPart(List<Fragment> fs) {
            if (fs.isEmpty()) return "1";
            return fs.size() == 1 ? fs.get(0).text() : juxtapose(fs, true);
        }

        /**
         * With no denominators: sign, coefficient (2 or \frac{1}{2}), scalars, chain. With
         * denominators everything goes into one fraction, the coefficient's numerator on top and its
         * denominator below: \frac{2 x^\top}{\lVert x \rVert_2}, \frac{A}{2 b}.
         */
        private Fragment product(ProductParts p) {
            Rational c = p.coeff();
            List<Fragment> num = render(p.numerator()), den = render(p.denominator());
            if (num.isEmpty() && den.isEmpty()) return number(c);
            if (c.isOne() && num.size() == 1 && den.isEmpty()) return num.get(0);
            String sign = c.signum() < 0 ? "-" : "";
            Rational a = c.abs();
            if (den.isEmpty()) {
                // a coefficient 1/2 (from "/ 2") stays a fraction even among decimals; 5/2 (from 2.5) does not
                String coeff = a.isOne() ? "" : halfOrThird(a) ? "\\frac{1}{" + a.den() + "} " : number(a).text() + " ";
                String body = juxtapose(num, sign.isEmpty() && coeff.isEmpty());
                boolean negatedAtom = !sign.isEmpty() && coeff.isEmpty() && num.size() == 1;
                return new Fragment(sign + coeff + body, negatedAtom ? UNARY : PRODUCT);
            }
            List<Fragment> top = new ArrayList<>(), bottom = new ArrayList<>();
            String dec = decimals && !a.isInteger() && !halfOrThird(a) ? decimal(a) : null;
            if (dec != null) top.add(Fragment.atom(dec));
            else if (!a.num().equals(java.math.BigInteger.ONE)) top.add(Fragment.atom(a.num().toString()));
            top.addAll(num);
            if (!a.isInteger() && dec == null) bottom.add(Fragment.atom(a.den().toString()));
            bottom.addAll(den);
            String frac = "\\frac{" + fracPart(top) + "}{" + fracPart(bottom) + "}";
            return new Fragment(sign + frac, sign.isEmpty() ? PRODUCT : UNARY);
        }

        private List<Fragment> render(List<Expr> es) {
            List<Fragment> out = new ArrayList<>();
            for (Expr e : es) out.add(e.accept(this));
            return out;
        }

        Fragment negated(Expr t) {
            if (t instanceof Num n) return number(n.value().negate());
            return product(ProductParts.of(((Mul) t).factors()).negate());
        }

        /** Exponents sit in braces, so only numbers need care: a^{1/2} reads better than a^{\frac{1}{2}}. */
        private String exponent(Expr e) {
            return e instanceof Num n ? n.value().toString() : at(e, SUM);
        }

        private String entry(Rational r) { return number(r).text(); }

        /** W_{1}, e_{i}, \rVert_2: another _{...} after these would be a double subscript. */
        private static boolean endsInSubscript(String t) {
            int i = t.length() - 1;
            if (t.charAt(i) == '}') {
                for (int depth = 0; i >= 0; i--) {
                    if (t.charAt(i) == '}') depth++;
                    else if (t.charAt(i) == '{' && --depth == 0) break;
                }
            }
            return i > 0 && t.charAt(i - 1) == '_';
        }

        public Fragment visitNum(Num e) { return number(e.value()); }
        public Fragment visitVar(Var e) { return Fragment.atom(renderVarName(e.name())); }
        public Fragment visitDVar(DVar e) { return Fragment.atom("\\mathrm{d}" + renderVarName(e.var().name())); }
        public Fragment visitIdentity(Identity e) { return Fragment.atom("I"); }
        /** A row of ones is \mathbf{1}^\top: every reader takes a bare \mathbf{1} for a column. */
        public Fragment visitOnes(Ones e) {
            boolean row = e.shape().rows().isOne() && !e.shape().cols().isOne();
            return row ? new Fragment("\\mathbf{1}^\\top", POSTFIX) : Fragment.atom("\\mathbf{1}");
        }
        public Fragment visitZero(Zero e) { return Fragment.atom("0"); }
        public Fragment visitCommutation(Commutation e) { return Fragment.atom("K_{" + e.m() + "," + e.n() + "}"); }
        public Fragment visitUnitVector(UnitVector e) { return Fragment.atom("e_{" + e.index() + "}"); }

        public Fragment visitMatrixLiteral(MatrixLiteral e) {
            return Fragment.atom(e.rows().stream()
                    .map(r -> r.stream().map(this::entry).collect(Collectors.joining(" & ")))
                    .collect(Collectors.joining(" \\\\ ", "\\begin{bmatrix} ", " \\end{bmatrix}")));
        }

        public Fragment visitAdd(Add e) {
            StringBuilder sb = new StringBuilder(at(e.terms().get(0), SUM));
            for (Expr t : e.terms().subList(1, e.terms().size())) {
                if (ProductParts.isNegativeTerm(t)) sb.append(" - ").append(at(negated(t), PRODUCT));
                else sb.append(" + ").append(at(t, PRODUCT));
            }
            return new Fragment(sb.toString(), SUM);
        }

        public Fragment visitMul(Mul e) { return product(ProductParts.of(e.factors())); }

        public Fragment visitTranspose(Transpose e) {
            if (e.arg() instanceof Inverse inv) return new Fragment(base(inv.arg()) + "^{-\\top}", POSTFIX);
            return new Fragment(base(e.arg()) + "^\\top", POSTFIX);
        }

        public Fragment visitInverse(Inverse e) { return new Fragment(base(e.arg()) + "^{-1}", POSTFIX); }
        public Fragment visitMatPow(MatPow e) {
            // (M^{-1})^k is printed M^{-k}, and (M^{-T})^k as M^{-k\top}, as textbooks do.
            if (e.base() instanceof Inverse inv) return new Fragment(base(inv.arg()) + "^{-" + e.n() + "}", POSTFIX);
            if (e.base() instanceof Transpose t && t.arg() instanceof Inverse inv) {
                return new Fragment(base(inv.arg()) + "^{-" + e.n() + "\\top}", POSTFIX);
            }
            return new Fragment(base(e.base()) + "^{" + e.n() + "}", POSTFIX);
        }

        public Fragment visitPow(Pow e) {
            // a power 1 (a differential before pow-one has run) is the base itself: ||u||, not ||u||^{1}
            if (e.exponent() instanceof Num n && n.value().isOne()) return e.base().accept(this);
            if (ProductParts.reciprocal(e) != null) return product(ProductParts.of(List.of(e)));
            return new Fragment(base(e.base()) + "^{" + exponent(e.exponent()) + "}", POSTFIX);
        }

        public Fragment visitHadamard(Hadamard e) {
            StringBuilder sb = new StringBuilder(at(e.factors().get(0), UNARY));
            for (Expr f : e.factors().subList(1, e.factors().size())) {
                Expr divisor = ProductParts.reciprocal(f);
                if (divisor != null) sb.append(" \\oslash ").append(at(divisor, POSTFIX));
                else sb.append(" \\odot ").append(at(f, POSTFIX));
            }
            return new Fragment(sb.toString(), PRODUCT);
        }

        public Fragment visitElemPow(ElemPow e) {
            // After \circ the exponent is not braced on its own: \circ (n + 1), but \circ -1.
            String x = e.exponent() instanceof Num n ? n.value().toString() : at(e.exponent(), UNARY);
            return new Fragment(base(e.base()) + "^{\\circ " + x + "}", POSTFIX);
        }

        public Fragment visitApply(Apply e) {
            // The argument is rendered once: rendering it again per case made exp(exp(...)) 2^depth work.
            String arg = at(e.arg(), SUM);
            return switch (e.fn()) {
                case SQRT -> Fragment.atom("\\sqrt{" + arg + "}");
                case STEP -> Fragment.atom("\\mathbf{1}[" + arg + " > 0]");
                case ABS -> e.arg().isScalar() ? Fragment.atom("\\lvert " + arg + " \\rvert") : Fragment.atom(e.fn().latex + "(" + arg + ")");
                default -> Fragment.atom(e.fn().latex + "(" + arg + ")");
            };
        }

        public Fragment visitMax(Max e) { return call("\\max", e.a(), e.b()); }
        public Fragment visitSoftmax(Softmax e) { return call("\\operatorname{softmax}", e.arg()); }
        public Fragment visitTrace(Trace e) { return call("\\operatorname{tr}", e.arg()); }
        public Fragment visitDet(Det e) { return call("\\det", e.arg()); }
        public Fragment visitLogDet(LogDet e) { return call("\\log\\det", e.arg()); }
        public Fragment visitSum(Sum e) { return call("\\operatorname{sum}", e.arg()); }

        public Fragment visitNorm(Norm e) {
            // norm2 of a matrix is the Frobenius norm, not the spectral norm ||A||_2.
            String sub = e.p() == 1 ? "1" : e.arg().shape().isVectorLike() ? "2" : "F";
            return Fragment.atom("\\lVert " + at(e.arg(), SUM) + " \\rVert_" + sub);
        }

        public Fragment visitDiag(Diag e) { return call("\\operatorname{diag}", e.arg()); }
        public Fragment visitDiagOf(DiagOf e) { return call("\\operatorname{diag}", e.arg()); }
        public Fragment visitVec(Vec e) { return call("\\operatorname{vec}", e.arg()); }

        public Fragment visitKron(Kron e) {
            return new Fragment(at(e.a(), UNARY) + " \\otimes " + at(e.b(), POSTFIX), PRODUCT);
        }

        public Fragment visitEntry(Entry e) {
            boolean vector = e.arg().shape().cols().isOne();
            String index = vector ? Integer.toString(e.row()) : e.row() + "," + e.col();
            Fragment arg = e.arg().accept(this);
            boolean bare = arg.prec() >= ATOM && !endsInSubscript(arg.text());
            return Fragment.atom((bare ? arg.text() : "(" + arg.text() + ")") + "_{" + index + "}");
        }

        public Fragment visitDerivative(Derivative e) {
            return Fragment.atom("\\operatorname{" + e.opName() + "}(" + at(e.function(), SUM) + ", " + at(e.variable(), SUM) + ")");
        }

        public Fragment visitCall(Call e) {
            List<String> parts = new ArrayList<>();
            for (Expr a : e.args()) parts.add(at(a, SUM));
            return Fragment.atom(e.op().latex(parts));
        }
    }
}
