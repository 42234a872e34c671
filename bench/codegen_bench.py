"""Times matcalc's generated code against autodiff and hand-written NumPy (see bench/run.sh).

Every contender gets the same inputs in one run; each time is the median of at least three calls
after a warm-up call (a call that takes over a minute is timed once, without warm-up). Before timing, every
generated result is compared with PyTorch's autodiff on the same inputs, so the rows compare equal
work. Hessians: generated NumPy / PyTorch (f_grad_hess: the value, the gradient and the Hessian),
torch.autograd.functional.hessian (default, and vectorize=True), and the Jacobian of the gradient
(torch.autograd.functional.jacobian of torch.autograd.grad with create_graph=True); Hessian-vector
products: generated hvp against torch.autograd.functional.hvp. Gradients: generated NumPy / PyTorch
(f_and_grad: value and gradient), hand-written NumPy (value and gradient), torch.autograd.grad.
"""
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
QUICK = "--quick" in sys.argv
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None  # hessians or gradients
THREADS = os.cpu_count()
# Each library with its own default threads, as installed: NumPy's OpenBLAS uses every core; Debian's
# PyTorch starts with one thread here (more with --torch-threads N; on a busy machine its OpenMP
# threads spin, and small operations such as kron then take milliseconds).
if "--torch-threads" in sys.argv:
    torch.set_num_threads(int(sys.argv[sys.argv.index("--torch-threads") + 1]))
