#!/usr/bin/python3
"""SymPy side of the side-by-side benchmark (bench/peer.sh, bench/PEER.md).

For every case of matcalc.bench.Benchmark.CASES (read from Benchmark.java), the same derivative
written with SymPy's matrix calculus: ``sympy.MatrixSymbol`` with symbolic sizes and ``.diff``.
Each formulation's derivative is checked numerically before it is timed:

* the SymPy function itself is evaluated at a random instance (sizes n=3, m=4, k=2, h=5) and must
  equal an independent NumPy implementation of matcalc's expression (so the formulation is the
  same function);
* SymPy's derivative, evaluated there, must equal central finite differences of the NumPy function
  (second differences for the Hessian), relative error below 1e-5.

SymPy's layout: the derivative of F (p x q) by X (r x s) holds dF[k,l]/dX[i,j] at [i,j,k,l]
(a gradient has the shape of X; a vector by a vector is the "denominator" Jacobian, n x m). A
result arranged the other way round (F's indices first, "numerator" layout) is accepted too and
said so; any other arrangement, e.g. a gradient transposed, is wrong.

A case may list several formulations: the first is the direct transliteration of matcalc's
expression; the others are what a SymPy user might try next when it fails (the trace instead of a
1 x 1 matrix, x**(1/2) for sqrt, a MatrixSymbol o standing for the ones vector, which sidesteps
SymPy 1.11's infinite recursion on OneMatrix). The first formulation that is right is timed; the
status says which one it was. A case none of whose formulations is right is reported with the
first formulation's outcome (wrong / unsupported / error) and not timed.

Timing: ``--warmup`` untimed calls, then ``--iterations`` timed calls of ``diff`` on the built
expression, each after ``sympy.core.cache.clear_cache()``, by ``time.thread_time_ns()`` (thread
CPU time, like matcalc's ``Benchmark --cpu``). Building the expression (SymPy's analogue of
parsing) is timed separately (build+diff) but not part of the reported median.

    /usr/bin/python3 bench/sympy_peer.py [--warmup 5] [--iterations 21] [--filter TEXT] [--tsv FILE]
    /usr/bin/python3 bench/sympy_peer.py --join MATCALC_OUTPUT SYMPY_TSV   # the Markdown table
    /usr/bin/python3 bench/sympy_peer.py --selftest   # the checker must reject wrong derivatives

Needs SymPy 1.11 and NumPy (Debian's python3-sympy, python3-numpy: /usr/bin/python3).
"""
import argparse
import os
import re
import signal
import statistics
import sys
import time
import traceback

import numpy as np
import sympy as sp
from sympy import (Abs, DiagMatrix, HadamardProduct, Identity, Lambda, MatrixSymbol, Max, OneMatrix, cos,
                   det, exp, log, sin, sqrt, tanh, trace)
from sympy.core.cache import clear_cache

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARK_JAVA = os.path.join(HERE, "..", "src", "main", "java", "matcalc", "bench", "Benchmark.java")

# ---------------------------------------------------------------------------------------------
# Benchmark.java's cases


def read_java_cases(path=BENCHMARK_JAVA):
    """[(name, expression, wrt, modifiers)] in the order of Benchmark.CASES."""
    src = open(path, encoding="utf-8").read()
    start = src.index("CASES = List.of(")
    end = src.index("\n    );", start)
    block = src[start:end]
    pat = re.compile(r'\bc\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*(?:[A-Z_]+|"[^"]*")\s*\)((?:\.\w+\([^)]*\))*)')
    cases = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in pat.finditer(block)]
    if len(cases) != block.count(' c("'):
        sys.exit("sympy_peer: could not parse every case of %s (%d of %d)" % (path, len(cases), block.count(' c("')))
    return cases


# ---------------------------------------------------------------------------------------------
# SymPy symbols (symbolic sizes) and the sizes of the numeric instance

n, m, k, h = sp.symbols("n m k h", integer=True, positive=True)
SIZES = {n: 3, m: 4, k: 2, h: 5}
_u = sp.Dummy("u")
SIG = Lambda(_u, 1 / (1 + exp(-_u)))
RELU = Lambda(_u, Max(_u, 0))
SQUARE = Lambda(_u, _u ** 2)
LOG = Lambda(_u, log(_u))


def M(name, rows, cols=1):
    return MatrixSymbol(name, rows, cols)


def ones_row(size):
    return OneMatrix(1, size)


class Cand:
    """One SymPy formulation: build() -> the function; diff(F) -> its derivative (default F.diff(wrt));
    value(F) -> the expression compared with the NumPy function (default F)."""

    def __init__(self, label, build, wrt, diff=None, value=None, order=1):
        self.label, self.build, self.wrt, self.order = label, build, wrt, order
        self._diff, self._value = diff, value

    def diff(self, F):
        if self._diff is not None:
            return self._diff(F)
        r = F
        for _ in range(self.order):
            r = r.diff(self.wrt)
        return r

    def value(self, F):
        return F if self._value is None else self._value(F)


# NumPy helpers (arrays are 2-D: a vector is n x 1, a scalar 1 x 1)
def nsig(z):
    return 1 / (1 + np.exp(-z))


def nsoftmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def s11(v):
    return np.array([[float(np.asarray(v).reshape(-1)[0])]])


# ---------------------------------------------------------------------------------------------
# The cases: matcalc's expression (checked against Benchmark.java), the NumPy function, the
# formulations, the variable and the instance's special values.

CASES = {}


