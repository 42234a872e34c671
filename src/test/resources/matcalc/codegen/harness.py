"""Runs modules written by matcalc codegen against matcalc's own numbers, in one process.

usage: python3 harness.py MANIFEST.json RESULTS.json

For every case of the manifest (written by CodegenSuiteTest) and each of its modules (NumPy, PyTorch):
  * the file compiles (py_compile) and no function leaves an assigned name unread (ast);
  * f and f_and_grad / f_grad_hess, called at matcalc's instance, give matcalc's values (its
    Evaluator's, or for a program `matcalc eval`'s), also when vectors are passed 1-D;
  * every derivative equals the full Jacobian by central differences of the generated function
    (second derivatives: of the generated first derivative), entry by entry;
  * the Hessian-vector products equal the Hessian applied to a random direction;
  * the PyTorch module: derivatives equal torch.autograd.grad / torch.autograd.functional.jacobian
    and, for Hessians of scalars, torch.autograd.functional.hessian; its source has no NumPy;
  * the module's own self-check (python3 FILE) passes.
Each case gets a list of failures (empty when all is well) and counts of what was checked.
"""
import ast
import contextlib
import importlib.util
import io
import json
import py_compile
import subprocess
import sys
import time

import numpy as np
import torch

VALUE_TOL = 1e-8      # generated code against matcalc's evaluator (both exact up to rounding)
FD_TOL = 1e-6         # against central differences (matcalc's own check tolerance)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unread_names(source):
    """Names assigned in a generated function and never read afterwards."""
    out = []
    for fn in ast.parse(source).body:
        if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
            continue
        stored, loaded = {}, set()
        for node in ast.walk(fn):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Store):
                    stored.setdefault(node.id, node.lineno)
                else:
                    loaded.add(node.id)
        out += [f"{fn.name}: '{n}' (line {line}) is assigned but never used"
                for n, line in stored.items() if n not in loaded and n != "_"]
    return out


def uses_numpy(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            if any(n and n.split(".")[0] == "numpy" for n in names):
                return True
        if isinstance(node, ast.Name) and node.id == "np":
            return True
    return False


def as_np(x):
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=np.float64)


def rel(a, b, floor=1e-8):
    a, b = as_np(a), as_np(b)
    if a.shape != b.shape:
        return float("inf")
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < 1e-10 and nb < 1e-10:
        return 0.0
    return float(np.linalg.norm(a - b) / max(na, nb, floor))


def two_d(x):
    """An output compared as matcalc sees it: a scalar must be 0-d, everything else 2-D."""
    a = as_np(x)
    return a.reshape(1, 1) if a.ndim == 0 else a


def vec(a):
    a = as_np(a)
    return a.reshape(1, 1) if a.ndim == 0 else a.T.reshape(-1, 1)


def position(arr, r, c, p, q, m, n):
    """Where J[r, c] (J = d vec(f) / d vec(x)^T) sits in a derivative arranged as arr."""
    if arr == "gradient":
        return c % m, c // m
    if arr == "row_gradient":
        return 0, c
    if arr == "tangent":
        return r % p, r // p
    if arr == "jacobian":
        return r, c
    if arr == "jacobian_transposed":
        return c, r
    raise ValueError(arr)


def to_jacobian(arr, d, p, q, m, n):
    d = two_d(d)
    r, c = np.arange(p * q).reshape(-1, 1), np.arange(m * n).reshape(1, -1)
    at = position(arr, r, c, p, q, m, n)
    return d[np.broadcast_to(at[0], (p * q, m * n)), np.broadcast_to(at[1], (p * q, m * n))]


def shape2(x):
    s = tuple(as_np(x).shape)
    return (1, 1) if len(s) == 0 else s


