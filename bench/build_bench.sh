#!/usr/bin/env bash
# Benchmarks `caios build` against an AWS CDK peer app (N state machines of a fixed shape,
# one Lambda function each, one shared table and queue; docs/performance.md describes it) on the
# same application: bench/gen_cdk_peer.sh writes the equivalent caios program.
#
#   bench/build_bench.sh [N...]                   (default N = 1 10 100 1000)
#   bench/build_bench.sh --caios-only [N...]      (caios alone, no CDK column)
#
# Environment (every path is relative to the repository or taken from here):
#   CDK_PEER=dir    the CDK app (app.js, cdk.json, package.json, package-lock.json); default
#                   bench/cdk_peer. Copied to the scratch folder, never written.
#   CAIOS=path      the caios executable (default: BUILD_DIR/caios, a Release build configured
#                   and built there if missing)
#   BUILD_DIR=dir   where that Release build goes (default: build-bench in the repository)
#   BENCH_DIR=dir   scratch folder (default ${TMPDIR:-/tmp}/caios-cdk-bench); the CDK app's
#                   node_modules (`npm ci`, needs the npm registry once) is kept there
#   RUNS=k          timed runs of each tool per N (default 5); RUNS_<N>=k overrides one N
#
# For each N: one untimed warm-up of each tool (page cache, and a check that both succeed),
# then RUNS runs of `caios build DIR -o OUT` and `N=... CDK_VALIDATION=false node app.js`,
# alternating, each from an empty output folder and twice: under /usr/bin/time -f "%e %M %U %S"
# for the CPU time and peak RSS, and started from the shell for the wall time (bash's
# microsecond clock $EPOCHREALTIME around the process; %e has a 10 ms resolution, too coarse
# for the small N; see `timed`). Reports the median wall time, the ratio CDK/caios, the median CPU time
# (user + sys: steadier than wall time on a shared machine), the median peak RSS, the
# number of resources of each template and the output sizes, as a Markdown table. Every run is
# also logged to BENCH_DIR/runs.log. A benchmark, not a test: CI does not run it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
with_cdk=1
if [ "${1:-}" = "--caios-only" ]; then
  with_cdk=0
  shift
