package matcalc.codegen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import matcalc.MatcalcError;
import matcalc.expr.Fn;
import matcalc.expr.Operator;
import matcalc.expr.Rational;

/**
 * How one target library spells the primitive operations. Arrays are 2-D (vectors are (n, 1)
 * columns, as in matcalc) and scalars 0-d, so both libraries share the operators @, *, .T and
 * .reshape; what differs is names, dtype/device arguments and the stable special functions. A
 * spelling remembers which of its helper functions (resources {@code numpy.py} / {@code torch.py})
 * the module uses.
 */
abstract class Spelling {
    private final Set<String> helpers = new LinkedHashSet<>();

    /** The library's name in messages and docstrings. */
    abstract String library();

    /** The module's import line. */
    abstract String imports();

    /** The resource with this target's helper functions. */
    abstract String helperResource();

    /** The prefix of the library's functions: np or torch. */
    abstract String lib();

    /** Helpers used so far, in order of first use. */
    final Set<String> helpers() { return helpers; }

    final Py helper(String name, Py... args) {
        helpers.add(name);
        return Py.call(name, args);
    }

    /** The operator table's own spelling for this target (null: it has none). */
    abstract String call(Operator op, List<String> args);

    /** Modules beyond the library that spelled code imports (the table spells expm as scipy.linalg.expm). */
    final Set<String> extraImports() { return extraImports; }

    private final Set<String> extraImports = new LinkedHashSet<>();

    final void noteImports(String code) {
        if (code.contains("scipy.linalg.")) extraImports.add("import scipy.linalg");
    }

    final Py lib(String fn, Py... args) { return Py.call(lib() + "." + fn, args); }

    final Py linalg(String fn, Py... args) { return Py.call(lib() + ".linalg." + fn, args); }

    MatcalcError unsupported(String what) {
        return new MatcalcError(MatcalcError.Kind.UNSUPPORTED, "codegen: no " + library() + " spelling for " + what);
    }

    // ---- constants (torch needs the inputs' dtype and device; numpy is float64)

    /** Extra arguments of constructors: none for NumPy, dtype and device for PyTorch. */
    abstract String placement();

    Py eye(Py n) { return Py.form(Py.ATOM, lib() + ".eye(", Py.sub(n, Py.SUM), placement(), ")"); }

    Py ones(Py rows, Py cols) { return filled("ones", rows, cols); }

    Py zeros(Py rows, Py cols) { return filled("zeros", rows, cols); }

    private Py filled(String fn, Py rows, Py cols) {
        return Py.form(Py.ATOM, lib() + "." + fn + "((", Py.sub(rows, Py.SUM), ", ", Py.sub(cols, Py.SUM), ")", placement(), ")");
    }

    /** A numeric matrix written inline. */
    Py literal(List<List<Rational>> rows) {
        List<String> rs = new ArrayList<>();
        for (List<Rational> r : rows) {
            List<String> cs = new ArrayList<>();
            for (Rational q : r) cs.add(Double.toString(q.toDouble()));
            rs.add("[" + String.join(", ", cs) + "]");
        }
        return Py.atom(arrayConstructor() + "([" + String.join(", ", rs) + "]" + placement() + ")");
    }

    abstract String arrayConstructor();

    /** e_i (0-based i) of length n, a column. */
    Py onehot(Py n, int index) { return helper("_onehot", withPlacement(n, Py.atom(Integer.toString(index)))); }

    /** K(m, n) as a dense matrix. */
    Py commutation(Py m, Py n) { return helper("_commutation", withPlacement(m, n)); }

    /** The constructor arguments with dtype and device appended where the target needs them. */
    abstract Py[] withPlacement(Py... args);

    /** A constant scalar where the library needs an array (torch functions take tensors only). */
    abstract Py tensor(Py constant);

    // ---- linear algebra

    Py multiDot(List<Py> factors) {
        List<Object> parts = new ArrayList<>();
        parts.add(lib() + ".linalg.multi_dot([");
        for (int i = 0; i < factors.size(); i++) {
            if (i > 0) parts.add(", ");
            parts.add(Py.sub(factors.get(i), Py.SUM));
        }
        parts.add("])");
        return new Py.Form(parts, Py.ATOM);
    }

    /** P^T diag(d) P, as P.T @ (d * P). */
    Py gram(Py p, Py d) { return Py.matmul(Chain.transpose(p), Py.binary(d, "*", p, Py.PRODUCT)); }

    Py solve(Py a, Py b) { return linalg("solve", a, b); }
    Py inv(Py a) { return linalg("inv", a); }
    Py det(Py a) { return linalg("det", a); }
    /** log det via slogdet, undefined (nan) where det <= 0. */
    Py logdet(Py a) { return helper("_logdet", a); }
    Py matrixPower(Py a, int n) { return linalg("matrix_power", a, Py.atom(Integer.toString(n))); }
    Py kron(Py a, Py b) { return lib("kron", a, b); }
    Py trace(Py a) { return lib("trace", a); }
    Py sum(Py a) { return lib("sum", a); }
    /** Euclidean norm of a vector, Frobenius norm of a matrix (both libraries' default for 2-D). */
    Py norm2(Py a) { return linalg("norm", a); }
    Py diagflat(Py v) { return lib("diagflat", v); }
    Py maximum(Py a, Py b) { return lib("maximum", a, b); }

    /**
     * The rows of a (m n) x c matrix permuted as K(m, n) does: row i n + j takes row j m + i.
     * A reshape to n x m x c, the two first axes swapped, and back: no m n x m n matrix.
     */
    abstract Py commuteRows(Py a, Py m, Py n);

    // ---- element-wise and stable special functions

    Py softmax(Py v) { return helper("_softmax", v); }
    Py logSoftmax(Py v) { return helper("_log_softmax", v); }
    Py logsumexp(Py v) { return helper("_logsumexp", v); }
    abstract Py softplus(Py x);
    abstract Py logSigmoid(Py x);

    /** f(x) entry by entry. */
    Py fn(Fn f, Py x) {
        switch (f) {
            case EXP: case LOG: case SIN: case COS: case TAN: case TANH: case SQRT: case ABS: case SIGN:
            case SINH: case COSH: case LOG1P:
                return lib(f.name, x);
            case RELU: return relu(x);
            case STEP: return helper("_step", x);
            case SIGMOID: return sigmoid(x);
            case SOFTPLUS: return softplus(x);
            case ARCSIN: return lib(arcName("sin"), x);
            case ARCCOS: return lib(arcName("cos"), x);
            case ARCTAN: return lib(arcName("tan"), x);
            default: throw unsupported("the function " + f.name);
        }
    }

    abstract Py relu(Py x);
    abstract Py sigmoid(Py x);
    /** arcsin is np.arcsin but torch.asin. */
    abstract String arcName(String trig);

    // ---- inputs

    /** The statement that turns a parameter into a 2-D array (matrix), a column or a 0-d scalar. */
    abstract String convert(String name, InputKind kind);

    /** Statements at the top of each function before the inputs are converted (torch: dtype and device). */
    abstract List<String> prologue(List<String> params);

    /** How an input is converted on entry, and the prelude helper (of both targets) that does it. */
    enum InputKind {
        MATRIX("_matrix"), COLUMN("_column"), SCALAR("_scalar");

        final String helper;

        InputKind(String helper) { this.helper = helper; }
    }
}
