#!/usr/bin/env bash
# hostile/output_app_names: an application's name becomes a folder under `-o`; a name that is
# not a safe folder name (E0020) or that two applications share (E0021) is an error, and
# nothing is written outside the output folder (issue 15, findings 9 and 13). Arguments:
# CAIOS STDLIB.
source "$(dirname "$0")/lib.sh"
P="$WORK/p"
mkdir -p "$P"
cat >"$P/...caios" <<'CAIOS'
flow f() -> int {
  return 1
}
CAIOS
printf 'app other\n\nflow g() -> int {\n  return 2\n}\n' >"$P/other.caios"
for cmd in check build; do
  args=()
  [ "$cmd" = build ] && args=(-o "$P/out")
  expect_exit 1 "$CAIOS" "$cmd" --stdlib "$STDLIB" "$P" "${args[@]}"
  expect_stderr "error[E0020]: the application name \`..\`, taken from the file name \`...caios\`"
done
[ ! -e "$P/template.yaml" ] && [ ! -e "$P/statemachines" ] || fail "written outside $P/out"
[ ! -e "$P/out" ] || fail "$P/out written despite errors"

# Two applications named alike: both locations, no merged folder.
Q="$WORK/q"
mkdir -p "$Q/a" "$Q/b"
printf 'app shop\n\nflow f() -> int {\n  return 1\n}\n' >"$Q/a/main.caios"
printf 'app Shop\n\nflow g() -> int {\n  return 2\n}\n' >"$Q/b/main.caios"
expect_exit 1 "$CAIOS" build --stdlib "$STDLIB" "$Q/a" "$Q/b" -o "$Q/out"
expect_stderr "error[E0021]: the application names \`shop\` and \`Shop\` differ only in case"
expect_stderr "a/main.caios:1:5"
[ ! -e "$Q/out" ] || fail "$Q/out written despite errors"
echo "output_app_names: ok"
