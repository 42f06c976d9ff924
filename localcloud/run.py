#!/usr/bin/env python3
"""`caios run`'s second half (docs/cli.md): deploys a built application into a fresh local
cloud (moto), runs one execution of a flow, prints its output (or its error and cause) and a
readable trace of its history. The `caios` executable builds the application and starts this
script; it is not meant to be run by hand.

    python3 run.py --out BUILD_DIR --flow F --input-file FILE [--trace FILE] [--mock FILE]

Exit codes: 0 the execution succeeded, 1 it failed (or timed out), 2 the local cloud cannot
run it (moto or node missing, a bad --mock file, a template moto cannot deploy).
"""
import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.monotonic()
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree or the install
sys.path.insert(0, str(Path(__file__).resolve().parent))

MOTO_VERSION = "5.2"
INSTALL_HINT = ("install the pinned Python tools of the caios repository's requirements-test.txt "
                "(moto==5.2.1, boto3, botocore): `scripts/setup.sh --with-python` or "
                "`python3 -m pip install -r requirements-test.txt`; CAIOS_PYTHON names the "
                "Python to use")


def fail_setup(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def load_mocks(path):
    if path is None:
        return {}
    try:
        mocks = json.loads(Path(path).read_text())
    except (OSError, ValueError) as error:
        fail_setup(f"--mock {path}: {error}")
    if not isinstance(mocks, dict):
        fail_setup(f"--mock {path}: expected a JSON object, function name -> result or "
                   "{\"error\": ..., \"cause\": ...}")
    return mocks


def split_http_mocks(path, mocks):
    """The --mock file's HTTP entries (`"http.post https://…": {"status": 200, "body": …}`, a
    list of such answers given in order) as sfn_http keys -> MockAnswers, and the other
    entries (functions, existing flows) as they are (docs/cli.md)."""
    import lambda_local
    import sfn_http

    http_answers, others = {}, {}
    for name, value in mocks.items():
        try:
            key = sfn_http.mock_key(name)
        except ValueError as error:
            fail_setup(f"--mock {path}: {error}")
        if key is None:
            others[name] = value
            continue
        answers = []
        for answer in (value if isinstance(value, list) else [value]):
            if not isinstance(answer, dict):
                fail_setup(f"--mock {path}: `{name}` answers with {{\"status\", \"body\", "
                           f"\"headers\"}} or {{\"error\", \"cause\"}}, or a list of them, "
                           f"not {json.dumps(answer)}")
            if "error" in answer:
                answers.append({"error": answer["error"], "cause": answer.get("cause", "")})
            else:
                status = answer.get("status", 200)
                if not isinstance(status, int) or not 100 <= status <= 599:
                    fail_setup(f"--mock {path}: `{name}` has status {json.dumps(status)}, "
                               "not an HTTP status (100 to 599)")
                answers.append({"returns": answer})
        if not answers:
            fail_setup(f"--mock {path}: `{name}` has no answer")
        http_answers[key] = lambda_local.MockAnswers(answers)
    return http_answers, others


def wait_for(sfn, execution_arn, timeout_seconds):
    deadline = time.monotonic() + timeout_seconds
    pause = 0.002
    while True:
        description = sfn.describe_execution(executionArn=execution_arn)
        if description["status"] != "RUNNING":
            return description
        if time.monotonic() > deadline:
            return None
        # Each look costs a few milliseconds of the CPU the execution's thread needs: look
        # often at first, then every 50 ms.
        time.sleep(pause)
        pause = min(pause * 1.5, 0.05)


def history(sfn, execution_arn):
    events, token = [], None
    while True:
        page = sfn.get_execution_history(executionArn=execution_arn, maxResults=1000,
                                         **({"nextToken": token} if token else {}))
        events.extend(page["events"])
        token = page.get("nextToken")
        if not token:
            return events


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--flow", required=True)
    parser.add_argument("--input-file", required=True)
    parser.add_argument("--trace")
    parser.add_argument("--mock")
    parser.add_argument("--seed")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    try:
        import boto3
        import moto
        from moto import mock_aws
    except ImportError as error:
        fail_setup(f"`caios run` needs moto in {sys.executable} ({error}); {INSTALL_HINT}")
    if not moto.__version__.startswith(MOTO_VERSION):
        fail_setup(f"`caios run` needs moto {MOTO_VERSION}.x, {sys.executable} has "
                   f"{moto.__version__}; {INSTALL_HINT}")
    _cache_botocore_data()
    # moto logs what it does not model and every failure inside an execution; the history
    # holds the failures, and the notes below say what the local cloud leaves out.
    logging.disable(logging.CRITICAL)

    import deploy
    import jsonata_engine
    import lambda_local
    import history_trace
    import seed

    app = deploy.BuiltApp(args.out)
    if args.flow not in app.flows:  # the driver checked; a second look costs nothing
        fail_setup(f"no flow `{args.flow}`; the flows are {', '.join(app.flows)}")
    import sfn_http

    http_mocks = sfn_http.HttpMocks()
    http_mocks.answers, mocks = split_http_mocks(args.mock, load_mocks(args.mock))
    unknown = sorted(set(mocks) - set(app.functions) - app.existing_flows)
    if unknown:
        fail_setup(f"--mock {args.mock}: no function {', '.join(unknown)} in the application; "
                   f"its functions are {', '.join(sorted(app.functions)) or 'none'}"
                   + (f", its existing flows {', '.join(sorted(app.existing_flows))}"
                      if app.existing_flows else ""))
    payload = Path(args.input_file).read_text()
    try:
        seeds = seed.load(args.seed) if args.seed else None
    except seed.SeedError as error:
        fail_setup(str(error))

    # Fake credentials: nothing the local cloud does may reach a real AWS account.
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        os.environ[key] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = deploy.REGION
    for key in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)

    functions = lambda_local.LocalFunctions(mocks)
    functions.callback_keys = lambda_local.callback_keys(
        json.loads(path.read_text()) for path in app.flows.values())
    notes = []
    bridge = None
    definition = json.loads(app.flows[args.flow].read_text())
    try:
        if _uses_jsonata(definition):
            try:
                bridge = jsonata_engine.JsonataBridge()
            except jsonata_engine.JsonataUnavailable as error:
                fail_setup(str(error))
            jsonata_engine.install(bridge)
        lambda_local.install(functions)
        install_interpreter_fixes(http_mocks)
        with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
            timings = [("start", time.monotonic())]
            try:
                arn = deploy.deploy(app, args.flow, functions, notes, seeds)
            except seed.SeedError as error:
                fail_setup(str(error))
            except Exception as error:  # moto refused the template or a resource of it
                # moto quotes the whole definition after its reason: keep the reason.
                reason = str(error).split(" in definition '", 1)[0]
                fail_setup(f"the local cloud cannot deploy the template: {reason}")
            sfn = boto3.client("stepfunctions", region_name=deploy.REGION)
            started = sfn.start_execution(stateMachineArn=arn, name="run", input=payload)
            timings.append(("deploy", time.monotonic()))
            description = wait_for(sfn, started["executionArn"], args.timeout)
            events = history(sfn, started["executionArn"])
            timings.append(("execution", time.monotonic()))
        timings.append(("stop", time.monotonic()))
    finally:
        if bridge is not None:
            bridge.close()

    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if os.environ.get("CAIOS_RUN_TIMINGS"):  # docs/performance.md
        since = STARTED
        for phase, at in timings:
            print(f"time: {phase} {at - since:.2f} s", file=sys.stderr)
            since = at
    names = {physical: code.name for physical, code in functions.by_physical_name.items()}
    for line in history_trace.format_history(events, names):
        print(line, file=sys.stderr)
    if args.trace:
        Path(args.trace).write_text(history_trace.raw_history(events))
    if description is None:
        print(f"error: the execution did not finish within {args.timeout:g} s", file=sys.stderr)
        return 1
    if description["status"] == "SUCCEEDED":
        text = description.get("output", "null")
        try:
            output = json.loads(text)
        except ValueError:
            # moto 5.2 reports a flow's string result without its quotes (the history has them).
            output = text
        print(json.dumps(output, indent=2))
        return 0
    if description["status"] != "FAILED":
        print(f"execution {description['status'].lower()}", file=sys.stderr)
    print(f"error: {description.get('error', '')}", file=sys.stderr)
    print(f"cause: {description.get('cause', '')}", file=sys.stderr)
    return 1


