"""Distributed Maps' ItemBatcher, express child executions, ResultWriter, tolerated failures
and item reader options in the local cloud. See docs/testing.md.

moto 5.2.1's ASL grammar (the ANTLR parser it took from LocalStack) has no `ItemBatcher` field
and accepts only "STANDARD" as a ProcessorConfig's `ExecutionType`: a definition with a batched
Distributed Map (`batch N`) or express children (`distributed express`, caios' default) fails
to parse, so neither CreateStateMachine nor an execution of it runs (so do the other fields
below). The local cloud hands moto's parser the definition without those fields, lets moto
build its components from the rest, and gives them back to the components it built (the
definition the state machine keeps, and DescribeStateMachine shows, is the template's):

- the Map state's iteration component keeps the ItemBatcher. After the item reader (or
  `Items`/`ItemsPath`), each item goes through the `ItemSelector` with `$$.Map.Item.Value` (as
  Step Functions applies it: to each item, before batching), then the items are cut into
  batches of at most `MaxItemsPerBatch` items and at most `MaxInputBytesPerBatch` bytes of
  JSON (256 KiB when not given, Step Functions' limit), and each child's input is
  `{"Items": [...], "BatchInput": ...}`, `BatchInput` evaluated once per Map run in the Map
  state's context. `MaxItemsPerBatch(Path)`, `MaxInputBytesPerBatch(Path)` and `BatchInput`
  are evaluated by moto's own template component (an ItemSelector's) in the definition's
  query language: JSONata `{% %}` values, JSONPath `.$` keys and `...Path` fields.
- an ItemReader's `ReaderConfig.CSVDelimiter` (not in moto's grammar): moto's CSV reader
  splits its rows at that character instead of the comma. A `MaxItems`/`MaxItemsPath`
  without an `InputType` (a listing's, which Step Functions takes and moto's preprocessor
  refuses): the listing's first MaxItems objects are kept.
- a `ResultWriter` in JSONata (`Arguments`; moto's grammar knows only `Parameters`), and in
  either language: moto's writes only the manifest; the local cloud's (_ResultWriter) writes
  the result files and the manifest as Step Functions does.
- a whole `ToleratedFailurePercentage` (`5`), which moto's grammar refuses unless written
  with a decimal point, is handed to it as the same number written `5.0`.
- the iteration component records that its children are EXPRESS, and they run on the same
  interpreter as standard ones: express semantics (at-least-once, no history through
  DescribeExecution) are not reproduced.

moto also ignores `ToleratedFailureCount`/`ToleratedFailurePercentage`: a Distributed Map
child that fails gives null as its result and the Map succeeds. In Step Functions the Map Run
fails with `States.ExceedToleratedFailureThreshold` once more items failed than tolerated (0
when neither field is given); the items of a failed batch all count as failed. The local
cloud counts the children that did not succeed and fails the Map so.
"""
import json
import threading

_LIFTED = {}  # definition text -> (text for moto's parser, {Map state name: lifted fields})
_LIFTED_LOCK = threading.Lock()
_BUILDING = threading.local()  # the lifted fields of the definition being preprocessed
_DEFAULT_MAX_BYTES = 262144  # Step Functions' limit of a child execution's input
_THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded"
_DELIMITERS = {"COMMA": ",", "PIPE": "|", "SEMICOLON": ";", "SPACE": " ", "TAB": "\t"}
_READING = threading.local()  # the CSVDelimiter of the item reader being evaluated
_MAX_DEPTH = 64  # nested Map and Parallel states a definition may have for the walk below