def case(name, expression, wrt, f_np, cands, order=1, special=None, sizes=None, note=""):
    CASES[name] = dict(expression=expression, wrt=wrt, f=f_np, cands=cands, order=order, special=special or {},
                       sizes=sizes or SIZES, note=note)


def _define():
    x, y, a, w, mu = (M(s, n) for s in ("x", "y", "a", "w", "mu"))
    A, B, X = (M(s, n, n) for s in ("A", "B", "X"))
    S = M("S", n, n)
    o = M("o", n)  # a MatrixSymbol standing for the ones vector (workaround), set to ones numerically
    ONES = {"o": lambda r: np.ones((3, 1))}
    Amn, bm = M("A", m, n), M("b", m)
    Xmn, ym, om = M("X", m, n), M("y", m), M("o", m)
    lam = sp.Symbol("lambda")
    W = M("W", k, n)
    ok_ = M("o", k)
    W1, b1, W2, b2, yk = M("W1", h, n), M("b1", h), M("W2", k, h), M("b2", k), M("y", k)
    SPD = {"S": lambda r: (lambda q: q @ q.T + 3 * np.eye(3))(r.normal(size=(3, 3)))}
    WELL = {"X": lambda r: 2 * np.eye(3) + 0.5 * r.normal(size=(3, 3))}
    SYM = {"A": lambda r: (lambda q: q + q.T)(r.normal(size=(3, 3)))}

    def quad_np(v):
        return v["x"].T @ v["A"] @ v["x"]

    # --- linear and quadratic forms
    case("dot", "a^T x", "x", lambda v: v["a"].T @ v["x"], [Cand("a.T*x", lambda: a.T * x, x)])
    case("dot-reversed", "x^T a", "x", lambda v: v["x"].T @ v["a"], [Cand("x.T*a", lambda: x.T * a, x)])
    case("dot-denominator", "a^T x", "x", lambda v: v["a"].T @ v["x"], [Cand("a.T*x", lambda: a.T * x, x)],
         note="SymPy has one layout: the same computation as dot")
    case("linear-map", "A x", "x", lambda v: v["A"] @ v["x"], [Cand("A*x", lambda: Amn * x, x)])
    case("quadratic", "x^T A x", "x", quad_np, [Cand("x.T*A*x", lambda: x.T * A * x, x)])
    case("quadratic-symmetric", "x^T A x", "x", quad_np, [Cand("x.T*A*x", lambda: x.T * A * x, x)], special=SYM,
         note="a MatrixSymbol cannot be declared symmetric; checked at a symmetric A")
    case("quadratic-wrt-A", "x^T A x", "A", quad_np, [Cand("x.T*A*x", lambda: x.T * A * x, A)])
    case("bilinear", "x^T A y", "A", lambda v: v["x"].T @ v["A"] @ v["y"], [Cand("x.T*A*y", lambda: x.T * A * y, A)])
    case("quadratic-hessian", "x^T A x", "x", quad_np, [Cand("x.T*A*x, diff twice", lambda: x.T * A * x, x, order=2)],
         order=2)

    def hess_inside_np(v):
        # y^T H y with H the Hessian of x^T A x by second central differences (independent of the answer)
        H = fd_jacobian(lambda vv: fd_jacobian(quad_np, vv, "x", 1e-4).reshape(-1, 1), v, "x", 1e-4)
        return v["y"].T @ H @ v["y"]

    case("hessian-inside", "y^T hessian(x^T A x, x) y", "y", hess_inside_np,
         [Cand("y.T*(x.T*A*x).diff(x).diff(x)*y", lambda: x.T * A * x, y,
               diff=lambda q: (y.T * q.diff(x).diff(x) * y).diff(y),
               value=lambda q: y.T * q.diff(x).diff(x) * y)],
         note="the inner Hessian is computed within the timed call")

    # --- traces
    case("trace-linear", "tr(A X)", "X", lambda v: np.trace(v["A"] @ v["X"]), [Cand("trace(A*X)", lambda: trace(A * X), X)])
    case("trace-quadratic", "tr(X^T A X)", "X", lambda v: np.trace(v["X"].T @ v["A"] @ v["X"]),
         [Cand("trace(X.T*A*X)", lambda: trace(X.T * A * X), X)])
    case("trace-four", "tr(X A X^T B)", "X", lambda v: np.trace(v["X"] @ v["A"] @ v["X"].T @ v["B"]),
         [Cand("trace(X*A*X.T*B)", lambda: trace(X * A * X.T * B), X)])
    case("trace-cube", "tr(X^3)", "X", lambda v: np.trace(np.linalg.matrix_power(v["X"], 3)),
         [Cand("trace(X**3)", lambda: trace(X ** 3), X)])
    case("trace-inverse", "tr(X^{-1})", "X", lambda v: np.trace(np.linalg.inv(v["X"])),
         [Cand("trace(X.I)", lambda: trace(X.I), X)], special=WELL)
    case("trace-A-inv-B", "tr(A X^{-1} B)", "X", lambda v: np.trace(v["A"] @ np.linalg.inv(v["X"]) @ v["B"]),
         [Cand("trace(A*X.I*B)", lambda: trace(A * X.I * B), X)], special=WELL)
    case("trace-S-inv-A", "tr(S^{-1} A)", "S", lambda v: np.trace(np.linalg.inv(v["S"]) @ v["A"]),
         [Cand("trace(S.I*A)", lambda: trace(S.I * A), S)], special=SPD,
         note="S not declared SPD (no such MatrixSymbol assumption); checked at an SPD S")

    # --- determinants
    case("logdet", "log(det(X))", "X", lambda v: np.log(np.linalg.det(v["X"])),
         [Cand("log(det(X))", lambda: log(det(X)), X)], special=WELL)
    case("det", "det(X)", "X", lambda v: np.linalg.det(v["X"]), [Cand("det(X)", lambda: det(X), X)], special=WELL)
    case("det-product", "det(A X B)", "X", lambda v: np.linalg.det(v["A"] @ v["X"] @ v["B"]),
         [Cand("det(A*X*B)", lambda: det(A * X * B), X)], special=WELL)

    # --- matrix-valued functions
    case("kron-AXB", "A X B", "X", lambda v: v["A"] @ v["X"] @ v["B"], [Cand("A*X*B", lambda: A * X * B, X)])
    case("kron-AXB-rows", "A X B", "X", lambda v: v["A"] @ v["X"] @ v["B"], [Cand("A*X*B", lambda: A * X * B, X)],
         note="SymPy has no vec order: the same computation as kron-AXB")
    case("inverse", "inv(X)", "X", lambda v: np.linalg.inv(v["X"]), [Cand("X.I", lambda: X.I, X)], special=WELL)
    case("square", "X^2", "X", lambda v: v["X"] @ v["X"], [Cand("X**2", lambda: X ** 2, X)])
    case("transpose-product", "X^T A X", "X", lambda v: v["X"].T @ v["A"] @ v["X"], [Cand("X.T*A*X", lambda: X.T * A * X, X)])

    # --- norms and least squares
    def nrm2(v):
        return v["x"].T @ v["x"]

    case("norm-squared", "norm2(x)^2", "x", nrm2, [Cand("x.T*x", lambda: x.T * x, x)])
    case("norm", "norm2(x)", "x", lambda v: np.sqrt(nrm2(v)),
         [Cand("sqrt(x.T*x)", lambda: sqrt(x.T * x), x), Cand("(x.T*x)**(1/2)", lambda: (x.T * x) ** sp.S.Half, x)])
    case("norm1", "norm1(x)", "x", lambda v: np.abs(v["x"]).sum(),
         [Cand("OneMatrix(1,n)*x.applyfunc(Abs)", lambda: ones_row(n) * x.applyfunc(Abs), x),
          Cand("o.T*x.applyfunc(Abs), o = ones", lambda: o.T * x.applyfunc(Abs), x)], special=ONES)
    case("frobenius", "norm2(X)^2", "X", lambda v: (v["X"] ** 2).sum(), [Cand("trace(X.T*X)", lambda: trace(X.T * X), X)])

    def ls_np(v):
        r = v["A"] @ v["x"] - v["b"]
        return r.T @ r

    r_ls = lambda: (Amn * x - bm).T * (Amn * x - bm)
    case("least-squares", "norm2(A x - b)^2", "x", ls_np, [Cand("(A*x-b).T*(A*x-b)", r_ls, x)])
    case("residual-norm", "norm2(A x - b)", "x", lambda v: np.sqrt(ls_np(v)),
         [Cand("sqrt((A*x-b).T*(A*x-b))", lambda: sqrt(r_ls()), x),
          Cand("((A*x-b).T*(A*x-b))**(1/2)", lambda: r_ls() ** sp.S.Half, x)])

    def ridge_np(v):
        r = v["X"] @ v["w"] - v["y"]
        return r.T @ r + v["lambda"] * v["w"].T @ v["w"]

    case("ridge", "norm2(X w - y)^2 + lambda norm2(w)^2", "w", ridge_np,
         [Cand("(X*w-y).T*(X*w-y) + lambda*w.T*w", lambda: (Xmn * w - ym).T * (Xmn * w - ym) + lam * w.T * w, w)])
    case("rayleigh", "x^T A x / (x^T x)", "x", lambda v: quad_np(v) / nrm2(v),
         [Cand("(x.T*A*x)/(x.T*x)", lambda: (x.T * A * x) / (x.T * x), x),
          Cand("trace(x.T*A*x)/trace(x.T*x)", lambda: trace(x.T * A * x) / trace(x.T * x), x),
          Cand("(x.T*A*x)*(x.T*x)**-1", lambda: (x.T * A * x) * (x.T * x) ** -1, x)])

    # --- statistics
    def maha_np(v):
        d = v["x"] - v["mu"]
        return d.T @ np.linalg.inv(v["S"]) @ d

    case("mahalanobis", "(x - mu)^T inv(S) (x - mu)", "mu", maha_np,
         [Cand("(x-mu).T*S.I*(x-mu)", lambda: (x - mu).T * S.I * (x - mu), mu)], special=SPD)
    case("gaussian-nll", "logdet(S) + (x - mu)^T S^{-1} (x - mu)", "S",
         lambda v: np.log(np.linalg.det(v["S"])) + maha_np(v),
         [Cand("log(det(S)) + (x-mu).T*S.I*(x-mu)", lambda: log(det(S)) + (x - mu).T * S.I * (x - mu), S),
          Cand("log(det(S)) + trace((x-mu).T*S.I*(x-mu))", lambda: log(det(S)) + trace((x - mu).T * S.I * (x - mu)), S)],
         special=SPD)

    def gk_np(v):
        d = v["x"] - v["y"]
        return np.exp(-(d.T @ d) / 2)

    case("gaussian-kernel", "exp(-(x - y)^T (x - y) / 2)", "x", gk_np,
         [Cand("exp(-(x-y).T*(x-y)/2)", lambda: exp(-(x - y).T * (x - y) / 2), x),
          Cand("exp(-trace((x-y).T*(x-y))/2)", lambda: exp(-trace((x - y).T * (x - y)) / 2), x),
          Cand("(-(x-y).T*(x-y)/2).applyfunc(exp)", lambda: (-(x - y).T * (x - y) / 2).applyfunc(exp), x)])
    bs, ts = sp.symbols("b t")
    case("laplace-nll", "log(2 b) + abs(t - w^T x) / b", "w",
         lambda v: np.log(2 * v["b"]) + np.abs(v["t"] - v["w"].T @ v["x"]) / v["b"],
         [Cand("log(2*b) + Abs(t - trace(w.T*x))/b", lambda: log(2 * bs) + Abs(ts - trace(w.T * x)) / bs, w),
          Cand("log(2*b) + Abs(t - (w.T*x)[0,0])/b", lambda: log(2 * bs) + Abs(ts - (w.T * x)[0, 0]) / bs, w)],
         special={"b": lambda r: 1.3, "t": lambda r: 0.7})

    # --- element-wise functions
    case("sum-exp", "sum(exp(x))", "x", lambda v: np.exp(v["x"]).sum(),
         [Cand("OneMatrix(1,n)*x.applyfunc(exp)", lambda: ones_row(n) * x.applyfunc(exp), x),
          Cand("o.T*x.applyfunc(exp), o = ones", lambda: o.T * x.applyfunc(exp), x)], special=ONES)
    case("logsumexp", "log(sum(exp(x)))", "x", lambda v: np.log(np.exp(v["x"]).sum()),
         [Cand("log(trace(OneMatrix(1,n)*x.applyfunc(exp)))", lambda: log(trace(ones_row(n) * x.applyfunc(exp))), x),
          Cand("log(trace(o.T*x.applyfunc(exp))), o = ones", lambda: log(trace(o.T * x.applyfunc(exp))), x)],
         special=ONES)
    case("sin-cos", "sum(sin(x) .* cos(x))", "x", lambda v: (np.sin(v["x"]) * np.cos(v["x"])).sum(),
         [Cand("OneMatrix(1,n)*HadamardProduct(sin(x), cos(x))",
               lambda: ones_row(n) * HadamardProduct(x.applyfunc(sin), x.applyfunc(cos)), x),
          Cand("o.T*HadamardProduct(sin(x), cos(x)), o = ones",
               lambda: o.T * HadamardProduct(x.applyfunc(sin), x.applyfunc(cos)), x)], special=ONES)
    case("hadamard", "x .* y", "x", lambda v: v["x"] * v["y"], [Cand("HadamardProduct(x, y)", lambda: HadamardProduct(x, y), x)])
    case("sqrt-norm", "sqrt(x^T x)", "x", lambda v: np.sqrt(nrm2(v)),
         [Cand("sqrt(x.T*x)", lambda: sqrt(x.T * x), x), Cand("(x.T*x)**(1/2)", lambda: (x.T * x) ** sp.S.Half, x)])
    case("relu-max", "max(x, 0)", "x", lambda v: np.maximum(v["x"], 0),
         [Cand("x.applyfunc(Max(u, 0))", lambda: x.applyfunc(RELU), x)])
    case("diag-trace", "tr(diag(x) A)", "x", lambda v: np.trace(np.diag(v["x"][:, 0]) @ v["A"]),
         [Cand("trace(DiagMatrix(x)*A)", lambda: trace(DiagMatrix(x) * A), x)])

    # --- softmax, logistic regression, networks
    def softmax_of(z, size, ones=None):
        e = z.applyfunc(exp)
        return e / trace((ones_row(size) if ones is None else ones.T) * e)

    sm_np = lambda z: nsoftmax(z)
    case("softmax", "softmax(x)", "x", lambda v: sm_np(v["x"]),
         [Cand("exp(x)/(OneMatrix(1,n)*exp(x))", lambda: x.applyfunc(exp) / (ones_row(n) * x.applyfunc(exp)), x),
          Cand("exp(x)/trace(OneMatrix(1,n)*exp(x))", lambda: softmax_of(x, n), x),
          Cand("exp(x)/trace(o.T*exp(x)), o = ones", lambda: softmax_of(x, n, o), x)], special=ONES)
    ONESK = {"o": lambda r: np.ones((2, 1))}
    case("softmax-linear", "softmax(W x)", "x", lambda v: sm_np(v["W"] @ v["x"]),
         [Cand("exp(W*x)/(OneMatrix(1,k)*exp(W*x))", lambda: (W * x).applyfunc(exp) / (ones_row(k) * (W * x).applyfunc(exp)), x),
          Cand("exp(W*x)/trace(OneMatrix(1,k)*exp(W*x))", lambda: softmax_of(W * x, k), x),
          Cand("exp(W*x)/trace(o.T*exp(W*x)), o = ones", lambda: softmax_of(W * x, k, ok_), x)], special=ONESK)
    case("softmax-wrt-W", "softmax(W x)", "W", lambda v: sm_np(v["W"] @ v["x"]),
         [Cand("exp(W*x)/(OneMatrix(1,k)*exp(W*x))", lambda: (W * x).applyfunc(exp) / (ones_row(k) * (W * x).applyfunc(exp)), W),
          Cand("exp(W*x)/trace(OneMatrix(1,k)*exp(W*x))", lambda: softmax_of(W * x, k), W),
          Cand("exp(W*x)/trace(o.T*exp(W*x)), o = ones", lambda: softmax_of(W * x, k, ok_), W)], special=ONESK)
    case("logistic", "sigmoid(w^T x)", "w", lambda v: nsig(v["w"].T @ v["x"]),
         [Cand("1/(1+exp(-trace(w.T*x)))", lambda: 1 / (1 + exp(-trace(w.T * x))), w),
          Cand("(w.T*x).applyfunc(sigmoid)", lambda: (w.T * x).applyfunc(SIG), w)])

    def logloss_np(v):
        p = nsig(v["X"] @ v["w"])
        return -v["y"].T @ np.log(p) - (1 - v["y"]).T @ np.log(1 - p)

    def logloss(ones):
        p = (Xmn * w).applyfunc(SIG)
        return -ym.T * p.applyfunc(LOG) - (ones - ym).T * (ones - p).applyfunc(LOG)

    case("logistic-loss", "-y^T log(sigmoid(X w)) - (1 - y)^T log(1 - sigmoid(X w))", "w", logloss_np,
         [Cand("-y.T*log(sigmoid(X*w)) - (OneMatrix(m,1)-y).T*log(1-sigmoid(X*w))", lambda: logloss(OneMatrix(m, 1)), w),
          Cand("the same with o = ones", lambda: logloss(om), w)],
         special={"y": lambda r: r.uniform(0.1, 0.9, size=(4, 1)), "o": lambda r: np.ones((4, 1))})
    case("relu-layer", "relu(W1 x + b1)", "W1", lambda v: np.maximum(v["W1"] @ v["x"] + v["b1"], 0),
         [Cand("(W1*x+b1).applyfunc(Max(u, 0))", lambda: (W1 * x + b1).applyfunc(RELU), W1)])
    case("tanh-layer", "tanh(W1 x)", "x", lambda v: np.tanh(v["W1"] @ v["x"]),
         [Cand("(W1*x).applyfunc(tanh)", lambda: (W1 * x).applyfunc(tanh), x)])

    def mlp_se_np(v):
        r = v["W2"] @ np.maximum(v["W1"] @ v["x"] + v["b1"], 0) + v["b2"] - v["y"]
        return (r ** 2).sum()

    mlp_r = lambda: W2 * (W1 * x + b1).applyfunc(RELU) + b2 - yk
    case("mlp-squared-error", "sum((W2 relu(W1 x + b1) + b2 - y).^2)", "W1", mlp_se_np,
         [Cand("OneMatrix(1,k)*r.applyfunc(u**2)", lambda: ones_row(k) * mlp_r().applyfunc(SQUARE), W1),
          Cand("r.T*r", lambda: mlp_r().T * mlp_r(), W1),
          Cand("o.T*r.applyfunc(u**2), o = ones", lambda: ok_.T * mlp_r().applyfunc(SQUARE), W1)], special=ONESK)

    def mlp_ce_np(v):
        z = v["W2"] @ np.tanh(v["W1"] @ v["x"] + v["b1"]) + v["b2"]
        return -v["y"].T @ np.log(nsoftmax(z))

    mlp_z = lambda: W2 * (W1 * x + b1).applyfunc(tanh) + b2
    case("mlp-cross-entropy", "-y^T log(softmax(W2 tanh(W1 x + b1) + b2))", "W1", mlp_ce_np,
         [Cand("-y.T*log(softmax(z)), softmax with OneMatrix", lambda: -yk.T * softmax_of(mlp_z(), k).applyfunc(LOG), W1),
          Cand("-y.T*log(softmax(z)), o = ones", lambda: -yk.T * softmax_of(mlp_z(), k, ok_).applyfunc(LOG), W1)],
         special=ONESK)
    case("mlp-sigmoid-jacobian", "W2 sigmoid(W1 x + b1)", "x", lambda v: v["W2"] @ nsig(v["W1"] @ v["x"] + v["b1"]),
         [Cand("W2*(W1*x+b1).applyfunc(sigmoid)", lambda: W2 * (W1 * x + b1).applyfunc(SIG), x)])

    # seed: concrete sizes, as in the case's declarations
    xs, W1s, W21, W22 = M("x", 4), M("W1", 2, 4), M("W21", 3, 2), M("W22", 3, 2)
    os3, e2 = M("o", 3), M("e2", 3)

    def seed_np(v):
        r1 = np.maximum(v["W1"] @ v["x"], 0)
        u, q = np.maximum(v["W21"] @ r1, 0), nsig(v["W22"] @ r1)
        return -np.log(nsoftmax(np.maximum(u, q))[1, 0])

    def seed(ones, pick):
        r1 = (W1s * xs).applyfunc(RELU)
        u, q = (W21 * r1).applyfunc(RELU), (W22 * r1).applyfunc(SIG)
        mx = (u + q) / 2 + (u - q).applyfunc(Abs) / 2  # element-wise max(u, q): SymPy has none for matrices
        ex = mx.applyfunc(exp)
        s = ex / trace(ones.T * ex)
        return pick(s)

    case("seed-part2-network", "-log(softmax(max(relu(W21 relu(W1 x)), sigmoid(W22 relu(W1 x))))[2])", "W1", seed_np,
         [Cand("-log(softmax(max(u,q))[1,0]), max = (u+q)/2+|u-q|/2, OneMatrix",
               lambda: seed(OneMatrix(3, 1), lambda s: -log(s[1, 0])), W1s),
          Cand("the same, -log(trace(e2.T*s)), o = ones", lambda: seed(os3, lambda s: -log(trace(e2.T * s))), W1s)],
         special={"o": lambda r: np.ones((3, 1)), "e2": lambda r: np.array([[0.0], [1.0], [0.0]])},
         sizes={}, note="concrete sizes (the case's own); element-wise max written as (u+q)/2+|u-q|/2")


