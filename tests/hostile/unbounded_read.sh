# Issue 15 #4: input that never ends stops at the 64 MiB limit while it is read (E0007), fast
# and with bounded memory; the standard input as a pipe is a supported input (docs/cli.md).
. "$(dirname "$0")/common.shinc"

# An endless pipe on the standard input. The memory limit (virtual, 1 GiB) and the timeout
# turn the old behaviour (growing without bound) into a failure instead of an OOM kill. A
# sanitizer build reserves terabytes of virtual memory for its shadow and cannot start under
# such a limit: there the peak resident memory, measured by /usr/bin/time, must stay below it.
limit="ulimit -v 1048576"
(eval "$limit" && "$CAIOS" --version) >/dev/null 2>&1 || limit=":"
(
  eval "$limit"
  yes | timeout 60 /usr/bin/time -f %M -o "$SCRATCH/rss" "$CAIOS" check /dev/stdin \
    >"$SCRATCH/out" 2>"$SCRATCH/err"
  echo $? >"$SCRATCH/rc"
)
expect_exit 2 "$(cat "$SCRATCH/rc")" "yes | caios check /dev/stdin"
rss_kb=$(tail -n 1 "$SCRATCH/rss")
[ "$rss_kb" -lt 1048576 ] 2>/dev/null || fail "endless pipe: peak memory ${rss_kb} KiB, not below 1 GiB"
expect_in "$SCRATCH/err" "error[E0007]: cannot read \`/dev/stdin\`: it is larger than 64 MiB, the limit" "endless pipe"

# Devices on the standard input are refused like devices named directly.
timeout 10 "$CAIOS" check /dev/stdin </dev/zero >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
expect_exit 2 $rc "caios check /dev/stdin < /dev/zero"
expect_in "$SCRATCH/err" "it is a character device, not a regular file" "/dev/zero on stdin"

# A program on the standard input is checked, and its lines are quoted.
printf 'app piped\nflow f() -> int {\n  return ordr\n}\n' |
  timeout 10 "$CAIOS" check --color never /dev/stdin >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
expect_exit 1 $rc "a program piped in"
expect_in "$SCRATCH/err" "/dev/stdin:3:10: error[E0211]" "a program piped in"
expect_in "$SCRATCH/err" "3 |   return ordr" "a program piped in"

# A file at the limit is read; one byte more is refused (checked on the bytes, not the size).
head -c $((64 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$SCRATCH/big.caios"
timeout 60 "$CAIOS" check "$SCRATCH/big.caios" >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
expect_exit 2 $rc "a file of 64 MiB + 1 byte"
expect_in "$SCRATCH/err" "error[E0007]" "a file of 64 MiB + 1 byte"
rm -f "$SCRATCH/big.caios"
finish
