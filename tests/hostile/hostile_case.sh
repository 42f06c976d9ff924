#!/usr/bin/env bash
# One hostile-input case (CTest `hostile/...`): generates a pathological program, runs caios on
# it and checks that it ends with the expected exit code and diagnostic instead of crashing or
# hanging (the CTest TIMEOUT catches hangs). Inputs are generated here, not committed.
#   tests/hostile/hostile_case.sh CAIOS CASE
set -euo pipefail
caios="$1"
case_name="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$work/main.caios"

# expect CODE [TEXT] -- ARGS...: runs caios ARGS, requires exit CODE and TEXT in its output.
expect() {
  local want="$1" text="$2"
  shift 3
  local rc=0
  "$caios" "$@" >"$work/out" 2>&1 || rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL: caios $* exited $rc, expected $want" >&2
    head -c 2000 "$work/out" >&2
    exit 1
  fi
  if [ -n "$text" ] && ! grep -q -- "$text" "$work/out"; then
    echo "FAIL: the output of caios $* lacks \"$text\"" >&2
    head -c 2000 "$work/out" >&2
    exit 1
  fi
  echo "ok: caios $* -> $rc${text:+ ($text)}"
}

case "$case_name" in
  type-chain-records)  # 10,000 records, each naming the next (issue 15 #3)
    awk 'BEGIN { print "app chain"; for (i = 0; i < 10000; i++)
      printf "type A%d { id: string, next: [A%d] }\n", i, i + 1;
      print "type A10000 { id: string }" }' >"$src"
    expect 1 E0031 -- check "$src" ;;
  type-chain-aliases)  # 100,000 aliases, each naming the next
    awk 'BEGIN { print "app chain"; for (i = 0; i < 100000; i++)
      printf "type B%d = B%d\n", i, i + 1; print "type B100000 = string" }' >"$src"
    expect 1 E0031 -- check "$src" ;;
  type-chain-deep-values)  # 10,000 records declared innermost first: deep but resolved in steps
    awk 'BEGIN { print "app chain"; print "type A0 { v: string }"; print "type B0 { v: string }";
      for (i = 1; i <= 10000; i++) {
        printf "type A%d { v: string, prev: A%d }\n", i, i - 1;
        printf "type B%d { v: string, prev: B%d }\n", i, i - 1 }
      print "table Items: A10000 { key v: string }";
      print "flow copy(a: A10000) -> B10000 { Items.put(a); return a }" }' >"$src"
    expect 0 "" -- build "$src" -o "$work/out_dir" ;;
  type-suffixes)  # 100,000 `[]` suffixes (issue 15 #6): linear parse, then E0030
    awk 'BEGIN { print "app deep"; printf "type S = string";
      for (i = 0; i < 100000; i++) printf "[]"; print "" }' >"$src"
    expect 1 E0030 -- check "$src" ;;
  repeated-tasks)  # 16,000 identical tasks (issue 15 #7): naming is linear, then E0610
    awk 'BEGIN { print "app many"; print "table T { key id: string }"; print "flow f() {";
      for (i = 0; i < 16000; i++) print "  T.put({ id: \"x\" })"; print "}" }' >"$src"
    expect 1 E0610 -- build "$src" -o "$work/out_dir" ;;
  recursive-types)  # recursive and mutually recursive item types (issue 15 #1)
    cat >"$src" <<'CAIOS'
app recursive
type Tree { id: string, kids: [Tree] }
type A { id: string, b: B? }
type B { a: [A], self: B? }
table Trees: Tree { key id: string }
table As: A { key id: string }
queue Work: Tree
flow f(t: Tree, a: A) -> A? { Trees.put(t); Work.send(t); As.put(a); return As.get({ id: a.id }) }
CAIOS
    expect 0 "" -- build "$src" -o "$work/out_dir" ;;
  recursive-jsonpath)  # a record that holds itself has no field-by-field JSONPath template
    cat >"$src" <<'CAIOS'
app recursive
type N { v: string, next: N }
table Ns: N { key v: string }
flow f(n: N) -> N? { Ns.put(n); return Ns.get({ v: n.v }) }
CAIOS
    expect 1 E0606 -- build "$src" --query-language jsonpath -o "$work/out_dir" ;;
  *)
    echo "unknown case $case_name" >&2
    exit 2 ;;
esac
