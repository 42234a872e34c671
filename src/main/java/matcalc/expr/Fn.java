package matcalc.expr;

/**
 * Element-wise scalar functions. Their derivatives come from Symja (see calculus.ElementwiseRules),
 * except for the kinked ones Symja leaves unevaluated, whose rules are stated there.
 */
public enum Fn {
    EXP("exp", "\\exp", false, false),
    LOG("log", "\\log", false, true),
    SIN("sin", "\\sin", false, false),
    COS("cos", "\\cos", false, false),
    TAN("tan", "\\tan", false, false),
    TANH("tanh", "\\tanh", false, false),
    SQRT("sqrt", "\\sqrt", false, true),
    ABS("abs", "\\operatorname{abs}", true, false),
    SIGN("sign", "\\operatorname{sign}", true, false),
    SIGMOID("sigmoid", "\\sigma", false, false),
    RELU("relu", "\\operatorname{relu}", true, false),
    /** Heaviside step, 1[x > 0]; the derivative of relu. */
    STEP("step", "\\operatorname{step}", true, false),
    ARCSIN("arcsin", "\\arcsin", false, false),
    ARCCOS("arccos", "\\arccos", false, false),
    ARCTAN("arctan", "\\arctan", false, false),
    SINH("sinh", "\\sinh", false, false),
    COSH("cosh", "\\cosh", false, false),
    /** log(1 + exp(x)), the smooth relu. */
    SOFTPLUS("softplus", "\\operatorname{softplus}", false, false),
    /** log(1 + x), accurate near 0. */
    LOG1P("log1p", "\\operatorname{log1p}", false, false);

    public final String name;
    public final String latex;
    /** Not differentiable at 0: numeric checks keep away from the kink. */
    public final boolean kinked;
    /** Needs positive arguments for a real value. */
    public final boolean positiveDomain;

    Fn(String name, String latex, boolean kinked, boolean positiveDomain) {
        this.name = name;
        this.latex = latex;
        this.kinked = kinked;
        this.positiveDomain = positiveDomain;
    }

    public double apply(double x) {
        switch (this) {
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case TANH: return Math.tanh(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case SIGMOID: return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case RELU: return Math.max(0, x);
            case STEP: return x > 0 ? 1 : 0;
            case ARCSIN: return Math.asin(x); // NaN outside [-1, 1]: the evaluator reports it undefined
            case ARCCOS: return Math.acos(x);
            case ARCTAN: return Math.atan(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            case SOFTPLUS: return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            case LOG1P: return Math.log1p(x);
            default: throw new AssertionError(this);
        }
    }

    /** The function a name in the language means (asin, acos, atan are aliases), or null. */
    public static Fn byName(String name) {
        for (Fn f : values()) if (f.name.equals(name)) return f;
        switch (name) {
            case "asin": return ARCSIN;
            case "acos": return ARCCOS;
            case "atan": return ARCTAN;
            default: return null;
        }
    }

    /** Every name the language accepts for an element-wise function, aliases included. */
    public static java.util.Set<String> names() {
        java.util.Set<String> out = new java.util.TreeSet<>(java.util.List.of("asin", "acos", "atan"));
        for (Fn f : values()) out.add(f.name);
        return out;
    }
}
