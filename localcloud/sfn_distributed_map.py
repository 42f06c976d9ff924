"""Distributed Map children in the local cloud, as AWS runs them. See docs/testing.md.

In AWS each iteration of a Distributed Map is a child workflow execution of its own: the
Map's `ItemSelector` is evaluated with the parent's variables, but the child's states start with
no variables. moto 5.2.1 runs each iteration in an inner frame of the parent, whose variables
stay visible as an outer scope, and an outer-scope variable may not be assigned: a child that
binds a name the parent also has (samples/ingest's `drop`, which the compiler hands over through
the ItemSelector and binds again in the child) fails with IllegalOuterScopeWrite, and moto
then gives null as that item's result instead of failing the Map. The local cloud evaluates
the ItemSelector as moto does, then gives the child an empty variable store of its own.

moto's S3 item reader also reads only the first page of a ListObjectsV2 listing and fails with
KeyError 'Contents' on an empty one; Step Functions reads every page, and an empty listing is
a Map over no items. The local cloud pages through the listing.

In AWS a Distributed Map's children have histories of their own; moto gives their events to an
event manager of the Map run's and drops it. The local cloud keeps each Map run's events, by
the parent's state machine, for `caios test`'s state coverage (child_histories()).
"""

_CHILD_HISTORIES = []  # (state machine ARN, the Map run's event manager)


def child_histories():
    """The events of the Distributed Map runs since the last call, as (state machine ARN,
    events) pairs; the children's events of one run interleave."""
    taken = [(arn, manager.get_event_history()) for arn, manager in _CHILD_HISTORIES]
    _CHILD_HISTORIES.clear()
    return taken


def install():
    """Gives each Distributed Map iteration its own variables after its ItemSelector."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor \
        import distributed_item_processor_worker as worker
    from moto.stepfunctions.parser.asl.eval.variable_store import VariableStore

    cls = worker.DistributedItemProcessorWorker
    if getattr(cls, "_caios_own_variables", False):
        return
    original_eval_input = cls._eval_input

    def eval_input(self, env_frame):
        original_eval_input(self, env_frame=env_frame)  # ItemSelector: the parent's variables
        env_frame.variable_store = VariableStore()  # the child workflow's own, empty

    cls._eval_input = eval_input
    cls._caios_own_variables = True

    from moto.stepfunctions.parser.asl.component.state.exec.state_map.item_reader.eval import (
        resource_eval_s3)

    def list_objects_v2(env, resource_runtime_part, state_credentials):
        s3 = resource_eval_s3.ResourceEvalS3._get_s3_client(
            resource_runtime_part=resource_runtime_part, state_credentials=state_credentials)
        contents = []
        for page in s3.get_paginator("list_objects_v2").paginate(**env.stack.pop()):
            contents.extend(page.get("Contents", []))
        env.stack.append(contents)

    resource_eval_s3.ResourceEvalS3._handle_list_objects_v2 = staticmethod(list_objects_v2)

    from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration import (
        distributed_iteration_component as component)

    original_map_run = component.DistributedIterationComponent._map_run

    def map_run(self, env, eval_input):
        machine = env.states.context_object.context_object_data["StateMachine"]["Id"]
        _CHILD_HISTORIES.append((machine, env.event_manager))  # the Map run's own manager
        original_map_run(self, env=env, eval_input=eval_input)

    component.DistributedIterationComponent._map_run = map_run
