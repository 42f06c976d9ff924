"""HTTP tasks (`http.get(…)`, `arn:aws:states:::http:invoke`) in the local cloud, answered by
the mocks of a test or of `caios run --mock`. See docs/testing.md.

moto 5.2.1 has no HTTP tasks: it refused a definition with one ("Unknown service 'http'") and
every error name that begins with `States.` but is not one it knows, so a definition whose
HTTP task retries or catches `States.Http.StatusCode.429` (std.retry's `HttpTransient`) or
`States.Http.Socket` could not even be created. The local cloud accepts those names, creates
such definitions, and runs the task itself, without any network: a mock whose method and
endpoint match the call answers it, as Step Functions gives an HTTP task's response:

    {"StatusCode": 200, "StatusText": "OK", "Headers": {"name": ["value"]},
     "ResponseBody": <the body: JSON as it is, or text>}

A status that is not 2xx fails the task with `States.Http.StatusCode.<status>` and the status
text as the cause (Step Functions keeps no more of the response), which a flow's `retry` and
`catch` match; a mock that `fails E("c")` fails it with that error (`States.Http.Socket`, a
network failure). A call that no mock answers fails with `Runtime.HttpNotMocked`, naming the
method and the URL and saying how to mock it.

A mock is keyed `http <METHOD or *> <endpoint or *>` (the test manifest's keys; run.py turns a
--mock file's `http.post https://…` into that). The endpoint is the task's `ApiEndpoint`
exactly, or, ending in `*`, any URL that begins with what precedes the `*`. Of the mocks that
match a call, the one with the exact endpoint answers, then the longest pattern, then the one
without an endpoint; at each step a mock of the call's method before one of every method.
"""
import http.client
import threading

_HTTP_ERRORS = "States.Http."
NOT_MOCKED = "Runtime.HttpNotMocked"
VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class HttpMocks:
    """The answers of the current test (or run), by `http METHOD ENDPOINT` key; each value has
    `next()` giving `{"result": v}` or `{"errorType": e, "errorMessage": c}` (MockAnswers)."""

    def __init__(self):
        self.answers = {}
        self.calls = []  # (method, url) of each HTTP task run, for the report of unused mocks
        self._lock = threading.Lock()

    def find(self, method, url):
        """The answers for a call of `method` to `url`, or None when no mock matches."""
        method = method.upper()
        exact, patterns, anywhere = [], [], []
        for key, answers in self.answers.items():
            _, key_method, endpoint = key.split(" ", 2)
            if key_method not in (method, "*"):
                continue
            rank = 0 if key_method == method else 1
            if endpoint == url:
                exact.append((rank, answers))
            elif endpoint == "*":
                anywhere.append((rank, answers))
            elif endpoint.endswith("*") and url.startswith(endpoint[:-1]):
                patterns.append((-len(endpoint), rank, answers))
        for group in (exact, patterns, anywhere):
            if group:
                return min(group, key=lambda item: item[:-1])[-1]
        return None


def mock_key(name):
    """The manifest key of a --mock file's HTTP entry (`http`, `http.post`, `http.post URL`,
    `http URL`), or None when `name` names no HTTP mock; ValueError says what is wrong."""
    head, _, endpoint = name.partition(" ")
    if head != "http" and not head.startswith("http."):
        return None
    verb = head[len("http."):].upper() if head != "http" else "*"
    if verb != "*" and verb not in VERBS:
        raise ValueError(f"`{head}` is not an HTTP mock: the methods are "
                         + ", ".join(f"http.{v.lower()}" for v in VERBS))
    endpoint = endpoint.strip() or "*"
    if endpoint != "*" and (not endpoint.startswith("https://") or "*" in endpoint[:-1]):
        raise ValueError(f"`{endpoint}` is not an endpoint: an https:// URL, which may end in *")
    return f"http {verb} {endpoint}"


