"""Deploys a built caios application (`caios build --format json` output) into the local cloud:
moto's CloudFormation creates the template's resources; the state machines are then
registered with moto's executing Step Functions backend, their `DefinitionSubstitutions`
resolved from the stack (moto's CloudFormation neither executes state machines nor applies
substitutions). See docs/testing.md."""
import json
import re
from pathlib import Path

from lambda_local import FunctionCode

STACK_NAME = "local"
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
_OUTPUT_PREFIX = "CaiosLocalSubstitution"
_ROLE_OUTPUT = "CaiosLocalRoleArn"


class DeployError(Exception):
    pass


class BuiltApp:
    """The files of a build: the template, each flow's definition, each function's config."""

    def __init__(self, out):
        self.out = Path(out)
        self.template = json.loads((self.out / "template.json").read_text())
        self.flows = {p.name[:-len(".asl.json")]: p
                      for p in sorted((self.out / "statemachines").glob("*.asl.json"))}
        self.functions = {}  # program name -> logical id
        resources = self.template.get("Resources", {})
        for config_file in sorted((self.out / "functions").glob("*.json")):
            config = json.loads(config_file.read_text())
            # "${XName}" names the function resource X (backends/aws/common/names.cpp).
            match = re.fullmatch(r"\$\{(\w+)Name\}", str(config.get("FunctionName", "")))
            if match and match.group(1) in resources:
                self.functions[config_file.stem] = match.group(1)
        # Functions outside the application (`existing`) have no configuration; --mock may
        # answer for them.
        for declared, entity in self.template.get("Metadata", {}).get(
                "Caios::Existing", {}).items():
            if entity.get("Kind") == "function":
                self.functions[declared] = None
        # Flows outside the application: --mock answers for them too (create_existing).
        self.existing_flows = {declared for declared, entity in self.template.get(
            "Metadata", {}).get("Caios::Existing", {}).items() if entity.get("Kind") == "flow"}

    def state_machine_of(self, flow):
        """The logical id of the state machine whose definition is the flow's file."""
        definition = json.loads(self.flows[flow].read_text())
        for logical_id, resource in self.template.get("Resources", {}).items():
            if (resource.get("Type") == "AWS::StepFunctions::StateMachine"
                    and resource.get("Properties", {}).get("Definition") == definition):
                return logical_id
        raise DeployError(f"the template has no state machine for flow {flow}")


def prepare_template(app, state_machines):
    """The template as the local cloud deploys it: function code stays on this machine (its
    folder is recorded, the resource gets a stub), and the substitutions and role of each of
    the flows' state machines become stack outputs, so CloudFormation itself resolves them.
    Returns the template, the code folders by logical id and, by state machine, the output name
    of each substitution and of its role."""
    template = json.loads(json.dumps(app.template))
    resources = template.get("Resources", {})
    code_dirs = {}
    for logical_id, resource in resources.items():
        properties = resource.get("Properties", {})
        if (resource.get("Type") == "AWS::SQS::Queue" and properties.get("FifoQueue")
                and "QueueName" not in properties):
            # CloudFormation gives a FIFO queue a generated name ending in `.fifo`; moto's
            # generates one without it and then refuses the queue. Name it as AWS would.
            properties["QueueName"] = f"{STACK_NAME}-{logical_id}"[:75] + ".fifo"
        if resource.get("Type") != "AWS::Lambda::Function":
            continue
        properties = resource["Properties"]
        code = properties.get("Code")
        if isinstance(code, str):  # a folder relative to the template (docs/cli.md)
            code_dirs[logical_id] = (app.out / code).resolve()
        properties["Code"] = {"ZipFile": "# caios: the handler runs from its local folder\n"}
        variables = properties.get("Environment", {}).get("Variables", {})
        for key, value in variables.items():
            target = resources.get(value.get("Ref", "")) if isinstance(value, dict) else None
            if target and target.get("Type") == "AWS::Events::EventBus":
                # As for the substitutions below: an event bus's Ref is its name, moto's the
                # Python object, whose text a handler then took for the bus's name.
                variables[key] = target["Properties"]["Name"]
    outputs = template.setdefault("Outputs", {})
    output_of = {}
    for machine_index, state_machine in enumerate(state_machines):
        properties = resources[state_machine]["Properties"]
        substitutions = properties.get("DefinitionSubstitutions", {})
        names = {}
        for index, (key, value) in enumerate(sorted(substitutions.items())):
            name = f"{_OUTPUT_PREFIX}{machine_index}x{index}"
            target = resources.get(value.get("Ref", "")) if isinstance(value, dict) else None
            if target and target.get("Type") == "AWS::Events::EventBus":
                # An event bus's Ref is its name; moto's gives the Python object instead.
                value = target["Properties"]["Name"]
            outputs[name] = {"Value": value}
            names[key] = name
        role = f"{_ROLE_OUTPUT}{machine_index}"
        outputs[role] = {"Value": properties["RoleArn"]}
        output_of[state_machine] = (names, role)
    return template, code_dirs, output_of


