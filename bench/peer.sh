#!/usr/bin/env bash
# matcalc against SymPy 1.11, side by side on the cases of matcalc.bench.Benchmark (bench/PEER.md).
# Builds matcalc if needed, runs `Benchmark --cpu`, then bench/sympy_peer.py (every SymPy derivative
# checked numerically before it is timed), and prints a Markdown table joined by case name.
# Not a test: run it by hand, preferably on a quiet machine (both sides time thread CPU time).
#
#   bash bench/peer.sh [--filter TEXT] [--matcalc-iterations N] [--sympy-iterations N] [--out DIR]
#
# Environment: BUILD_DIR (Maven's build folder, default target/), MVN_FLAGS (e.g. -o for offline),
# PYTHON (default /usr/bin/python3: the interpreter with SymPy and NumPy).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build="${BUILD_DIR:-$root/target}"
python="${PYTHON:-/usr/bin/python3}"
out="$root/bench/out/peer"
filter="" mc_iter=1000 mc_warm=200 sy_iter=21 sy_warm=5
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter=$2; shift 2 ;;
    --matcalc-iterations) mc_iter=$2; shift 2 ;;
    --sympy-iterations) sy_iter=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: bash bench/peer.sh [--filter TEXT] [--matcalc-iterations N] [--sympy-iterations N] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"

jar="$build/matcalc.jar"
if [ ! -f "$jar" ] || [ ! -s "$build/runtime-classpath.txt" ] \
   || [ -n "$(find src/main grammar pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "peer: building matcalc into $build ..." >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -DskipTests package -Dbuild.dir="$build" >&2
fi

filter_args=()
[ -n "$filter" ] && filter_args=(--filter "$filter")
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "java: $(java -version 2>&1 | head -1); python: $("$python" -c 'import sys, sympy, numpy; print(sys.version.split()[0], "SymPy", sympy.__version__, "NumPy", numpy.__version__)')"
  echo "load before matcalc: $(uptime | sed 's/.*load average: //')"
} > "$out/meta.txt"

java -cp "$jar:$(cat "$build/runtime-classpath.txt")" matcalc.bench.Benchmark --cpu \
  --warmup "$mc_warm" --iterations "$mc_iter" "${filter_args[@]}" > "$out/matcalc.txt" 2> "$out/matcalc.err"
echo "load after matcalc / before SymPy: $(uptime | sed 's/.*load average: //')" >> "$out/meta.txt"
"$python" bench/sympy_peer.py --warmup "$sy_warm" --iterations "$sy_iter" "${filter_args[@]}" \
  --tsv "$out/sympy.tsv" 2> "$out/sympy-checks.txt"
echo "load after SymPy: $(uptime | sed 's/.*load average: //')" >> "$out/meta.txt"

{
  sed 's/^/    /' "$out/meta.txt"
  echo "    matcalc: $(grep -m1 'expressions,' "$out/matcalc.txt"); $(grep 'median of medians' "$out/matcalc.txt")"
  echo "    sympy: $(head -1 "$out/sympy.tsv" | sed 's/^# //')"
  echo
  "$python" bench/sympy_peer.py --join "$out/matcalc.txt" "$out/sympy.tsv"
} | tee "$out/peer.md"
