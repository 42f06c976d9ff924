#!/usr/bin/env bash
# Scaling of caios with the size of pathological shapes: the time at N and at 4N for each shape,
# and their ratio (4 is linear, 16 quadratic). Programs are generated, nothing is committed.
#   bench/scaling_bench.sh [--check] [--scale F] [SHAPE...]
# Shapes: type-chain alias-chain suffixes repeated-tasks deep-nesting many-flows many-resources
# graph-flow graph-architecture (the last two time `caios graph`).
# --check: exit 1 unless every ratio is below 8 (well below quadratic, robust to a loaded
# machine: each time is the fastest of 3 runs). --scale F multiplies the sizes (e.g. 0.5).
# CAIOS (default build/caios) is the compiler to time; paths are relative to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
caios="${CAIOS:-build/caios}"
check=0
scale=1
shapes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --scale) scale="$2"; shift ;;
    *) shapes+=("$1") ;;
  esac
  shift
done
[ ${#shapes[@]} -gt 0 ] ||
  shapes=(type-chain alias-chain suffixes repeated-tasks deep-nesting many-flows many-resources
    graph-flow graph-architecture)
[ -x "$caios" ] || { echo "no compiler at $caios (build first, or set CAIOS)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# gen SHAPE N: writes the program of size N to stdout.
gen() {
  local shape="$1" n="$2"
  case "$shape" in
    type-chain)  # N records, each holding the one before (declared in order: no deep resolution)
      awk -v n="$n" 'BEGIN { print "app s"; print "type A0 { v: string }";
        for (i = 1; i < n; i++) printf "type A%d { prev: A%d, v: string }\n", i, i - 1;
        printf "flow f(a: A%d) -> A%d { return a }\n", n - 1, n - 1 }' ;;
    alias-chain)  # N aliases, each naming the one before
      awk -v n="$n" 'BEGIN { print "app s"; print "type B0 = string";
        for (i = 1; i < n; i++) printf "type B%d = B%d\n", i, i - 1 }' ;;
    suffixes)  # one type with N `[]` suffixes: reported as E0030 once parsed
      awk -v n="$n" 'BEGIN { print "app s"; printf "type S = string";
        for (i = 0; i < n; i++) printf "[]"; print "" }' ;;
    repeated-tasks)  # N identical tasks in one flow: N states with the same base name
      awk -v n="$n" 'BEGIN { print "app s"; print "table T { key id: string }";
        print "flow f() express {"; for (i = 0; i < n; i++) print "  T.put({ id: \"x\" })";
        print "}" }' ;;
    deep-nesting)  # 300 flows of N/8 nested `if`s (the nesting limit is 128)
      awk -v n="$n" 'BEGIN { print "app s"; d = int(n / 8);
        for (f = 0; f < 300; f++) { printf "flow f%d(x: int) -> int {\n", f;
          for (i = 0; i < d; i++) printf "if x > %d {\n", i; print "return x";
          for (i = 0; i < d; i++) print "}"; print "return 0"; print "}" } }' ;;
    many-flows)  # N small flows
      awk -v n="$n" 'BEGIN { print "app s";
        for (i = 0; i < n; i++) printf "flow f%d(x: string) -> string { return x + \"%d\" }\n", i, i }' ;;
    many-resources)  # N tables, queues and topics (a third each)
      awk -v n="$n" 'BEGIN { print "app s";
        for (i = 0; i < n; i++) { k = i % 3;
          if (k == 0) printf "table T%d { key id: string }\n", i;
          else if (k == 1) printf "queue Q%d\n", i; else printf "topic P%d\n", i } }' ;;
    graph-flow)  # one flow of N tasks, every other one behind an `if`: N/2 choices
      awk -v n="$n" 'BEGIN { print "app s"; print "table T { key id: string }";
        print "flow f(x: int) express {"; for (i = 0; i < n; i++) {
          if (i % 2) printf "  if x > %d { T.put({ id: \"x\" }) }\n", i; else print "  T.put({ id: \"x\" })" }
        print "}" }' ;;
    graph-architecture)  # N/2 tables and N/2 flows, each writing two tables: N access edges
      awk -v n="$n" 'BEGIN { print "app s"; m = int(n / 2);
        for (i = 0; i < m; i++) printf "table T%d { key id: string }\n", i;
        for (i = 0; i < m; i++) printf "flow f%d() express { T%d.put({ id: \"a\" })\n T%d.put({ id: \"b\" }) }\n", i, i, (i + 1) % m }' ;;
    *) echo "unknown shape $shape" >&2; exit 2 ;;
  esac
}

# The command each shape is timed with, and the base size N.
command_of() {
  case "$1" in
    repeated-tasks | many-flows | many-resources) echo build ;;
    graph-flow | graph-architecture) echo graph ;;
    *) echo check ;;
  esac
}
size_of() {
  case "$1" in
    type-chain) echo 5000 ;;
    alias-chain) echo 20000 ;;
    suffixes) echo 50000 ;;
    repeated-tasks) echo 900 ;;   # 4N: just below the 1 MiB limit of a definition (E0604)
    deep-nesting) echo 240 ;;     # 4N: 120 levels, below the nesting limit of 128 (E0006)
    many-flows) echo 200 ;;
    many-resources) echo 1200 ;;
    graph-flow) echo 600 ;;       # 4N: below the 1 MiB limit of a definition (E0604)
    graph-architecture) echo 1000 ;;
  esac
}

# fastest SHAPE N: the fastest of 3 runs, in seconds.
fastest() {
  local shape="$1" n="$2" file="$work/$1_$2.caios" best="" cmd
  gen "$shape" "$n" > "$file"
  cmd=$(command_of "$shape")
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    if [ "$cmd" = build ]; then
      "$caios" build "$file" -o "$work/out_$shape" >/dev/null 2>&1 || true
    elif [ "$shape" = graph-flow ]; then
      "$caios" graph "$file" --flow f --format dot >/dev/null 2>&1 || true
    elif [ "$cmd" = graph ]; then
      "$caios" graph "$file" --format mermaid >/dev/null 2>&1 || true
    else
      "$caios" check "$file" >/dev/null 2>&1 || true
    fi
    end=$(date +%s.%N)
    best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN {
      t = e - s; if (b == "" || t < b) b = t; printf "%.3f", b }')
  done
  echo "$best"
}

printf '%-16s %-6s %8s %9s %8s %9s %6s\n' shape cmd N t_N 4N t_4N ratio
status=0
for shape in "${shapes[@]}"; do
  n=$(awk -v n="$(size_of "$shape")" -v s="$scale" 'BEGIN { printf "%d", n * s }')
  t1=$(fastest "$shape" "$n")
  t4=$(fastest "$shape" $((4 * n)))
  ratio=$(awk -v a="$t1" -v b="$t4" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
  printf '%-16s %-6s %8d %9s %8d %9s %6s\n' "$shape" "$(command_of "$shape")" "$n" "$t1" \
    $((4 * n)) "$t4" "$ratio"
  if [ "$check" = 1 ] && awk -v r="$ratio" 'BEGIN { exit !(r >= 8) }'; then
    echo "FAIL: $shape grows faster than near-linear (t(4N)/t(N) = $ratio >= 8)" >&2
    status=1
  fi
done
exit "$status"
