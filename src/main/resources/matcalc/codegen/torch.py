# The helpers and the self-check of generated PyTorch modules (no NumPy). Each "# ---- helper NAME"
# section is copied into a module that uses NAME (with the helpers it calls); "# ---- check" goes
# into every module, after its _SIZES, _INPUTS and _CHECKS tables.

# ---- helper _dtype_device
def _dtype_device(*args):
    """The dtype and device of the first floating-point tensor argument (float64 on the CPU if none)."""
    for a in args:
        if isinstance(a, torch.Tensor) and a.is_floating_point():
            return a.dtype, a.device
    for a in args:
        if isinstance(a, torch.Tensor):
            return torch.float64, a.device
    return torch.float64, torch.device("cpu")

# ---- helper _matrix
def _matrix(a, dtype, device):
    """a as a 2-D tensor of the given dtype and device (no copy if it is one)."""
    return torch.as_tensor(a, dtype=dtype, device=device)

# ---- helper _column
def _column(a, dtype, device):
    """A vector as an (n, 1) column; a 1-D tensor of length n is read as one."""
    a = torch.as_tensor(a, dtype=dtype, device=device)
    return a.reshape(-1, 1) if a.dim() == 1 else a

# ---- helper _scalar
def _scalar(a, dtype, device):
    """A scalar (a number, or a tensor with one entry) as a 0-d tensor."""
    a = torch.as_tensor(a, dtype=dtype, device=device)
    assert a.numel() == 1, f"expected a scalar, got shape {tuple(a.shape)}"
    return a.reshape(())

# ---- helper _logdet
def _logdet(a):
    """log det(a) by slogdet (LU), nan where det(a) <= 0 and the real logarithm is undefined."""
    sign, logabsdet = torch.linalg.slogdet(a)
    return torch.where(sign > 0, logabsdet, torch.full_like(logabsdet, float("nan")))

# ---- helper _step
def _step(x):
    """1 where x > 0, else 0 (the derivative of relu)."""
    return (x > 0).to(x.dtype)

# ---- helper _onehot
def _onehot(n, i, dtype, device):
    """The unit column e_i of length n (i 0-based)."""
    e = torch.zeros((n, 1), dtype=dtype, device=device)
    e[i, 0] = 1
    return e

# ---- helper _commutation
def _commutation(m, n, dtype, device):
    """The commutation matrix K(m, n): K vec(A) = vec(A^T) for A of size m x n."""
    k = torch.zeros((m * n, m * n), dtype=dtype, device=device)
    i = torch.arange(m, device=device).reshape(-1, 1)
    j = torch.arange(n, device=device).reshape(1, -1)
    k[(i * n + j).reshape(-1), (j * m + i).reshape(-1)] = 1
    return k

# ---- check
class _Unusable(Exception):
    """A random instance where the function is undefined or finite differences cannot be trusted."""


def _vec(a):
    """vec(a): the columns of a stacked (a scalar is 1 x 1)."""
    a = torch.as_tensor(a)
    return a.reshape(1, 1) if a.dim() == 0 else a.T.reshape(-1, 1)


def _norm(a):
    # float64: a derivative can be a plain integer (the size n, the gradient of s n by s)
    return float(torch.linalg.norm(torch.as_tensor(a).reshape(-1).to(torch.float64)))


def _relative(a, b, floor):
    """||a - b|| / max(||a||, ||b||, floor), and 0 when both are zero up to rounding."""
    na, nb = _norm(a), _norm(b)
    if na < 1e-10 and nb < 1e-10:
        return 0.0
    return _norm(a - b) / max(na, nb, floor)


def _finite(values):
    for v in values:
        if not bool(torch.isfinite(torch.as_tensor(v)).all()):
            raise _Unusable("a value is not finite here")


def _size(dim, sizes):
    coeff, symbols = dim
    for s in symbols:
        coeff *= sizes[s]
    return coeff


def _uniform(rng, shape):
    return 0.5 + 1.5 * torch.rand(shape, generator=rng, dtype=torch.float64)


def _normal(rng, shape):
    return torch.randn(shape, generator=rng, dtype=torch.float64)


def _spd(rng, n, positive):
    b = _uniform(rng, (n, n)) if positive else _normal(rng, (n, n))
    return b @ b.T / n + torch.eye(n, dtype=torch.float64)


def _orthonormal(rng, r, c):
    if r < c:
        return _orthonormal(rng, c, r).T
    q, _ = torch.linalg.qr(_normal(rng, (r, c)))
    return q


