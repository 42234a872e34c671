# The helpers and the self-check of generated NumPy modules. Each "# ---- helper NAME" section is
# copied into a module that uses NAME (with the helpers it calls); "# ---- check" goes into every
# module, after its _SIZES, _INPUTS and _CHECKS tables.

# ---- helper _matrix
def _matrix(a):
    """a as a float64 2-D array."""
    return np.asarray(a, dtype=np.float64)

# ---- helper _column
def _column(a):
    """A vector as an (n, 1) column; a 1-D array of length n is read as one."""
    a = np.asarray(a, dtype=np.float64)
    return a.reshape(-1, 1) if a.ndim == 1 else a

# ---- helper _scalar
def _scalar(a):
    """A scalar (a number, or an array with one entry) as a 0-d array."""
    a = np.asarray(a, dtype=np.float64)
    assert a.size == 1, f"expected a scalar, got shape {a.shape}"
    return a.reshape(())

# ---- helper _gram
def _gram(p, d):
    """p.T @ (d * p): with d >= 0 as b.T @ b for b = sqrt(d) * p, which NumPy computes by one
    symmetric rank-k update (half the work of a general product, and exactly symmetric)."""
    if np.all(d >= 0):
        b = np.sqrt(d) * p
        return b.T @ b
    return p.T @ (d * p)

# ---- helper _sigmoid
def _sigmoid(x):
    """1 / (1 + exp(-x)) as exp(-log(1 + exp(-x))): no overflow for any x."""
    return np.exp(-np.logaddexp(0.0, -x))

# ---- helper _logsumexp
def _logsumexp(a):
    """log(sum(exp(a))), shifted by the maximum so that exp cannot overflow."""
    m = np.max(a)
    return m + np.log(np.sum(np.exp(a - m)))

# ---- helper _softmax
def _softmax(v):
    """exp(v) / sum(exp(v)), shifted by the maximum."""
    e = np.exp(v - np.max(v))
    return e / np.sum(e)

# ---- helper _log_softmax
def _log_softmax(v):
    """log(softmax(v)) = v - logsumexp(v), without forming softmax (no log of an underflowed 0)."""
    return v - _logsumexp(v)

# ---- helper _logdet
def _logdet(a):
    """log det(a) by slogdet (LU), nan where det(a) <= 0 and the real logarithm is undefined."""
    sign, logabsdet = np.linalg.slogdet(a)
    return logabsdet if sign > 0 else np.float64(np.nan)

# ---- helper _step
def _step(x):
    """1 where x > 0, else 0 (the derivative of relu)."""
    return np.heaviside(x, 0.0)

# ---- helper _onehot
def _onehot(n, i):
    """The unit column e_i of length n (i 0-based)."""
    e = np.zeros((n, 1))
    e[i, 0] = 1.0
    return e

# ---- helper _commutation
def _commutation(m, n):
    """The commutation matrix K(m, n): K vec(A) = vec(A^T) for A of size m x n."""
    k = np.zeros((m * n, m * n))
    i, j = np.meshgrid(np.arange(m), np.arange(n), indexing="ij")
    k[(i * n + j).ravel(), (j * m + i).ravel()] = 1.0
    return k

# ---- check
class _Unusable(Exception):
    """A random instance where the function is undefined or finite differences cannot be trusted."""


def _vec(a):
    """vec(a): the columns of a stacked (a scalar is 1 x 1)."""
    a = np.asarray(a, dtype=np.float64)
    return a.reshape(1, 1) if a.ndim == 0 else a.T.reshape(-1, 1)


