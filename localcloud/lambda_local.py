"""Lambda functions of the local cloud: each invocation runs the function's real handler code
on this machine (no containers), or a fixed result from a `--mock` file. See docs/testing.md.

moto's Lambda would start a Docker container for each invocation; the local cloud replaces
`LambdaFunction.invoke`, the one place every invocation passes (the Step Functions
interpreter's tasks and a handler's own `lambda.invoke` calls alike), and keeps moto's
response contract: the payload as JSON bytes, and the header `x-amz-function-error` with a
payload {"errorType", "errorMessage"} when the function fails.

Python handlers run in this process, inside the same mock, so their boto3 calls reach the
local cloud's resources. Node.js handlers run in a node process of their own
(node_handler.mjs); their AWS SDK calls reach the local cloud's HTTP endpoint when one runs.
"""
import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
import traceback
import uuid

# The runner's own environment: while a Python handler runs, `os.environ` is that handler's copy
# (_environment below), which a Node.js handler started meanwhile (a Parallel's other branch)
# must not inherit.
_PROCESS_ENVIRON = os.environ
from pathlib import Path

HERE = Path(__file__).resolve().parent


class FunctionCode:
    """Where a function's code is and how the program named it."""

    def __init__(self, name, code_dir):
        self.name = name  # the name in the .caios program
        self.code_dir = None if code_dir is None else Path(code_dir)  # None: `existing`


class MockAnswers:
    """A test's answers for one function (docs/testing.md): each `{"returns": v}` or
    `{"error": e, "cause": c}` given `times` times in a row, the last one for ever after."""

    def __init__(self, answers):
        self._answers = [answer for answer in answers for _ in range(int(answer.get("times", 1)))]
        self._lock = threading.Lock()
        self.calls = 0

    def next(self):
        with self._lock:
            answer = self._answers[min(self.calls, len(self._answers) - 1)]
            self.calls += 1
        if "returns" in answer:
            return {"result": answer["returns"]}
        return {"errorType": str(answer["error"]), "errorMessage": str(answer.get("cause", ""))}


def callback_keys(definitions):
    """The payload keys that carry the task token in the `lambda:invoke.waitForTaskToken` tasks
    of these ASL definitions (JSONata `"{% $states.context.Task.Token %}"`, JSONPath
    `"key.$": "$$.Task.Token"`)."""
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            if str(value.get("Resource", "")).endswith("lambda:invoke.waitForTaskToken"):
                arguments = value.get("Arguments") or value.get("Parameters") or {}
                payload = arguments.get("Payload") or arguments.get("Payload.$") or {}
                if isinstance(payload, dict):
                    for key, inner in payload.items():
                        text = str(inner).replace(" ", "")
                        if "$states.context.Task.Token" in text or text == "$$.Task.Token":
                            keys.add(key[:-2] if key.endswith(".$") else key)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for definition in definitions:
        walk(definition)
    return keys


ACCOUNT = "123456789012"  # moto's default account, the local cloud's (deploy.py)


def _callback_token(event, keys):
    if not isinstance(event, dict):
        return None
    for key in keys:
        if isinstance(event.get(key), str):
            return event[key]
    return None


def _complete_callback(token, answer, region):
    """Sends the mock's answer to the waiting task: SendTaskSuccess with the result, or
    SendTaskFailure with the error and cause. The failure goes to moto's backend itself: its
    SendTaskFailure handler drops the cause."""
    import boto3
    from moto.stepfunctions.responses import get_backend

    if "result" in answer:
        sfn = boto3.client("stepfunctions", region_name=region)
        sfn.send_task_success(taskToken=token, output=json.dumps(answer["result"]))
    else:
        get_backend(ACCOUNT, region).send_task_failure(
            token, error=answer["errorType"], cause=answer.get("errorMessage", ""))


