#!/usr/bin/env python3
"""`caios test`'s second half (docs/testing.md): runs the tests of a built application (its
tests.json) in the local cloud, each in a fresh one, on virtual time, and reports the results
and the state coverage of the application's flows. The `caios` executable builds the
application with its test files and starts this script; it is not meant to be run by hand.

    python3 test.py --out BUILD_DIR [--reporter human|junit|tap] [--filter TEXT] [--coverage FILE]
                    [--parallel N]

Exit codes: 0 every test passed, 1 a test failed, 2 the local cloud cannot run the tests (moto
or node missing, no test matches the filter, a template moto cannot deploy).
"""
import argparse
import gc
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree or the install
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (the shared set-up of `caios run`)

# moto's configuration of every local cloud of a run: state machines execute.
MOCK_CONFIG = {"stepfunctions": {"execute_state_machine": True}}

# A test's execution gets this long of real time (its waits, on virtual time, take none of it).
TEST_TIMEOUT_SECONDS = 120


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--reporter", default="human", choices=["human", "junit", "tap"])
    parser.add_argument("--filter")
    parser.add_argument("--coverage")
    parser.add_argument("--parallel", type=int, default=1)
    args = parser.parse_args()

    try:
        import boto3
        import moto
        from moto import mock_aws
    except ImportError as error:
        run.fail_setup(f"`caios test` needs moto in {sys.executable} ({error}); "
                       f"{run.INSTALL_HINT}")
    if not moto.__version__.startswith(run.MOTO_VERSION):
        run.fail_setup(f"`caios test` needs moto {run.MOTO_VERSION}.x, {sys.executable} has "
                       f"{moto.__version__}; {run.INSTALL_HINT}")
    run._cache_botocore_data()
    logging.disable(logging.CRITICAL)

    import coverage
    import deploy
    import jsonata_engine
    import lambda_local
    import sdk_mocks
    import sfn_http
    import virtual_time

    app = deploy.BuiltApp(args.out)
    manifest = json.loads((Path(args.out) / "tests.json").read_text())
    tests = manifest["tests"]
    if args.filter:
        tests = [t for t in tests if args.filter in t["title"]]
        if not tests:
            run.fail_setup(f"no test's title contains `{args.filter}`")
    test_flows = {t["flow"] for t in manifest["tests"]}
    flows = {name: json.loads(path.read_text()) for name, path in app.flows.items()
             if name not in test_flows}

    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        os.environ[key] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = deploy.REGION
    for key in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)

    functions = lambda_local.LocalFunctions({})
    functions.callback_keys = lambda_local.callback_keys(
        json.loads(path.read_text()) for path in app.flows.values())
    clock = virtual_time.install()
    sdk = sdk_mocks.SdkMocks()
    sdk_mocks.install(sdk)
    sdk.http = sfn_http.HttpMocks()  # the HTTP tasks' answers, set for each test like sdk's
    notes = []
    tracker = coverage.Coverage(flows)
    started = time.monotonic()
    if os.environ.get("CAIOS_RUN_TIMINGS"):  # docs/performance.md
        print(f"time: start {started - run.STARTED:.2f} s", file=sys.stderr)
    lambda_local.install(functions)
    run.install_interpreter_fixes(sdk.http)

    def run_tests(some):
        """Runs the tests of the iterable `some` one after another in this process, which starts
        its own JSONata bridge (a test flow is JSONata whatever the application's flows are)."""
        bridge = None
        try:
            bridge = jsonata_engine.JsonataBridge()
            jsonata_engine.install(bridge)
            return [run_test(test, app, functions, sdk, clock, tracker, notes, mock_aws, boto3)
                    for test in some]
        except jsonata_engine.JsonataUnavailable as error:
            run.fail_setup(str(error))
        finally:
            if bridge is not None:
                bridge.close()

    workers = min(max(args.parallel, 1), len(tests))
    if workers == 1:
        results = run_tests(tests)
    else:
        warm_up(app, tests[0]["flow"], functions, mock_aws)
        results = run_in_workers(workers, tests, run_tests, tracker, notes)
    elapsed = time.monotonic() - started

    for note in sorted(set(notes)):
        print(f"note: {note}", file=sys.stderr)
    report = {"human": human_report, "junit": junit_report, "tap": tap_report}[args.reporter]
    print(report(results, tracker, elapsed, manifest["app"]))
    if args.reporter != "human":
        print(coverage_text(tracker), file=sys.stderr)
    if args.coverage:
        Path(args.coverage).write_text(json.dumps(tracker.summary(), indent=2) + "\n")
    return 0 if all(r["passed"] for r in results) else 1


