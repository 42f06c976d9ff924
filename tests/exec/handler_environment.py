#!/usr/bin/env python3
"""The environment of a Python handler in the local cloud (localcloud/lambda_local.py): the
handler sees the function's variables in `os.environ`, `os.getenv` and the processes it starts,
and the process's own environment is never changed under the local cloud's other threads, which
read it while a handler runs (a Parallel's other branch creating a boto3 client iterates
`os.environ` for proxies; a mapping that gained and lost keys under it failed that branch with
a KeyError, seen as a flaky `States.Runtime`).

    python3 tests/exec/handler_environment.py
"""
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "localcloud"))
import lambda_local  # noqa: E402

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


variables = {f"CAIOS_TEST_VAR_{i}": f"value {i}" for i in range(40)}
before = dict(os.environ)

with lambda_local._environment(variables):
    expect(os.environ["CAIOS_TEST_VAR_3"] == "value 3", "os.environ has the function's variables")
    expect(os.getenv("CAIOS_TEST_VAR_4") == "value 4", "os.getenv sees the function's variables")
    child = subprocess.run([sys.executable, "-c",
                            "import os; print(os.environ.get('CAIOS_TEST_VAR_5'))"],
                           capture_output=True, text=True, check=True)
    expect(child.stdout.strip() == "value 5", "a process the handler starts sees them")
    expect("CAIOS_TEST_VAR_3" not in lambda_local._PROCESS_ENVIRON,
           "the runner's own environment, which a Node.js handler starts from, has not them")
expect(dict(os.environ) == before, "the environment is the process's again after the handler")
child = subprocess.run([sys.executable, "-c",
                        "import os; print(os.environ.get('CAIOS_TEST_VAR_5'))"],
                       capture_output=True, text=True, check=True)
expect(child.stdout.strip() == "None", "and the C environment too")

# Handlers entering and leaving while another thread reads the environment as botocore does
# (urllib's getproxies iterates os.environ), with the interpreter switching threads as often as
# it can: no reader may fail.
sys.setswitchinterval(1e-6)
stop = threading.Event()
errors = []


def handlers():
    while not stop.is_set():
        with lambda_local._environment(variables):
            pass


def reader():
    import urllib.request
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        try:
            urllib.request.getproxies()
            dict(os.environ.items())
        except Exception as error:  # noqa: BLE001 - any failure of a reader is the bug
            errors.append(repr(error))


churn = threading.Thread(target=handlers)
churn.start()
reader()
stop.set()
churn.join()
expect(not errors, f"readers of os.environ failed while handlers ran: {errors[:3]} "
                   f"({len(errors)} in all)")
expect(dict(os.environ) == before, "the environment is unchanged after the handlers")

for failure in failures:
    print("FAIL: " + failure, file=sys.stderr)
print(f"handler_environment: {'FAILED' if failures else 'ok'}")
sys.exit(1 if failures else 0)
