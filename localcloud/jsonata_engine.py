"""JSONata for the local cloud: moto's Step Functions interpreter leaves its JSONata evaluator
unset, so JSONata flows are evaluated by the reference `jsonata` npm package in one long-lived
node process (jsonata_bridge.mjs, JSON lines over stdin/stdout). See docs/testing.md."""
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


class JsonataUnavailable(Exception):
    """node or the jsonata package cannot be found; the message says what to install."""


def find_jsonata_module():
    """jsonata.js: $CAIOS_NODE_MODULES/jsonata, else the first node_modules/jsonata in a folder
    above this script (the repository's, as node itself would resolve it), else above the
    current folder."""
    named = os.environ.get("CAIOS_NODE_MODULES")
    if named:
        module = Path(named) / "jsonata" / "jsonata.js"
        if module.is_file():
            return module
        raise JsonataUnavailable(f"CAIOS_NODE_MODULES={named} holds no jsonata/jsonata.js")
    for start in (HERE, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            module = folder / "node_modules" / "jsonata" / "jsonata.js"
            if module.is_file():
                return module
    raise JsonataUnavailable(
        "the `jsonata` npm package was not found (JSONata flows need it): run `npm ci` in the "
        "caios repository (scripts/setup.sh --with-npm) or set CAIOS_NODE_MODULES to a "
        "node_modules folder that holds jsonata")


class JsonataBridge:
    """One node process; requests are serialized (moto evaluates from several threads when
    branches of a Parallel or iterations of a Map run at once)."""

    def __init__(self):
        node = shutil.which("node")
        if node is None:
            raise JsonataUnavailable("node is not installed (JSONata flows need it)")
        module = find_jsonata_module()
        self._process = subprocess.Popen(
            [node, str(HERE / "jsonata_bridge.mjs"), module.as_uri()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
            bufsize=1)
        self._lock = threading.Lock()
        self._next_id = 0

    def evaluate(self, expression):
        from moto.stepfunctions.parser.asl.jsonata.jsonata import JSONataException
        with self._lock:
            self._next_id += 1
            request_id = self._next_id
            self._process.stdin.write(json.dumps({"id": request_id, "expr": expression}) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        if not line:
            raise JSONataException("UNKNOWN", "the JSONata bridge process ended")
        answer = json.loads(line)
        if answer.get("id") != request_id:
            raise JSONataException("UNKNOWN", "the JSONata bridge answered out of order")
        if "error" in answer:
            raise JSONataException(answer["error"], answer["message"])
        return answer.get("value")

    def close(self):
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


def _encode_declarations(bindings):
    """moto writes a string variable as `"` + text + `"`, so a value holding a quote, a
    backslash or a line break breaks the expression; JSON's string syntax is JSONata's."""
    from moto.stepfunctions.parser.asl.utils.encoding import to_json_str
    parts = []
    for reference, value in bindings.items():
        parts.append(f"{reference}:={to_json_str(value, separators=(',', ':'))};")
    return "".join(parts)


def install(bridge):
    """Makes moto's interpreter evaluate JSONata with `bridge`."""
    from moto.stepfunctions.parser.asl.eval import states, variable_store
    from moto.stepfunctions.parser.asl.jsonata import jsonata

    jsonata._eval_jsonata = bridge.evaluate
    states.encode_jsonata_variable_declarations = _encode_declarations
    variable_store.encode_jsonata_variable_declarations = _encode_declarations
