#!/usr/bin/env python3
"""cfn-lint (AWS's CloudFormation linter) over every template.yaml / template.json found below
the given folders, with the repository's fixed configuration (.cfnlintrc.yaml: regions, W3002
ignored). Any other finding, error, warning or informational, fails the test.

    python3 tests/validate/cfn_lint.py DIR...

Exit 1 on findings or when no template was found; 77 (skipped) when cfn-lint 1.51.x is not
installed, unless CI is set (then 1). Install it with `python3 -m pip install -r
requirements-test.txt` (README.md).
"""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".cfnlintrc.yaml"
PINNED = "1.51."


def unavailable(message):
    print(f"cfn_lint: {message}; install the pinned test tools with "
          "`python3 -m pip install -r requirements-test.txt`", file=sys.stderr)
    sys.exit(1 if os.environ.get("CI") else 77)


def main():
    try:
        from cfnlint.version import __version__ as version
    except ImportError:
        unavailable("cfn-lint is not installed for " + sys.executable)
    if not version.startswith(PINNED):
        unavailable(f"cfn-lint {version} is installed, the tests pin {PINNED}x")
    templates = sorted(
        str(p) for d in sys.argv[1:] if Path(d).is_dir() for p in Path(d).rglob("template.*")
        if p.name in ("template.yaml", "template.json"))
    if not templates:
        print("cfn_lint: no template found below " + " ".join(sys.argv[1:]), file=sys.stderr)
        return 1
    # One process for every template: cfn-lint loads its schemas once.
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
         "--config-file", str(CONFIG), "--format", "parseable", "--", *templates],
        capture_output=True, text=True)
    findings = [line for line in run.stdout.splitlines() if line.strip()]
    for line in findings:
        print(line, file=sys.stderr)
    if run.stderr.strip():
        print(run.stderr, file=sys.stderr)
    print(f"cfn_lint: {len(templates)} templates checked with cfn-lint {version}, "
          f"{len(findings)} findings")
    return 0 if run.returncode == 0 and not findings else 1


if __name__ == "__main__":
    sys.exit(main())
