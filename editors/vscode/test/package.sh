#!/usr/bin/env bash
# Builds the extension's .vsix with the pinned @vscode/vsce into OUT_DIR and checks that it holds
# the manifest, the grammar, the language configuration, the snippets and the client with its
# vscode-languageclient runtime. Exit 77 (skipped) when `npm ci` has not been run in
# editors/vscode, unless CI is set.
#   package.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: package.sh OUT_DIR}"
if [ ! -x node_modules/.bin/vsce ] || [ ! -d node_modules/vscode-languageclient ]; then
  echo "editors/vscode: npm packages missing (run \`npm ci\` in editors/vscode)" >&2
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi
mkdir -p "$out"
vsix="$out/caios.vsix"
rm -f "$vsix"
node_modules/.bin/vsce package --no-update-package-json --skip-license --allow-missing-repository \
  --no-git-tag-version -o "$vsix" >"$out/vsce.log" 2>&1 || { cat "$out/vsce.log" >&2; exit 1; }
listing="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$vsix")"
status=0
for f in extension/package.json extension/extension.js extension/language-configuration.json \
    extension/syntaxes/caios.tmLanguage.json extension/snippets/caios.json \
    extension/node_modules/vscode-languageclient/node.js extension.vsixmanifest; do
  grep -qxF "$f" <<<"$listing" || { echo "caios.vsix lacks $f" >&2; status=1; }
done
# Build and test tooling stay out of the package (.vscodeignore).
for f in extension/scripts/gen_grammar.py extension/node_modules/@vscode/vsce/package.json \
    extension/node_modules/vscode-textmate/package.json; do
  if grep -qxF "$f" <<<"$listing"; then echo "caios.vsix should not hold $f" >&2; status=1; fi
done
# The packaged manifest contributes the language, its grammar and snippets and caios.path.
python3 - "$vsix" <<'PY' || status=1
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
m = json.loads(z.read("extension/package.json"))
c = m["contributes"]
ok = (c["languages"][0]["id"] == "caios" and ".caios" in c["languages"][0]["extensions"]
      and c["grammars"][0]["scopeName"] == "source.caios"
      and c["snippets"][0]["language"] == "caios"
      and "caios.path" in c["configuration"]["properties"]
      and "onLanguage:caios" in m["activationEvents"])
grammar = json.loads(z.read("extension/syntaxes/caios.tmLanguage.json"))
ok = ok and grammar["scopeName"] == "source.caios"
json.loads(z.read("extension/snippets/caios.json"))
if not ok:
    sys.exit("caios.vsix: the manifest does not contribute the language, grammar, snippets and caios.path")
PY
[ "$status" = 0 ] && echo "caios.vsix: $(wc -c <"$vsix") bytes, $(wc -l <<<"$listing") files"
exit "$status"
