#!/bin/sh
# Regenerates the AWS service table into $2 and compares it with the embedded one ($1).
# Exit 77 (skipped) only when botocore is not installed.
set -u
table=$1
out=$2
python3 -c 'import botocore' 2>/dev/null || { echo "botocore is not installed: skipped"; exit 77; }
pinned=$(head -n 1 "$table" | cut -d' ' -f4)
installed=$(python3 -c 'import botocore; print(botocore.__version__)')
if [ "$pinned" != "$installed" ]; then
  echo "the table is pinned to botocore $pinned but $installed is installed:"
  echo "install botocore==$pinned, or regenerate with scripts/gen_aws_models.py (docs/architecture.md)"
  exit 1
fi
python3 scripts/gen_aws_models.py "$out" || exit 1
if ! cmp -s "$table" "$out"; then
  echo "$table differs from what scripts/gen_aws_models.py generates:"
  diff "$table" "$out" | head -n 20
  exit 1
fi
echo "the AWS service table matches botocore $installed"
