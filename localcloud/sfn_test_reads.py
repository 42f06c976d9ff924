"""A test's reads of what its flows sent (`Q.messages()`, `T.messages()`; docs/testing.md): the
tasks `arn:aws:states:::caios:queueMessages` and `arn:aws:states:::caios:topicMessages`, which
only the local cloud answers and only tests have (the compiler allows the reads in tests only,
E0247).

SNS has no API that reads a topic's messages, and SQS's ReceiveMessage would hide the messages
it reads from the queue's consumers, so the local cloud reads moto's own state:

- a queue's messages are the ones it holds, sent and not yet deleted (in flight or delayed
  included), in the order sent;
- a topic's messages are every message published to it since the stack was deployed (a test's
  local cloud is its own), in order.

Each message's body is given back as the flow's item type has it: the text as sent when the
task's `Body` is "text" (a string item type), else the JSON value the text holds (a text that
is not JSON stays text)."""
import json

QUEUE_ACTION = "queueMessages"
TOPIC_ACTION = "topicMessages"


def _value(text, form):
    if form == "text" or not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _queue_bodies(url):
    from moto.sqs.models import sqs_backends

    parts = str(url).rstrip("/").split("/")
    if len(parts) < 2:
        raise ValueError(f"not a queue URL: {url}")
    account, name = parts[-2], parts[-1]
    for backend in sqs_backends[account].values():
        queue = backend.queues.get(name)
        if queue is not None:
            with queue._messages_lock:
                return [m.body for m in queue._messages]
    raise ValueError(f"no queue {name} in account {account}")


def _topic_messages(arn):
    from moto.sns.models import sns_backends

    parts = str(arn).split(":")
    if len(parts) < 6:
        raise ValueError(f"not a topic ARN: {arn}")
    region, account = parts[3], parts[4]
    topic = sns_backends[account][region].topics.get(arn)
    if topic is None:
        raise ValueError(f"no topic {arn}")
    return [sent[1] for sent in topic.sent_notifications]


def read(action, parameters):
    """The messages `parameters` (the task's arguments) name, as the test reads them."""
    form = parameters.get("Body", "json")
    if action == QUEUE_ACTION:
        texts = _queue_bodies(parameters["QueueUrl"])
    elif action == TOPIC_ACTION:
        texts = _topic_messages(parameters["TopicArn"])
    else:
        raise ValueError(f"unknown read caios:{action}")
    return [_value(text, form) for text in texts]


def install():
    """Lets moto create definitions with the `caios:` tasks, and answers them."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_factory as factory)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_unsupported as unsupported)

    task = unsupported.StateTaskServiceUnsupported
    if getattr(task, "_caios_test_reads", False):
        return
    factory._UNSUPPORTED_SERVICE_NAMES.add("caios")
    original_eval = task._eval_service_task

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        if self.resource.api_name != "caios":
            return original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                                 normalised_parameters=normalised_parameters,
                                 state_credentials=state_credentials)
        env.stack.append(read(self.resource.api_action, normalised_parameters))
        return None

    task._eval_service_task = eval_service_task
    task._caios_test_reads = True
