#!/usr/bin/env bash
# hostile/output_kill_at_swap: `kill -9` at each rename of a build (injected with strace, so
# it is deterministic) never leaves the output folder missing or incomplete: the new output
# replaces the old with one atomic exchange (issue 15, finding 10; docs/cli.md, `-o`).
# Arguments: CAIOS STDLIB. Skipped (77) without strace or where ptrace is not allowed.
source "$(dirname "$0")/lib.sh"
command -v strace >/dev/null || { echo "strace not installed: skipped"; exit 77; }
strace -f -o /dev/null true 2>/dev/null || { echo "ptrace not allowed: skipped"; exit 77; }
P="$WORK/p"
write_program "$P"
cd "$P"
build() { "$CAIOS" build --stdlib "$STDLIB" src/main.caios "$@"; }
expect_exit 0 build -o ref
expect_exit 0 build -o out
calls=rename,renameat,renameat2
for n in 1 2 3; do
  rc=0
  (strace -f -o /dev/null -e trace=$calls -e inject=$calls:signal=KILL:when=$n \
    "$CAIOS" build --stdlib "$STDLIB" src/main.caios -o out >/dev/null 2>&1) 2>/dev/null || rc=$?
  [ -d out ] || fail "killed at rename #$n (exit $rc): out/ does not exist"
  diff -r ref out >/dev/null || fail "killed at rename #$n (exit $rc): out/ differs from a full build"
done
# The next build removes what the killed ones left beside out/.
expect_exit 0 build -o out
left=$(find . -maxdepth 1 -name '.out.*' | wc -l)
[ "$left" -eq 0 ] || fail "$left staging folders left beside out/: $(ls -a)"
echo "output_kill_at_swap: ok"