def substitute(definition_text, values):
    """CloudFormation's DefinitionSubstitutions: `${KEY}` for each key of the map, nothing else
    (other `${…}` text is the program's and stays as written)."""
    def replace(match):
        key = match.group(1)
        if key not in values:
            return match.group(0)
        return json.dumps(values[key])[1:-1]  # inside a JSON string of the definition
    return _PLACEHOLDER.sub(replace, definition_text)


def _add_missing_models():
    """Resource types moto's EventBridge has but its CloudFormation does not create: a
    connection (the target of `http.*` calls and `connection` declarations), whose ARN the
    state machine's substitutions and roles read; and the `Ref` of an event bus."""
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel
    from moto.events.models import EventBus, events_backends

    # moto's event bus has no physical id, so a `Ref` to it (a rule's EventBusName, the
    # template's output of its name) gave the model object, and creating the rule failed with
    # "'EventBus' object has no attribute 'split'". The Ref of AWS::Events::EventBus is its name.
    if "physical_resource_id" not in vars(EventBus):
        EventBus.physical_resource_id = property(lambda bus: bus.name)

    if "AWS::Events::Connection" in parsing.get_model_map():
        return

    class EventsConnection(CloudFormationModel):
        __module__ = "moto.events.caios_localcloud"  # moto files its models by service

        def __init__(self, connection):
            self.connection = connection

        @property
        def physical_resource_id(self):
            return self.connection.name

        @staticmethod
        def cloudformation_name_type():
            return "Name"

        @staticmethod
        def cloudformation_type():
            return "AWS::Events::Connection"

        @classmethod
        def has_cfn_attr(cls, attr):
            return attr in ("Arn", "SecretArn")

        def get_cfn_attribute(self, attribute_name):
            return self.connection.arn if attribute_name == "Arn" else self.connection.secret_arn

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id,
                                            region_name, **kwargs):
            properties = cloudformation_json["Properties"]
            backend = events_backends[account_id][region_name]
            return cls(backend.create_connection(
                name=properties.get("Name", resource_name),
                description=properties.get("Description", ""),
                authorization_type=properties["AuthorizationType"],
                auth_parameters=properties.get("AuthParameters", {})))

    del EventsConnection  # registered as a subclass of CloudFormationModel
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()


# The ARN of an existing entity of each kind in the local cloud, for `existing arn param P`.
_LOCAL_ARNS = {
    "table": "arn:aws:dynamodb:{r}:{a}:table/{n}", "bucket": "arn:aws:s3:::{n}",
    "queue": "arn:aws:sqs:{r}:{a}:{n}", "topic": "arn:aws:sns:{r}:{a}:{n}",
    "stream": "arn:aws:kinesis:{r}:{a}:stream/{n}",
    "events": "arn:aws:events:{r}:{a}:event-bus/{n}",
    "function": "arn:aws:lambda:{r}:{a}:function:{n}",
    "flow": "arn:aws:states:{r}:{a}:stateMachine:{n}",
    "parameter": "arn:aws:ssm:{r}:{a}:parameter/{n}",
    # A secret's ARN ends in 6 random characters: create_existing gives the one moto made.
}


def existing_name(entity, parameters):
    """The name of an existing entity in the local cloud: the program's, or the value of the
    template parameter that holds it (or holds its ARN, `ParameterHolds: Arn`)."""
    if "Parameter" not in entity:
        return entity["Name"]
    if entity.get("ParameterHolds") == "Arn":
        # A parameter store parameter whose ARN ends in `parameter/local-p` is `/local-p`.
        return ("/" if entity["Kind"] == "parameter" else "") + _local_name(entity)
    return parameters[entity["Parameter"]]


def _local_name(entity):
    value = f"local-{entity['Parameter'].lower()}"[:50]
    return value + ".fifo" if entity.get("Fifo") else value