def warm_up(app, flow, functions, mock_aws):
    """Deploys the application once into a local cloud that is thrown away, before the workers
    are forked: what the first deployment of a process pays for once (moto's backends loaded,
    botocore's service models read, every state machine definition parsed: asl_parse_cache.py)
    is then paid once, not by each worker at the same time. A template the local cloud refuses
    is left to the workers' own deployments to report."""
    import deploy

    with mock_aws(config=MOCK_CONFIG):
        try:
            deploy.deploy(app, flow, functions, [], arns={})
        except Exception:  # each test's deployment fails the same way, and says why
            pass


def run_in_workers(workers, tests, run_tests, tracker, notes):
    """Runs the tests in `workers` processes at once and returns their results in the tests'
    order. The workers are forked once moto is imported, mended and warmed up, so none pays
    that again; each takes the next test not yet taken as soon as it is free (the tests' indexes
    wait in a pipe, four bytes each: a pipe hands every read of a record written whole to one
    reader), runs it in a fresh local cloud as always, and sends its results, notes and coverage
    back as JSON through a pipe of its own. A worker that cannot run its tests (a template the
    local cloud refuses) ends the run with its exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    # Every object the parent made (moto, botocore's service models: hundreds of MB) leaves the
    # garbage collector's care: a collection in a worker would otherwise touch each of them and
    # so copy every page of the parent's memory (a second of each worker's first test).
    gc.freeze()
    queue_read, queue_write = os.pipe()
    children = []
    for _ in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: whatever happens, it ends here and never returns
            try:
                os.close(read_end)
                os.close(queue_write)
                taken = []

                def next_tests():
                    while True:
                        record = os.read(queue_read, 4)
                        if len(record) < 4:  # the end of the queue
                            return
                        taken.append(int.from_bytes(record, "little"))
                        yield tests[taken[-1]]

                try:
                    payload = {"results": run_tests(next_tests()), "indexes": taken,
                               "notes": notes, "covered": tracker.covered()}
                except SystemExit as stop:  # run.fail_setup has said why
                    payload = {"exit": stop.code if isinstance(stop.code, int) else 2}
                with os.fdopen(write_end, "w", encoding="utf-8") as out:
                    json.dump(payload, out)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(0)  # a worker that said nothing is read as an internal error
        os.close(write_end)
        children.append((pid, read_end))
    os.close(queue_read)
    records = [index.to_bytes(4, "little") for index in range(len(tests))]
    try:
        for first in range(0, len(records), 1024):  # 4,096 bytes: PIPE_BUF, written whole
            os.write(queue_write, b"".join(records[first:first + 1024]))
    except BrokenPipeError:  # every worker has ended already (no node: each says why below)
        pass
    os.close(queue_write)
    payloads = []
    for pid, read_end in children:  # each pipe read to its end, so no worker blocks for ever
        with os.fdopen(read_end, encoding="utf-8") as answer:
            text = answer.read()
        os.waitpid(pid, 0)
        try:
            payloads.append(json.loads(text))
        except ValueError:  # the worker failed before it could answer (its stack is printed)
            payloads.append({"exit": 3})
    for payload in payloads:
        if "exit" in payload:
            sys.stdout.flush()
            os._exit(payload["exit"])
    results = [None] * len(tests)
    for payload in payloads:
        for index, result in zip(payload["indexes"], payload["results"]):
            results[index] = result
        notes.extend(payload["notes"])
        tracker.merge(payload["covered"])
    return results


def run_test(test, app, functions, sdk, clock, tracker, notes, mock_aws, boto3):
    """Deploys the application into a fresh local cloud, runs the test's flow, and returns its
    result; the executions of the application's flows count for coverage."""
    import deploy
    import history_trace
    import sfn_distributed_map

    functions.mocks = {name: _answers(answers) for name, answers in test["mocks"].items()
                       if not name.startswith(("aws.", "http "))}
    sdk.http.answers = {name: _answers(answers) for name, answers in test["mocks"].items()
                        if name.startswith("http ")}
    sdk.http.calls = []
    sdk.answers = {name[len("aws."):]: _answers(answers) for name, answers in test["mocks"].items()
                   if name.startswith("aws.")}
    unknown = sorted(set(functions.mocks) - set(app.functions) - app.existing_flows)
    if unknown:  # the checker saw to it (E0284); a second look costs nothing
        run.fail_setup(f"test `{test['title']}` mocks {', '.join(unknown)}, not a function")
    clock.reset()
    sfn_distributed_map.child_histories()  # forget an earlier test's
    # An earlier test's garbage collected, what lives on (moto's and botocore's caches, parsed
    # definitions, the handlers' modules) leaves the collector's care: each later collection
    # would walk it all again (a tenth of samples/approval's time).
    gc.collect()
    gc.freeze()
    begun = time.monotonic()
    with mock_aws(config=MOCK_CONFIG):
        try:
            arns = {}
            arn = deploy.deploy(app, test["flow"], functions, notes, arns=arns)
        except Exception as error:  # moto refused the template or a resource of it
            reason = str(error).split(" in definition '", 1)[0]
            run.fail_setup(f"the local cloud cannot deploy the template: {reason}")
        sfn = boto3.client("stepfunctions", region_name=deploy.REGION)
        if os.environ.get("CAIOS_RUN_TIMINGS"):  # docs/performance.md
            print(f"time: deploy {time.monotonic() - begun:.2f} s", file=sys.stderr)
        execution = sfn.start_execution(stateMachineArn=arn, name="test", input="{}")
        description = run.wait_for(sfn, execution["executionArn"], TEST_TIMEOUT_SECONDS)
        if description is None:  # stopped, so that it does not go on into the next test
            try:
                sfn.stop_execution(executionArn=execution["executionArn"])
            except Exception:  # it ended meanwhile
                pass
        traces = []  # each execution of the application's flows, for a failed test's report
        names = {physical: code.name for physical, code in functions.by_physical_name.items()}
        for flow, machine_arn in arns.items():
            if flow not in tracker.flows:
                continue
            for listed in sfn.list_executions(stateMachineArn=machine_arn)["executions"]:
                events = run.history(sfn, listed["executionArn"])
                tracker.add(flow, events)
                traces.append((events[0]["timestamp"] if events else 0, flow,
                               history_trace.format_history(events, names)))
        # Distributed Map children's events, which no execution's history holds.
        flows_by_arn = {machine_arn: flow for flow, machine_arn in arns.items()}
        for machine_arn, events in sfn_distributed_map.child_histories():
            if flows_by_arn.get(machine_arn) in tracker.flows:
                tracker.add(flows_by_arn[machine_arn], events)
    for key, answers in sdk.http.answers.items():  # docs/testing.md: a mock nothing called
        if answers.calls == 0:
            _, method, endpoint = key.split(" ", 2)
            named = "http" if method == "*" else f"http.{method.lower()}"
            target = "" if endpoint == "*" else f' "{endpoint}"'
            notes.append(f"test `{test['title']}`: `mock {named}{target}` answered no HTTP task")
    result = {"title": test["title"], "file": test["file"], "line": test["line"],
              "seconds": time.monotonic() - begun, "virtual_seconds": clock.elapsed,
              "traces": [(flow, lines) for _, flow, lines in sorted(traces, key=lambda t: t[0])]}
    if description is None:
        result.update(passed=False, error="Timeout",
                      cause=f"the test did not finish within {TEST_TIMEOUT_SECONDS} s")
    elif description["status"] == "SUCCEEDED":
        result.update(passed=True)
    else:
        result.update(passed=False, error=description.get("error", description["status"]),
                      cause=description.get("cause", ""))
    return result


