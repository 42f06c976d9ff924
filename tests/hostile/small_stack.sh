# The deepest program the nesting limit allows (E0006: 128 levels) is built whatever stack limit
# the shell sets: every thread caios starts, the compiling thread and ParallelFor's workers, has a
# stack of at least 8 MiB (compiler/driver/main.cpp). Before, the checker, lowering and the
# emitters recursed on the main thread, and `ulimit -s 64` made this program crash (SIGSEGV).
. "$(dirname "$0")/common.shinc"

# Two flows of 126 nested `if`s (with the flow's braces, 127 levels), emitted on two threads.
awk 'BEGIN { print "app deep"; d = 126; for (f = 0; f < 2; f++) {
  printf "flow f%d(x: int) -> int {\n", f;
  for (i = 0; i < d; i++) printf "if x > %d {\n", i; print "return x";
  for (i = 0; i < d; i++) print "}"; print "return 0"; print "}" } }' >"$SCRATCH/deep.caios"

for limit in 64 1024 unlimited; do
  # A limit the shell or the sanitizers' runtime refuses is skipped, not failed.
  if ! (ulimit -s "$limit" && "$CAIOS" --version) >/dev/null 2>&1; then
    echo "skipped: caios does not start under ulimit -s $limit"
    continue
  fi
  rm -rf "$SCRATCH/out"
  (ulimit -s "$limit" && timeout 60 "$CAIOS" build --color never -j 2 \
    "$SCRATCH/deep.caios" -o "$SCRATCH/out" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr")
  expect_exit 0 $? "caios build under ulimit -s $limit"
  for f in f0 f1; do
    [ -f "$SCRATCH/out/statemachines/$f.asl.json" ] ||
      fail "ulimit -s $limit: no statemachines/$f.asl.json"
  done
done

# One level more is E0006, under the small limit too.
awk 'BEGIN { print "app deep"; d = 128; print "flow f(x: int) -> int {";
  for (i = 0; i < d; i++) printf "if x > %d {\n", i; print "return x";
  for (i = 0; i < d; i++) print "}"; print "return 0"; print "}" }' >"$SCRATCH/deeper.caios"
if (ulimit -s 64 && "$CAIOS" --version) >/dev/null 2>&1; then
  (ulimit -s 64 && timeout 60 "$CAIOS" check --color never "$SCRATCH/deeper.caios" \
    >"$SCRATCH/stdout" 2>"$SCRATCH/stderr")
  expect_exit 1 $? "caios check of 129 levels under ulimit -s 64"
  expect_in "$SCRATCH/stderr" "error[E0006]: nesting too deep" "129 levels"
fi
finish
