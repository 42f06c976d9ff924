#!/usr/bin/env bash
# hostile/output_long_name: any legal folder name (up to 255 bytes) works as the output
# folder, also when it replaces an earlier output: staging names are cut to fit (issue 15,
# finding 10). Arguments: CAIOS STDLIB.
source "$(dirname "$0")/lib.sh"
P="$WORK/p"
write_program "$P"
cd "$P"
for len in 200 240 250 255; do
  name=$(printf 'o%.0s' $(seq 1 "$len"))
  for round in 1 2; do
    expect_exit 0 "$CAIOS" build --stdlib "$STDLIB" src/main.caios -o "$name"
    [ -f "$name/template.yaml" ] && [ -f "$name/.caios-output" ] || fail "$len bytes: no output"
  done
  left=$(find . -maxdepth 1 -name ".o*" | wc -l)
  [ "$left" -eq 0 ] || fail "$len bytes: $left staging folders left"
done
echo "output_long_name: ok"