def parameter_values(template):
    """A value for each template parameter that names an existing entity (`existing param P`,
    listed in the `Caios::Existing` metadata), which AWS would be given when the stack is
    created: a name every naming rule takes (`.fifo` for a FIFO queue or topic), or for
    `existing arn param P` the ARN of that name in the local cloud's region and account."""
    values = {}
    for entity in template.get("Metadata", {}).get("Caios::Existing", {}).values():
        name = entity.get("Parameter")
        if name is None:
            continue
        if entity.get("ParameterHolds") == "Arn":
            shape = _LOCAL_ARNS.get(entity["Kind"])
            if shape:
                values[name] = shape.format(r=REGION, a=ACCOUNT, n=_local_name(entity))
            continue
        value = f"local-{name.lower()}"[:50]
        if entity["Kind"] == "parameter":  # a path (the parameter's AllowedPattern)
            value = "/" + value
        values[name] = value + ".fifo" if entity.get("Fifo") else values.get(name, value)
    return values


def create_existing(template, parameters, functions, notes):
    """Creates, empty, the entities the application expects to exist outside it (the template's
    `Caios::Existing` metadata, docs/language.md section 4), so that its references to them
    resolve in the local cloud. Returns the program names of existing functions."""
    import boto3

    existing_functions = {}
    created = set()
    for declared, entity in template.get("Metadata", {}).get("Caios::Existing", {}).items():
        name = existing_name(entity, parameters)
        arn = entity.get("Arn", "arn:aws:x:::").split(":")
        region = arn[3] or REGION
        if arn[4] not in ("", ACCOUNT):
            notes.append(f"{entity['Kind']} {declared} lives in account {arn[4]}, which the "
                         "local cloud does not have; calls to it fail")
            continue
        kind = entity["Kind"]
        key = (kind, region, name)
        if key in created:  # two declarations of one existing entity
            continue
        created.add(key)
        if kind == "table":
            indexes = ({"GlobalSecondaryIndexes": entity["GlobalSecondaryIndexes"]}
                       if "GlobalSecondaryIndexes" in entity else {})
            boto3.client("dynamodb", region_name=region).create_table(
                TableName=name, KeySchema=entity["KeySchema"],
                AttributeDefinitions=entity["AttributeDefinitions"],
                BillingMode="PAY_PER_REQUEST", **indexes)
        elif kind == "bucket":
            s3 = boto3.client("s3", region_name=region)
            if region == "us-east-1":
                s3.create_bucket(Bucket=name)
            else:
                s3.create_bucket(Bucket=name,
                                 CreateBucketConfiguration={"LocationConstraint": region})
        elif kind == "queue":
            attributes = {"FifoQueue": "true"} if entity.get("Fifo") else {}
            boto3.client("sqs", region_name=region).create_queue(QueueName=name,
                                                                 Attributes=attributes)
        elif kind == "topic":
            attributes = {"FifoTopic": "true"} if entity.get("Fifo") else {}
            boto3.client("sns", region_name=region).create_topic(Name=name,
                                                                 Attributes=attributes)
        elif kind == "stream":
            boto3.client("kinesis", region_name=region).create_stream(
                StreamName=name, StreamModeDetails={"StreamMode": "ON_DEMAND"})
        elif kind == "events" and name != "default":
            boto3.client("events", region_name=region).create_event_bus(Name=name)
        elif kind == "function":
            # Its code is elsewhere: the function answers as its --mock says, or fails.
            boto3.client("lambda", region_name=region).create_function(
                FunctionName=name, Runtime="provided.al2023", Handler="existing",
                Role=_local_role("caios-local-existing", "lambda.amazonaws.com", region),
                Code={"ZipFile": b"existing"})
            existing_functions[declared] = name
            functions.add(name, FunctionCode(declared, None))
        elif kind == "flow":
            _create_existing_flow(declared, name, region, functions.mocks)
        elif kind == "secret":
            # Without a value, as a secret whose value was never set: --seed gives it one.
            created_secret = boto3.client("secretsmanager", region_name=region).create_secret(
                Name=name)
            if entity.get("ParameterHolds") == "Arn":
                parameters[entity["Parameter"]] = created_secret["ARN"]
        # A parameter of the parameter store cannot exist without a value: --seed creates it.
    return existing_functions