def numeric_jacobian(g, x):
    """d vec(g) / d vec(x)^T by central differences with Richardson extrapolation; None if unstable."""
    x = as_np(x)
    m, n = shape2(x)
    cols_coarse, cols_fine = [], []
    for k in range(m * n):
        e = np.zeros((m, n))
        e[k % m, k // m] = 1.0
        h = 1e-4 * max(1.0, abs(float(x.reshape(m, n)[k % m, k // m])))
        e = e.reshape(x.shape)
        d = [(vec(g(x + s * e)) - vec(g(x - s * e))) / (2 * s) for s in (h, h / 2, h / 4)]
        cols_coarse.append((4 * d[1] - d[0]) / 3)
        cols_fine.append((4 * d[2] - d[1]) / 3)
    coarse, fine = np.hstack(cols_coarse), np.hstack(cols_fine)
    if rel(coarse, fine) > 0.1 * FD_TOL or not np.all(np.isfinite(fine)):
        return None
    return fine


def natural_first(arr, d):
    """vec of the first derivative in its natural arrangement (a gradient, tangent or d vec f / d vec x^T)."""
    return vec(as_np(d).T) if arr == "jacobian_transposed" else vec(d)


def directional(g, x, v):
    """d vec(g(x + t v)) / dt at 0 by central differences with Richardson extrapolation; None if unstable."""
    h = 1e-4 * max(1.0, float(np.linalg.norm(x)))
    d = [(vec(g(x + s * v)) - vec(g(x - s * v))) / (2 * s) for s in (h, h / 2, h / 4)]
    coarse, fine = (4 * d[1] - d[0]) / 3, (4 * d[2] - d[1]) / 3
    if rel(coarse, fine) > 0.1 * FD_TOL or not np.all(np.isfinite(fine)):
        return None
    return fine


def structured_direction(rng, x, structure):
    """A unit direction in which x keeps its declared structure (a tangent for orthogonal x)."""
    v = rng.standard_normal(x.shape)
    if "orthogonal" in structure:
        s = rng.standard_normal((x.shape[1], x.shape[1]))
        v = x @ (s - s.T)
    elif "diagonal" in structure:
        v = np.diag(np.diag(v))
    elif "symmetric" in structure or "spd" in structure:
        v = v + v.T
    elif "probability" in structure:
        v = v - v.mean()
    return v / np.linalg.norm(v)


class Case:
    def __init__(self, spec):
        self.spec = spec
        self.failures = []
        self.counts = {}

    def fail(self, text):
        self.failures.append(text)

    def count(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1


def args_for(case, lib, flat_vectors=False):
    out = []
    for p in case.spec["params"]:
        a = np.array(p["value"], dtype=np.float64)
        if p["kind"] == "scalar":
            a = a.reshape(())
        elif p["kind"] == "column" and flat_vectors:
            a = a.reshape(-1)
        out.append(torch.tensor(a, dtype=torch.float64) if lib == "torch" else a)
    return out + case.spec["sizes"] + [stand_in(c, lib) for c in case.spec["callables"]]


def stand_in(c, lib):
    """matcalc's smooth stand-in for a declared function's derivative of order k (UserFunction)."""
    a, b, cc, k = c["a"], c["b"], c["c"], c["order"]
    m = torch if lib == "torch" else np
    return lambda t: a ** k * m.sin(a * t + b + k * np.pi / 2) + 0.5 * cc ** k * m.exp(cc * t)


def check_values(case, module, lib, args, label):
    spec = case.spec
    everything = getattr(module, spec["all"])(*args)
    value = module.f(*args)
    expected = spec["expected"]
    if rel(two_d(value), expected[0], 1e-8) > VALUE_TOL:
        case.fail(f"{label}: f differs from matcalc's value (rel. error {rel(two_d(value), expected[0]):.2e})")
    if rel(two_d(everything[0]), expected[0]) > VALUE_TOL:
        case.fail(f"{label}: {spec['all']}'s value differs from matcalc's")
    for k, d in enumerate(spec["derivatives"]):
        got = everything[1 + k]
        if as_np(got).ndim != (0 if d["scalar"] else 2):
            case.fail(f"{label}: {d['name']} has {as_np(got).ndim} dimensions, expected {0 if d['scalar'] else 2}")
        err = rel(two_d(got), expected[1 + k])
        if err > VALUE_TOL:
            case.fail(f"{label}: {d['name']} differs from matcalc's value (rel. error {err:.2e})")
    case.count(f"{lib} values")
    return everything


def check_numeric(case, module, lib, args, everything):
    """Every derivative against the full Jacobian by central differences of the generated code."""
    spec = case.spec
    conv = (lambda a: torch.tensor(a, dtype=torch.float64)) if lib == "torch" else (lambda a: a)
    for k, d in enumerate(spec["derivatives"]):
        i = d["param"]
        x = as_np(args[i])

        def moved(t, i=i):
            a = list(args)
            a[i] = conv(t)
            return a
        if d["order"] == 1:
            g = lambda t: module.f(*moved(t))
            fshape = shape2(everything[0])
        else:
            first = spec["derivatives"][d["first"]]
            g = lambda t, first=first: natural_first(first["arrangement"], getattr(module, spec["all"])(*moved(t))[1 + d["first"]])
            fshape = shape2(g(x))
        p, q = fshape
        m, n = shape2(x)
        jsym = to_jacobian(d["arrangement"], everything[1 + k], p, q, m, n)
        floor = 1e-6 * max(1.0, float(np.linalg.norm(as_np(g(x)))))
        structure = spec["params"][i]["structure"] if d["order"] == 2 else []
        with np.errstate(all="ignore"):
            if m * n <= 64 and not structure:
                # entry by entry: the full Jacobian
                jnum = numeric_jacobian(g, x)
                pairs = [] if jnum is None else [(jsym, jnum)]
            else:
                # along random directions (that keep the structure: the first derivative was
                # simplified with it, so only there does its derivative have to be the Hessian)
                rng = np.random.default_rng(3)
                pairs = []
                for _ in range(3):
                    v = structured_direction(rng, x, structure) if structure else rng.standard_normal(x.shape) / np.sqrt(x.size)
                    num = directional(g, x, v)
                    if num is not None:
                        pairs.append((jsym @ vec(v), num))
        if not pairs:
            case.count(f"{lib} finite differences unstable (kink or ill-conditioning)")
            continue
        err = max(rel(a, b, floor) for a, b in pairs)
        if err > FD_TOL:
            case.fail(f"{lib}: {d['name']} differs from central differences (rel. error {err:.2e})")
        case.count(f"{lib} finite differences")
        hvp = module._CHECKS[k][5]
        if hvp is not None:
            rng = np.random.default_rng(7)
            v = rng.standard_normal(x.shape)
            product = hvp(*args, conv(v))
            err = rel(vec(product), jsym @ vec(v))
            if err > VALUE_TOL:
                case.fail(f"{lib}: {hvp.__name__} differs from {d['name']} vec(V) (rel. error {err:.2e})")
            case.count(f"{lib} hvp")


def torch_jacobian(t, p, q, m, n):
    """A torch jacobian (shape f.shape + x.shape) as d vec(f) / d vec(x)^T."""
    return as_np(t).reshape(p, q, m, n).transpose(1, 0, 3, 2).reshape(p * q, m * n)


def check_autograd(case, module, args, everything):
    spec = case.spec
    fshape = shape2(everything[0])
    for k, d in enumerate(spec["derivatives"]):
        i = d["param"]
        m, n = shape2(args[i])

        def fn(xx, i=i):
            a = list(args)
            a[i] = xx
            return module.f(*a)
        x = args[i].clone().requires_grad_(True)
        if d["order"] == 1:
            p, q = fshape
            if p == q == 1:
                (g,) = torch.autograd.grad(fn(x), x)
                auto = vec(g).T
                case.count("torch.autograd.grad")
            else:
                auto = torch_jacobian(torch.autograd.functional.jacobian(fn, x), p, q, m, n)
                case.count("torch.autograd.functional.jacobian")
        else:
            first = spec["derivatives"][d["first"]]
            if fshape == (1, 1):
                p, q = m, n
                auto = torch_jacobian(torch.autograd.functional.hessian(fn, x), p, q, m, n)
                case.count("torch.autograd.functional.hessian")
            else:
                def g(xx, i=i, first=first):
                    a = list(args)
                    a[i] = xx
                    r = getattr(module, spec["all"])(*a)[1 + d["first"]]
                    return (r.T if first["arrangement"] == "jacobian_transposed" else r).T.reshape(-1, 1) if r.dim() else r.reshape(1, 1)
                big = torch.autograd.functional.jacobian(g, x)
                p, q = shape2(big)[0], 1
                auto = torch_jacobian(big, p, q, m, n)
                case.count("torch.autograd.functional.jacobian (second)")
        jsym = to_jacobian(d["arrangement"], everything[1 + k], p, q, m, n)
        err = rel(jsym, auto)
        if err > VALUE_TOL:
            case.fail(f"torch: {d['name']} differs from autograd (rel. error {err:.2e})")


def self_check(case, module, label):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = module._self_check()
    if code != 0:
        case.fail(f"{label}: the module's self-check returned {code}: {buf.getvalue().strip()}")
    case.count(f"{label} self-check")


def run(case, lib, path, run_main):
    label = lib
    try:
        py_compile.compile(path, doraise=True)
    except py_compile.PyCompileError as e:
        case.fail(f"{label}: does not compile: {e.msg}")
        return
    source = open(path, encoding="utf-8").read()
    for u in unread_names(source):
        case.fail(f"{label}: {u}")
    if lib == "torch" and uses_numpy(source):
        case.fail("torch: the module uses NumPy")
    module = load(path, f"gen_{lib}_{case.spec['id']}")
    args = args_for(case, lib)
    try:
        everything = check_values(case, module, lib, args, label)
        check_values(case, module, lib, args_for(case, lib, flat_vectors=True), label + " (1-D vectors)")
        check_numeric(case, module, lib, args, everything)
        if lib == "torch":
            check_autograd(case, module, args, everything)
            if torch.cuda.is_available():
                cuda = [a.cuda() for a in args]
                got = getattr(module, case.spec["all"])(*cuda)
                for k, (a, b) in enumerate(zip(got, everything)):
                    if rel(a, b) > 1e-7:
                        case.fail(f"torch on CUDA: output {k} differs from the CPU's")
                case.count("torch on CUDA")
        self_check(case, module, label)
    except Exception as e:  # a generated module that raises is a failure of that case, not of the harness
        case.fail(f"{label}: {type(e).__name__}: {e}")
    if run_main:
        r = subprocess.run([sys.executable, path], capture_output=True, text=True, timeout=120)
        if r.returncode != 0 or "self-check passed" not in r.stdout:
            case.fail(f"{label}: python3 {path} exited {r.returncode}: {r.stdout.strip()} {r.stderr.strip()[-500:]}")
        case.count(f"{label} python3 FILE")


def main():
    manifest = json.load(open(sys.argv[1], encoding="utf-8"))
    results = {}
    t0 = time.time()
    for spec in manifest["cases"]:
        case = Case(spec)
        for lib in ("numpy", "torch"):
            if lib in spec["modules"]:
                run(case, lib, spec["modules"][lib], spec.get("main", False))
        results[spec["id"]] = {"failures": case.failures, "counts": case.counts}
    json.dump({"results": results, "seconds": time.time() - t0, "cuda": torch.cuda.is_available(),
               "numpy": np.__version__, "torch": torch.__version__}, open(sys.argv[2], "w", encoding="utf-8"), indent=1)


if __name__ == "__main__":
    main()
