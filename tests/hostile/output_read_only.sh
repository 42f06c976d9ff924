#!/usr/bin/env bash
# hostile/output_read_only: an old output made read-only (`chmod -R a-w`) is replaced and
# removed completely, as are stale read-only staging folders (issue 15, finding 10).
# Arguments: CAIOS STDLIB. File permissions do not bind root, so as root the builds run as
# `nobody` (setpriv); skipped (77) when that is not possible.
source "$(dirname "$0")/lib.sh"
run=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || { echo "root without setpriv: skipped"; exit 77; }
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$WORK"
  "${run[@]}" test -x "$CAIOS" -a -r "$STDLIB" || { echo "nobody cannot run caios: skipped"; exit 77; }
fi
P="$WORK/p"
write_program "$P"
chmod -R a+rwX "$P"
cd "$P"
build() { "${run[@]}" "$CAIOS" build --stdlib "$STDLIB" src/main.caios -o out; }
expect_exit 0 build
for round in 1 2; do
  chmod -R a-w out
  expect_exit 0 build
  [ -w out ] && [ -f out/template.yaml ] || fail "round $round: out/ not replaced"
  left=$(find . -maxdepth 1 -name '.out.*' | wc -l)
  [ "$left" -eq 0 ] || fail "round $round: $left folders left beside out/: $(ls -a)"
done
echo "output_read_only: ok"