def _value(rng, r, c, structure, strategy):
    """A random value of the declared structure; strategies 1 and 2 keep logarithms and inverses defined."""
    square, vector = r == c and r > 1, r == 1 or c == 1
    if "orthogonal" in structure:
        return _orthonormal(rng, r, c)
    if "probability" in structure:
        p = _uniform(rng, (r, 1))
        return p / p.sum()
    if "diagonal" in structure:
        k = min(r, c)
        d = torch.zeros((r, c), dtype=torch.float64)
        d[torch.arange(k), torch.arange(k)] = _uniform(rng, (k,)) if strategy > 0 else _normal(rng, (k,))
        return d
    if "spd" in structure:
        return _spd(rng, r, strategy == 2)
    if strategy > 0:
        if square and strategy == 1:
            return _spd(rng, r, False)
        if square:
            a = _uniform(rng, (r, r))
            if "symmetric" in structure:
                a = (a + a.T) / 2
            a[torch.arange(r), torch.arange(r)] = a.sum(dim=1) - a.diagonal() + _uniform(rng, (r,))
            return a
        if strategy == 2 or vector:
            return _uniform(rng, (r, c))
    if "symmetric" in structure:
        b = _normal(rng, (r, c))
        return (b + b.T) / 2
    if "invertible" in structure:
        s = torch.diag(_uniform(rng, (r,)))
        return _orthonormal(rng, r, r) @ s @ _orthonormal(rng, r, r).T
    return _normal(rng, (r, c))


def _stand_in(name, k):
    """A smooth function for a declared one, as its k-th derivative: a^k sin(a t + b + k pi/2) + c^k exp(c t) / 2."""
    h = sum(map(ord, name)) % 385
    a, b, c = 1.1 + (h % 7) * 0.1, (h % 11) * 0.1, 0.4 + (h % 5) * 0.1
    return lambda t: a ** k * torch.sin(a * t + b + k * 3.141592653589793 / 2) + 0.5 * c ** k * torch.exp(c * t)


def _draw(rng, spec, sizes, strategy, device):
    _name, rows, cols, structure, given = spec
    r, c = _size(rows, sizes), _size(cols, sizes)
    value = torch.tensor(given, dtype=torch.float64) if given is not None else _value(rng, r, c, structure, strategy)
    value = value.reshape(()) if r == 1 and c == 1 else value.reshape(r, c)
    return value.to(device)


def _direction(rng, x, structure):
    """A random unit direction; one that keeps x's declared structure when asked to."""
    v = _normal(rng, tuple(x.shape)).to(x.device)
    if "orthogonal" in structure:
        s = _normal(rng, (x.shape[1], x.shape[1])).to(x.device)
        v = x @ (s - s.T)
    elif "diagonal" in structure:
        v = torch.diag(torch.diagonal(v))
    elif "symmetric" in structure or "spd" in structure:
        v = (v + v.T) / 2
    elif "probability" in structure:
        v = v - v.mean()
    return v / torch.linalg.norm(v.reshape(-1))


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
        return torch.sum(d * v).reshape(1, 1)
    if arrangement == "tangent":
        return _vec(d * v)
    j = d.reshape(1, 1) if d.dim() == 0 else d
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

    outs = _DERIVATIVES(*args)
    _finite(outs)
    base = at(0.0)
    numeric = _along(at, 1e-4 * max(1.0, _norm(x)), tol)
    _finite([numeric])
    symbolic = _directional(arrangement, outs[out], v)
    error = _relative(symbolic, numeric, 1e-6 * max(1.0, _norm(base)))
    if hvp is not None:
        error = max(error, _relative(_vec(hvp(*args, v)), symbolic, 1e-8))
    return error


def _self_check(seed=1, instances=3, tol=1e-6, device="cpu"):
    """Derivatives against central differences of the function at random instances; 0 if they agree."""
    rng = torch.Generator().manual_seed(seed)
    worst, used, strategy, reason = 0.0, 0, 0, "none tried"
    with torch.no_grad():
        for _attempt in range(60):
            if used == instances:
                break
            sizes = {s: int(torch.randint(max(2, k), max(5, k) + 1, (1,), generator=rng)) for s, k in _SIZES.items()}
            args = [_draw(rng, spec, sizes, strategy, device) for spec in _INPUTS]
            args += [sizes[s] for s in _SIZE_PARAMETERS] + [_stand_in(n, k) for n, k in _CALLABLES]
            try:
                errors = [_check_one(rng, args, c, tol) for c in _CHECKS]
            except (_Unusable, RuntimeError) as e:
                reason, strategy = str(e).splitlines()[0] if str(e) else type(e).__name__, (strategy + 1) % 3
                continue
            used, strategy = used + 1, 0
            worst = max([worst] + errors)
    if used == 0:
        print(f"self-check: no usable random instance in 60 attempts (last: {reason})")
        return 2
    verdict = "passed" if worst <= tol else "FAILED"
    print(f"self-check {verdict} on {device}: {used} random instances, central differences along random"
          f" directions, max rel. error {worst:.1e} (tolerance {tol:g})")
    return 0 if worst <= tol else 1


if __name__ == "__main__":
    sys.exit(_self_check(device=sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else "cpu"))
