"""AWS SDK tasks of Step Functions itself (`arn:aws:states:::aws-sdk:sfn:listExecutions`,
`aws.sfn.…` in a flow or a test) as AWS runs them. See docs/testing.md.

A task spells the API's members as every other service does (`StateMachineArn`), and so does
its result (`Executions`, `ExecutionArn`); Step Functions' own API spells them in lower camel
case. moto 5.2.1 hands the task's parameters to botocore as written, which refuses them
(KeyError 'StateMachineArn'). The local cloud renames them as for the optimized integration
(sfn_integration.py), and gives the response in the task's spelling at every level, dates in
epoch milliseconds.
"""
import sfn_integration


def _pascal(value):
    """A Step Functions API response in a task's spelling, at every level."""
    if isinstance(value, dict):
        return {key[:1].upper() + key[1:]: _pascal(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_pascal(inner) for inner in value]
    return sfn_integration.task_value(value)


def install():
    """Renames the members of moto's aws-sdk tasks of the `sfn` service."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_aws_sdk as aws_sdk)
    from moto.stepfunctions.parser.asl.utils import boto_client

    cls = aws_sdk.StateTaskServiceAwsSdk
    if getattr(cls, "_caios_sfn_spelling", False):
        return
    original_eval = cls._eval_service_task

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        if self._get_boto_service_name() != "stepfunctions":
            return original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                                 normalised_parameters=normalised_parameters,
                                 state_credentials=state_credentials)
        client = boto_client.boto_client_for(region=resource_runtime_part.region,
                                             service="stepfunctions",
                                             state_credentials=state_credentials)
        operation = client.meta.method_to_api_mapping[self._get_boto_service_action()]
        renamed = sfn_integration._api_names(client, operation, normalised_parameters)
        normalised_parameters.clear()
        normalised_parameters.update(renamed)
        original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                      normalised_parameters=normalised_parameters,
                      state_credentials=state_credentials)
        response = env.stack[-1]
        if isinstance(response, dict):
            renamed = _pascal(response)
            response.clear()
            response.update(renamed)
        return None

    cls._eval_service_task = eval_service_task
    cls._caios_sfn_spelling = True