# ---------------------------------------------------------------------------------------------
# Numeric instance, evaluation of SymPy results, finite differences


def shapes_of(expr, sizes):
    out = {}
    for s in expr.atoms(MatrixSymbol):
        out[s.name] = tuple(int(sp.sympify(d).subs(sizes)) for d in s.shape)
    for s in expr.atoms(sp.Symbol):
        if not isinstance(s, sp.Dummy) and s not in sizes and s.name not in out:
            out[s.name] = ()
    return out


def instance(shapes, special, seed):
    r = np.random.default_rng(seed)
    v = {}
    for name in sorted(shapes):
        if name in special:
            v[name] = special[name](r)
        elif shapes[name] == ():
            v[name] = float(r.uniform(0.5, 1.5))
        else:
            v[name] = r.normal(size=shapes[name])
    return v


def numeric(expr, vals, sizes):
    """The value of a SymPy (matrix or array) expression at the instance, as a float array."""
    e = expr.subs(sizes) if sizes else expr
    rep = {}
    for s in e.atoms(MatrixSymbol):
        rep[s] = sp.ImmutableMatrix(np.asarray(vals[s.name], dtype=float).tolist())
    for s in e.atoms(sp.Symbol):
        if s.name in vals and not isinstance(s, sp.Dummy):
            rep[s] = sp.Float(vals[s.name])
    e = e.xreplace(rep)
    # Constants of concrete size as explicit matrices (doit leaves OneMatrix(1, 3)*Matrix(...) alone)
    e = e.replace(lambda t: isinstance(t, (OneMatrix, Identity, sp.ZeroMatrix)) and t.shape[0].is_Integer
                  and t.shape[1].is_Integer, lambda t: sp.ImmutableMatrix(t.as_explicit()))
    for _ in range(4):
        e = e.doit()
        # nor does it expand DiagMatrix(f.(v)) of an explicit v
        e2 = e.replace(lambda t: isinstance(t, DiagMatrix) and isinstance(t.args[0].doit(), sp.MatrixBase),
                       lambda t: sp.ImmutableMatrix(sp.diag(*list(t.args[0].doit()))))
        if e2 == e:
            break
        e = e2
    if hasattr(e, "as_explicit") and not isinstance(e, (sp.MatrixBase, sp.NDimArray)):
        e = e.as_explicit()
    if isinstance(e, sp.NDimArray):
        flat = list(sp.flatten(e.tolist())) if e.rank() > 0 else [e[()]]
        shape = e.shape
    elif isinstance(e, sp.MatrixBase):
        flat, shape = list(e), e.shape
    else:
        flat, shape = [e], ()
    arr = np.array([complex(sp.N(t)) for t in flat])
    if np.abs(arr.imag).max(initial=0) > 1e-12:
        raise ValueError("complex value")
    return arr.real.reshape(shape)


