package matcalc.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch: plain tensors of the inputs' dtype and device (the first floating-point tensor among
 * the arguments decides; float64 on the CPU when none is a tensor), so the same code runs on CUDA
 * and under autograd. No NumPy.
 */
final class TorchSpelling extends Spelling {
    /** The names the prologue binds in every function. */
    static final String DTYPE = "dtype", DEVICE = "device";

    String library() { return "PyTorch"; }
    String imports() { return "import torch"; }
    String helperResource() { return "torch.py"; }
    String lib() { return "torch"; }
    String placement() { return ", dtype=" + DTYPE + ", device=" + DEVICE; }
    String arrayConstructor() { return "torch.tensor"; }

    Py[] withPlacement(Py... args) {
        Py[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = Py.atom(DTYPE);
        out[args.length + 1] = Py.atom(DEVICE);
        return out;
    }

    Py tensor(Py constant) {
        return Py.form(Py.ATOM, "torch.as_tensor(", Py.sub(constant, Py.SUM), placement(), ")");
    }

    String call(matcalc.expr.Operator op, List<String> args) { return op.torch(args); }

    Py commuteRows(Py a, Py m, Py n) {
        return Py.form(Py.ATOM, Py.sub(a, Py.ATOM), ".reshape(", Py.sub(n, Py.SUM), ", ", Py.sub(m, Py.SUM),
                ", -1).permute(1, 0, 2).reshape(", Py.sub(Py.binary(m, "*", n, Py.PRODUCT), Py.SUM), ", -1)");
    }

    /** softmax and log-softmax along the column (torch's own are stable). */
    Py softmax(Py v) { return Py.form(Py.ATOM, "torch.softmax(", Py.sub(v, Py.SUM), ", 0)"); }
    Py logSoftmax(Py v) { return Py.form(Py.ATOM, "torch.log_softmax(", Py.sub(v, Py.SUM), ", 0)"); }
    Py logsumexp(Py v) { return Py.form(Py.ATOM, "torch.logsumexp(", Py.sub(Py.postfix(v, ".reshape(-1)"), Py.SUM), ", 0)"); }
    /** torch 1.13's kron fails on a non-contiguous argument (B.T): contiguous() copies only when it must. */
    Py kron(Py a, Py b) {
        return Py.form(Py.ATOM, "torch.kron(", Py.sub(Py.postfix(a, ".contiguous()"), Py.SUM), ", ",
                Py.sub(Py.postfix(b, ".contiguous()"), Py.SUM), ")");
    }

    Py softplus(Py x) { return Py.call("torch.nn.functional.softplus", x); }
    Py logSigmoid(Py x) { return Py.call("torch.nn.functional.logsigmoid", x); }
    Py relu(Py x) { return Py.call("torch.relu", x); }
    Py sigmoid(Py x) { return Py.call("torch.sigmoid", x); }
    String arcName(String trig) { return "a" + trig; }

    String convert(String name, InputKind kind) {
        String fn = kind.helper;
        helpers().add(fn);
        return name + " = " + fn + "(" + name + ", " + DTYPE + ", " + DEVICE + ")";
    }

    List<String> prologue(List<String> params) {
        helpers().add("_dtype_device");
        List<String> out = new ArrayList<>();
        out.add(DTYPE + ", " + DEVICE + " = _dtype_device(" + String.join(", ", params) + ")");
        return out;
    }
}
