package matcalc.codegen;

import java.util.List;

/** NumPy: float64 arrays, helpers for the stable functions NumPy lacks (sigmoid, softmax, log-sum-exp). */
final class NumpySpelling extends Spelling {
    String library() { return "NumPy"; }
    String imports() { return "import numpy as np"; }
    String helperResource() { return "numpy.py"; }
    String lib() { return "np"; }
    String placement() { return ""; }
    String arrayConstructor() { return "np.array"; }
    Py[] withPlacement(Py... args) { return args; }
    Py tensor(Py constant) { return constant; }

    String call(matcalc.expr.Operator op, List<String> args) { return op.numpy(args); }

    Py commuteRows(Py a, Py m, Py n) {
        return Py.form(Py.ATOM, Py.sub(a, Py.ATOM), ".reshape(", Py.sub(n, Py.SUM), ", ", Py.sub(m, Py.SUM),
                ", -1).transpose(1, 0, 2).reshape(", Py.sub(Py.binary(m, "*", n, Py.PRODUCT), Py.SUM), ", -1)");
    }

    /** P^T diag(d) P by a helper that uses one symmetric product (BLAS syrk) when d >= 0. */
    Py gram(Py p, Py d) { return helper("_gram", p, d); }

    /** log(1 + exp(x)) = logaddexp(0, x): no overflow for large x, no cancellation for small. */
    Py softplus(Py x) { return Py.form(Py.ATOM, "np.logaddexp(0.0, ", Py.sub(x, Py.SUM), ")"); }

    /** log(sigmoid(x)) = -softplus(-x). */
    Py logSigmoid(Py x) { return Py.neg(softplus(Py.neg(x))); }

    Py relu(Py x) { return Py.form(Py.ATOM, "np.maximum(", Py.sub(x, Py.SUM), ", 0.0)"); }
    Py sigmoid(Py x) { return helper("_sigmoid", x); }
    String arcName(String trig) { return "arc" + trig; }

    String convert(String name, InputKind kind) {
        String fn = kind.helper;
        helpers().add(fn);
        return name + " = " + fn + "(" + name + ")";
    }

    List<String> prologue(List<String> params) { return List.of(); }
}