def _answers(answers):
    import lambda_local
    return lambda_local.MockAnswers(answers)


def _place(result):
    return f"{os.path.basename(result['file'])}:{result['line']}"


def human_report(results, tracker, elapsed, _name):
    lines = []
    for r in results:
        status = "ok  " if r["passed"] else "FAIL"
        virtual = (f", {r['virtual_seconds']:.0f} s of waits skipped"
                   if r["virtual_seconds"] else "")
        lines.append(f"{status} {r['title']}  ({_place(r)}, {r['seconds']:.1f} s{virtual})")
        if not r["passed"]:
            lines.append(f"     {r['error']}: {r['cause']}")
            # What the application's flows did in the test, as `caios run` traces an execution.
            for flow, trace in r["traces"]:
                lines.append(f"     trace of {flow}:")
                lines.extend(f"       {line}" for line in trace)
    failed = sum(1 for r in results if not r["passed"])
    lines.append(f"{len(results)} test{'' if len(results) == 1 else 's'}, "
                 f"{len(results) - failed} passed, {failed} failed ({elapsed:.1f} s)")
    lines.append(coverage_text(tracker))
    return "\n".join(lines)


def coverage_text(tracker):
    lines = ["state coverage:"]
    for flow, item in tracker.summary().items():
        lines.append(f"  {flow}: states {item['states']['covered']}/{item['states']['total']}, "
                     f"choice branches {item['choices']['covered']}/{item['choices']['total']}, "
                     f"catch edges {item['catches']['covered']}/{item['catches']['total']}")
        for what in ("states", "choices", "catches"):
            if item[what]["missed"]:
                lines.append(f"    not covered {what}: " + ", ".join(item[what]["missed"]))
    return "\n".join(lines)