def install_interpreter_fixes(http_mocks=None):
    """What the local cloud mends or adds in moto's Step Functions interpreter, for `caios run`
    and `caios test` alike (docs/testing.md, "What runs locally"); `http_mocks` (an
    sfn_http.HttpMocks) answers the flows' HTTP tasks."""
    import asl_parse_cache
    import jsonpath_cache
    import sfn_athena
    import sfn_aws_sdk
    import sfn_distributed_map
    import sfn_http
    import sfn_integration
    import sfn_item_batcher
    import sfn_jsonata_uuid
    import sfn_json_path
    import sfn_sdk_stepfunctions
    import sfn_task_errors
    import sfn_test_reads
    import template_json

    sfn_integration.install()  # nested executions in the API's and the task's spellings
    sfn_athena.install()  # Athena's .sync
    jsonpath_cache.install()  # each JSONPath parsed once
    asl_parse_cache.install()  # each definition parsed once
    sfn_aws_sdk.install()  # streamed bodies as text, S3's error names
    sfn_sdk_stepfunctions.install()  # aws.sfn.* tasks in the task's spelling
    sfn_distributed_map.install()  # a Distributed Map child has its own variables
    sfn_item_batcher.install()  # ItemBatcher, express children, tolerated failures
    sfn_json_path.install()  # a definite JSONPath path gives one value
    sfn_jsonata_uuid.install()  # JSONata's $uuid() makes a UUID
    # HTTP tasks deploy, and run with the mocks' answers
    sfn_http.install(http_mocks if http_mocks is not None else sfn_http.HttpMocks())
    sfn_task_errors.install()  # a function's or a callback's States.* error fails its task
    sfn_test_reads.install()  # a test's Q.messages() and T.messages()
    template_json.install()  # a JSON template read as JSON, not by PyYAML