def _lift_states(states, language, lifted, depth):
    if depth > _MAX_DEPTH or not isinstance(states, dict):
        return
    for name, state in states.items():
        if not isinstance(state, dict):
            continue
        state_language = state.get("QueryLanguage", language)
        if state.get("Type") == "Map":
            fields = {}
            if isinstance(state.get("ItemBatcher"), dict):
                fields["batcher"] = (state.pop("ItemBatcher"), state_language)
            processor = state.get("ItemProcessor") or state.get("Iterator") or {}
            config = processor.get("ProcessorConfig") if isinstance(processor, dict) else None
            if isinstance(config, dict) and config.get("ExecutionType") == "EXPRESS":
                config["ExecutionType"] = "STANDARD"  # the only word moto's grammar has
                fields["express"] = True
            reader = state.get("ItemReader")
            config = reader.get("ReaderConfig") if isinstance(reader, dict) else None
            if isinstance(config, dict):
                if "CSVDelimiter" in config:
                    fields["delimiter"] = config.pop("CSVDelimiter")
                if "InputType" not in config and ("MaxItems" in config
                                                  or "MaxItemsPath" in config):
                    limit = {}  # moto's grammar wants an InputType beside them
                    if "MaxItems" in config:
                        limit["MaxItems"] = config.pop("MaxItems")
                    if "MaxItemsPath" in config:
                        limit["MaxItems.$"] = config.pop("MaxItemsPath")
                    fields["max_items"] = (limit, state_language)
                if not config:
                    reader.pop("ReaderConfig")
            if isinstance(state.get("ResultWriter"), dict):
                fields["writer"] = (state.pop("ResultWriter"), state_language)
            percentage = state.get("ToleratedFailurePercentage")
            if isinstance(percentage, int) and not isinstance(percentage, bool):
                state["ToleratedFailurePercentage"] = float(percentage)  # the same number
                fields["percentage"] = percentage  # moto's grammar only reads it written 5.0
            if fields:
                lifted[name] = fields
            if isinstance(processor, dict):
                _lift_states(processor.get("States"),
                             processor.get("QueryLanguage", state_language), lifted, depth + 1)
        elif state.get("Type") == "Parallel":
            for branch in state.get("Branches") or []:
                if isinstance(branch, dict):
                    _lift_states(branch.get("States"),
                                 branch.get("QueryLanguage", state_language), lifted, depth + 1)


def _lifted(definition):
    """The text moto's parser is given and the fields lifted out of it, by Map state name
    (state names are unique in a whole state machine)."""
    with _LIFTED_LOCK:
        known = _LIFTED.get(definition)
    if known is not None:
        return known
    lifted = {}
    text = definition
    try:
        document = json.loads(definition)
    except ValueError:
        document = None  # moto's parser reports it
    if isinstance(document, dict):
        _lift_states(document.get("States"), document.get("QueryLanguage", "JSONPath"),
                     lifted, 0)
        if lifted:
            text = json.dumps(document)
    known = (text, lifted)
    with _LIFTED_LOCK:
        _LIFTED[definition] = known
    return known


class _Batcher:
    """An ItemBatcher's fields; the computed ones are evaluated per Map run."""

    def __init__(self, spec, language):
        self.language = language
        self.static = {}
        self.template = {}
        for field in ("MaxItemsPerBatch", "MaxInputBytesPerBatch"):
            if isinstance(spec.get(field), (int, float)) and not isinstance(spec[field], bool):
                self.static[field] = int(spec[field])
            elif field in spec:
                self.template[field] = spec[field]  # a JSONata expression
            if field + "Path" in spec:
                self.template[field + ".$"] = spec[field + "Path"]
        self.has_batch_input = "BatchInput" in spec
        if self.has_batch_input:
            self.template["BatchInput"] = spec["BatchInput"]

    def evaluate(self, env, map_input):
        """(max items, max bytes, BatchInput or None) for this Map run."""
        values = dict(self.static)
        if self.template:
            values.update(_evaluate(_template(self.template, self.language), env, map_input,
                                    None))
        max_items = values.get("MaxItemsPerBatch")
        max_bytes = values.get("MaxInputBytesPerBatch")
        max_bytes = min(int(max_bytes), _DEFAULT_MAX_BYTES) if max_bytes else _DEFAULT_MAX_BYTES
        return (int(max_items) if max_items else None, max_bytes,
                values.get("BatchInput") if self.has_batch_input else None)


def _template(template, language):
    """moto's own component for a template of values in a query language: a Map state's
    ItemSelector holding it, which evaluates JSONata `{% %}` values and JSONPath `.$` keys."""
    from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser
    definition = json.dumps({
        "QueryLanguage": language, "StartAt": "M",
        "States": {"M": {
            "Type": "Map", "ItemSelector": template, "End": True,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                              "States": {"P": {"Type": "Pass", "End": True}}}}}})
    program, _ = AmazonStateLanguageParser.parse(definition)
    return program.states.states["M"].item_selector