def junit_report(results, _tracker, elapsed, name):
    failed = sum(1 for r in results if not r["passed"])
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites tests="{len(results)}" failures="{failed}" time="{elapsed:.3f}">',
           f'  <testsuite name={quoteattr(name)} tests="{len(results)}" failures="{failed}" '
           f'time="{elapsed:.3f}">']
    for r in results:
        attributes = (f'name={quoteattr(r["title"])} classname={quoteattr(r["file"])} '
                      f'file={quoteattr(r["file"])} line="{r["line"]}" time="{r["seconds"]:.3f}"')
        if r["passed"]:
            out.append(f"    <testcase {attributes}/>")
        else:
            out.append(f"    <testcase {attributes}>")
            out.append(f'      <failure type={quoteattr(r["error"])} '
                       f'message={quoteattr(r["cause"])}>{escape(r["cause"])}</failure>')
            trace = "\n".join(f"trace of {flow}:\n" + "\n".join(lines)
                              for flow, lines in r["traces"])
            if trace:
                out.append(f"      <system-out>{escape(trace)}</system-out>")
            out.append("    </testcase>")
    out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out)


def tap_report(results, _tracker, _elapsed, _name):
    out = ["TAP version 13", f"1..{len(results)}"]
    for i, r in enumerate(results, 1):
        title = r["title"].replace("#", "\\#")
        if r["passed"]:
            out.append(f"ok {i} - {title}")
        else:
            out.append(f"not ok {i} - {title}")
            out.append("  ---")
            out.append(f"  error: {json.dumps(r['error'])}")
            out.append(f"  cause: {json.dumps(r['cause'])}")
            out.append(f"  at: {json.dumps(_place(r))}")
            out.append("  ...")
    return "\n".join(out)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
