#!/usr/bin/env bash
# Runs tests/editors/nvim_lsp.lua: Neovim's built-in LSP client against `caios lsp` on a scratch
# copy of samples/checkout. Exit 77 (skipped) when nvim is missing, unless CI is set.
#   tests/editors/nvim_lsp.sh CAIOS
set -euo pipefail
cd "$(dirname "$0")/../.."
caios="$(realpath "$1")"
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim_lsp: nvim is missing (scripts/setup.sh installs Debian's neovim)" >&2
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r samples/checkout "$work/checkout"
export CAIOS="$caios" PROJECT="$work/checkout" HOME="$work" XDG_STATE_HOME="$work/state" \
  XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
timeout 120 nvim --headless --clean -c "luafile tests/editors/nvim_lsp.lua"