def _relative(a, b, floor):
    """||a - b|| / max(||a||, ||b||, floor), and 0 when both are zero up to rounding."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < 1e-10 and nb < 1e-10:
        return 0.0
    return float(np.linalg.norm(a - b) / max(na, nb, floor))


def _finite(values):
    for v in values:
        if not np.all(np.isfinite(v)):
            raise _Unusable("a value is not finite here")


def _size(dim, sizes):
    coeff, symbols = dim
    for s in symbols:
        coeff *= sizes[s]
    return coeff


def _spd(rng, n, positive):
    b = 0.5 + 1.5 * rng.random((n, n)) if positive else rng.standard_normal((n, n))
    return b @ b.T / n + np.eye(n)


def _orthonormal(rng, r, c):
    if r < c:
        return _orthonormal(rng, c, r).T
    q, _ = np.linalg.qr(rng.standard_normal((r, c)))
    return q


def _value(rng, r, c, structure, strategy):
    """A random value of the declared structure; strategies 1 and 2 keep logarithms and inverses defined."""
    square, vector = r == c and r > 1, r == 1 or c == 1
    if "orthogonal" in structure:
        return _orthonormal(rng, r, c)
    if "probability" in structure:
        p = 0.5 + 1.5 * rng.random((r, 1))
        return p / p.sum()
    if "diagonal" in structure:
        k = min(r, c)
        d = np.zeros((r, c))
        d[range(k), range(k)] = 0.5 + 1.5 * rng.random(k) if strategy > 0 else rng.standard_normal(k)
        return d
    if "spd" in structure:
        return _spd(rng, r, strategy == 2)
    if strategy > 0:
        if square and strategy == 1:
            return _spd(rng, r, False)
        if square:
            a = 0.5 + 1.5 * rng.random((r, r))
            if "symmetric" in structure:
                a = (a + a.T) / 2
            a[range(r), range(r)] = a.sum(axis=1) - a.diagonal() + 0.5 + 1.5 * rng.random(r)
            return a
        if strategy == 2 or vector:
            return 0.5 + 1.5 * rng.random((r, c))
    if "symmetric" in structure:
        b = rng.standard_normal((r, c))
        return (b + b.T) / 2
    if "invertible" in structure:
        s = np.diag(0.5 + 1.5 * rng.random(r))
        return _orthonormal(rng, r, r) @ s @ _orthonormal(rng, r, r).T
    return rng.standard_normal((r, c))


def _stand_in(name, k):
    """A smooth function for a declared one, as its k-th derivative: a^k sin(a t + b + k pi/2) + c^k exp(c t) / 2."""
    h = sum(map(ord, name)) % 385
    a, b, c = 1.1 + (h % 7) * 0.1, (h % 11) * 0.1, 0.4 + (h % 5) * 0.1
    return lambda t: a ** k * np.sin(a * t + b + k * np.pi / 2) + 0.5 * c ** k * np.exp(c * t)


def _draw(rng, spec, sizes, strategy):
    _name, rows, cols, structure, given = spec
    r, c = _size(rows, sizes), _size(cols, sizes)
    value = np.array(given, dtype=np.float64) if given is not None else _value(rng, r, c, structure, strategy)
    return value.reshape(()) if r == 1 and c == 1 else value.reshape(r, c)


def _direction(rng, x, structure):
    """A random unit direction; one that keeps x's declared structure when asked to."""
    v = rng.standard_normal(np.shape(x))
    if "orthogonal" in structure:
        s = rng.standard_normal((x.shape[1], x.shape[1]))
        v = x @ (s - s.T)
    elif "diagonal" in structure:
        v = np.diag(np.diag(v))
    elif "symmetric" in structure or "spd" in structure:
        v = (v + v.T) / 2
    elif "probability" in structure:
        v = v - v.mean()
    return v / np.linalg.norm(v)


def _along(g, h, tol):
    """d g(t) / dt at 0 by central differences at h, h/2, h/4 and Richardson extrapolation."""
    d = [(g(s) - g(-s)) / (2 * s) for s in (h, h / 2, h / 4)]
    coarse, fine = (4 * d[1] - d[0]) / 3, (4 * d[2] - d[1]) / 3
    if _relative(coarse, fine, 1e-8) > 0.1 * tol:
        raise _Unusable("finite differences are unstable here (a kink or ill-conditioning)")
    return fine


def _directional(arrangement, d, v):
    """The derivative d, laid out as arrangement says, applied to the direction v: vec of the change."""
    if arrangement == "gradient":
        return np.sum(d * v).reshape(1, 1)
    if arrangement == "tangent":
        return _vec(d * v)
    j = np.atleast_2d(d)
    return (j.T if arrangement == "jacobian_transposed" else j) @ _vec(v)


def _check_one(rng, args, check, tol):
    out, i, order, arrangement, first, hvp = check
    x = args[i]
    v = _direction(rng, x, _INPUTS[i][3] if order == 2 else ())

    def at(t):
        moved = list(args)
        moved[i] = x + t * v
        if order == 1:
            return _vec(f(*moved))
        g = _DERIVATIVES(*moved)[first[0]]
        return _vec(g.T if first[1] else g)

    with np.errstate(all="ignore"):
        outs = _DERIVATIVES(*args)
        _finite(outs)
        base = at(0.0)
        numeric = _along(at, 1e-4 * max(1.0, float(np.linalg.norm(x))), tol)
        _finite([numeric])
        symbolic = _directional(arrangement, outs[out], v)
        error = _relative(symbolic, numeric, 1e-6 * max(1.0, float(np.linalg.norm(base))))
        if hvp is not None:
            error = max(error, _relative(_vec(hvp(*args, v)), symbolic, 1e-8))
    return error


def _self_check(seed=1, instances=3, tol=1e-6):
    """Derivatives against central differences of the function at random instances; 0 if they agree."""
    rng = np.random.default_rng(seed)
    worst, used, strategy, reason = 0.0, 0, 0, "none tried"
    for _attempt in range(60):
        if used == instances:
            break
        sizes = {s: int(rng.integers(max(2, k), max(5, k) + 1)) for s, k in _SIZES.items()}
        args = [_draw(rng, spec, sizes, strategy) for spec in _INPUTS]
        args += [sizes[s] for s in _SIZE_PARAMETERS] + [_stand_in(n, k) for n, k in _CALLABLES]
        try:
            errors = [_check_one(rng, args, c, tol) for c in _CHECKS]
        except (_Unusable, np.linalg.LinAlgError) as e:
            reason, strategy = str(e) or type(e).__name__, (strategy + 1) % 3
            continue
        used, strategy = used + 1, 0
        worst = max([worst] + errors)
    if used == 0:
        print(f"self-check: no usable random instance in 60 attempts (last: {reason})")
        return 2
    verdict = "passed" if worst <= tol else "FAILED"
    print(f"self-check {verdict}: {used} random instances, central differences along random directions,"
          f" max rel. error {worst:.1e} (tolerance {tol:g})")
    return 0 if worst <= tol else 1


if __name__ == "__main__":
    sys.exit(_self_check())
