"""Athena queries in the local cloud: the `.sync` integration
(`arn:aws:states:::athena:startQueryExecution.sync`) as AWS runs it. See docs/testing.md.

moto 5.2.1's interpreter forwards Athena's tasks to its own Athena (which answers every query
with an empty result set), but only for request-response and `.waitForTaskToken`: with
`.sync` the task fails with "Unsupported .sync callback procedure". AWS's `.sync` starts the
query, polls GetQueryExecution until the query has ended, and gives GetQueryExecution's
response as the task's result (a failed or cancelled query fails the task with
`States.TaskFailed`); the local cloud does the same, dates in epoch milliseconds.
"""
import json

from sfn_integration import task_value

_ENDED = {"SUCCEEDED", "FAILED", "CANCELLED"}


def install():
    """Lets moto's forwarding integration run Athena's startQueryExecution with `.sync`."""
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent, FailureEventException)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (
        StatesErrorName)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_unsupported as unsupported)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.resource import (
        ResourceCondition)
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
    from moto.stepfunctions.parser.asl.utils import boto_client

    cls = unsupported.StateTaskServiceUnsupported
    if getattr(cls, "_caios_athena", False):
        return
    original_init = cls.__init__
    original_build = cls._build_sync_resolver

    def is_athena_query(task):
        return (task._get_boto_service_name() == "athena"
                and task._get_boto_service_action() == "start_query_execution")

    def init(self):
        original_init(self)
        self._supported_integration_patterns = (set(self._supported_integration_patterns)
                                                | {ResourceCondition.Sync})

    def build_sync_resolver(self, env, resource_runtime_part, normalised_parameters,
                            state_credentials):
        if not is_athena_query(self):
            return original_build(self, env, resource_runtime_part, normalised_parameters,
                                  state_credentials)
        query_id = env.stack.pop()["QueryExecutionId"]
        client = boto_client.boto_client_for(region=resource_runtime_part.region,
                                             service="athena",
                                             state_credentials=state_credentials)

        def resolve():
            response = client.get_query_execution(QueryExecutionId=query_id)
            response.pop("ResponseMetadata", None)
            state = response["QueryExecution"]["Status"]["State"]
            if state not in _ENDED:
                return None
            result = task_value(response)
            if state == "SUCCEEDED":
                return result
            raise FailureEventException(FailureEvent(
                env=env,
                error_name=StatesErrorName(typ=StatesErrorNameType.StatesTaskFailed),
                event_type=HistoryEventType.TaskFailed,
                event_details=EventDetails(taskFailedEventDetails=TaskFailedEventDetails(
                    resource=self._get_sfn_resource(),
                    resourceType=self._get_sfn_resource_type(),
                    error=StatesErrorNameType.StatesTaskFailed.to_name(),
                    cause=json.dumps(result)))))

        return resolve

    cls.__init__ = init
    cls._build_sync_resolver = build_sync_resolver
    cls._caios_athena = True