def response(result):
    """A mock's `{status, body, headers}` (every field optional) as the HTTP task's result, or
    the failure a status that is not 2xx gives: ("ok", result) or ("fail", error, cause)."""
    if not isinstance(result, dict):
        result = {"body": result}
    status = int(result.get("status", 200))
    try:
        text = http.client.responses.get(status) or http.HTTPStatus(status).phrase
    except ValueError:
        text = ""
    if not 200 <= status <= 299:
        return ("fail", f"States.Http.StatusCode.{status}", text)
    headers = {}
    for name, value in (result.get("headers") or {}).items():
        values = value if isinstance(value, list) else [value]
        headers[str(name)] = [v if isinstance(v, str) else _text(v) for v in values]
    body = result.get("body")
    return ("ok", {"Headers": headers, "ResponseBody": "" if body is None else body,
                   "StatusCode": status, "StatusText": text})


def _text(value):
    import json
    return json.dumps(value, separators=(",", ":"))


class _HttpFailure(Exception):
    def __init__(self, error, cause):
        super().__init__(error)
        self.error = error
        self.cause = cause


def _how_to_mock(method, url):
    return (f"no mock answers the HTTP task's {method} {url}: the local cloud makes no real "
            f"HTTP calls. In a test, add `mock http.{method.lower()} \"{url}\" returns "
            f"{{ status: 200, body: {{ … }} }}` (or `fails States.Http.Socket(\"…\")`); for "
            f"`caios run`, give `--mock` a file with \"http.{method.lower()} {url}\": "
            f"{{\"status\": 200, \"body\": {{…}}}} (docs/testing.md)")


def install(mocks):
    """Lets moto create definitions with HTTP tasks and their error names, and runs those tasks
    with `mocks`' answers (an HttpMocks, whose answers the caller replaces for each test)."""
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name import custom_error_name
    from moto.stepfunctions.parser.asl.component.common.error_name.error_name import ErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_factory as factory)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_unsupported as unsupported)
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    task = unsupported.StateTaskServiceUnsupported
    if getattr(task, "_caios_http", None) is not None:
        task._caios_http = mocks
        return

    cls = custom_error_name.CustomErrorName
    original_init = cls.__init__

    def init(self, error_name):
        if error_name is not None and error_name.startswith(_HTTP_ERRORS):
            ErrorName.__init__(self, error_name=error_name)
            return
        original_init(self, error_name)

    cls.__init__ = init
    factory._UNSUPPORTED_SERVICE_NAMES.add("http")

    original_eval = task._eval_service_task
    original_from_error = task._from_error

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        if self.resource.api_name != "http":
            return original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                                 normalised_parameters=normalised_parameters,
                                 state_credentials=state_credentials)
        method = str(normalised_parameters.get("Method", "GET")).upper()
        url = str(normalised_parameters.get("ApiEndpoint", ""))
        current = task._caios_http
        with current._lock:
            current.calls.append((method, url))
        answers = current.find(method, url)
        if answers is None:
            raise _HttpFailure(NOT_MOCKED, _how_to_mock(method, url))
        outcome = answers.next()
        if "result" not in outcome:
            raise _HttpFailure(outcome["errorType"], outcome.get("errorMessage", ""))
        answer = response(outcome["result"])
        if answer[0] == "fail":
            raise _HttpFailure(answer[1], answer[2])
        env.stack.append(answer[1])
        return None

    def from_error(self, env, ex):
        if isinstance(ex, _HttpFailure):
            return FailureEvent(
                env=env,
                error_name=ErrorName(error_name=ex.error),
                event_type=HistoryEventType.TaskFailed,
                event_details=EventDetails(taskFailedEventDetails=TaskFailedEventDetails(
                    resource=self._get_sfn_resource(),
                    resourceType=self._get_sfn_resource_type(),
                    error=ex.error, cause=ex.cause)))
        return original_from_error(self, env, ex)

    task._eval_service_task = eval_service_task
    task._from_error = from_error
    task._caios_http = mocks
