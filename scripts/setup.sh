#!/usr/bin/env bash
# Installs what caios needs on Debian 12: the C++ toolchain and libraries from apt, and the
# test-only npm validators pinned by package-lock.json. Safe to run again: it installs only
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config antlr4 libantlr4-runtime-dev
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libfmt-dev catch2 clang lld
  libclang-rt-14-dev libmimalloc-dev time)
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

if [ "${1:-}" = "--with-npm" ]; then
  # Test-only validators, exactly as locked. The lock file records no download addresses.
  if [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
  fi
fi
