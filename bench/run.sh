#!/usr/bin/env bash
# Benchmark of the code matcalc generates (issue 10): Hessians and gradients of logistic
# regression, x^T A x, log det X and a 2-layer MLP, generated NumPy and PyTorch against PyTorch's
# autodiff and hand-written NumPy. Not a test: run it by hand on a quiet machine.
#
#   bench/run.sh            # all sizes (several minutes: autodiff Hessians at n = 3000 are slow)
#   bench/run.sh --quick    # without the largest sizes
#   bench/run.sh --only gradients   # one section (hessians or gradients); RESULTS.md keeps the other
#
# Writes the modules to bench/out/ and the table to bench/RESULTS.md (and stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"

gen() {  # gen NAME EXPR WRT [ORDER] [WHERE]
  local name=$1 expr=$2 wrt=$3 order=${4:-1} where=${5:-}
  for target in numpy torch; do
    ./matcalc codegen "$expr" --wrt "$wrt" --order "$order" --where "$where" --target "$target" -o "$out/${name}_${target}.py" >/dev/null
  done
}

gen logistic_hess 'sum(log(1 + exp(-y .* (X w))))' w 2
gen logistic_grad 'sum(log(1 + exp(-y .* (X w))))' w 1
gen quad_hess 'x^T A x' x 2
gen quad_grad 'x^T A x' x 1
gen logdet_hess 'log(det(X))' X 2
gen logdet_grad 'log(det(X))' X 1
gen mlp_hess '-y^T log(softmax(W2 tanh(W1 x)))' W1 2
gen mlp_grad '-y^T log(softmax(W2 tanh(W1 x)))' W1 1

exec /usr/bin/python3 bench/codegen_bench.py "$out" "$@"
