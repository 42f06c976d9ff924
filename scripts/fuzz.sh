#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan into build-fuzz/ (or
# $BUILD_DIR) and fuzzes each for a bounded time, starting from the corpus kept in
# tests/fuzz/corpus/<target>/ plus the samples, stdlib and golden cases. See
# docs/architecture.md, "Fuzzing".
#
#   scripts/fuzz.sh                 CI: each target for $FUZZ_SECONDS (default 30; the
#                                   structure-aware target twice as long), two at a time on
#                                   two or more cores; the repository's corpus is read, never
#                                   written
#   scripts/fuzz.sh --campaign      a long run: each target for $FUZZ_SECONDS, then the new
#                                   inputs are merged (minimised) into tests/fuzz/corpus/
#   --with-tests                    the build holds the tests too (scripts/test.sh runs them
#                                   under the same sanitizers: one build serves both)
#   --build-only                    build, do not fuzz
#
# A crash, leak, timeout (10 s) or out-of-memory (4 GiB) stops the run with exit 1 and leaves
# the input as build-fuzz/<target>-crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build-fuzz}"
seconds="${FUZZ_SECONDS:-30}"
campaign=0 tests=OFF build_only=0
for arg in "$@"; do
  case "$arg" in
    --campaign) campaign=1 ;;
    --with-tests) tests=ON ;;
    --build-only) build_only=1 ;;
    *) echo "usage: scripts/fuzz.sh [--campaign] [--with-tests] [--build-only]" >&2; exit 2 ;;
  esac
done

# -O1, as libFuzzer's and AddressSanitizer's documentation build (less compile time than -O2).
# Line tables only: a crash's stack still names files and lines, and the build is faster. No
# -DNDEBUG: assertions stay on, for the fuzz targets and the tests alike. A unity build, as every
# build is by default (CMakeLists.txt): the whole build with the tests took 5.7 min instead of
# 12.1 file by file on this 2-core VM (batches of 8 took 6.5 min, of 32 7.5).
CC=clang CXX=clang++ BUILD_DIR="$build_dir" scripts/build.sh -DCAIOS_FUZZ=ON -DCAIOS_TESTS="$tests" \
  -DCAIOS_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
[ "$build_only" = 1 ] && exit 0

seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
for f in samples/*/*.caios stdlib/*.caios tests/golden/valid/*.caios tests/golden/build/*.caios \
  tests/golden/fail_*.caios; do
  cp "$f" "$seeds/$(echo "$f" | tr / _)"  # several samples are called main.caios
done

run_target() {  # target, seconds, extra libFuzzer flags…
  local target="$1" time="$2"
  shift 2
  local kept="tests/fuzz/corpus/$target" work="$seeds/work-$target"
  mkdir -p "$work"
  [ "$campaign" = 1 ] && mkdir -p "$kept"
  local inputs=("$work")
  [ -d "$kept" ] && inputs+=("$kept")
  [ "$target" = generated ] || inputs+=("$seeds")
  echo "== fuzz $target (${time}s)"
  local log="$seeds/$target.log" status=0
  # -entropic=0: libFuzzer's default "entropic" scheduler spent 72% of the parser target's time
  # updating feature frequencies (perf, 60k features); without it every target runs 3-5x the
  # inputs and reaches more edges in the same time (docs/performance.md, "Fuzzing").
  "$build_dir/tests/fuzz/caios_fuzz_$target" -max_total_time="$time" -timeout=10 -entropic=0 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$build_dir/$target-" \
    "$@" "${inputs[@]}" >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+.*(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))' \
    "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -60 "$log" >&2
    echo "error: caios_fuzz_$target failed (exit $status); the input is in $build_dir/$target-*" >&2
    exit 1
  fi
  if [ "$campaign" = 1 ]; then
    local merged="$seeds/merged-$target"
    mkdir -p "$merged"
    "$build_dir/tests/fuzz/caios_fuzz_$target" -merge=1 -timeout=10 -rss_limit_mb=4096 \
      "$merged" "$kept" "$work" >/dev/null 2>&1
    rm -rf "$kept" && mv "$merged" "$kept"
    echo "   corpus tests/fuzz/corpus/$target: $(ls "$kept" | wc -l) inputs"
  fi
}

rm -f "$build_dir"/{parse,check,compile,generated,lsp}-*
# Source inputs up to 16 KiB (larger seeds are cut: the front end's cost grows with the input,
# and 16 KiB holds several declarations of every kind); the generator reads at most 4 KiB of
# decisions, and from the start (-len_control=0), since few bytes only make tiny programs.
lane_one() {
  run_target parse "$seconds" -dict=tests/fuzz/caios.dict -max_len=16384
  run_target check "$seconds" -dict=tests/fuzz/caios.dict -max_len=16384
  run_target compile "$seconds" -dict=tests/fuzz/caios.dict -max_len=16384
}
lane_two() {
  run_target generated "$((seconds * 2))" -max_len=4096 -len_control=0
  # The language server's text-change path: each input is a buffer opened, changed and queried.
  run_target lsp "$seconds" -dict=tests/fuzz/caios.dict -max_len=16384
}
# Each target is one process on one core: with two cores, the two lanes run at once (each the
# same time per target as alone), each lane's report printed whole when both have ended.
if [ "$(nproc)" -ge 2 ]; then
  status=0
  (lane_one) >"$seeds/lane-one.out" 2>&1 &
  one=$!
  (lane_two) >"$seeds/lane-two.out" 2>&1 &
  two=$!
  wait "$one" || status=1
  wait "$two" || status=1
  cat "$seeds/lane-one.out" "$seeds/lane-two.out"
  [ "$status" = 0 ] || exit 1
else
  lane_one
  lane_two
fi
echo "fuzzing found nothing"
