#!/usr/bin/env bash
# hostile/output_guard: `caios build -o` never deletes the program's sources, the stdlib, the
# functions' code, the working directory or files that caios did not write (issue 15, finding
# 8; docs/cli.md, `-o`). Arguments: CAIOS STDLIB.
source "$(dirname "$0")/lib.sh"
P="$WORK/p"
write_program "$P"
echo "my notes" >"$P/notes.txt"
cd "$P"
build() { "$CAIOS" build --stdlib "$STDLIB" src/main.caios "$@"; }
intact() {
  [ -f src/main.caios ] && [ -f functions/work/main.py ] && [ -f notes.txt ] ||
    fail "a source, the function code or notes.txt was deleted after: $*"
}

# The output folder equals or contains an input, the code, the working directory: refused,
# also with --force.
for out in src . .. "$P" src/main.caios functions functions/work "$WORK"; do
  for force in "" --force; do
    expect_exit 2 build -o "$out" $force
    expect_stderr "refusing to write the output to \`$out\`"
    intact "-o $out $force"
  done
done
expect_exit 2 build -o src
expect_stderr "it contains the input \`src/main.caios\`"
expect_exit 2 build -o functions
expect_stderr "it contains the code folder"
# The working directory, also when no input is in it.
mkdir -p "$WORK/elsewhere/sub" && echo "keep" >"$WORK/elsewhere/sub/x.txt"
(cd "$WORK/elsewhere/sub" &&
  expect_exit 2 "$CAIOS" build --stdlib "$STDLIB" "$P/src/main.caios" -o .. --force)
expect_stderr "it contains the current folder"
[ -f "$WORK/elsewhere/sub/x.txt" ] || fail "the working directory was deleted"

# Through a link to the sources.
ln -s src srclink
expect_exit 2 build -o srclink --force
intact "-o srclink"

# The stdlib folder.
cp -r "$STDLIB" lib
expect_exit 2 "$CAIOS" build --stdlib lib src/main.caios -o lib --force
expect_stderr "the standard library folder"
[ -n "$(ls lib)" ] || fail "the stdlib copy was emptied"

# A folder of someone else's files: refused without --force, replaced with it.
mkdir -p docs && echo "keep" >docs/a.txt
expect_exit 2 build -o docs
expect_stderr "it holds files that caios did not write"
expect_stderr "--force"
[ "$(cat docs/a.txt)" = keep ] || fail "docs/a.txt changed without --force"
expect_exit 0 build -o docs --force
[ ! -e docs/a.txt ] && [ -f docs/template.yaml ] || fail "--force did not replace docs"

# A wrong marker is not a marker.
mkdir -p fake && echo "something else" >fake/.caios-output && echo x >fake/data
expect_exit 2 build -o fake
[ -f fake/data ] || fail "fake/data deleted"

# A regular file is not a folder.
echo "text" >file.txt
expect_exit 2 build -o file.txt --force
expect_stderr "exists and is not a folder"
[ "$(cat file.txt)" = text ] || fail "file.txt changed"

# What caios wrote it replaces; an empty folder is fine; both get the marker.
expect_exit 0 build -o out
[ "$(cat out/.caios-output)" = "$MARKER_TEXT" ] || fail "out/.caios-output: wrong marker"
expect_exit 0 build -o out
mkdir empty
expect_exit 0 build -o empty
[ -f empty/.caios-output ] && [ -f empty/template.yaml ] || fail "empty/ not written"
intact "the successful builds"
echo "output_guard: ok"
