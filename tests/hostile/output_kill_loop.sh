#!/usr/bin/env bash
# hostile/output_kill_loop: 20 builds of a larger program killed with `kill -9` after random
# delays spanning a whole build: the output folder exists and is complete after every kill,
# at most the killed build's staging folder is left beside it, and the next clean build
# leaves none; two concurrent builds of one folder both succeed (issue 15, finding 10).
# Arguments: CAIOS STDLIB BENCH_GEN (the program generator of bench/check_bench.sh).
source "$(dirname "$0")/lib.sh"
P="$WORK/p"
mkdir -p "$P" "$P/functions/validate" "$P/functions/reserve"  # the generator's code folders (E0520)
"$BENCH_GEN" 3000 >"$P/main.caios"
cd "$P"
# `exec`: in the background, $! must be caios itself, not a subshell that runs it.
build() { exec "$CAIOS" build --stdlib "$STDLIB" main.caios -o "$@"; }
expect_exit 0 "$CAIOS" build --stdlib "$STDLIB" main.caios -o ref
start=$(date +%s%N)
expect_exit 0 "$CAIOS" build --stdlib "$STDLIB" main.caios -o out
span_ms=$(( ($(date +%s%N) - start) / 1000000 + 20 ))
siblings() { find . -maxdepth 1 \( -name '.out.tmp-*' -o -name '.out.old-*' \) | wc -l; }
RANDOM=15  # a fixed seed: the same delays on every run
for i in $(seq 1 20); do
  (build out >/dev/null 2>&1) &
  pid=$!
  delay_ms=$(( RANDOM % span_ms ))
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -d out ] || fail "iteration $i (kill after ${delay_ms} ms): out/ does not exist"
  diff -r ref out >/dev/null || fail "iteration $i (kill after ${delay_ms} ms): out/ is incomplete"
  [ "$(siblings)" -le 1 ] || fail "iteration $i: $(siblings) staging folders beside out/"
done
expect_exit 0 "$CAIOS" build --stdlib "$STDLIB" main.caios -o out
[ "$(siblings)" -eq 0 ] || fail "$(siblings) staging folders left after a clean build"

# Concurrent builds of one folder: both succeed, the result is complete, nothing is left.
for i in 1 2 3; do
  build out >"$WORK/a.log" 2>&1 & a=$!
  build out >"$WORK/b.log" 2>&1 & b=$!
  wait "$a" || { cat "$WORK/a.log" >&2; fail "concurrent build A failed"; }
  wait "$b" || { cat "$WORK/b.log" >&2; fail "concurrent build B failed"; }
  diff -r ref out >/dev/null || fail "out/ incomplete after concurrent builds"
  [ "$(siblings)" -eq 0 ] || fail "$(siblings) staging folders left after concurrent builds"
done
echo "output_kill_loop: ok (build ~${span_ms} ms)"
