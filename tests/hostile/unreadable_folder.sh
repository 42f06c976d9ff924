# Issue 15 #19: a folder the compiler cannot read is reported (W0010) and the readable files
# are still checked. Root reads mode-000 folders, so as root the check runs as `nobody` with
# setpriv (skipped when setpriv is missing).
. "$(dirname "$0")/common.shinc"
# `nobody` must reach the folder: the build folder may lie below a private one, /tmp does not.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/caios-hostile.XXXXXX")
trap 'chmod -R u+rwx "$SCRATCH"; rm -rf "$SCRATCH"' EXIT

mkdir -p "$SCRATCH/src/private" "$SCRATCH/src/zz"
printf 'app shop\nimport "./zz/later.caios"\n' >"$SCRATCH/src/main.caios"
printf 'type Secret { id: string }\n' >"$SCRATCH/src/private/secret.caios"
printf 'type Later { id: string }\n' >"$SCRATCH/src/zz/later.caios"
chmod 000 "$SCRATCH/src/private"
chmod 755 "$SCRATCH" "$SCRATCH/src" "$SCRATCH/src/zz"
chmod 644 "$SCRATCH/src/main.caios" "$SCRATCH/src/zz/later.caios"

run=""
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null 2>&1 || { echo "root without setpriv"; exit 77; }
  run="setpriv --reuid=65534 --regid=65534 --clear-groups"
  # The scratch folder's parents must be searchable by nobody.
  d=$SCRATCH
  while [ "$d" != "/" ]; do
    if ! $run test -x "$d"; then
      chmod 755 "$SCRATCH/src/private"
      echo "nobody cannot reach $d"
      exit 77
    fi
    d=$(dirname "$d")
  done
fi
# The repository may lie in a folder only root can enter (a `mktemp -d` clone): nobody runs a
# copy of caios and of the stdlib inside the scratch folder.
mkdir -p "$SCRATCH/bin"
cp "$CAIOS" "$SCRATCH/bin/caios"
cp -R "$REPO/stdlib" "$SCRATCH/stdlib"
chmod -R a+rX "$SCRATCH/bin" "$SCRATCH/stdlib"
$run "$SCRATCH/bin/caios" check --color never --stdlib "$SCRATCH/stdlib" "$SCRATCH/src" \
  >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
chmod 755 "$SCRATCH/src/private"
expect_exit 0 $rc "check of a folder with an unreadable subfolder"
expect_in "$SCRATCH/err" "warning[W0010]: cannot read \`$SCRATCH/src/private\`: Permission denied; the .caios files in it are not checked" "unreadable subfolder"
grep -q "E0005" "$SCRATCH/err" && fail "E0005 reported though readable files exist"
finish