torch.set_default_dtype(torch.float64)


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(OUT, name + ".py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def timed(fn, budget=1.0, cap=50, sync=None):
    """Median seconds of fn() over repeated calls (after one warm-up call) and how many calls."""
    def once():
        t = time.perf_counter()
        fn()
        if sync:
            sync()
        return time.perf_counter() - t
    first = once()
    if first > 60:
        return first, 1  # a call past a minute is timed once (its warm-up is the call)
    # three calls at least: a busy machine makes single calls noisy
    reps = max(3, min(cap, int(budget / max(first, 1e-7))))
    return statistics.median(once() for _ in range(reps)), reps


def timed_together(fns, budget=2.0, cap=200):
    """Median seconds of each of fns, called in turn round after round: a change in the machine's
    load hits them alike (sequential blocks of calls would each see a different machine)."""
    for f in fns:
        f()
    first = max(timed(f, budget=0, cap=3)[0] for f in fns)
    rounds = max(5, min(cap, int(budget / max(first * len(fns), 1e-7))))
    times = [[] for _ in fns]
    for _ in range(rounds):
        for i, f in enumerate(fns):
            t = time.perf_counter()
            f()
            times[i].append(time.perf_counter() - t)
    return [statistics.median(ts) for ts in times], rounds


def rel(a, b):
    a = np.asarray(a.detach().cpu() if isinstance(a, torch.Tensor) else a, dtype=float)
    b = np.asarray(b.detach().cpu() if isinstance(b, torch.Tensor) else b, dtype=float)
    return float(np.linalg.norm(a.reshape(-1) - b.reshape(-1)) / max(np.linalg.norm(b), 1e-300))


def t(a, device="cpu"):
    return torch.as_tensor(a, dtype=torch.float64, device=device)


def hvec(h, shape):
    """A torch Hessian (shape x + shape x) as the vec-form matrix (vec stacks columns)."""
    m, n = shape
    return h.reshape(m, n, m, n).permute(1, 0, 3, 2).reshape(m * n, m * n)


rows = []


def row(problem, size, what, seconds, reps, note=""):
    rows.append((problem, size, what, seconds, reps, note))
    print(f"{problem:28s} {size:22s} {what:46s} {seconds * 1e3:12.3f} ms ({reps:2d}) {note}", flush=True)


# ---------------------------------------------------------------- the losses, written by hand

def logistic_torch(X, y):
    return lambda w: torch.nn.functional.softplus(-y * (X @ w)).sum()


def logistic_numpy(X, w, y):
    """Value and gradient as one would write them: softplus and sigmoid by logaddexp (stable)."""
    z = -y * (X @ w)
    s = np.exp(-np.logaddexp(0.0, -z))  # sigmoid(z)
    return np.sum(np.logaddexp(0.0, z)), X.T @ (-y * s)


def quad_torch(A):
    return lambda x: (x.T @ A @ x)[0, 0]


def quad_numpy(A, x):
    ax = A @ x
    return (x.T @ ax)[0, 0], ax + A.T @ x


def logdet_torch():
    return lambda X: torch.linalg.slogdet(X)[1]


def logdet_numpy(X):
    return np.linalg.slogdet(X)[1], np.linalg.inv(X).T


def mlp_torch(W2, x, y):
    return lambda W1: -(y.T @ torch.log_softmax(W2 @ torch.tanh(W1 @ x), 0))[0, 0]


def mlp_numpy(W1, W2, x, y):
    h = np.tanh(W1 @ x)
    z = W2 @ h
    m = np.max(z)
    lse = m + np.log(np.sum(np.exp(z - m)))
    s = np.exp(z - lse)
    loss = -(y.T @ (z - lse))[0, 0]
    dh = W2.T @ (np.sum(y) * s - y)
    return loss, (dh * (1 - h * h)) @ x.T


# ---------------------------------------------------------------- one Hessian problem

def hessian_problem(problem, size, name, np_args, torch_loss, wrt, shape):
    gnp, gtc = load(name + "_numpy"), load(name + "_torch")
    targs = [t(a) for a in np_args]
    x = targs[wrt].clone()
    loss = torch_loss

    # the generated Hessian against autodiff's, before any timing
    auto = hvec(torch.autograd.functional.hessian(loss, x), shape) if np.prod(shape) <= 4000 else None
    hnp = gnp.f_grad_hess(*np_args)[2]
    htc = gtc.f_grad_hess(*targs)[2]
    if auto is not None:
        for label, h in (("numpy", hnp), ("torch", htc)):
            err = rel(h, auto)
            assert err < 1e-8, f"{problem} {size}: generated {label} Hessian differs from autodiff by {err:.1e}"

    s_np, r = timed(lambda: gnp.f_grad_hess(*np_args))
    row(problem, size, "generated NumPy f_grad_hess", s_np, r)
    s_tc, r = timed(lambda: gtc.f_grad_hess(*targs))
    row(problem, size, "generated PyTorch f_grad_hess", s_tc, r)
    s, r = timed(lambda: torch.autograd.functional.hessian(loss, x))
    row(problem, size, "torch.autograd.functional.hessian", s, r, f"= {s / s_np:.1f}x NumPy, {s / s_tc:.1f}x PyTorch")
    s, r = timed(lambda: torch.autograd.functional.hessian(loss, x, vectorize=True))
    row(problem, size, "  ... hessian(vectorize=True)", s, r, f"= {s / s_np:.1f}x NumPy, {s / s_tc:.1f}x PyTorch")

    def jacobian_of_grad():
        g = lambda v: torch.autograd.grad(loss(v), v, create_graph=True)[0]
        return torch.autograd.functional.jacobian(g, x.clone().requires_grad_(True))
    s, r = timed(jacobian_of_grad)
    row(problem, size, "jacobian of torch.autograd.grad", s, r, f"= {s / s_np:.1f}x NumPy, {s / s_tc:.1f}x PyTorch")

    # Hessian-vector products: matrix-free, generated vs autodiff
    v = np.random.default_rng(5).standard_normal(shape)
    hv = getattr(gnp, "hvp_" + gnp._INPUTS[wrt][0])
    hvt = getattr(gtc, "hvp_" + gtc._INPUTS[wrt][0])
    ref = torch.autograd.functional.hvp(loss, x, t(v))[1]
    assert rel(hv(*np_args, v), ref) < 1e-8 and rel(hvt(*targs, t(v)), ref) < 1e-8, problem + ": hvp differs from autodiff"
    s_h, r = timed(lambda: hv(*np_args, v))
    row(problem, size, "generated NumPy hvp", s_h, r)
    s, r = timed(lambda: hvt(*targs, t(v)))
    row(problem, size, "generated PyTorch hvp", s, r)
    s, r = timed(lambda: torch.autograd.functional.hvp(loss, x, t(v)))
    row(problem, size, "torch.autograd.functional.hvp", s, r, f"= {s / s_h:.1f}x NumPy hvp")

    if torch.cuda.is_available():
        cuda = [a.cuda() for a in targs]
        xc = cuda[wrt].clone()
        sync = torch.cuda.synchronize
        s_c, r = timed(lambda: gtc.f_grad_hess(*cuda), sync=sync)
        row(problem, size, "CUDA: generated PyTorch f_grad_hess", s_c, r)
        lc = cuda_loss(problem, cuda, wrt)
        s, r = timed(lambda: torch.autograd.functional.hessian(lc, xc), sync=sync)
        row(problem, size, "CUDA: torch.autograd.functional.hessian", s, r, f"= {s / s_c:.1f}x generated")


def gradient_problem(problem, size, name, np_args, torch_loss, hand, wrt):
    gnp, gtc = load(name + "_numpy"), load(name + "_torch")
    targs = [t(a) for a in np_args]
    x = targs[wrt].clone().requires_grad_(True)
    g_auto = torch.autograd.grad(torch_loss(x), x)[0]
    for label, g in (("numpy", gnp.f_and_grad(*np_args)[1]), ("torch", gtc.f_and_grad(*targs)[1]), ("hand", hand()[1])):
        assert rel(g, g_auto) < 1e-8, f"{problem} {size}: {label} gradient differs from autodiff"
    def autograd():
        v = x.detach().requires_grad_(True)
        f = torch_loss(v)
        return f, torch.autograd.grad(f, v)[0]
    (s_hand, s_np, s_tc, s_ag), r = timed_together([hand, lambda: gnp.f_and_grad(*np_args), lambda: gtc.f_and_grad(*targs), autograd])
    row(problem, size, "hand-written NumPy (value, gradient)", s_hand, r)
    row(problem, size, "generated NumPy f_and_grad", s_np, r, f"= {s_np / s_hand:.2f} x hand-written")
    row(problem, size, "generated PyTorch f_and_grad", s_tc, r)
    row(problem, size, "torch.autograd.grad (value, gradient)", s_ag, r, f"= {s_ag / s_hand:.2f} x hand-written")


def cuda_loss(problem, cuda, wrt):
    if problem.startswith("logistic"):
        return logistic_torch(cuda[0], cuda[2])
    if problem.startswith("x^T A x"):
        return quad_torch(cuda[0])
    if problem.startswith("log det"):
        return logdet_torch()
    return mlp_torch(cuda[1], cuda[2], cuda[3])


def main():
    rng = np.random.default_rng(2026)
    print(f"machine: {platform.processor() or platform.machine()}, {THREADS} cores, load {os.getloadavg()[0]:.1f}; numpy {np.__version__},"
          f" torch {torch.__version__} ({torch.get_num_threads()} threads), CUDA: {torch.cuda.is_available()}")

    def logistic(n):
        m = 2 * n
        X = rng.standard_normal((m, n)) / np.sqrt(n)
        y = np.where(rng.random((m, 1)) < 0.5, -1.0, 1.0)
        w = rng.standard_normal((n, 1))
        return X, w, y

    for n in ([100, 1000] if QUICK else [100, 1000, 3000]) if ONLY != "gradients" else []:
        X, w, y = logistic(n)
        hessian_problem("logistic regression", f"n={n}, X: {2 * n}x{n}", "logistic_hess", [X, w, y],
                        logistic_torch(t(X), t(y)), 1, (n, 1))
    for n in [30, 100, 1000] if ONLY != "gradients" else []:
        A, x = rng.standard_normal((n, n)), rng.standard_normal((n, 1))
        hessian_problem("x^T A x", f"n={n}", "quad_hess", [A, x], quad_torch(t(A)), 1, (n, 1))
    for n in [30, 100] if ONLY != "gradients" else []:
        X = rng.standard_normal((n, n)) + n * np.eye(n) / 2
        hessian_problem("log det X (vec form)", f"n={n}, H: {n * n}x{n * n}", "logdet_hess", [X], logdet_torch(), 0, (n, n))
    for k, h, c in ([(20, 20, 10)] if QUICK else [(20, 20, 10), (50, 50, 10)]) if ONLY != "gradients" else []:
        W1, W2 = rng.standard_normal((h, k)) / np.sqrt(k), rng.standard_normal((c, h)) / np.sqrt(h)
        x = rng.standard_normal((k, 1))
        y = np.zeros((c, 1))
        y[3, 0] = 1.0
        hessian_problem("2-layer MLP by W1", f"W1: {h}x{k}, H: {h * k}x{h * k}", "mlp_hess", [W1, W2, x, y],
                        mlp_torch(t(W2), t(x), t(y)), 0, (h, k))

    for n in ([100, 1000] if QUICK else [100, 1000, 3000]) if ONLY != "hessians" else []:
        X, w, y = logistic(n)
        gradient_problem("logistic regression", f"n={n}, X: {2 * n}x{n}", "logistic_grad", [X, w, y],
                         logistic_torch(t(X), t(y)), lambda: logistic_numpy(X, w, y), 1)
    for n in [100, 1000] if ONLY != "hessians" else []:
        A, x = rng.standard_normal((n, n)), rng.standard_normal((n, 1))
        gradient_problem("x^T A x", f"n={n}", "quad_grad", [A, x], quad_torch(t(A)), lambda: quad_numpy(A, x), 1)
    for n in [30, 100] if ONLY != "hessians" else []:
        X = rng.standard_normal((n, n)) + n * np.eye(n) / 2
        gradient_problem("log det X", f"n={n}", "logdet_grad", [X], logdet_torch(), lambda: logdet_numpy(X), 0)
    for k, h, c in [(20, 20, 10), (200, 200, 10)] if ONLY != "hessians" else []:
        W1, W2 = rng.standard_normal((h, k)) / np.sqrt(k), rng.standard_normal((c, h)) / np.sqrt(h)
        x = rng.standard_normal((k, 1))
        y = np.zeros((c, 1))
        y[3, 0] = 1.0
        gradient_problem("2-layer MLP by W1", f"W1: {h}x{k}", "mlp_grad", [W1, W2, x, y], mlp_torch(t(W2), t(x), t(y)),
                         lambda: mlp_numpy(W1, W2, x, y), 0)
    write()


def write():
    """RESULTS.md: the machine, then one table per section; --only keeps the other section's table."""
    path = os.path.join(os.path.dirname(__file__), "RESULTS.md")
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
    head = ["# Generated code against autodiff (bench/run.sh)", "",
            f"Machine: `nproc` = {os.cpu_count()}; " + "; ".join(l.split(":", 1)[0].strip() + ": " + l.split(":", 1)[1].strip()
                                                         for l in lscpu if l.split(":")[0].strip() in ("Model name", "CPU(s)", "Thread(s) per core", "L2 cache", "L3 cache")),
            f"NumPy {np.__version__} (Debian, OpenBLAS with its default threads), PyTorch {torch.__version__} (Debian, CPU,"
            f" {torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''}), CUDA available: {torch.cuda.is_available()}.", "",
            "Median over the calls counted (after a warm-up call). \"= 12x NumPy\": the row's time over the generated NumPy"
            " code's (f_grad_hess: value, gradient and Hessian together; hvp: the Hessian-vector product); for gradients,"
            " the row's time over the hand-written NumPy's, the four called in turn round after round.", ""]
    sections = {}
    if ONLY and os.path.exists(path):
        text = open(path, encoding="utf-8").read()
        for name in ("hessians", "gradients"):
            m = text.find(f"## {name}\n")
            if m >= 0:
                end = text.find("\n## ", m + 1)
                sections[name] = text[m:end if end >= 0 else len(text)].rstrip("\n") + "\n"
    for name in ("hessians", "gradients"):
        mine = [r for r in rows if (name == "gradients") == r[2].startswith(GRADIENT_ROWS)]
        if not mine:
            continue
        lines = [f"## {name}", "", f"Load average at the end: {os.getloadavg()[0]:.1f}.", "",
                 "| problem | size | contender | median | calls | speed-up |", "|---|---|---|---:|---:|---|"]
        for problem, size, what, seconds, reps, note in mine:
            lines.append(f"| {problem} | {size} | {what.strip()} | {fmt(seconds)} | {reps} | {note} |")
        sections[name] = "\n".join(lines) + "\n"
    text = "\n".join(head) + "\n" + "\n".join(sections[n] for n in ("hessians", "gradients") if n in sections)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("\n" + text)


GRADIENT_ROWS = ("hand-written", "generated NumPy f_and_grad", "generated PyTorch f_and_grad", "torch.autograd.grad")


def fmt(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


if __name__ == "__main__":
    main()
