#!/usr/bin/env python3
"""Checks compiler/check/lambda_runtimes.def, the compiler's table of Lambda runtime lifecycles,
against the schedule cfn-lint ships (data/AdditionalSpecs/LmbdRuntimeLifecycle.json, taken from
AWS's "Lambda runtimes" page): every runtime cfn-lint knows is in the table, with the same
deprecation, block-create and block-update dates. Successors may differ on purpose (see the
table's header). Exit 77 (skipped) when cfn-lint is not installed, unless CI is set.

    python3 tests/validate/runtime_table.py
"""
import json
import os
import re
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "compiler" / "check" / "lambda_runtimes.def"
ROW = re.compile(r'^CAIOS_RUNTIME\("([^"]+)", "([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)"\)$')


def main():
    try:
        import cfnlint
    except ImportError:
        print("runtime_table: cfn-lint is not installed (requirements-test.txt)", file=sys.stderr)
        return 1 if os.environ.get("CI") else 77
    spec = Path(cfnlint.__file__).parent / "data" / "AdditionalSpecs" / "LmbdRuntimeLifecycle.json"
    theirs = json.loads(spec.read_text())
    ours = {}
    for line in TABLE.read_text().splitlines():
        m = ROW.match(line)
        if m:
            ours[m.group(1)] = m.groups()[1:]
        elif line.startswith("CAIOS_RUNTIME"):
            print(f"runtime_table: cannot read the row {line!r}", file=sys.stderr)
            return 1
    problems = []
    for runtime, dates in sorted(theirs.items()):
        if runtime not in ours:
            problems.append(f"{runtime}: in cfn-lint's schedule but not in {TABLE.name}")
            continue
        expected = (dates["deprecated"], dates["create-block"], dates["update-block"])
        if ours[runtime][:3] != expected:
            problems.append(f"{runtime}: {TABLE.name} has {ours[runtime][:3]}, "
                            f"cfn-lint {expected}")
    for p in problems:
        print("runtime_table: " + p, file=sys.stderr)
    print(f"runtime_table: {len(theirs)} runtimes compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
