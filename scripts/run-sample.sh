#!/usr/bin/env bash
# Sets up, builds, and compiles one sample application (default: samples/checkout) into
# out/<sample>/: template.yaml, statemachines/*.asl.json, functions/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
sample="${1:-samples/checkout}"
out="out/$(basename "$sample")"
echo "\$ build/caios build $sample -o $out"
build/caios build "$sample" -o "$out"
echo "ok: $sample built into $out:"
find "$out" -type f | sort