def _cache_botocore_data():
    """moto asks botocore for the regions of each service as it loads its backends, and for
    service models, each time through a new session that reads and decodes botocore's JSON
    files again: over a second of a run's start (docs/performance.md). The files cannot change
    while the run lasts, so each answer is computed once."""
    import botocore.loaders
    import botocore.session

    load_data_with_path = botocore.loaders.Loader.load_data_with_path
    files = {}

    def cached_data_with_path(self, name):
        key = (name, tuple(self.search_paths))
        if key not in files:
            files[key] = load_data_with_path(self, name)
        return files[key]

    botocore.loaders.Loader.load_data_with_path = cached_data_with_path

    original = botocore.session.Session.get_available_regions
    answers = {}

    def get_available_regions(self, service_name, partition_name="aws",
                              allow_non_regional=False):
        key = (service_name, partition_name, allow_non_regional)
        if key not in answers:
            answers[key] = original(self, *key)
        return list(answers[key])

    botocore.session.Session.get_available_regions = get_available_regions


def _uses_jsonata(value):
    """Whether any part of a definition is JSONata (the top-level QueryLanguage, or a state's)."""
    if isinstance(value, dict):
        if value.get("QueryLanguage") == "JSONata":
            return True
        return any(_uses_jsonata(v) for v in value.values())
    if isinstance(value, list):
        return any(_uses_jsonata(v) for v in value)
    return False


if __name__ == "__main__":
    code = main()
    # The local cloud's state dies with the process: skip the interpreter's teardown (moto's
    # thousands of objects and modules), a second of every run (docs/performance.md).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
