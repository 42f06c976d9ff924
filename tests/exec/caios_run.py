#!/usr/bin/env python3
"""`caios run` end to end (docs/cli.md#caios-run): samples and tests/exec/run_app built, deployed
into a fresh local cloud (moto) and executed in both query languages, with real Python and
Node.js handlers, --mock, --trace, failing executions, and the usage errors.

    python3 tests/exec/caios_run.py CAIOS [--sanitized]

--sanitized (the build under AddressSanitizer and UndefinedBehaviorSanitizer, scripts/test.sh):
only the scenarios marked `sanitized` and the usage errors. What the sanitizers watch is the C++
of `caios run` beyond `caios build` (its arguments, --input, --mock, --seed and --trace handed
on, the runner started, its output relayed, the exit status, the temporary folder removed),
and the builds of the applications that only this test compiles (tests/exec/item_readers and
tests/exec/existing: no test file, so no build/with-tests/* test), in both query languages;
the other scenarios differ in what the local cloud's Python does, which they do not instrument.

Exit 77 (skipped) when moto 5.2 is missing.
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

try:
    import moto
except ImportError:
    print("caios_run: moto is not installed for " + sys.executable + "; skipped",
          file=sys.stderr)
    sys.exit(77)
if not moto.__version__.startswith("5.2"):
    print(f"caios_run: moto {moto.__version__} is installed, the test needs 5.2.x; skipped",
          file=sys.stderr)
    sys.exit(77)

if len(sys.argv) < 2 or sys.argv[2:] not in ([], ["--sanitized"]):
    sys.exit("usage: caios_run.py CAIOS [--sanitized]")
CAIOS = sys.argv[1]
SANITIZED = sys.argv[2:] == ["--sanitized"]
WORK = Path(tempfile.mkdtemp(prefix="caios-run-test-"))
TMP = WORK / "tmp"  # the TMPDIR of the runs
TMP.mkdir()
ORDER = {"order": {"id": "o-1", "customer": "ann", "email": "ann@example.com",
                   "items": [{"sku": "A", "qty": 2, "price": 5}], "total": 10,
                   "currency": "EUR"}}
# The checkout's functions call a payment provider and a carrier: replaced by fixed results.
CHECKOUT_MOCKS = {
    "reserveInventory": {"reservationId": "r-1", "expiresAt": "2026-12-02T20:00:00Z"},
    "chargePayment": {"chargeId": "ch-1", "amount": 10},
    "createShipment": {"trackingId": "T-1", "carrier": "dhl", "eta": "2026-12-05"},
}


def write(name, value):
    path = WORK / name
    path.write_text(json.dumps(value))
    return str(path)


def caios_run(app, flow, payload, *extra):
    """(exit code, stdout, stderr) of `caios run`; `payload` is a JSON value or raw text."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    env = dict(os.environ, CAIOS_PYTHON=sys.executable, TMPDIR=str(TMP))
    flow_args = ["--flow", flow] if flow is not None else []  # None: the app's only flow
    done = subprocess.run([CAIOS, "run", str(REPO / app), *flow_args, "--input", text,
                           "--color", "never", *extra],
                          capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


class Scenario:
    def __init__(self, name, app, flow, payload, *extra, exit=0, output=None,
                 stderr_has=(), stdout_empty=False, check=None, output_check=None,
                 stderr_check=None, sanitized=False):
        self.name, self.app, self.flow, self.payload, self.extra = name, app, flow, payload, extra
        self.exit, self.output, self.stderr_has = exit, output, stderr_has
        self.stdout_empty, self.check = stdout_empty, check
        self.output_check = output_check  # problems with the output that vary from run to run
        self.stderr_check = stderr_check  # problems with the trace beyond texts it must hold
        self.sanitized = sanitized or exit == 2  # run under the sanitizers too (--sanitized)

    def run(self):
        code, out, err = caios_run(self.app, self.flow, self.payload, *self.extra)
        problems = []
        if code != self.exit:
            problems.append(f"exit {code}, expected {self.exit}")
        if self.output is not None:
            try:
                got = json.loads(out)
            except ValueError:
                got = f"<not JSON: {out!r}>"
            if got != self.output:
                problems.append(f"output {got}, expected {self.output}")
        if self.output_check is not None:
            try:
                problems.extend(self.output_check(json.loads(out)))
            except ValueError:
                problems.append(f"output not JSON: {out!r}")
        if self.stdout_empty and out:
            problems.append(f"standard output should be empty, got {out!r}")
        for text in self.stderr_has:
            if text not in err:
                problems.append(f"standard error lacks {text!r}")
        if self.check is not None:
            problems.extend(self.check())
        if self.stderr_check is not None:
            problems.extend(self.stderr_check(err))
        if problems:
            return [f"{self.name}: " + "; ".join(problems) + f"\n--- stderr:\n{err}"]
        return []


def trace_file_check(path):
    def check():
        try:
            events = json.loads(Path(path).read_text())["events"]
        except (OSError, ValueError, KeyError) as error:
            return [f"--trace {path}: {error}"]
        kinds = [e["type"] for e in events]
        problems = []
        if kinds[:1] != ["ExecutionStarted"] or kinds[-1:] != ["ExecutionSucceeded"]:
            problems.append(f"--trace: the history runs {kinds[:1]} … {kinds[-1:]}")
        if "ParallelStateStarted" not in kinds:
            problems.append("--trace: no ParallelStateStarted event")
        return problems
    return check


def scenarios():
    confirmed = {"id": "o-1", "status": "CONFIRMED", "trackingId": "T-1"}
    hello = {"greeting": "Hello, ann (from GreetFunction)", "region": "us-east-1",
             "stored": "ann in NotesTable",
             "note": {"id": "ann", "text": "Hello, ann (from GreetFunction)"}}
    mocks = write("checkout_mocks.json", CHECKOUT_MOCKS)
    declined = write("declined_mocks.json", {
        **CHECKOUT_MOCKS, "chargePayment": {"error": "PaymentDeclined", "cause": "card declined"}})
    trace = str(WORK / "checkout_trace.json")
    yield Scenario(
        "semaphore render_job (JSONPath; the real Python handler; DynamoDB counters)",
        "samples/semaphore", "render_job", {"job": "j1"}, sanitized=True,
        output={"key": "renders/j1.png"},
        stderr_has=['task function render called with', '"Payload":{"job":"j1"}',
                    "task dynamodb:updateItem called with",
                    'execution succeeded with output {"key":"renders/j1.png"}'])
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"run_app hello ({language}; Node.js and Python handlers, the Python one writing to "
            "the local table)",
            "tests/exec/run_app", "hello", {"name": "ann"}, "--query-language", language,
            sanitized=language == "jsonata", output=hello,
            stderr_has=["task function greet called with", "task function remember called",
                        "stored a note for ann", "task dynamodb:getItem called with"])
        yield Scenario(
            f"checkout with --mock ({language}; DynamoDB, EventBridge and a FIFO queue)",
            "samples/checkout", "checkout", ORDER, "--query-language", language,
            "--mock", mocks, *(["--trace", trace] if language == "jsonata" else []),
            sanitized=language == "jsonata", output=confirmed,
            stderr_has=["task function chargePayment called with",
                        "task events:putEvents called with", "task sqs:sendMessage called with",
                        "-> Parallel"],
            check=trace_file_check(trace) if language == "jsonata" else None)
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"item_readers people ({language}): a CSV read with `headers:` and a computed "
            "`max_items:` (MaxItems / MaxItemsPath)",
            "tests/exec/item_readers", "people", {"limit": 2}, "--query-language", language,
            sanitized=language == "jsonpath",
            output=["Ada Lovelace (1)", "Alan Turing (2)"],
            stderr_has=["task aws-sdk:s3:putObject called with", "-> For each row"])
        yield Scenario(
            f"item_readers listing ({language}): objects as S3 lists them (`raw: true`)",
            "tests/exec/item_readers", "listing", {}, "--query-language", language,
            output=[{"key": "in/a.txt", "size": 4}, {"key": "in/b.txt", "size": 7}])
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"item_readers dropped ({language}): a Distributed Map over a bucket whose name is "
            "computed from the input (`s3.objects(bucket: \"customer-drop-${customer}\", "
            "within: [Drop])`)",
            "tests/exec/item_readers", "dropped", {"customer": "7"}, "--query-language", language,
            sanitized=language == "jsonata",
            output=[{"key": "in/x.csv", "size": 4}, {"key": "in/y.csv", "size": 8}])
        # moto lists only buckets that exist, and fails on an empty listing (KeyError
        # 'Contents'), so the sample is run over a bucket the input names and nobody created:
        # the ItemReader asks S3 for that very bucket.
        yield Scenario(
            f"ingest ({language}): the sample's ItemReader lists the bucket named in the input",
            "samples/ingest", "ingest", {"customer": "acme", "drop": "nobody-drop",
                                         "prefix": "in/"},
            "--query-language", language, exit=1, stdout_empty=True,
            stderr_has=["-> For each file", "NoSuchBucket", "ListObjectsV2"])
    # --seed fills the existing drop bucket before the run: the whole job, end to end, in both
    # query languages (in JSONata the children bind `drop` again, which needs variables of
    # their own: localcloud/sfn_distributed_map.py).
    acme = {"customer": "acme", "drop": "acme-drop", "prefix": "in/"}
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"ingest ({language}) --seed: a customer's drop bucket listed, each file loaded by "
            "the Python handler, the report written",
            "samples/ingest", "ingest", acme, "--query-language", language,
            "--seed", str(REPO / "samples/ingest/seed.json"), sanitized=language == "jsonpath",
            output={"customer": "acme", "files": 2,
                    "loaded": [{"key": "in/2026-12-01.csv", "lines": 2},
                               {"key": "in/2026-12-02.csv", "lines": 1}],
                    "report": "reports/acme.json"},
            stderr_has=['"Key":"reports/acme.json"', '\\"lines\\":2'])
    yield Scenario(
        "--seed naming a resource the application lacks: a usage error",
        "samples/ingest", "ingest", acme,
        "--seed", write("bad_seed.json", {"AcmeDrops": {"in/a.csv": "x"}}),
        exit=2, stdout_empty=True,
        stderr_has=["--seed: no bucket, table, secret or parameter AcmeDrops in the "
                    "application; its buckets, tables, secrets and parameters are AcmeDrop, "
                    "GlobexDrop, Reports"])
    broken = WORK / "broken_seed.json"
    broken.write_text("{")
    yield Scenario(
        "--seed that is not JSON: a usage error",
        "samples/ingest", "ingest", acme, "--seed", str(broken),
        exit=2, stdout_empty=True, stderr_has=["broken_seed.json: not JSON"])
    existing_mock = write("existing_mocks.json", {"Notify": {"sent": True}})
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"existing onboard ({language}): a table by name, a bucket and a topic by ARN, a "
            "queue by template parameter and a mocked function, all outside the application",
            "tests/exec/existing", "onboard", {"user": {"id": "u1", "email": "a@b.c"}},
            "--query-language", language, "--mock", existing_mock, sanitized=True,
            output={"user": {"id": "u1", "email": "a@b.c"}, "same_email": 1,
                    "notified": {"sent": True},
                    "objects": 1, "bucket": "corp-archive"},
            stderr_has=['"TableName":"corp-users"',
                        "/123456789012/local-jobsqueuename",
                        '"TopicArn":"arn:aws:sns:us-east-1:123456789012:alerts"',
                        "function:corp-notify"])
    yield Scenario(
        "existing onboard without a mock: the existing function's code is not here",
        "tests/exec/existing", "onboard", {"user": {"id": "u2", "email": "b@c.d"}},
        exit=1, stdout_empty=True,
        stderr_has=["Runtime.ExistingFunction", "mock Notify with --mock"])
    existing_seed = write("existing_seed.json", {"ApiKey": "s3cr3t", "Threshold": "42"})
    fulfil_mock = write("fulfil_mock.json", {"Fulfil": {"id": "o-1", "paid": True}})
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"existing flow, secret and parameter ({language}): the secret and the parameter "
            "seeded, the existing flow's state machine mocked",
            "tests/exec/existing_flows", "checkout", {"order": {"id": "o-1", "total": 10}},
            "--query-language", language, "--seed", existing_seed, "--mock", fulfil_mock,
            output={"key": "s3cr3t", "threshold": "42", "paid": True,
                    "queue": "local-shippingqueuearn"},
            stderr_has=["stateMachine:fulfil", "/123456789012/local-shippingqueuearn"])
    yield Scenario(
        "existing flow without a mock: its state machine is not here",
        "tests/exec/existing_flows", "checkout", {"order": {"id": "o-2", "total": 1}},
        "--seed", existing_seed, exit=1, stdout_empty=True,
        stderr_has=["Runtime.ExistingFlow", "mock Fulfil with --mock"])
    def child_dates(got):
        started, stopped = got.pop("started", None), got.pop("stopped", None)
        problems = [] if got == {"greeting": "Hello, ann (from GreetFunction)",
                                 "child": "greet-ann", "status": "SUCCEEDED",
                                 "arn": "arn:aws:states:us-east-1:123456789012:execution:"
                                        "local-hello:greet-ann"} else [f"output {got}"]
        if not (isinstance(started, int) and isinstance(stopped, int) and started <= stopped):
            problems.append(f"the child's dates are {started!r} and {stopped!r}, expected "
                            "epoch milliseconds in order")
        return problems

    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"run_app nested ({language}): `run hello(name) name … details` runs the child "
            "execution (startExecution.sync:2) and gives its description",
            "tests/exec/run_app", "nested", {"name": "ann"}, "--query-language", language,
            output_check=child_dates,
            stderr_has=["task states:startExecution.sync:2 called with", '"Name":"greet-ann"',
                        '"Status":"SUCCEEDED"'])
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"run_app checked ({language}): the child's error and cause reach `catch TooBig as "
            "e` (the .sync:2 task's States.TaskFailed re-raised as the child's error)",
            "tests/exec/run_app", "checked", {"n": 5}, "--query-language", language,
            output="caught TooBig: n is 5",
            stderr_has=["task failed: States.TaskFailed:", "-> run limited (child error)"])
        yield Scenario(
            f"run_app checked ({language}): a child that succeeds",
            "tests/exec/run_app", "checked", {"n": 2}, "--query-language", language,
            output="ok 4")
        yield Scenario(
            f"run_app unchecked ({language}): the child's uncaught error fails the parent",
            "tests/exec/run_app", "unchecked", {"n": 5}, "--query-language", language,
            exit=1, stdout_empty=True, stderr_has=["error: TooBig", "cause: n is 5"])
    for language in ("jsonata", "jsonpath"):  # JSONata's $uuid: localcloud/sfn_jsonata_uuid.py
        yield Scenario(
            f"run_app retried ({language}): `retry {{ on TooBig }}` on a run starts the child "
            "again, under a new name",
            "tests/exec/run_app", "retried", {"n": 5}, "--query-language", language,
            output="caught TooBig: n is 5",
            stderr_check=lambda err: [] if err.count(
                "task states:startExecution.sync:2 called with") == 2 else [
                "expected two starts of the child"])
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"run_app peek ({language}): `fields:` on get and scan (ProjectionExpression); the "
            "table returns only those attributes",
            "tests/exec/run_app", "peek", {"name": "ann"}, "--query-language", language,
            output={"text": {"text": "hi ann"}, "ids": [{"id": "ann"}]},
            stderr_has=['"ProjectionExpression":"#p0","ExpressionAttributeNames":{"#p0":"text"}',
                        '{"Item":{"text":{"S":"hi ann"}}}',
                        '"Items":[{"id":{"S":"ann"}}]'])
    yield Scenario(
        "run_app relayed (JSONata): a Node.js handler's AWS SDK call reaches the local cloud",
        "tests/exec/run_app", "relayed", {"name": "bo"},
        output={"relayed": {"stored": "bo in NotesTable"},
                "note": {"id": "bo", "text": "relayed for bo"}},
        stderr_has=["task function relay called with", "stored a note for bo"])
    # moto writes a string variable into the JSONata it evaluates between bare quotes; the
    # runner encodes it as a JSON string, so quotes, backslashes and line breaks survive.
    odd = 'o"neil \\ x\ny'
    yield Scenario(
        "run_app hello (JSONata) with a name holding a quote, a backslash and a line break",
        "tests/exec/run_app", "hello", {"name": odd},
        output={"greeting": f"Hello, {odd} (from GreetFunction)", "region": "us-east-1",
                "stored": f"{odd} in NotesTable",
                "note": {"id": odd, "text": f"Hello, {odd} (from GreetFunction)"}})
    yield Scenario(
        "run_app boom (JSONPath): the handler's error caught, the flow fails with its own",
        "tests/exec/run_app", "boom", {"reason": "why"}, "--query-language", "jsonpath",
        exit=1, stdout_empty=True, sanitized=True,
        stderr_has=["task failed: Boom:", "<- explode  caught", "error: Exploded",
                    'cause: {"errorType":"Boom","errorMessage":"exploded: why"'])
    yield Scenario(
        "checkout, payment declined by --mock (JSONata): the saga compensates and fails",
        "samples/checkout", "checkout", ORDER, "--mock", declined,
        exit=1, stdout_empty=True,
        stderr_has=["task failed: PaymentDeclined:", "task function releaseInventory called",
                    "error: CheckoutFailed", "cause: order o-1: PaymentDeclined"])
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"reports daily_report ({language}; Athena's .sync query over moto's Athena, whose "
            "result set is empty; the summary written to the local S3)",
            "samples/reports", "daily_report", {"day": 20261201},
            "--query-language", language,
            output={"Rows": [], "ResultSetMetadata": {"ColumnInfo": []}},
            stderr_has=["task athena:startQueryExecution.sync called with",
                        '"ExecutionParameters":["20261201"]', '"Database":"shop"',
                        "athena:getQueryResults called with",
                        "execution succeeded"])
    yield Scenario(
        "quotes (JSONata always; a Map over an unpriced item fails)",
        "samples/quotes", "quote",
        {"req": {"customer": "c1", "country": " de ", "items": [{"sku": "A", "qty": 1}]}},
        exit=1, stdout_empty=True,
        stderr_has=['task dynamodb:getItem called with', '"Key":{"sku":{"S":"A"}}',
                    "-> Set zone (2)", "error: UnknownSku", "cause: sku A is not for sale"])
    # Without --flow, an application of one flow runs it (docs/cli.md#caios-run).
    yield Scenario(
        "quotes without --flow (its only flow, quote)",
        "samples/quotes", None,
        {"req": {"customer": "c1", "country": " de ", "items": [{"sku": "A", "qty": 1}]}},
        exit=1, stdout_empty=True, sanitized=True,
        stderr_has=["-> Set zone (2)", "error: UnknownSku"])
    yield Scenario(
        "reviews analyze (an EventBridge connection in the template; a missing upload, "
        "retried three times)",
        "samples/reviews", "analyze",
        {"event": {"detail": {"bucket": {"name": "x"}, "object": {"key": "reviews/r1.json"}}}},
        exit=1, stdout_empty=True,
        stderr_has=["task aws-sdk:s3:getObject called with",
                    "task aws-sdk:s3:getObject (retry) called with", "NoSuchKey"])
    review = {"review": {"reviewId": "r1", "productId": "p-1", "customer": "ann", "rating": 1,
                         "title": "Leaks", "text": "It leaks."}, "sentiment": "NEGATIVE"}
    p1 = {"openTicket": {"ticketId": "T-1", "priority": "P1", "queue": "reviews"}}
    for language in ("jsonata", "jsonpath"):
        yield Scenario(
            f"reviews triage ({language}): the pager's HTTP task answered by --mock, a 503 "
            "retried, then 202 with a header",
            "samples/reviews", "triage", review, "--query-language", language, "--mock",
            write(f"http_mock_{language}.json", dict(p1, **{
                "http.post https://events.pager.example.com/*": [
                    {"status": 503},
                    {"status": 202, "body": {"status": "success"},
                     "headers": {"X-Request-Id": "r-1"}}]})),
            output={"ticketId": "T-1", "priority": "P1", "queue": "reviews"},
            stderr_has=["task http:invoke called with",
                        '"ApiEndpoint":"https://events.pager.example.com/v2/enqueue"',
                        "task failed: States.Http.StatusCode.503: Service Unavailable",
                        "task http:invoke (retry) called with",
                        'task succeeded: {"Headers":{"X-Request-Id":["r-1"]},'
                        '"ResponseBody":{"status":"success"},"StatusCode":202,'
                        '"StatusText":"Accepted"}',
                        "<- http.post  output"])
    yield Scenario(
        "reviews triage: an HTTP task that no --mock entry answers",
        "samples/reviews", "triage", review, "--mock", write("http_unmocked.json", p1),
        exit=1, stdout_empty=True,
        stderr_has=["error: Runtime.HttpNotMocked",
                    "cause: no mock answers the HTTP task's POST "
                    "https://events.pager.example.com/v2/enqueue: the local cloud makes no real "
                    "HTTP calls."])
    yield Scenario(
        "a --mock entry of an HTTP method that does not exist", "samples/reviews", "triage",
        review, "--mock", write("http_bad_mock.json", {"http.fetch": {"status": 200}}),
        exit=2, stdout_empty=True,
        stderr_has=["`http.fetch` is not an HTTP mock: the methods are http.get, http.post"])
    yield Scenario(
        "a flow name that does not exist", "samples/semaphore", "acquir", {},
        exit=2, stdout_empty=True,
        stderr_has=["error: the application has no flow `acquir`; did you mean `acquire`?",
                    "Its flows are `acquire`, `release` and `render_job`."])
    yield Scenario(
        "input that is not JSON", "samples/semaphore", "acquire", '{"name": gpu}',
        exit=2, stdout_empty=True,
        stderr_has=["error: --input is not JSON: parse error at line 1, column 10"])
    yield Scenario(
        "an input file that does not exist", "samples/semaphore", "acquire",
        "@" + str(WORK / "missing.json"), exit=2, stdout_empty=True,
        stderr_has=["error: cannot read the --input file"])
    yield Scenario(
        "a --mock of a function the application lacks", "samples/semaphore", "render_job",
        {"job": "j"}, "--mock", write("bad_mock.json", {"paint": {}}),
        exit=2, stdout_empty=True,
        stderr_has=["no function paint in the application; its functions are render"])


def main():
    failures = []
    cases = [case for case in scenarios() if case.sanitized or not SANITIZED]
    if not cases:
        print("caios_run: no scenario selected", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for problems in pool.map(Scenario.run, cases):
            failures.extend(problems)
    for failure in failures:
        print(failure, file=sys.stderr)
    # Every run builds into a private folder under TMPDIR and removes it afterwards.
    leftovers = sorted(p.name for p in TMP.iterdir())
    if leftovers:
        failures.append(f"caios run left {leftovers} in its temporary folder")
    if failures:
        return 1
    shutil.rmtree(WORK)
    print(f"caios_run: all {len(cases)} scenarios passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
