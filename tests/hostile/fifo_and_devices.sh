# Issue 15 #5: a FIFO, a device or a socket as input is refused at once with E0001 (opened
# without blocking, judged by fstat); it never hangs the compiler.
. "$(dirname "$0")/common.shinc"

mkfifo "$SCRATCH/pipe.caios"
timeout 10 "$CAIOS" check "$SCRATCH/pipe.caios" >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
expect_exit 2 $rc "FIFO named on the command line"
expect_in "$SCRATCH/err" "error[E0001]: cannot read \`$SCRATCH/pipe.caios\`: it is a FIFO (named pipe), not a regular file" "FIFO"

for dev in /dev/zero /dev/urandom /dev/null; do
  timeout 10 "$CAIOS" check "$dev" >"$SCRATCH/out" 2>"$SCRATCH/err"
  rc=$?
  expect_exit 2 $rc "$dev"
  expect_in "$SCRATCH/err" "cannot read \`$dev\`: it is a character device, not a regular file" "$dev"
done

# A FIFO imported by a program is not a file it can import (and is never opened).
mkdir -p "$SCRATCH/app"
mkfifo "$SCRATCH/app/types.caios"
printf 'app fifo\nimport "./types.caios"\n' >"$SCRATCH/app/main.caios"
timeout 10 "$CAIOS" check "$SCRATCH/app/main.caios" >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
expect_exit 1 $rc "FIFO as an import"
expect_in "$SCRATCH/err" "error[E0201]" "FIFO as an import"

# A socket (python3 is part of the test environment; skipped without it).
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' \
    "$SCRATCH/sock.caios"
  timeout 10 "$CAIOS" check "$SCRATCH/sock.caios" >"$SCRATCH/out" 2>"$SCRATCH/err"
  rc=$?
  expect_exit 2 $rc "socket"
  expect_in "$SCRATCH/err" "error[E0001]: cannot read \`$SCRATCH/sock.caios\`: it is not a regular file" "socket"
fi
finish
