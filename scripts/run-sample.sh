#!/usr/bin/env bash
# Sets up, builds, and checks one sample application (default: samples/checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
sample="${1:-samples/checkout}"
echo "\$ build/caios check $sample"
build/caios check "$sample"
echo "ok: $sample checks clean"