def fd_jacobian(f, vals, wrt, step=1e-6):
    """J[i, j] = d F.flat[j] / d X.flat[i] by central differences (C order)."""
    X0 = np.asarray(vals[wrt], dtype=float)
    cols = []
    for i in range(X0.size):
        hi = step * max(1.0, abs(X0.flat[i]))
        vp, vm = dict(vals), dict(vals)
        Xp, Xm = X0.copy(), X0.copy()
        Xp.flat[i] += hi
        Xm.flat[i] -= hi
        vp[wrt], vm[wrt] = Xp, Xm
        cols.append((np.asarray(f(vp), dtype=float).reshape(-1) - np.asarray(f(vm), dtype=float).reshape(-1)) / (2 * hi))
    return np.array(cols)


def is_zero(expr):
    return isinstance(expr, sp.ZeroMatrix) or expr == 0 or (
        isinstance(expr, (sp.MatrixBase, sp.NDimArray)) and all(t == 0 for t in sp.flatten(expr)))


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def check_at(spec, F, D, cand, vals, sizes):
    """(status, reason, layout, error) at one instance; raises if SymPy's result cannot be evaluated."""
    fv = numeric(cand.value(F), vals, sizes).reshape(-1)
    fn = np.asarray(spec["f"](vals), dtype=float).reshape(-1)
    if fv.shape != fn.shape or not np.allclose(fv, fn, rtol=1e-9, atol=1e-9):
        return "error", "formulation differs from the NumPy function (benchmark bug)", "", 0
    if spec["order"] == 2:
        J = fd_jacobian(lambda vv: fd_jacobian(spec["f"], vv, spec["wrt"], 1e-4).reshape(-1), vals, spec["wrt"], 1e-4)
    else:
        J = fd_jacobian(spec["f"], vals, spec["wrt"])
    R = numeric(D, vals, sizes).reshape(-1)
    scale = max(1e-8, np.abs(J).max())
    if R.size != J.size:
        return "wrong", "%s%d entries, expected %d" % ("silent 0, " if is_zero(D) else "", R.size, J.size), "", 0
    err = np.abs(R - J.reshape(-1)).max() / scale
    if err < 1e-5:
        return "right", "max rel. error %.1e" % err, "sympy", err
    err_t = np.abs(R - J.T.reshape(-1)).max() / scale
    if err_t < 1e-5:
        return "right", "max rel. error %.1e, numerator layout" % err_t, "numerator", err_t
    return "wrong", ("silent 0" if is_zero(D) else "rel. error %.2g: %s" % (min(err, err_t), short(D))), "", 0


