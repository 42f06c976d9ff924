#!/usr/bin/env python3
"""The DynamoDB semaphore of samples/semaphore, run against real DynamoDB semantics: moto's
Step Functions executes the JSONPath state machines caios writes (its optimized DynamoDB
integration acts on moto's DynamoDB), so the `if:` conditions and `add:` counters are judged
by DynamoDB's own rules, not by the compiler's.

    python3 tests/exec/moto_semaphore.py CAIOS OUT_DIR

acquire(limit 1) succeeds, a second acquire fails with
DynamoDB.ConditionalCheckFailedException, release frees the slot so acquire succeeds again,
and a release of a free semaphore fails too. The JSONata target's updateItem arguments,
evaluated with the reference jsonata package, meet the same conditions in moto's DynamoDB.
Exit 77 (skipped) when moto 5.2 is missing.
"""
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def skip(message):
    print(f"moto_semaphore: {message}; skipped", file=sys.stderr)
    sys.exit(77)


try:
    import boto3
    import moto
    from moto import mock_aws
except ImportError:
    skip("moto or boto3 is not installed for " + sys.executable)
if not moto.__version__.startswith("5.2"):
    skip(f"moto {moto.__version__} is installed, the test needs 5.2.x")



def build(caios, out):
    subprocess.run([caios, "build", str(REPO / "samples/semaphore"), "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)


def definition(out, flow, table_name):
    text = (out / "statemachines" / f"{flow}.asl.json").read_text()
    # The table's name is a DefinitionSubstitutions placeholder that CloudFormation fills in.
    return text.replace("${SemaphoresTableName}", table_name)


def run(sfn, arn, payload, name):
    execution = sfn.start_execution(stateMachineArn=arn, name=name, input=json.dumps(payload))
    for _ in range(200):
        d = sfn.describe_execution(executionArn=execution["executionArn"])
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.05)
    raise AssertionError("the execution did not finish")


def step(definitions, flow, payload, before):
    """One execution of `flow` in a fresh moto whose semaphore `gpu` has `before` holders
    (None: no item): the status, the error and the holders afterwards. A fresh moto for each
    execution because moto 5.2 deep-copies its backend when an execution starts, which fails
    once an earlier execution's worker holds a lock."""
    region = "us-east-1"
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        ddb = boto3.client("dynamodb", region_name=region)
        ddb.create_table(TableName="semaphores", BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        if before is not None:
            ddb.put_item(TableName="semaphores",
                         Item={"id": {"S": "gpu"}, "count": {"N": str(before)}})
        sfn = boto3.client("stepfunctions", region_name=region)
        arn = sfn.create_state_machine(name=flow, roleArn="arn:aws:iam::123456789012:role/sem",
                                       definition=definitions[flow])["stateMachineArn"]
        d = run(sfn, arn, payload, "run")
        item = ddb.get_item(TableName="semaphores", Key={"id": {"S": "gpu"}}).get("Item")
        return d["status"], d.get("error"), int(item["count"]["N"]) if item else None, d


def scenario(out):
    definitions = {flow: definition(out, flow, "semaphores") for flow in ("acquire", "release")}
    failures = []

    # Each step starts from the holders the previous one left.
    holders = None

    def expect(flow, payload, status, error=None, count=None):
        nonlocal holders
        got_status, got_error, now, d = step(definitions, flow, payload, holders)
        if (got_status, got_error, now) != (status, error, count):
            failures.append(f"{flow}({payload}) from {holders}: got {got_status} {got_error} "
                            f"with count {now}, expected {status} {error} with count {count}; "
                            f"cause: {d.get('cause')}")
        holders = now

    taken = "DynamoDB.ConditionalCheckFailedException"
    expect("acquire", {"name": "gpu", "limit": 1}, "SUCCEEDED", count=1)
    expect("acquire", {"name": "gpu", "limit": 1}, "FAILED", taken, count=1)
    expect("acquire", {"name": "gpu", "limit": 2}, "SUCCEEDED", count=2)
    expect("release", {"name": "gpu"}, "SUCCEEDED", count=1)
    expect("release", {"name": "gpu"}, "SUCCEEDED", count=0)
    expect("release", {"name": "gpu"}, "FAILED", taken, count=0)
    expect("acquire", {"name": "gpu", "limit": 1}, "SUCCEEDED", count=1)
    return failures


# Evaluates every `{% … %}` string of a JSON value with the reference `jsonata` package, the
# variables bound from `bindings` (JSON on stdin, the result on stdout).
NODE_EVAL = r"""
import fs from 'node:fs';
const { default: jsonata } = await import(process.argv[1]);
const { value, bindings } = JSON.parse(fs.readFileSync(0, 'utf8'));
async function walk(v) {
  if (typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}')) {
    return await jsonata(v.slice(2, -2)).evaluate({}, bindings);
  }
  if (Array.isArray(v)) return Promise.all(v.map(walk));
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = await walk(x);
    return o;
  }
  return v;
}
process.stdout.write(JSON.stringify(await walk(value)));
"""


def jsonata_eval(value, bindings):
    node = shutil.which("node")
    module = REPO / "node_modules/jsonata/jsonata.js"
    if node is None or not module.exists():
        return None
    done = subprocess.run([node, "--input-type=module", "-e", NODE_EVAL, module.as_uri()],
                          input=json.dumps({"value": value, "bindings": bindings}),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def filter_scenario(out):
    """`where:` of a scan (busy_path in tests/golden/build/table_conditions.caios, JSONPath):
    of the counters 0, 1 and 2, those >= 1 whose id is not "x"."""
    definition = (out / "statemachines/busy_path.asl.json").read_text().replace(
        "${CountersTableName}", "counters")
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        ddb.create_table(TableName="counters", BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        for name, count in (("a", 0), ("b", 1), ("c", 2), ("x", 5)):
            ddb.put_item(TableName="counters",
                         Item={"id": {"S": name}, "count": {"N": str(count)}})
        sfn = boto3.client("stepfunctions", region_name="us-east-1")
        arn = sfn.create_state_machine(name="busy", roleArn="arn:aws:iam::123456789012:role/b",
                                       definition=definition)["stateMachineArn"]
        d = run(sfn, arn, {"limit": 1}, "run")
        if d["status"] != "SUCCEEDED" or json.loads(d.get("output", "null")) != 2:
            return [f"busy_path: {d['status']} {d.get('output')} {d.get('cause')}, expected 2"]
    return []


def jsonata_scenario(caios, out):
    """The JSONata target: moto cannot run JSONata state machines, so the `Arguments` of
    acquire's updateItem (tests/golden/build/table_conditions.caios) are evaluated with the
    reference jsonata package and sent to moto's DynamoDB; the ALL_NEW result is read back
    with the state's own `Assign`."""
    subprocess.run([caios, "build", str(REPO / "tests/golden/build/table_conditions.caios"),
                    "-o", str(out)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    failures = filter_scenario(out)
    state = json.loads((out / "statemachines/acquire.asl.json").read_text())["States"][
        "Slots.update"]
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="us-east-1")
        ddb.create_table(TableName="slots", BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        for owner, ok in (("ann", True), ("bob", False)):
            args = jsonata_eval(state["Arguments"], {"limit": 1, "owner": owner})
            if args is None:
                print("moto_semaphore: node or node_modules/jsonata missing; JSONata part "
                      "skipped", file=sys.stderr)
                return failures
            args["TableName"] = "slots"
            try:
                response = ddb.update_item(**args)
            except ddb.exceptions.ConditionalCheckFailedException:
                if ok:
                    failures.append(f"JSONata acquire for {owner} failed its condition")
                continue
            if not ok:
                failures.append(f"JSONata acquire for {owner} passed a full semaphore")
                continue
            after = jsonata_eval(state["Assign"]["after"], {
                "states": {"result": {"Attributes": response["Attributes"]}}})
            if after != {"id": "jobs", "count": 1, "owner": owner}:
                failures.append(f"JSONata acquire returned {after}")
    return failures


def main():
    # moto logs each failed task at ERROR level; the failures asserted here are expected.
    logging.getLogger().setLevel(logging.CRITICAL)
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    build(sys.argv[1], out)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    failures = scenario(out) + jsonata_scenario(sys.argv[1], out / "jsonata")
    for f in failures:
        print("moto_semaphore: " + f, file=sys.stderr)
    if failures:
        return 1
    print("moto_semaphore: 8 JSONPath executions and 2 JSONata requests behaved as DynamoDB "
          "decides")
    return 0


if __name__ == "__main__":
    sys.exit(main())
