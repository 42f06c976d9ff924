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
clang++ -std=c++20 -O1 -g -fsanitize=thread -fno-omit-frame-pointer -Wall -Wextra -Werror -I. \
  tests/unit/main.cpp tests/unit/parallel_for_test.cpp compiler/base/worker_pool.cpp -o "$exe"
for run in $(seq "$runs"); do
  # A lost wake-up hangs rather than races: a run gets two minutes (it takes about one second).
  if ! TSAN_OPTIONS=halt_on_error=1:exitcode=66 timeout 120 "$exe" "[parallel]" \
    >"$build_dir/run.log" 2>&1; then
    cat "$build_dir/run.log" >&2
    echo "error: ThreadSanitizer run $run of $runs failed" >&2
    exit 1
  fi
done
echo "ThreadSanitizer: $runs runs of the [parallel] tests, no report"
