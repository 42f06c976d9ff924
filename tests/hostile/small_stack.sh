# The deepest program the nesting limit allows (E0006: 128 levels) is built whatever stack limit
# the shell sets: every thread caios starts, the compiling thread and ParallelFor's workers, has a
# stack of at least 8 MiB (compiler/driver/main.cpp). Before, the checker, lowering and the
# emitters recursed on the main thread, and `ulimit -s 64` made this program crash (SIGSEGV).
. "$(dirname "$0")/common.shinc"

# nested FLOWS DEPTH: an application of FLOWS flows (f0, f1, …), each DEPTH nested `if`s deep
# (with the flow's braces, DEPTH + 1 levels).
nested() {
  awk -v flows="$1" -v d="$2" 'BEGIN { print "app deep"; for (f = 0; f < flows; f++) {
    printf "flow f%d(x: int) -> int {\n", f;
    for (i = 0; i < d; i++) printf "if x > %d {\n", i; print "return x";
    for (i = 0; i < d; i++) print "}"; print "return 0"; print "}" } }'
}

# starts_under LIMIT: whether caios starts at all under `ulimit -s LIMIT` (a limit the shell or
# the sanitizers' runtime refuses is skipped, not failed).
starts_under() {
  (ulimit -s "$1" && "$CAIOS" --version) >/dev/null 2>&1
}

# Two flows of 127 levels, emitted on two threads.
nested 2 126 >"$SCRATCH/deep.caios"

# builds_deep ULIMIT-ARGS...: deep.caios builds under `ulimit ULIMIT-ARGS`, both flows emitted.
builds_deep() {
  rm -rf "$SCRATCH/out"
  (ulimit "$@" && timeout 60 "$CAIOS" build --color never -j 2 \
    "$SCRATCH/deep.caios" -o "$SCRATCH/out" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr")
  expect_exit 0 $? "caios build under ulimit $*"
  for f in f0 f1; do
    [ -f "$SCRATCH/out/statemachines/$f.asl.json" ] ||
      fail "ulimit $*: no statemachines/$f.asl.json"
  done
}

for limit in 64 1024 unlimited; do
  if ! starts_under "$limit"; then
    echo "skipped: caios does not start under ulimit -s $limit"
    continue
  fi
  builds_deep -s "$limit"
done

# A small soft limit under a larger hard one (`ulimit -S -s 64`): caios raises the soft limit and
# compiles on the main thread, whose stack then grows as far as a thread's would.
hard="$(ulimit -H -s)"
if (ulimit -S -s 64 && "$CAIOS" --version) >/dev/null 2>&1 &&
  { [ "$hard" = unlimited ] || [ "$hard" -ge 8192 ]; }; then
  builds_deep -S -s 64
else
  echo "skipped: no soft stack limit of 64 KiB under a hard one of 8 MiB or more"
fi

# One level more is E0006, under the small limit too.
nested 1 128 >"$SCRATCH/deeper.caios"
if starts_under 64; then
  (ulimit -s 64 && timeout 60 "$CAIOS" check --color never "$SCRATCH/deeper.caios" \
    >"$SCRATCH/stdout" 2>"$SCRATCH/stderr")
  expect_exit 1 $? "caios check of 129 levels under ulimit -s 64"
  expect_in "$SCRATCH/stderr" "error[E0006]: nesting too deep" "129 levels"
fi
finish
