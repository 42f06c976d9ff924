"""Nested executions in the local cloud: Step Functions' own integration
(`arn:aws:states:::states:startExecution`, `.sync`, `.sync:2`) as AWS runs it. See
docs/testing.md.

moto 5.2.1's interpreter hands the task's parameters to boto3 as the state machine spells them
(`StateMachineArn`, `Input`, `Name`), but the Step Functions API, unlike DynamoDB's or SQS's,
spells its members in lower camel case (`stateMachineArn`), so every nested execution fails
with a KeyError; its hook that would rename them (`_normalise_parameters`) is left empty. The
local cloud fills that hook for this one service: parameters renamed to the API's members,
and results in the task's spelling, as AWS gives them (`ExecutionArn`, `StartDate` in epoch
milliseconds, `Output` parsed by `.sync:2`).

moto's DescribeExecution gives a flow's string result as the bare text (`ch-1`, not `"ch-1"`),
which `.sync:2` then fails to parse ("Expecting value"), and leaves a null result out: the
local cloud gives both as JSON (`"ch-1"`, `null`), as AWS does.

Starting an execution, moto deep-copies the state machine, and through its reference to the
backend every other state machine and running execution, whose locks cannot be copied: a
child started while its parent runs fails with "cannot pickle '_thread.RLock' object". The
copy keeps the backend shared, as the reference means.
"""
import copy
import datetime
import uuid


def _api_names(client, operation, parameters):
    """`parameters` with each top-level key renamed to the operation's member of that name,
    compared without case (`StateMachineArn` -> `stateMachineArn`)."""
    model = client.meta.service_model.operation_model(operation).input_shape
    members = {name.lower(): name for name in model.members}
    return {members.get(key.lower(), key): value for key, value in parameters.items()}


def task_value(value):
    """A value of an AWS API response as a task's result gives it: dates in epoch milliseconds."""
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, dict):
        return {key: task_value(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [task_value(inner) for inner in value]
    return value


def _task_names(response):
    """A response of the API in the spelling of a task's result: `executionArn` ->
    `ExecutionArn`, dates as epoch milliseconds."""
    if not isinstance(response, dict):
        return
    renamed = {key[:1].upper() + key[1:]: task_value(value) for key, value in response.items()}
    response.clear()
    response.update(renamed)


def install():
    """Fills moto's parameter and response hooks of the Step Functions integration."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_sfn as sfn_task)
    from moto.stepfunctions.parser.asl.utils import boto_client

    cls = sfn_task.StateTaskServiceSfn
    if getattr(cls, "_caios_local", False):
        return
    original_eval = cls._eval_service_task
    original_client_for = boto_client.boto_client_for

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        client = original_client_for(region=resource_runtime_part.region,
                                     service="stepfunctions",
                                     state_credentials=state_credentials)
        operation = client.meta.method_to_api_mapping[self._get_boto_service_action()]
        renamed = _api_names(client, operation, normalised_parameters)
        if operation == "StartExecution" and "name" not in renamed:
            # moto names an unnamed child `None`, so a second one fails as a repeated name;
            # Step Functions names it with a UUID.
            renamed["name"] = str(uuid.uuid4())
        normalised_parameters.clear()
        normalised_parameters.update(renamed)
        original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                      normalised_parameters=normalised_parameters,
                      state_credentials=state_credentials)
        _task_names(env.stack[-1])

    def normalise_response(self, response, boto_service_name=None, service_action_name=None):
        _task_names(response)

    cls._eval_service_task = eval_service_task
    cls._normalise_response = normalise_response
    cls._caios_local = True

    from moto.stepfunctions import models

    def deepcopy_state_machine(self, memo):
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for key, value in vars(self).items():
            if key == "backend":
                inner = value  # shared, not copied
            elif key == "executions":
                inner = []  # the clone describes the new execution only
            else:
                inner = copy.deepcopy(value, memo)
            setattr(clone, key, inner)
        return clone

    models.StateMachine.__deepcopy__ = deepcopy_state_machine

    import json

    from moto.stepfunctions import responses
    from moto.stepfunctions.parser.api import ExecutionStatus
    from moto.stepfunctions.parser.backend.execution import Execution

    original_describe = responses.StepFunctionResponse.describe_execution

    def describe_execution(self):
        execution = self.stepfunction_backend.describe_execution(self._get_param("executionArn"))
        output = getattr(execution, "output", None)
        if not isinstance(execution, Execution):
            return original_describe(self)
        if isinstance(output, str):
            execution.output = json.dumps(output)  # the JSON text of the string result
        elif output is None and execution.status in ("SUCCEEDED", ExecutionStatus.SUCCEEDED):
            # moto leaves `output` out for a null result (a flow that returns nothing), so
            # `.sync:2` has no `Output` and the parent's `$states.result.Output` fails as
            # undefined; AWS gives the text `null`.
            execution.output = "null"
        else:
            return original_describe(self)
        try:
            return original_describe(self)
        finally:
            execution.output = output

    responses.StepFunctionResponse.describe_execution = describe_execution
