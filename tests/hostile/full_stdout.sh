# Issue 15 #20: output that cannot be written (/dev/full) is an I/O error: exit 2 and a message
# on standard error, for every command that writes to standard output.
. "$(dirname "$0")/common.shinc"
[ -w /dev/full ] || { echo "no /dev/full"; exit 77; }

printf 'app full\n' >"$SCRATCH/ok.caios"
printf 'app full\nflow f() -> int {\n  return ordr\n}\n' >"$SCRATCH/bad.caios"
check_full() {
  what=$1
  shift
  "$CAIOS" "$@" >/dev/full 2>"$SCRATCH/err"
  rc=$?
  expect_exit 2 $rc "$what"
  expect_in "$SCRATCH/err" "error: cannot write to standard output" "$what"
}
check_full "explain" explain E0101
check_full "explain --list" explain --list
check_full "--help" --help
check_full "--version" --version
check_full "check --diagnostics json (clean)" check --diagnostics json "$SCRATCH/ok.caios"
check_full "check --diagnostics sarif (errors)" check --diagnostics sarif "$SCRATCH/bad.caios"
check_full "build --dump-ir" build --dump-ir --stdlib "$REPO/stdlib" "$SCRATCH/ok.caios"
finish
