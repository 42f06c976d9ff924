#!/usr/bin/env python3
"""`caios test` end to end (docs/testing.md): the tests of samples/checkout and of
tests/exec/test_app built, deployed into a fresh local cloud (moto) per test and run on virtual
time, with mocks answering in sequence, a real handler, the human, JUnit and TAP reporters,
--filter, --coverage, a failing expectation's message, and the usage errors.

    python3 tests/exec/caios_test.py CAIOS [--sanitized]

--sanitized (the build under the sanitizers, scripts/test.sh) leaves out the JUnit report, the
existing flows and the run with --parallel 3: the reporters and the parallel runs are the local
cloud's Python (localcloud/test.py), which the sanitizers do not instrument, and caios hands
those options on as it hands on the ones that remain.

Exit 77 (skipped) when moto 5.2 is missing.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

try:
    import moto
except ImportError:
    print("caios_test: moto is not installed for " + sys.executable + "; skipped",
          file=sys.stderr)
    sys.exit(77)
if not moto.__version__.startswith("5.2"):
    print(f"caios_test: moto {moto.__version__} is installed, the test needs 5.2.x; skipped",
          file=sys.stderr)
    sys.exit(77)

if len(sys.argv) < 2 or sys.argv[2:] not in ([], ["--sanitized"]):
    sys.exit("usage: caios_test.py CAIOS [--sanitized]")
CAIOS = sys.argv[1]
SANITIZED = sys.argv[2:] == ["--sanitized"]
WORK = Path(tempfile.mkdtemp(prefix="caios-test-test-"))
TMP = WORK / "tmp"  # the TMPDIR of the runs: each must leave it empty
TMP.mkdir()
failures = []


def caios_test(app, *extra):
    env = dict(os.environ, CAIOS_PYTHON=sys.executable, TMPDIR=str(TMP))
    done = subprocess.run([CAIOS, "test", str(REPO / app) if app else str(WORK), "--color",
                           "never", *extra], capture_output=True, text=True, env=env,
                          timeout=300)
    return done.returncode, done.stdout, done.stderr


def expect(condition, what, detail=""):
    if not condition:
        failures.append(f"{what}\n{detail}")


# The checkout sample: every test passes, and its flow's states are all but a few covered.
code, out, err = caios_test("samples/checkout")
expect(code == 0, "samples/checkout: exit 0", out + err)
expect("5 tests, 5 passed, 0 failed" in out, "samples/checkout: 5 passed", out)
expect("ok   a declined card fails the order and releases the stock" in out,
       "samples/checkout: the declined card's test", out)
expect("  checkout: states " in out, "samples/checkout: coverage of checkout", out)

if not SANITIZED:
    # JUnit: one testcase per test, no failure.
    code, out, err = caios_test("samples/checkout", "--reporter", "junit")
    expect(code == 0, "junit: exit 0", out + err)
    try:
        suites = ET.fromstring(out)
        cases = suites.findall("./testsuite/testcase")
        expect(len(cases) == 5 and not suites.findall(".//failure"), "junit: 5 cases, no failure",
               out)
        expect(all(c.get("file", "").endswith("checkout.test.caios") for c in cases),
               "junit: the test file", out)
    except ET.ParseError as error:
        expect(False, f"junit: not XML ({error})", out)
    expect("state coverage:" in err, "junit: coverage on standard error", err)

    # tests/exec/existing_flows: an existing flow mocked (its state machine answers as the mock
    # says), the AWS SDK reads of an existing secret and parameter mocked.
    code, out, err = caios_test("tests/exec/existing_flows")
    expect(code == 0, "existing_flows: exit 0", out + err)
    expect("2 tests, 2 passed, 0 failed" in out, "existing_flows: 2 passed", out + err)

# tests/exec/test_app: a real handler, virtual time, mocks in sequence, a child's error, and one
# test that fails on purpose with a message quoting the value.
coverage = WORK / "coverage.json"
code, out, err = caios_test("tests/exec/test_app", "--parallel", "1", "--coverage", str(coverage))
expect(code == 1, "test_app: exit 1 (one test fails)", out + err)
expect("12 tests, 11 passed, 1 failed" in out, "test_app: 11 passed, 1 failed", out)
expect("ok   an application with an event bus and a rule on it deploys, and its flow runs" in out,
       "test_app: an event bus and its rule deploy (localcloud/deploy.py)", out)
expect("ok   an unanswered approval expires after seven virtual days" in out
       and "604800 s of waits skipped" in out, "test_app: a callback's timeout on virtual time", out)
expect("ok   an AWS SDK call fails with its mock" in out, "test_app: an AWS SDK mock", out)
expect("ok   a rejection answers through the task token" in out, "test_app: a callback failure", out)
expect("ok   a mocked States.Timeout of the awaited answer expires the approval" in out,
       "test_app: a callback's States.* error (localcloud/sfn_task_errors.py)", out)
expect("ok   the real handler charges a cheap order after three days" in out
       and "259200 s of waits skipped" in out, "test_app: three days on virtual time", out)
expect("ok   a busy charge is retried" in out, "test_app: answers in sequence", out)
expect('ExpectationFailed: expect r == "ch-9" (line 27): r is "ch-4"' in out,
       "test_app: the failing expectation's message", out)
try:
    summary = json.loads(coverage.read_text())
    states = summary["checkout"]["states"]
    expect(states["covered"] == states["total"] and summary["checkout"]["choices"]["total"] == 2,
           "test_app: coverage file", json.dumps(summary))
    expect(summary["approve"]["choices"] == {"covered": 2, "total": 2, "missed": []}
           and summary["approve"]["catches"]["covered"] == 1,
           "test_app: both branches and the timeout's catch of approve", json.dumps(summary))
except (OSError, ValueError, KeyError) as error:
    expect(False, f"test_app: coverage file ({error})")

def timeless(text):
    return re.sub(r"\b[0-9]+\.[0-9] s\b", "T s", text)


# --parallel 3: three worker processes, each taking the next test when it is free, each test
# still in a fresh local cloud; the report (but for the times) and the coverage are those of the
# run one test at a time above.
if not SANITIZED:
    coverage_parallel = WORK / "coverage-parallel.json"
    code_p, out_p, err_p = caios_test("tests/exec/test_app", "--parallel", "3", "--coverage",
                                      str(coverage_parallel))
    expect(code_p == 1 and timeless(out_p) == timeless(out),
           "parallel: the same report, in order", out_p + err_p)
    expect(coverage_parallel.exists() and coverage_parallel.read_text() == coverage.read_text(),
           "parallel: the same coverage")

code, out, err = caios_test("tests/exec/test_app", "--reporter", "tap", "--filter", "wrong")
expect(code == 1, "tap: exit 1", out + err)
expect(out.startswith("TAP version 13\n1..1\nnot ok 1 - a wrong expectation fails"),
       "tap: the plan and the failure", out)

# Usage errors: no tests, and a filter that matches none.
(WORK / "app.caios").write_text("app empty\nflow f() { return }\n")
code, out, err = caios_test(None)
expect(code == 2 and "error: no tests" in err, "no tests: exit 2", out + err)
code, out, err = caios_test("tests/exec/test_app", "--filter", "nothing like this")
expect(code == 2 and "no test's title contains" in err, "filter without match: exit 2", out + err)

left = sorted(p.name for p in TMP.iterdir())
expect(not left, "every run removes its build folder", ", ".join(left))

if failures:
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    print(f"caios_test: the runs' files are kept in {WORK}", file=sys.stderr)
    sys.exit(1)
shutil.rmtree(WORK)
print("caios_test: all checks passed")
