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
with the name as given, which catchers and retriers match. A `Fail` state's `Error` and
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
    tasks; every other CustomErrorName keeps moto's check."""
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

    lambda_task = state_task_lambda.StateTaskLambda
    lambda_task._from_error = _allowing(lambda_task._from_error)
    service_lambda = state_task_service_lambda.StateTaskServiceLambda
    service_lambda._from_error = _allowing(service_lambda._from_error)
    callback = state_task_service_callback.StateTaskServiceCallback
    callback._get_callback_outcome_failure_event = _allowing(
        callback._get_callback_outcome_failure_event)
