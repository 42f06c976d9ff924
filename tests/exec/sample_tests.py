#!/usr/bin/env python3
"""A sample's tests written in caios (samples/NAME/*.test.caios), run by `caios test` in the
local cloud with the application's flows in JSONata and again in JSONPath (docs/testing.md).
Fails when a test fails, when the report lacks the state coverage, or when a run leaves its
build folder behind.

    python3 tests/exec/sample_tests.py CAIOS samples/NAME [jsonata|jsonpath ...]

Exit 77 (skipped) when moto 5.2 is missing.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import moto
except ImportError:
    print("sample_tests: moto is not installed for " + sys.executable + "; skipped",
          file=sys.stderr)
    sys.exit(77)
if not moto.__version__.startswith("5.2"):
    print(f"sample_tests: moto {moto.__version__} is installed, the test needs 5.2.x; skipped",
          file=sys.stderr)
    sys.exit(77)

CAIOS, SAMPLE = sys.argv[1], sys.argv[2]
LANGUAGES = sys.argv[3:] or ["jsonata", "jsonpath"]
failures = []
for language in LANGUAGES:
    with tempfile.TemporaryDirectory(prefix="caios-sample-tests-") as tmp:
        env = dict(os.environ, CAIOS_PYTHON=sys.executable, TMPDIR=tmp)
        started = time.monotonic()
        # One test at a time: ctest already runs as many tests as there are cores, and the
        # workers of --parallel would pay the local cloud's warm-up again (tests/exec/caios_test.py
        # runs tests in parallel).
        done = subprocess.run([CAIOS, "test", SAMPLE, "--query-language", language, "--color",
                               "never", "--parallel", "1"], capture_output=True, text=True,
                              env=env, timeout=600)
        seconds = time.monotonic() - started
        print(f"{SAMPLE} ({language}, {seconds:.1f} s):\n{done.stdout}", end="")
        if done.returncode != 0:
            failures.append(f"{SAMPLE} in {language}: exit {done.returncode}\n{done.stdout}"
                            f"{done.stderr}")
        elif "state coverage:" not in done.stdout:
            failures.append(f"{SAMPLE} in {language}: no state coverage\n{done.stdout}")
        left = sorted(p.name for p in Path(tmp).iterdir())
        if left:
            failures.append(f"{SAMPLE} in {language}: left {', '.join(left)} behind")
for failure in failures:
    print("FAIL: " + failure, file=sys.stderr)
sys.exit(1 if failures else 0)