fi
build_dir="${BUILD_DIR:-$root/build-bench}"
caios="${CAIOS:-$build_dir/caios}"
case "$caios" in /*) ;; *) caios="$PWD/$caios" ;; esac  # the runs start in the scratch folder
scratch="${BENCH_DIR:-${TMPDIR:-/tmp}/caios-cdk-bench}"
runs="${RUNS:-5}"
ns=("$@")
[ ${#ns[@]} -gt 0 ] || ns=(1 10 100 1000)

if [ "$with_cdk" = 1 ]; then
  peer="${CDK_PEER:-$root/bench/cdk_peer}"
  for f in app.js cdk.json package.json package-lock.json; do
    [ -f "$peer/$f" ] || { echo "build_bench: CDK_PEER=$peer has no $f" >&2; exit 2; }
  done
fi

if [ ! -x "$caios" ]; then
  if [ -n "${CAIOS:-}" ]; then
    echo "build_bench: CAIOS=$caios is not executable" >&2
    exit 1
  fi
  echo "building the Release caios in $build_dir ..." >&2
  cmake -S "$root" -B "$build_dir" -G Ninja -DCAIOS_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$build_dir" -j2 --target caios >&2
fi
mkdir -p "$scratch"
# The CDK app skips aws-cdk-lib's template validation pass (caios has none to run).
export CDK_VALIDATION=false

# ---- the CDK app, with its dependencies installed once
cdk="$scratch/cdk-app"
machine_cdk=""
if [ "$with_cdk" = 1 ]; then
  mkdir -p "$cdk"
  for f in app.js cdk.json package.json package-lock.json; do
    cmp -s "$peer/$f" "$cdk/$f" || { rm -f "$cdk/$f"; cp "$peer/$f" "$cdk/$f"; chmod u+w "$cdk/$f"; }
  done
  if ! cmp -s "$cdk/package-lock.json" "$cdk/node_modules/.bench-lock" 2>/dev/null; then
    echo "npm ci in $cdk ..." >&2
    (cd "$cdk" && npm ci --no-audit --no-fund >&2)
    cp "$cdk/package-lock.json" "$cdk/node_modules/.bench-lock"
  fi
  cdk_version=$(cd "$cdk" && node -p "require('aws-cdk-lib/package.json').version")
  machine_cdk=", node $(node -v), aws-cdk-lib $cdk_version"
fi

log="$scratch/runs.log"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
machine="$(nproc) cores ($cpu), $(uname -sr)$machine_cdk, $("$caios" --version)"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $machine" | tee -a "$log" >&2

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# timed LABEL DIR RESET CMD...: runs CMD in DIR twice, the shell command RESET before each
# (a fresh output folder): once under /usr/bin/time for the CPU time and peak RSS, and once
# started straight from this shell for the wall time, read from bash's own clock
# ($EPOCHREALTIME): the time is then the command's fork, exec and run, as a user's shell
# starts it. (Reading the clock with `date` started two more processes inside the interval; on
# a VM where starting a process costs several milliseconds that doubled caios's time at N = 1.)
# Appends "wall_ms peak_kb cpu_ms" to $scratch/LABEL.
timed() {
  local label="$1" dir="$2" reset="$3"
  shift 3
  eval "$reset"
  if ! (cd "$dir" && /usr/bin/time -f "%e %M %U %S" -o "$scratch/.time" "$@" >"$scratch/.out" 2>&1); then
    echo "build_bench: $label failed:" >&2
    tail -20 "$scratch/.out" >&2
    exit 1
  fi
  eval "$reset"
  local here="$PWD" t0 t1 status=0
  cd "$dir"
  t0=$EPOCHREALTIME
  "$@" >"$scratch/.out" 2>&1 || status=$?
  t1=$EPOCHREALTIME
  cd "$here"
  if [ "$status" -ne 0 ]; then
    echo "build_bench: $label failed:" >&2
    tail -20 "$scratch/.out" >&2
    exit 1
  fi
  local us=$(( ${t1/./} - ${t0/./} ))
  local e kb u s
  read -r e kb u s < <(tail -1 "$scratch/.time")
  echo "$(awk -v us="$us" 'BEGIN { printf "%.1f", us / 1000 }') $kb $(awk -v u="$u" -v s="$s" 'BEGIN { print (u + s) * 1000 }')" >> "$scratch/$label"
  echo "N=$N $label wall_us=$us time_e=${e}s user=${u}s sys=${s}s maxrss=${kb}KB" >> "$log"
}

rows=()
for N in "${ns[@]}"; do
  export N
  prog="$scratch/caios-$N"
  out="$scratch/caios-$N.out"
  rm -rf "$prog"
  "$root/bench/gen_cdk_peer.sh" "$N" "$prog"
  lines=$(wc -l < "$prog/main.caios")

  # warm-up: both must succeed; caios's diagnostics are shown once
  rm -rf "$out"
  if ! "$caios" build "$prog" -o "$out" > "$scratch/caios-$N.diag" 2>&1; then
    cat "$scratch/caios-$N.diag" >&2
    exit 1
  fi
  warnings=$(grep -c 'warning' "$scratch/caios-$N.diag" || true)
  [ "$warnings" -eq 0 ] || { echo "caios N=$N printed warnings:" >&2; cat "$scratch/caios-$N.diag" >&2; }
  if [ "$with_cdk" = 1 ]; then
    rm -rf "$cdk/cdk.out"
    (cd "$cdk" && node app.js > /dev/null)
  fi

  k="$runs"
  var="RUNS_$N"
  [ -z "${!var:-}" ] || k="${!var}"
  rm -f "$scratch/caios" "$scratch/cdk"
  for ((r = 1; r <= k; r++)); do
    timed caios "$scratch" 'rm -rf "$out"' "$caios" build "$prog" -o "$out"
    if [ "$with_cdk" = 1 ]; then
      timed cdk "$cdk" 'rm -rf "$cdk/cdk.out"' node app.js
      echo "N=$N run $r/$k: caios $(tail -1 "$scratch/caios") | cdk $(tail -1 "$scratch/cdk")  (wall ms, peak KB, CPU ms)" >&2
    else
      echo "N=$N run $r/$k: caios $(tail -1 "$scratch/caios")  (wall ms, peak KB, CPU ms)" >&2
    fi
  done

  c_ms=$(cut -d' ' -f1 "$scratch/caios" | median)
  c_kb=$(cut -d' ' -f2 "$scratch/caios" | median)
  c_cpu=$(cut -d' ' -f3 "$scratch/caios" | median)
  # caios: the top-level keys of Resources in template.yaml (two-space indented keys up to
  # the next top-level key); CDK: as the peer's bench.sh counts them.
  c_res=$(awk '/^Resources:/ { r = 1; next } /^[^ #]/ { r = 0 } r && /^  [A-Za-z0-9]+:$/ { n++ } END { print n + 0 }' "$out/template.yaml")
  c_tpl=$(stat -c %s "$out/template.yaml")
  c_all=$(bytes "$out")
  c_files=$(find "$out" -type f | wc -l)
  d_ms=0 d_kb=0 d_cpu=0 d_res=0 d_tpl=0 d_all=0 d_files=0
  if [ "$with_cdk" = 1 ]; then
    d_ms=$(cut -d' ' -f1 "$scratch/cdk" | median)
    d_kb=$(cut -d' ' -f2 "$scratch/cdk" | median)
    d_cpu=$(cut -d' ' -f3 "$scratch/cdk" | median)
    tpl="$cdk/cdk.out/CaiosPeerStack.template.json"
    d_res=$(node -e "console.log(Object.keys(require(process.argv[1]).Resources).length)" "$tpl")
    d_tpl=$(stat -c %s "$tpl")
    d_all=$(bytes "$cdk/cdk.out")
    d_files=$(find "$cdk/cdk.out" -type f | wc -l)
  fi
  rows+=("$(awk -v cdk="$with_cdk" -v n="$N" -v l="$lines" -v k="$k" -v cm="$c_ms" -v dm="$d_ms" -v ck="$c_kb" -v dk="$d_kb" -v cc="$c_cpu" -v dc="$d_cpu" \
    -v cr="$c_res" -v dr="$d_res" -v ct="$c_tpl" -v ca="$c_all" -v cf="$c_files" \
    -v dt="$d_tpl" -v da="$d_all" -v df="$d_files" -v w="$warnings" '
    function mb(b) { return sprintf("%.1f MB", b / 1048576) }
    function kb(b) { return b < 1048576 ? sprintf("%.0f KB", b / 1024) : mb(b) }
    BEGIN {
      if (cdk) {
        printf "| %d | %d | %d | %.3f s | %.3f s | %.0f× | %.3f s / %.2f s | %s | %s | %d | %d | %s / %s (%d files) | %s / %s (%d files) | %d |\n",
          n, l, k, cm / 1000, dm / 1000, (cm > 0 ? dm / cm : 0), cc / 1000, dc / 1000, mb(ck * 1024), mb(dk * 1024), cr, dr,
          kb(ct), kb(ca), cf, kb(dt), kb(da), df, w
      } else {
        printf "| %d | %d | %d | %.3f s | %.3f s | %s | %d | %s / %s (%d files) | %d |\n",
          n, l, k, cm / 1000, cc / 1000, mb(ck * 1024), cr, kb(ct), kb(ca), cf, w
      }
    }')")
done

echo
echo "Machine: $machine"
echo
if [ "$with_cdk" = 1 ]; then
  echo "| N | caios lines | runs | caios build | CDK synth | CDK/caios | CPU caios / CDK | caios peak RSS | CDK peak RSS | caios resources | CDK resources | caios template / all output | CDK template / cdk.out | caios warnings |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
else
  echo "| N | caios lines | runs | caios build | CPU | peak RSS | resources | template / all output | warnings |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
fi
printf '%s\n' "${rows[@]}"
