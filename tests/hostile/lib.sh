# Shared by the hostile-input scripts of the output folder (sourced, not run):
#   CAIOS, STDLIB, BENCH_GEN from the arguments; WORK, a scratch folder removed on exit;
#   fail MESSAGE; expect_exit CODE COMMAND…; write_program DIR (a small app with a function).
set -euo pipefail
CAIOS="$(realpath "$1")"
STDLIB="$(realpath "$2")"
BENCH_GEN="${3:+$(realpath "$3")}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/caios-hostile.XXXXXX")"
cleanup() { chmod -R u+rwx "$WORK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs a command, keeps its stderr in $WORK/stderr, and fails unless it exits with CODE.
expect_exit() {
  local code="$1"
  shift
  local got=0
  "$@" >"$WORK/stdout" 2>"$WORK/stderr" || got=$?
  [ "$got" -eq "$code" ] || { cat "$WORK/stderr" >&2; fail "exit $got, expected $code: $*"; }
}

expect_stderr() {
  grep -qF -- "$1" "$WORK/stderr" || { cat "$WORK/stderr" >&2; fail "stderr lacks: $1"; }
}

# A project: DIR/src/main.caios (app shop, one function whose code is DIR/functions/work, one
# flow) and the function's code.
write_program() {
  mkdir -p "$1/src" "$1/functions/work"
  cat >"$1/src/main.caios" <<'CAIOS'
app shop

function price(n: int) -> int {
  runtime python3.12
  handler "main.handler"
  code "../functions/work"
}

flow quote(n: int) -> int {
  let p = price(n)
  return p + 1
}
CAIOS
  echo 'def handler(event, context): return event' >"$1/functions/work/main.py"
}

MARKER_TEXT='This folder was written by `caios build`, which replaces it as a whole.'