class LocalFunctions:
    """The functions of the deployed stack by physical name, the mocks by program name."""

    def __init__(self, mocks):
        self.by_physical_name = {}
        self.mocks = mocks
        # The payload keys that hold a task token in the flows' `await f(…, task_token)` tasks
        # (callback_keys below): a mocked function answers those through the token.
        self.callback_keys = set()
        self._server = None  # the local cloud's HTTP endpoint, for Node.js handlers
        self._server_lock = threading.Lock()
        # One Python handler at a time: a handler sees its function's environment variables in
        # os.environ, which the whole process shares.
        self._python_lock = threading.RLock()
        self._modules = {}

    def add(self, physical_name, code):
        self.by_physical_name[physical_name] = code

    # ---- the invocation, in moto's contract

    def invoke(self, fn, body, request_headers, response_headers):
        code = self.by_physical_name.get(fn.function_name)
        if code is None:
            raise RuntimeError(f"the local cloud has no code for function {fn.function_name}")
        event = json.loads(body) if body else {}
        token = _callback_token(event, self.callback_keys)
        if code.name in self.mocks and token is not None:
            # An awaited function: the mock's answer completes the task through its token, as
            # the worker the function stands for would, once the invocation has returned.
            answer = self._mocked(code.name)
            threading.Timer(0.01, _complete_callback, (token, answer, fn.region)).start()
            outcome = {"result": None}
        elif code.name in self.mocks:
            outcome = self._mocked(code.name)
        elif code.code_dir is None:
            outcome = {"errorType": "Runtime.ExistingFunction",
                       "errorMessage": f"function {code.name} is `existing`: its code is outside "
                                       f"the application; mock {code.name} with --mock"}
        elif (fn.run_time or "").startswith("python"):
            outcome = self._run_python(fn, code, event)
        elif (fn.run_time or "").startswith("nodejs"):
            outcome = self._run_node(fn, code, event)
        else:
            outcome = {"errorType": "Runtime.Unsupported",
                       "errorMessage": f"the local cloud runs Python and Node.js handlers, not "
                                       f"{fn.run_time}; mock {code.name} with --mock"}
        if "result" in outcome:
            payload = outcome["result"]
        else:
            response_headers["x-amz-function-error"] = "Unhandled"
            payload = {k: outcome[k] for k in ("errorType", "errorMessage", "stackTrace")
                       if k in outcome}
        return json.dumps(payload).encode("utf-8")

    def _mocked(self, name):
        mock = self.mocks[name]
        if isinstance(mock, MockAnswers):
            return mock.next()
        if isinstance(mock, dict) and "error" in mock:
            return {"errorType": str(mock["error"]), "errorMessage": str(mock.get("cause", ""))}
        return {"result": mock}

    def _environment(self, fn, code):
        """What Lambda sets, then the variables the template gives the function."""
        env = {
            "AWS_REGION": fn.region,
            "AWS_DEFAULT_REGION": fn.region,
            "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size),
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{fn.function_name}",
            "LAMBDA_TASK_ROOT": str(code.code_dir),
            "CAIOS_FUNCTION_ARN": fn.function_arn,
        }
        env.update({k: str(v) for k, v in (fn.environment_vars or {}).items()})
        return env

    # ---- Python: in this process

    def _run_python(self, fn, code, event):
        module_name, _, function_name = (fn.handler or "").rpartition(".")
        with self._python_lock, _environment(self._environment(fn, code)), \
                _path_first(code.code_dir), contextlib.redirect_stdout(sys.stderr):
            try:
                module = self._module(fn, code, module_name)
                handler = getattr(module, function_name, None)
                if not callable(handler):
                    return {"errorType": "Runtime.HandlerNotFound",
                            "errorMessage": f"Handler '{function_name}' missing on module "
                                            f"'{module_name}'"}
                result = handler(event, _PythonContext(fn))
            except Exception as error:  # the handler's failure is the function's error
                return {"errorType": type(error).__name__, "errorMessage": str(error),
                        "stackTrace": _handler_frames(error)}
        try:
            return {"result": json.loads(json.dumps(result))}
        except (TypeError, ValueError) as error:
            return {"errorType": "Runtime.MarshalError",
                    "errorMessage": f"Unable to marshal response: {error}"}

    def _module(self, fn, code, module_name):
        """The handler's module, loaded once per function (with that function's environment,
        which module-level code often reads)."""
        key = fn.function_name
        if key not in self._modules:
            file = code.code_dir / (module_name.replace(".", "/") + ".py")
            if not file.is_file():
                raise ModuleNotFoundError(f"Unable to import module '{module_name}': no "
                                          f"{file}")
            spec = importlib.util.spec_from_file_location(
                f"caios_function_{len(self._modules)}_{module_name.replace('.', '_')}", file)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            self._modules[key] = module
        return self._modules[key]

    # ---- Node.js: a node process per invocation

    def _endpoint_url(self):
        """The local cloud over HTTP (moto's server in a thread of this process, on the same
        backends as the in-process mock), started on the first Node.js invocation."""
        with self._server_lock:
            if self._server is None:
                from moto.server import ThreadedMotoServer
                self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
                self._server.start()
            host, port = self._server.get_host_and_port()
        return f"http://{host}:{port}"

    def _run_node(self, fn, code, event):
        node = shutil.which("node")
        if node is None:
            return {"errorType": "Runtime.Unavailable",
                    "errorMessage": f"node is not installed; mock {code.name} with --mock"}
        module_name, _, function_name = (fn.handler or "").rpartition(".")
        env = dict(_PROCESS_ENVIRON)
        env.update(self._environment(fn, code))
        # The local cloud's fake credentials, and its endpoint for every service: the AWS SDK's
        # calls reach the application's local resources, never a real account.
        env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                    "AWS_SESSION_TOKEN": "testing", "AWS_ENDPOINT_URL": self._endpoint_url()})
        # Lambda's Node.js runtimes come with the AWS SDK: `require` finds the packages of the
        # node_modules folder the runner uses (the repository's) as well.
        try:
            from jsonata_engine import find_jsonata_module
            modules = str(find_jsonata_module().parent.parent)
            env["NODE_PATH"] = os.pathsep.join(p for p in (env.get("NODE_PATH"), modules) if p)
        except Exception:  # no node_modules: handlers find only their own packages
            pass
        read_end, write_end = os.pipe()
        try:
            process = subprocess.Popen(
                [node, str(HERE / "node_handler.mjs"), str(write_end), str(code.code_dir),
                 module_name, function_name, fn.function_name, str(fn.timeout)],
                stdin=subprocess.PIPE, stdout=sys.stderr.fileno(), env=env,
                pass_fds=(write_end,))
        finally:
            os.close(write_end)
        with os.fdopen(read_end, "r", encoding="utf-8") as outcome_pipe:
            try:
                process.communicate(json.dumps(event).encode("utf-8"), timeout=fn.timeout + 5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return {"errorType": "Sandbox.Timedout",
                        "errorMessage": f"Task timed out after {fn.timeout} seconds"}
            line = outcome_pipe.readline()
        if not line:
            return {"errorType": "Runtime.ExitError",
                    "errorMessage": f"the node process exited with {process.returncode}"}
        return json.loads(line)


def _handler_frames(error):
    """The stack trace of a handler's exception without the local cloud's own frames."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).resolve().parent != HERE and not f.filename.startswith("<")]
    return traceback.format_list(frames)


class _PythonContext:
    """The handler's `context` argument (the attributes Lambda's Python runtime gives)."""

    def __init__(self, fn):
        import time
        self._deadline = time.monotonic() + float(fn.timeout)
        self.function_name = fn.function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = fn.function_arn
        self.memory_limit_in_mb = str(fn.memory_size)
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{fn.function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self):
        import time
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@contextlib.contextmanager
def _environment(variables):
    """`os.environ` for a Python handler: a copy of the process's with the function's variables,
    swapped in as a whole (one assignment) and swapped back after, and the same variables in the
    C environment (`os.putenv`) for the processes a handler starts. The process's own mapping is
    never changed: the local cloud's other threads read it while a handler runs (a Parallel's
    other branch creating a boto3 client reads the proxies from `os.environ`), and a mapping
    that gains and loses keys under such a reader fails it with a KeyError, which failed the
    branch with `States.Runtime`. While the handler runs those threads read the copy, which
    differs from the process's only by the function's variables."""
    original = os.environ
    private = dict(original)
    private.update(variables)
    for key, value in variables.items():
        os.putenv(key, value)
    os.environ = private
    try:
        yield
    finally:
        os.environ = original
        for key in variables:
            if key in original:
                os.putenv(key, original[key])
            else:
                os.unsetenv(key)


@contextlib.contextmanager
def _path_first(folder):
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(str(folder))


def install(functions):
    """Routes every invocation of moto's Lambda to `functions`."""
    from moto.awslambda import models

    def invoke(fn, body, request_headers, response_headers):
        return functions.invoke(fn, body, request_headers, response_headers)

    models.LambdaFunction.invoke = invoke
