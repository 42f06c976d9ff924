#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this):
#   1. set up (apt packages, npm validators from the lock file, the Python test tools of
#      requirements-test.txt into .venv/ when python3 lacks them), build, run every CTest test
#      (Catch2 unit tests, golden tests, SARIF schema check, every sample built and its output
#      judged by asl-validator, the CloudFormation spec, the IAM rules and cfn-lint);
#   2. regenerate the golden expectations and fail if that leaves a diff;
#   3. build every sample;
#   4. build with clang, AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer's
#      instrumentation into build-san/, and run the tests again, except the scaling checks
#      (their time ratios mean nothing under a sanitizer) and the tests labelled `engines`,
#      whose minutes go to validators, execution engines and the local cloud's Python on what
#      a `caios build` made (tests/CMakeLists.txt says which, and why that leaves no C++ out);
#   5. fuzz each libFuzzer target of that build for a bounded time (scripts/fuzz.sh:
#      FUZZ_SECONDS, 30 per target, two targets at a time) from the corpus kept in
#      tests/fuzz/corpus.
#   Before 4, the worker pool's tests run under ThreadSanitizer (scripts/tsan.sh, build-tsan/).
# Set QUICK=1 to skip steps 4 and 5 and the ThreadSanitizer run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
# Each stage's header says when it started, in seconds since this script did: a CI log shows
# where the time went.
stage() { echo "== $1 (at ${SECONDS} s)"; }

scripts/setup.sh --with-npm --with-python

stage "build"
# CI treats warnings as errors. Line tables only (-g1) instead of full debug info: a quarter to a
# third less compile time, and profiles and backtraces still show functions and lines
# (`scripts/build.sh` alone keeps -g; pass -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g -DNDEBUG" to
# get full debug info back in build/).
scripts/build.sh -DCAIOS_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
stage "tests"
ctest --test-dir build --output-on-failure -j"$jobs"

stage "golden expectations are up to date"
CAIOS_UPDATE_GOLDEN=1 ctest --test-dir build -R '^golden/' -j"$jobs" >/dev/null
if [ -n "$(git status --porcelain -- tests/golden docs/diagnostics.md)" ]; then
  git status --porcelain -- tests/golden docs/diagnostics.md
  git --no-pager diff --stat -- tests/golden docs/diagnostics.md
  echo "error: golden expectations changed when regenerated; run CAIOS_UPDATE_GOLDEN=1 ctest and commit" >&2
  exit 1
fi

stage "samples"
for sample in samples/*/; do
  build/caios build "$sample" -o "build/sample-out/$(basename "$sample")"
done

if [ "${QUICK:-0}" = "1" ]; then
  echo "QUICK=1: skipping sanitizers and fuzzing"
  exit 0
fi

stage "ThreadSanitizer: the worker pool"
scripts/tsan.sh

stage "ASan + UBSan"
# One clang build with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# instrumentation serves both this suite and the fuzz targets (a full build fewer).
BUILD_DIR=build-san scripts/fuzz.sh --with-tests --build-only
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j"$jobs" -E '^sarif/|^hostile/scaling-' -LE engines

stage "fuzz"
BUILD_DIR=build-san scripts/fuzz.sh --with-tests
echo "all tests passed (in ${SECONDS} s)"