class _ResultWriter:
    """A Distributed Map's ResultWriter (`arn:aws:states:::s3:putObject`), as Step Functions
    writes it: under `Prefix/<map run id>/`, SUCCEEDED_0.json and FAILED_0.json (one entry per
    child execution, its input and output as JSON text) and manifest.json naming them; the
    Map's output is then `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}`. moto's
    grammar refuses the JSONata form (`Arguments`), and its writer writes the manifest only."""

    def __init__(self, spec, language, iteration_component):
        self.language = language
        self.arguments = spec.get("Arguments", spec.get("Parameters", {}))
        self.iteration_component = iteration_component  # which keeps its last map run

    def eval(self, env):
        from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for
        env.stack.pop()  # the children's outputs, also kept with the map run's results
        arguments = _evaluate(_template(self.arguments, self.language), env,
                              env.states.get_input(), None)
        record = self.iteration_component._caios_record
        results = record._caios_results
        bucket, prefix = arguments["Bucket"], arguments.get("Prefix", "")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        folder = prefix + record.map_run_arn.split(":")[-1] + "/"
        s3 = boto_client_for(region=record.map_run_arn.split(":")[3], service="s3")
        files = {"FAILED": [], "PENDING": [], "SUCCEEDED": []}
        machine = env.states.context_object.context_object_data["StateMachine"]["Id"]
        for status in ("SUCCEEDED", "FAILED"):
            entries = []
            for index, (job_input, output, error) in enumerate(results):
                if (error is None) != (status == "SUCCEEDED"):
                    continue
                entry = {"ExecutionArn": f"{record.map_run_arn}:{index}",
                         "Input": json.dumps(job_input), "InputDetails": {"Included": True},
                         "Name": str(index), "RedriveCount": 0,
                         "RedriveStatus": "NOT_REDRIVABLE", "StateMachineArn": machine,
                         "Status": status}
                if error is None:
                    entry.update(Output=json.dumps(output), OutputDetails={"Included": True})
                else:
                    entry.update(Error=error["error"], Cause=error["cause"])
                entries.append(entry)
            if entries:
                key = f"{folder}{status}_0.json"
                body = json.dumps(entries).encode("utf-8")
                s3.put_object(Bucket=bucket, Key=key, Body=body)
                files[status].append({"Key": key, "Size": len(body)})
        manifest = folder + "manifest.json"
        s3.put_object(Bucket=bucket, Key=manifest, Body=json.dumps({
            "DestinationBucket": bucket, "MapRunArn": record.map_run_arn,
            "ResultFiles": files}).encode("utf-8"))
        env.stack.append({"MapRunArn": record.map_run_arn,
                          "ResultWriterDetails": {"Bucket": bucket, "Key": manifest}})


def _evaluate(component, env, map_input, item):
    """Evaluates an ItemSelector-like component as moto's Map worker does, in a frame whose
    `$` is the Map state's input and whose `$$.Map.Item` is the item (index, value)."""
    from moto.stepfunctions.parser.asl.eval.states import ItemData, MapData
    frame = env.open_inner_frame()
    try:
        if item is not None:
            frame.states.context_object.context_object_data["Map"] = MapData(
                Item=ItemData(Index=item[0], Value=item[1]))
        frame.states.reset(input_value=map_input)
        frame.stack.append(map_input)
        component.eval(frame)
        return frame.stack.pop()
    finally:
        env.delete_frame(frame)


def _size(value):
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def batches(items, max_items, max_bytes, batch_input, has_batch_input):
    """The children's inputs: `{"Items": [...], "BatchInput": ...}`, each within both limits
    (an item larger than max_bytes on its own makes a batch of its own)."""
    base = {"Items": []}
    if has_batch_input:
        base["BatchInput"] = batch_input
    overhead = _size(base)
    out, current, size = [], [], overhead
    for item in items:
        item_size = _size(item) + (1 if current else 0)
        if current and ((max_items and len(current) >= max_items)
                        or size + item_size > max_bytes):
            out.append(current)
            current, size = [], overhead
            item_size = _size(item)
        current.append(item)
        size += item_size
    if current:
        out.append(current)
    return [dict(base, Items=chunk) for chunk in out]