def _create_existing_flow(declared, name, region, mocks):
    """A state machine outside the application: its definition is elsewhere, so the local one
    answers as the --mock file says (a result, or {"error": ..., "cause": ...}), or fails."""
    import boto3

    mock = mocks.get(declared, _NO_MOCK)
    if hasattr(mock, "next"):  # a test's answers (lambda_local.MockAnswers): the first one
        answer = mock.next()
        mock = answer["result"] if "result" in answer else {
            "error": answer["errorType"], "cause": answer.get("errorMessage", "")}
    if mock is _NO_MOCK:
        state = {"Type": "Fail", "Error": "Runtime.ExistingFlow",
                 "Cause": f"flow {declared} is `existing`: its state machine is outside the "
                          f"application; mock {declared} with --mock"}
    elif isinstance(mock, dict) and "error" in mock:
        state = {"Type": "Fail", "Error": str(mock["error"]), "Cause": str(mock.get("cause", ""))}
    else:
        state = {"Type": "Pass", "Result": mock, "End": True}
    boto3.client("stepfunctions", region_name=region).create_state_machine(
        name=name,
        roleArn=_local_role("caios-local-existing-flow", "states.amazonaws.com", region),
        definition=json.dumps({"StartAt": "Existing", "States": {"Existing": state}}))


def _local_role(name, service, region):
    """The ARN of a local IAM role `name` that `service` may assume, created on first use: the
    role of the existing functions and flows the runner creates (IAM is not enforced)."""
    import boto3

    iam = boto3.client("iam", region_name=region)
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
    try:
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    except iam.exceptions.EntityAlreadyExistsException:
        pass
    return f"arn:aws:iam::{ACCOUNT}:role/{name}"


_NO_MOCK = object()


def deploy(app, flow, functions, notes, seeds=None, arns=None):
    """Creates the stack and registers every flow's state machine with the executing backend
    (a flow may run another); returns the ARN of `flow`'s. What the local cloud leaves out is
    appended to `notes`. `seeds` (seed.py) fill buckets and tables before anything runs.
    `arns`, a dict, receives the ARN of every flow's state machine."""
    import warnings

    import boto3

    from moto.moto_api._internal import mock_random

    # The names moto makes up (for the resources a template leaves unnamed) come from one
    # random source. Seeded, each deployment of an application names them alike, so its state
    # machine definitions are the same text every time and asl_parse_cache.py parses each once.
    mock_random.seed(0)
    machines = {name: app.state_machine_of(name) for name in app.flows}
    template, code_dirs, output_of = prepare_template(app, list(machines.values()))
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    _add_missing_models()
    warnings.filterwarnings("ignore", message="Tried to parse")  # reported below instead
    parameters = parameter_values(template)
    create_existing(template, parameters, functions, notes)
    cloudformation.create_stack(
        StackName=STACK_NAME, TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
    stack = cloudformation.describe_stacks(StackName=STACK_NAME)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise DeployError(f"the stack was not created: {stack['StackStatus']} "
                          f"{stack.get('StackStatusReason', '')}")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}

    # moto leaves the resource types it does not model without a physical id (API Gateway
    # stages, for one); nothing a flow's execution reads is among them.
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cloudformation.describe_stack_resources(
                    StackName=STACK_NAME)["StackResources"] if r.get("PhysicalResourceId")}
    skipped = sorted({resource["Type"] for logical_id, resource in template["Resources"].items()
                      if logical_id not in physical})
    if skipped:
        notes.append(f"the local cloud does not model {', '.join(skipped)}; those resources "
                     "are left out")
    if seeds:
        import seed
        seed.apply(seeds, seed.resources(template, physical, parameters), REGION)
    program_names = {logical: name for name, logical in app.functions.items()}
    for logical_id, code_dir in code_dirs.items():
        functions.add(physical[logical_id],
                      FunctionCode(program_names.get(logical_id, logical_id), code_dir))

    sfn = boto3.client("stepfunctions", region_name=REGION)
    arns = {} if arns is None else arns
    # The flow to run first: its refusal is the run's error; another flow's only a note (the
    # interpreter refuses some definitions it cannot run, and only a flow that runs it needs it).
    for name in [flow] + [other for other in machines if other != flow]:
        state_machine = machines[name]
        properties = app.template["Resources"][state_machine]["Properties"]
        substitutions, role = output_of[state_machine]
        try:
            created = sfn.create_state_machine(
                name=physical[state_machine].rsplit(":", 1)[-1],
                definition=substitute(app.flows[name].read_text(),
                                      {key: outputs[output]
                                       for key, output in substitutions.items()}),
                roleArn=outputs[role],
                type=properties.get("StateMachineType", "STANDARD"))
        except Exception as error:
            if name == flow:
                raise
            reason = str(error).split(" in definition '", 1)[0]
            notes.append(f"flow {name} cannot run in the local cloud ({reason}); running it "
                         "from this flow fails")
            continue
        arns[name] = created["stateMachineArn"]
    return arns[flow]