def check(spec, cand, seeds=(7, 8), limit=120):
    """(status, reason, layout) of one formulation; status in right / wrong / unsupported / error."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    stage = "SymPy"
    clear_cache()  # SymPy's failures can depend on what its cache holds from earlier cases
    try:
        F = cand.build()
        D = cand.diff(F)
        stage = "evaluation of SymPy's result"
        if D.has(sp.Derivative) or type(D).__name__ in ("ArrayDerivative", "Derivative"):
            return "unsupported", "unevaluated: " + short(D), ""
        sizes = spec["sizes"]
        worst = None
        for seed in seeds:
            vals = instance(shapes_of(F, sizes) | shapes_of(cand.value(F), sizes) | shapes_of(D, sizes), spec["special"], seed)
            verdict = check_at(spec, F, D, cand, vals, sizes)
            if verdict[0] != "right":
                return verdict[:3]
            worst = verdict if worst is None or verdict[3] > worst[3] else worst
        return worst[:3]
    except Timeout:
        return "error", "no answer in %d s (%s)" % (limit, stage), ""
    except RecursionError:
        return "error", "RecursionError (maximum recursion depth)" + ("" if stage == "SymPy" else " in " + stage), ""
    except Exception as ex:  # noqa: BLE001 - any failure of SymPy is the result
        if os.environ.get("PEER_DEBUG"):
            traceback.print_exc()
        if stage != "SymPy":  # our evaluator failed, not SymPy: not counted as SymPy's error, not timed
            return "unverified", "%s in %s: %s" % (type(ex).__name__, stage, short(str(ex))), ""
        return "error", "%s: %s" % (type(ex).__name__, short(str(ex))), ""
    finally:
        signal.alarm(0)


def short(x, n=70):
    s = " ".join(str(x).split())
    return s if len(s) <= n else s[: n - 3] + "..."


def selftest():
    """The checker must reject wrong derivatives and accept right ones written by hand."""
    A, X, B = (M(s, n, n) for s in "AXB")
    x = M("x", n)
    trials = [
        ("trace-linear", Cand("A (should be A.T)", lambda: trace(A * X), X, diff=lambda F: A), "wrong"),
        ("trace-linear", Cand("A.T", lambda: trace(A * X), X, diff=lambda F: A.T), "right"),
        ("quadratic", Cand("2*A*x", lambda: x.T * A * x, x, diff=lambda F: 2 * A * x), "wrong"),
        ("logdet", Cand("X.I (should be X.I.T)", lambda: log(det(X)), X, diff=lambda F: X.I), "wrong"),
        ("logdet", Cand("X.I.T", lambda: log(det(X)), X, diff=lambda F: X.I.T), "right"),
        ("kron-AXB", Cand("d(A*X*B.T)", lambda: A * X * B, X, diff=lambda F: (A * X * B.T).diff(X)), "wrong"),
        ("kron-AXB", Cand("d(B*X*A) (factors swapped)", lambda: A * X * B, X, diff=lambda F: (B * X * A).diff(X)), "wrong"),
        ("quadratic-hessian", Cand("A", lambda: x.T * A * x, x, diff=lambda F: A, order=2), "wrong"),
    ]
    bad = 0
    for name, cand, expected in trials:
        status, reason, _ = check(CASES[name], cand)
        ok = status == expected
        bad += not ok
        print("%-5s %-18s %-28s -> %s (%s)" % ("ok" if ok else "FAIL", name, cand.label, status, reason))
    sys.exit(1 if bad else 0)


def time_cand(cand, warmup, iterations):
    F = cand.build()
    for _ in range(warmup):
        cand.diff(F)
    diff_t, total_t = [], []
    for _ in range(iterations):
        F = cand.build()
        clear_cache()
        t0 = time.thread_time_ns()
        cand.diff(F)
        diff_t.append((time.thread_time_ns() - t0) / 1e3)
    for _ in range(iterations):
        clear_cache()
        t0 = time.thread_time_ns()
        cand.diff(cand.build())
        total_t.append((time.thread_time_ns() - t0) / 1e3)
    return statistics.median(diff_t), statistics.median(total_t)


# ---------------------------------------------------------------------------------------------
# Join with matcalc's Benchmark output


def read_matcalc(path):
    out = {}
    line_re = re.compile(r"^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s\s(.*)$")
    for line in open(path, encoding="utf-8"):
        mm = line_re.match(line.rstrip("\n"))
        if mm and mm.group(1) != "name":
            out[mm.group(1)] = (float(mm.group(2)), mm.group(4))
    return out


def read_tsv(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, status, formulation, diff_us, total_us, reason = line.rstrip("\n").split("\t")
        rows[name] = dict(status=status, formulation=formulation, diff=float(diff_us) if diff_us else None,
                          total=float(total_us) if total_us else None, reason=reason)
    return rows


def fmt_us(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v


def join(matcalc_path, tsv_path):
    mc, sy = read_matcalc(matcalc_path), read_tsv(tsv_path)
    java = read_java_cases()
    print("| case | expression | matcalc µs | SymPy µs (or status) | SymPy / matcalc |")
    print("|---|---|---:|---|---:|")
    ratios, common_mc, common_sy, counts = [], [], [], {}
    for name, expr, _, _ in java:
        if name not in mc or name not in sy:
            continue
        t_mc, _ = mc[name]
        r = sy[name]
        counts[r["status"]] = counts.get(r["status"], 0) + 1
        if r["status"] == "right":
            ratio = r["diff"] / t_mc
            ratios.append(ratio)
            common_mc.append(t_mc)
            common_sy.append(r["diff"])
            notes = [] if r["formulation"].startswith("1:") else ["formulation %s" % r["formulation"].split(":")[0]]
            if "numerator layout" in r["reason"]:
                notes.append("numerator layout")
            sy_cell, ratio_cell = fmt_us(r["diff"]) + (" (%s)" % ", ".join(notes) if notes else ""), "%.0f×" % ratio
        else:
            sy_cell, ratio_cell = "**%s**: %s" % (r["status"], r["reason"].replace("|", "\\|")), "–"
        print("| %s | `%s` | %s | %s | %s |" % (name, expr.replace("|", "\\|"), fmt_us(t_mc), sy_cell, ratio_cell))
    print()
    total = sum(counts.values())
    print("SymPy on the %d cases: %s." % (total, ", ".join("%d %s" % (counts[s], s) for s in
                                                         ("right", "wrong", "unsupported", "error") if s in counts)))
    if ratios:
        print("Over the %d cases SymPy gets right: median ratio SymPy / matcalc **%.0f×** (min %.0f×, max %.0f×); "
              "median of medians matcalc **%s µs**, SymPy **%s µs**; cases with ratio ≥ 100: %d of %d."
              % (len(ratios), statistics.median(ratios), min(ratios), max(ratios), fmt_us(statistics.median(common_mc)),
                 fmt_us(statistics.median(common_sy)), sum(1 for q in ratios if q >= 100), len(ratios)))
    missing = [nm for nm, *_ in java if (nm in mc) != (nm in sy)]
    if missing:
        print("Missing from one side: " + ", ".join(missing))
    print()
    print("SymPy formulations (the one timed, or the first one tried) and what the check found:")
    print()
    print("| case | SymPy | check |")
    print("|---|---|---|")
    for name, *_ in java:
        if name in mc and name in sy:
            r = sy[name]
            print("| %s | `%s` | %s: %s |" % (name, r["formulation"].split(": ", 1)[1].replace("|", "\\|"), r["status"],
                                          r["reason"].replace("|", "\\|")))


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=21)
    ap.add_argument("--filter")
    ap.add_argument("--tsv")
    ap.add_argument("--all", action="store_true", help="check every formulation, not only up to the first right one")
    ap.add_argument("--join", nargs=2, metavar=("MATCALC_OUTPUT", "SYMPY_TSV"))
    ap.add_argument("--selftest", action="store_true", help="check that the checker rejects wrong derivatives")
    args = ap.parse_args()
    if args.join:
        join(*args.join)
        return
    _define()
    java = read_java_cases()
    names = [c[0] for c in java]
    problems = [nm for nm in names if nm not in CASES] + [nm + " (not in Benchmark.java)" for nm in CASES if nm not in names]
    for name, expr, wrt, mods in java:
        if name in CASES and (CASES[name]["expression"] != expr or CASES[name]["wrt"] != wrt):
            problems.append("%s: Benchmark.java has %r by %s, this table %r by %s" % (
                name, expr, wrt, CASES[name]["expression"], CASES[name]["wrt"]))
        if name in CASES and (".order(2)" in mods) != (CASES[name]["order"] == 2):
            problems.append(name + ": order differs")
    if problems:
        sys.exit("sympy_peer: the table does not match Benchmark.CASES: " + "; ".join(problems))
    if args.selftest:
        selftest()
    out = open(args.tsv, "w", encoding="utf-8") if args.tsv else sys.stdout
    print("# SymPy %s, NumPy %s, Python %s; %d warm-up and %d timed calls, cache cleared before each, thread CPU time"
          % (sp.__version__, np.__version__, sys.version.split()[0], args.warmup, args.iterations), file=out)
    print("# name\tstatus\tformulation\tdiff_us\tbuild_diff_us\treason", file=out)
    sys.setrecursionlimit(1000)
    for name, expr, wrt, _ in java:
        if args.filter and args.filter not in name and args.filter not in expr:
            continue
        spec = CASES[name]
        first, chosen, notes = None, None, []
        for i, cand in enumerate(spec["cands"], 1):
            status, reason, _ = check(spec, cand)
            print("  %-22s %d. %-55s %s (%s)" % (name, i, short(cand.label, 55), status, reason), file=sys.stderr)
            if first is None:
                first = (status, reason)
            if status == "right" and chosen is None:
                chosen = (i, cand, reason)
                if not args.all:
                    break
            elif status != "right":
                what = status if status != "error" else reason.split(":")[0].replace(" (maximum recursion depth)", "")
                notes.append("%d: %s" % (i, "silent 0" if reason == "silent 0" else what))
        if chosen:
            i, cand, reason = chosen
            d, t = time_cand(cand, args.warmup, args.iterations)
            note = reason + ("; " + spec["note"] if spec["note"] else "") + ("; earlier formulations " + ", ".join(notes) if notes else "")
            print("%s\tright\t%d: %s\t%.1f\t%.1f\t%s" % (name, i, cand.label, d, t, note), file=out)
        else:
            status, reason = first
            more = "" if len(spec["cands"]) == 1 else "; other formulations " + ", ".join(notes[1:])
            print("%s\t%s\t1: %s\t\t\t%s%s" % (name, status, spec["cands"][0].label, reason, more), file=out)
        out.flush()


if __name__ == "__main__":
    main()