def install():
    """Lifts ItemBatcher and EXPRESS out of moto's parse, gives them back to the Map states'
    components, batches after the item reader and fails a Map over its tolerated failures."""
    from moto.stepfunctions.parser.asl.parse import asl_parser
    from moto.stepfunctions.parser.asl.component.state.exec.state_map import state_map
    from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration import (
        distributed_iteration_component as component)
    from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor \
        import distributed_item_processor_worker as worker

    cls = asl_parser.AmazonStateLanguageParser
    if getattr(cls, "_caios_batcher", False):
        return
    inner_parse = cls.parse  # asl_parse_cache's, when installed first

    def parse(definition):
        text, lifted = _lifted(definition)
        if not lifted:
            return inner_parse(definition)
        _BUILDING.lifted = lifted
        try:
            return inner_parse(text)
        finally:
            _BUILDING.lifted = None

    cls.parse = staticmethod(parse)
    cls._caios_batcher = True

    original_from_state_props = state_map.StateMap.from_state_props

    def from_state_props(self, state_props):
        original_from_state_props(self, state_props)
        fields = (getattr(_BUILDING, "lifted", None) or {}).get(self.name)
        if fields:
            if "batcher" in fields:
                self.iteration_component._caios_batcher = _Batcher(*fields["batcher"])
            if "delimiter" in fields and self.item_reader is not None:
                self.item_reader._caios_delimiter = _DELIMITERS.get(fields["delimiter"], ",")
            if "max_items" in fields:
                self.iteration_component._caios_max_items = fields["max_items"]
            if "writer" in fields:
                self.result_writer = _ResultWriter(*fields["writer"], self.iteration_component)
            if fields.get("express"):
                self.iteration_component._caios_execution_type = "EXPRESS"

    state_map.StateMap.from_state_props = from_state_props

    original_eval_job = worker.DistributedItemProcessorWorker._eval_job

    def eval_job(self, env, job):
        from moto.stepfunctions.parser.asl.eval.program_state import ProgramEnded
        original_eval_job(self, env=env, job=job)
        state = env.program_state()
        if not isinstance(state, ProgramEnded):  # failed, timed out, stopped
            error = getattr(state, "error", None) or {}
            failed = getattr(self._map_run_record, "_caios_failed", {})
            failed[job.job_index] = {"error": error.get("error") or "States.Runtime",
                                     "cause": error.get("cause") or ""}

    worker.DistributedItemProcessorWorker._eval_job = eval_job

    map_run_before = component.DistributedIterationComponent._map_run  # sfn_distributed_map's

    def map_run(self, env, eval_input):
        batcher = getattr(self, "_caios_batcher", None)
        sizes = None
        limit = getattr(self, "_caios_max_items", None)
        if limit is not None:  # MaxItems of a listing: its first items
            items = env.stack.pop()
            values = _evaluate(_template(*limit), env, env.stack[-1], None)
            if values.get("MaxItems"):
                items = items[:int(values["MaxItems"])]
            env.stack.append(items)
        if batcher is not None:
            items = env.stack.pop()
            map_input = env.stack[-1]  # what moto's workers give the ItemSelector as `$`
            if eval_input.item_selector is not None:
                items = [_evaluate(eval_input.item_selector, env, map_input, (i, item))
                         for i, item in enumerate(items)]
                eval_input.item_selector = None  # applied to each item, not to the batches
            max_items, max_bytes, batch_input = batcher.evaluate(env, map_input)
            jobs = batches(items, max_items, max_bytes, batch_input, batcher.has_batch_input)
            sizes = [len(job["Items"]) for job in jobs]
            env.stack.append(jobs)
        record = eval_input.map_run_record
        record._caios_failed = {}
        self._caios_record = record
        jobs = list(env.stack[-1])
        total = len(jobs) if sizes is None else sum(sizes)
        map_run_before(self, env=env, eval_input=eval_input)
        failed_jobs = record._caios_failed
        outputs = env.stack[-1]
        record._caios_results = [(job, outputs[i] if i < len(outputs) else None,
                                  failed_jobs.get(i)) for i, job in enumerate(jobs)]
        failed = len(failed_jobs) if sizes is None else sum(sizes[i] for i in failed_jobs)
        if failed and _exceeds(failed, total, eval_input):
            _fail_threshold(env)

    component.DistributedIterationComponent._map_run = map_run

    from moto.stepfunctions.parser.asl.component.state.exec.state_map.item_reader import (
        item_reader_decl)
    from moto.stepfunctions.parser.asl.component.state.exec.state_map.item_reader.eval.\
        resource_output_transformer import transformer_csv

    original_reader_body = item_reader_decl.ItemReader._eval_body

    def reader_body(self, env):
        _READING.delimiter = getattr(self, "_caios_delimiter", ",")
        try:
            original_reader_body(self, env)
        finally:
            _READING.delimiter = ","

    item_reader_decl.ItemReader._eval_body = reader_body
    transformer_csv.csv = _CsvWithDelimiter()


class _CsvWithDelimiter:
    """moto's CSV item reader's `csv` module, whose reader splits at the ItemReader's
    CSVDelimiter (moto's grammar has none, and its reader splits at commas)."""

    @staticmethod
    def reader(lines):
        import csv
        return csv.reader(lines, delimiter=getattr(_READING, "delimiter", ","))


def _exceeds(failed, total, eval_input):
    count = eval_input.tolerated_failure_count or 0
    percentage = eval_input.tolerated_failure_percentage or 0
    return failed > count and failed * 100.0 > percentage * total


def _fail_threshold(env):
    from moto.stepfunctions.parser.api import ExecutionFailedEventDetails, HistoryEventType
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent, FailureEventException)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (
        StatesErrorName)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type \
        import StatesErrorNameType
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    error_name = StatesErrorName(typ=StatesErrorNameType.StatesExceedToleratedFailureThreshold)
    raise FailureEventException(failure_event=FailureEvent(
        env=env, error_name=error_name, event_type=HistoryEventType.MapRunFailed,
        event_details=EventDetails(executionFailedEventDetails=ExecutionFailedEventDetails(
            error=error_name.error_name, cause=_THRESHOLD_CAUSE))))
