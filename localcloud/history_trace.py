"""A readable trace of a Step Functions execution history (docs/cli.md, `caios run`): states
entered and exited, tasks with their inputs and results, failures, retries and catches."""
import json

_MAX_VALUE = 400  # characters of a value shown on one trace line


def _short(text):
    """A JSON text on one line, cut to a readable length."""
    if text is None:
        return ""
    try:
        text = json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError):
        text = str(text)
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "…"


def _resource(details, function_names):
    resource = details.get("resource", "")
    kind = details.get("resourceType", "")
    name = f"{kind}:{resource}" if kind else resource
    if kind == "lambda":
        try:
            target = json.loads(details.get("parameters", "{}")).get("FunctionName", "")
        except ValueError:
            target = ""
        target = function_names.get(target.rsplit(":", 1)[-1], target)
        if target:
            name = f"function {target}"
    return name


def _details(event):
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, dict):
            return value
    return {}


def format_history(events, function_names):
    """The trace lines for `events` (get_execution_history's list, in order). `function_names`
    maps a function's physical name to the program's name for it.

    Branches of a Parallel and iterations of a Map run at once and their events interleave;
    each event names the one before it in its own branch (previousEventId), so the states an
    event is inside, and whether a task failed in the current state (a retry or a catch
    follows), are followed along that chain rather than in list order."""
    lines = []
    last_state = None  # the state of the last line written
    # event id -> the states open after it, innermost last: (name, failed_in_it)
    open_after = {}

    for event in events:
        kind = event["type"]
        d = _details(event)
        states = open_after.get(event.get("previousEventId"), ())
        depth = len(states)
        text = None
        if kind == "ExecutionStarted":
            text = f"execution started with input {_short(d.get('input'))}"
        elif kind == "FailStateEntered":  # a Fail state is never exited
            text = f"-> {d.get('name', '')}  input {_short(d.get('input'))}"
        elif kind.endswith("StateEntered"):
            text = f"-> {d.get('name', '')}  input {_short(d.get('input'))}"
            states = states + ((d.get("name", ""), False),)
        elif kind.endswith("StateExited"):
            caught = bool(states) and states[-1][1]
            states = states[:-1]
            depth = len(states)
            how = "caught, output" if caught else "output"
            text = f"<- {d.get('name', '')}  {how} {_short(d.get('output'))}"
        elif kind == "TaskScheduled":
            retry = " (retry)" if states and states[-1][1] else ""
            text = (f"task {_resource(d, function_names)}{retry} called with "
                    f"{_short(d.get('parameters'))}")
        elif kind == "TaskSucceeded":
            # A retried task that then succeeds was not caught.
            if states:
                states = states[:-1] + ((states[-1][0], False),)
            text = f"task succeeded: {_short(d.get('output'))}"
        elif kind in ("TaskFailed", "TaskTimedOut", "LambdaFunctionFailed",
                      "LambdaFunctionTimedOut", "TaskStartFailed", "TaskSubmitFailed"):
            if states:
                states = states[:-1] + ((states[-1][0], True),)
            what = "timed out" if "TimedOut" in kind else "failed"
            text = f"task {what}: {d.get('error', '')}: {_short(d.get('cause'))}"
        elif kind in ("MapStateFailed", "ParallelStateFailed"):
            if states:
                states = states[:-1] + ((states[-1][0], True),)
            text = f"{'map' if kind.startswith('Map') else 'parallel'} state failed"
        elif kind == "MapIterationStarted":
            text = f"iteration {d.get('index', '')}"
        elif kind in ("MapIterationFailed", "MapIterationAborted"):
            text = f"iteration {d.get('index', '')} {kind[len('MapIteration'):].lower()}"
        elif kind == "ExecutionSucceeded":
            text = f"execution succeeded with output {_short(d.get('output'))}"
        elif kind in ("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"):
            text = (f"execution {kind[len('Execution'):].lower()}: {d.get('error', '')}: "
                    f"{_short(d.get('cause'))}")
        open_after[event["id"]] = states
        if text is None:
            continue
        state = states[-1][0] if states else None
        if text.startswith("task ") and state is not None and state != last_state:
            # Branches interleave: say which state a task line belongs to.
            text = f"[{state}] {text}"
        last_state = state if not text.startswith("<- ") else None
        lines.append("  " * depth + text)
    return lines


def raw_history(events):
    """get_execution_history's events as JSON text (timestamps as ISO strings)."""
    return json.dumps({"events": events}, indent=2, default=lambda v: v.isoformat()
                      if hasattr(v, "isoformat") else str(v)) + "\n"
