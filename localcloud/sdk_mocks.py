"""Mocks of AWS SDK calls for `caios test` (docs/testing.md): `mock aws.s3.getObject …` answers
a flow's `arn:aws:states:::aws-sdk:s3:getObject` tasks instead of the local cloud, with the
mock's result, or with its error and cause as the task's failure."""


class _MockedFailure(Exception):
    def __init__(self, error, cause):
        super().__init__(error)
        self.error = error
        self.cause = cause


class SdkMocks:
    """The answers of the current test, by `service.action` as the task's resource names them."""

    def __init__(self):
        self.answers = {}


def install(mocks):
    """Makes moto's AWS SDK integration give `mocks`' answers for the actions they name."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_aws_sdk as aws_sdk)

    cls = aws_sdk.StateTaskServiceAwsSdk
    if getattr(cls, "_caios_mocks", None) is not None:
        cls._caios_mocks = mocks
        return
    original_eval = cls._eval_service_task
    original_from_error = cls._from_error

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        answers = cls._caios_mocks.answers.get(f"{self.resource.api_name}."
                                              f"{self.resource.api_action}")
        if answers is None:
            return original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                                 normalised_parameters=normalised_parameters,
                                 state_credentials=state_credentials)
        outcome = answers.next()
        if "result" in outcome:
            env.stack.append(outcome["result"])
            return None
        raise _MockedFailure(outcome["errorType"], outcome.get("errorMessage", ""))

    def from_error(self, env, ex):
        if isinstance(ex, _MockedFailure):
            return self._get_task_failure_event(env=env, error=ex.error, cause=ex.cause)
        return original_from_error(self, env, ex)

    cls._eval_service_task = eval_service_task
    cls._from_error = from_error
    cls._caios_mocks = mocks
