#!/usr/bin/env bash
# Benchmarks `caios check` on generated programs of 1k, 10k and 100k lines (or the sizes given):
# median wall time of 5 runs, lines/s, peak memory (max RSS) and its ratio to the source size.
#   bench/check_bench.sh [SIZES...]      (builds build/ first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/caios ] && [ -x build/caios_bench_gen ] || scripts/build.sh >/dev/null
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The generated functions' code folders (E0520 reports missing ones).
mkdir -p "$work/functions/validate" "$work/functions/reserve"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# The resident size of the process itself (binary, libraries, runtime tables), measured on a
# one-line program, is reported separately: the memory target is about what grows with input.
echo "app baseline" > "$work/baseline.caios"
base_kb=$( { /usr/bin/time -f '%M' build/caios check "$work/baseline.caios" >/dev/null; } 2>&1 | tail -1)
echo "baseline peak RSS (one-line program): $((base_kb / 1024)) MB"
printf '%-8s %10s %10s %12s %9s %9s %10s\n' lines bytes median_s lines_per_s peak_MB grown_MB grown/src
for n in "${sizes[@]}"; do
  file="$work/bench_$n.caios"
  build/caios_bench_gen "$n" > "$file"
  actual=$(wc -l < "$file")
  bytes=$(wc -c < "$file")
  build/caios check "$file" >/dev/null  # must be clean, and warms the page cache
  times=()
  mems=()
  for _ in 1 2 3 4 5; do
    out=$( { /usr/bin/time -f '%e %M' build/caios check "$file" >/dev/null; } 2>&1 | tail -1)
    times+=("${out% *}")
    mems+=("${out#* }")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  mem_kb=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n 3p)
  awk -v n="$actual" -v b="$bytes" -v t="$median" -v m="$mem_kb" -v base="$base_kb" 'BEGIN {
    lps = (t > 0) ? n / t : 0;
    printf "%-8d %10d %10.3f %12.0f %9.1f %9.1f %9.1fx\n", n, b, t, lps, m / 1024,
           (m - base) / 1024, ((m - base) * 1024) / b }'
done
# The samples: each must check in under 20 ms (docs/performance.md), including the first use of
# the embedded AWS service models by their `aws.*` calls. Wall time (median of 5) and CPU time
# (user + system, the least of 5: steadier than wall time on a loaded machine).
printf '\n%-12s %14s %12s\n' sample median_wall_ms min_cpu_ms
python3 - <<'PY'
import os, resource, subprocess, time
for name in sorted(os.listdir("samples")):
    if not os.path.isdir(os.path.join("samples", name)):
        continue
    walls, cpus = [], []
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(["build/caios", "check", "--stdlib", "stdlib", "samples/" + name],
                       stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"{name:12s} {sorted(walls)[2] * 1000:14.1f} {min(cpus) * 1000:12.1f}")
PY
