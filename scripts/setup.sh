#!/usr/bin/env bash
# Installs what caios needs on Debian 12: the C++ toolchain and libraries from apt, and the
# test-only npm validators pinned by package-lock.json. Safe to run again: it installs only
# what is missing.
#   --with-npm     also the npm validators (`npm ci` into node_modules/) and the VS Code
#                  extension's packages (`npm ci` in editors/vscode)
#   --with-python  also the Python test tools of requirements-test.txt (cfn-lint, boto3,
#                  botocore, moto) into .venv/ when the python3 in PATH lacks them
# Without --with-python it only checks those tools and says how to install them: it never
# changes a Python installation it did not create.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config antlr4 libantlr4-runtime-dev
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libfmt-dev catch2 clang lld
  libclang-rt-14-dev libmimalloc-dev time graphviz neovim
  openjdk-17-jre-headless velocity libcommons-lang-java)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (with its own npm); only the commands matter.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

with_npm=0
with_python=0
for arg in "$@"; do
  case "$arg" in
    --with-npm) with_npm=1 ;;
    --with-python) with_python=1 ;;
    *) echo "setup: unknown option $arg (expected --with-npm, --with-python)" >&2; exit 2 ;;
  esac
done

if [ "$with_npm" = 1 ]; then
  # Test-only validators, exactly as locked. The lock file records no download addresses.
  if [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
  fi
  # The VS Code extension's own packages (its manifest is editors/vscode/package.json): the
  # TextMate engine for the grammar test and @vscode/vsce for the .vsix (docs/editors.md).
  if [ ! -d editors/vscode/node_modules ] || ! (cd editors/vscode && npm ls --silent >/dev/null 2>&1); then
    (cd editors/vscode && npm ci --no-audit --no-fund)
  fi
fi

# Python test tools, pinned by requirements-test.txt (name==version lines). Prints the ones a
# Python interpreter lacks or has in another version; nothing when all are there.
python_missing() {
  "$1" - requirements-test.txt <<'PY' 2>/dev/null || echo "python3"
import re, sys
from importlib import metadata
for line in open(sys.argv[1]):
    m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
    if not m:
        continue
    try:
        found = metadata.version(m.group(1))
    except metadata.PackageNotFoundError:
        found = None
    if found != m.group(2):
        print(f"{m.group(1)}=={m.group(2)}" + (f" (found {found})" if found else ""))
PY
}
# The tests use .venv/bin/python3 when it exists (tests/validate/validators.cmake), else python3.
python=python3
[ -x .venv/bin/python3 ] && python=.venv/bin/python3
missing_py="$(python_missing "$python")"
if [ -n "$missing_py" ] && [ "$with_python" = 1 ]; then
  echo "setup: installing the Python test tools into .venv/"
  if [ ! -x .venv/bin/python3 ] && ! python3 -m venv .venv; then
    echo "setup: python3 -m venv failed; on Debian install python3-venv first" >&2
    exit 1
  fi
  .venv/bin/python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
  python=.venv/bin/python3
  missing_py="$(python_missing "$python")"
fi
if [ -n "$missing_py" ]; then
  echo "setup: $python lacks the pinned Python test tools:" $missing_py >&2
  echo "setup: the cfn-lint and moto tests are skipped without them, and \`caios run\` needs" >&2
  echo "       them; install them with" >&2
  echo "         python3 -m pip install -r requirements-test.txt" >&2
  echo "       or into .venv/ beside the sources with: scripts/setup.sh --with-python" >&2
fi
# `caios run` evaluates JSONata flows with the pinned `jsonata` package (package-lock.json).
if [ ! -f node_modules/jsonata/jsonata.js ]; then
  echo "setup: node_modules/jsonata is missing: \`caios run\` cannot run JSONata flows and the" >&2
  echo "       JSONata tests are skipped; install it with scripts/setup.sh --with-npm" >&2
fi
