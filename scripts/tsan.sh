#!/usr/bin/env bash
# The worker pool (compiler/base/worker_pool.cpp) and ParallelFor under ThreadSanitizer: their
# unit tests (tests/unit/parallel_for_test.cpp: every index once, exceptions, nested loops,
# several callers at once, threads kept) built with clang -fsanitize=thread and run RUNS times
# (default 10); any report of ThreadSanitizer fails the run. The rest of the compiler reaches
# its threads only through ParallelFor, whose bodies write disjoint slots; a ThreadSanitizer
# build of everything would be a third clang build in CI, about ten minutes more.
#
#   scripts/tsan.sh            BUILD_DIR (default build-tsan) holds the executable
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build-tsan}"
runs="${RUNS:-10}"
mkdir -p "$build_dir"
exe="$build_dir/parallel_for_tsan"
flags=(-std=c++20 -g -fsanitize=thread -fno-omit-frame-pointer -Wall -Wextra -Werror -I.)
# Catch2's main() (the whole test runner, none of the code under test) is compiled unoptimised
# and beside the rest: 9 s instead of 27 at -O1.
clang++ "${flags[@]}" -O0 -c tests/unit/main.cpp -o "$build_dir/main.o" &
runner=$!
trap 'kill "$runner" 2>/dev/null || true' EXIT  # when the other compilations fail
clang++ "${flags[@]}" -O1 -c tests/unit/parallel_for_test.cpp -o "$build_dir/parallel_for_test.o"
clang++ "${flags[@]}" -O1 -c compiler/base/worker_pool.cpp -o "$build_dir/worker_pool.o"
wait "$runner"
clang++ -fsanitize=thread "$build_dir/main.o" "$build_dir/parallel_for_test.o" \
  "$build_dir/worker_pool.o" -o "$exe"
# The runs go at once: each spends most of its second waiting, not computing, and runs side by
# side interleave the threads differently from run to run, which is what they are for.
pids=()
for run in $(seq "$runs"); do
  # A lost wake-up hangs rather than races: a run gets two minutes (it takes about one second).
  # --warn NoTests: a run that matched no test (a renamed tag) fails rather than passes.
  TSAN_OPTIONS=halt_on_error=1:exitcode=66 timeout 120 "$exe" "[parallel]" --warn NoTests \
    >"$build_dir/run-$run.log" 2>&1 &
  pids+=($!)
done
failed=0
for run in $(seq "$runs"); do
  if ! wait "${pids[$((run - 1))]}"; then
    cat "$build_dir/run-$run.log" >&2
    echo "error: ThreadSanitizer run $run of $runs failed" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
echo "ThreadSanitizer: $runs runs of the [parallel] tests, no report"
