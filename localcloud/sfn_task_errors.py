"""A task's error named `States.…` by the function or the callback that fails it, in the local
cloud. See docs/testing.md.

moto 5.2.1 builds every error name it did not make itself as a CustomErrorName, whose
constructor refuses a name that begins with `States.` (the States Language reserves the prefix
for Step Functions' own errors) with a ValueError: a Lambda task whose function fails with
`errorType` `States.Timeout`, or a callback task failed by SendTaskFailure with such an error,
did not fail with that error but failed the whole execution with `States.Runtime`, which no
`catch` of the flow can take. So a test's `mock F fails States.Timeout("slow")` (a timeout,
which virtual time never makes happen) could not reach the flow's `catch States.Timeout`.

The local cloud lets a CustomErrorName take such a name while moto turns a Lambda function's
error payload or a callback's failure into the task's failure (and only then): the task fails
with the name as given, which catchers and retriers match.

A `parallel` branch or a `for` iteration that fails with such an error (a task's
`States.Timeout` or `States.TaskFailed`, a `States.Runtime` of its own) fails the Parallel or
Map state with it in Step Functions, where a `catch` around the parallel or the loop takes it.
moto rebuilds the branch's or the iteration's error name as a CustomErrorName there too, so the
state failed with a ValueError (`States.Runtime`, the branch's error and cause lost) instead:
those two places build the name they pass on without the check. A `Fail` state's `Error` and
`ErrorPath` keep moto's check: a state machine may not raise a reserved name, and caios'
`run` wrapper raises a child's `States.…` error as ChildExecutionFailed (docs/language.md,
"Nested flows").
"""
import threading

_ALLOWED = threading.local()  # set while a task's failure from a function or a callback is built


def _allowing(original):
    def wrapper(*args, **kwargs):
        before = getattr(_ALLOWED, "on", False)
        _ALLOWED.on = True
        try:
            return original(*args, **kwargs)
        finally:
            _ALLOWED.on = before

    return wrapper


def install():
    """Accepts `States.…` names in the failures of Lambda tasks (both resources) and callback
    tasks, and in the failures that branches and iterations pass on to their Parallel or Map
    state; every other CustomErrorName keeps moto's check."""
    from moto.stepfunctions.parser.asl.component.common.error_name import (custom_error_name,
                                                                           error_name)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import state_task_lambda
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_callback, state_task_service_lambda)

    cls = custom_error_name.CustomErrorName
    if getattr(cls, "_caios_task_errors", False):
        return
    original_init = cls.__init__

    def init(self, error_name=None):
        if getattr(_ALLOWED, "on", False):
            base.__init__(self, error_name=error_name)  # without the prefix check
        else:
            original_init(self, error_name)

    base = error_name.ErrorName
    cls.__init__ = init
    cls._caios_task_errors = True

    from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration import (
        iteration_worker)
    from moto.stepfunctions.parser.asl.component.state.exec.state_parallel import branches_decl

    class PassedOn(cls):
        """The error name of a failed branch or iteration, passed on to its Parallel or Map
        state as it is: it was checked where it was raised."""

        def __init__(self, error_name=None):
            base.__init__(self, error_name=error_name)

    iteration_worker.CustomErrorName = PassedOn
    branches_decl.CustomErrorName = PassedOn

    lambda_task = state_task_lambda.StateTaskLambda
    lambda_task._from_error = _allowing(lambda_task._from_error)
    service_lambda = state_task_service_lambda.StateTaskServiceLambda
    service_lambda._from_error = _allowing(service_lambda._from_error)
    callback = state_task_service_callback.StateTaskServiceCallback
    callback._get_callback_outcome_failure_event = _allowing(
        callback._get_callback_outcome_failure_event)
