// JSONPath ASL for each kind of IR state: Pass, Task, Choice, Wait, Parallel, Map, Succeed, Fail.
#include <algorithm>
#include <cctype>
#include <functional>

#include "backends/aws/asl/child_errors.h"
#include "backends/aws/asl/jsonpath_emitter.h"

namespace caios::aws::jsonpath_detail {

using K = JpValue::Kind;

// ------------------------------------------------------------------ assignments

void JsonPathEmitter::Pass(const State& s, Json& states) {
  Json j{{"Type", "Pass"}};
  if (s.assign.empty()) {
    Transition(s, j);
    states[s.name] = std::move(j);
    return;
  }
  const bool reads_input = std::any_of(s.assign.begin(), s.assign.end(),
                                       [](const auto& a) { return ReadsInput(*a.value); });
  // The start of the flow (or of a distributed child): the input becomes the document.
  if (&s == flow_start_ || doc_starts_.count(&s)) {
    Json vars = Json::object();
    JpScope scope = Vars();
    scope.input = "$";
    for (const ir::Assignment& a : s.assign) {
      if (auto v = Value(*a.value, scope, s.span)) vars[a.var] = BoxedTemplate(*v);
    }
    j["Parameters"] = Json{{"vars", std::move(vars)}};
    Transition(s, j);
    Put(s, states, std::move(j));
    return;
  }
  // Elsewhere the input is the state document itself (an iteration's starts as its item and
  // the enclosing flow's variables).
  JpScope scope = Vars();
  if (reads_input) scope.input = "$";
  if (s.assign.size() == 1) {
    const ir::Assignment& a = s.assign.front();
    auto v = Value(*a.value, scope, s.span);
    if (v && v->kind == K::kLiteral) {
      j["Result"] = Json{{"v", v->json}};
    } else if (v) {
      j["Parameters"] = BoxedTemplate(*v);
    }
    j["ResultPath"] = "$.vars." + a.var;
    Transition(s, j);
    Put(s, states, std::move(j));
    return;
  }
  // Several variables at once, all computed from the values before the state: into a
  // scratch object, then merged into the variables.
  Json set = Json::object();
  for (const ir::Assignment& a : s.assign) {
    if (auto v = Value(*a.value, scope, s.span)) set[a.var] = BoxedTemplate(*v);
  }
  j["Parameters"] = std::move(set);
  j["ResultPath"] = kSet;
  std::string merge = Derived(s.name, "merge");
  j["Next"] = merge;
  Put(s, states, std::move(j));
  Json m{{"Type", "Pass"},
         {"Parameters",
          Json{{"vars.$", std::string("States.JsonMerge($.vars, ") + kSet + ", false)"}}}};
  Transition(s, m);
  states[merge] = std::move(m);
}

void JsonPathEmitter::Result(const State& s, const JpValue& result, Json& j) {
  if (s.output) {
    JpScope scope{result, false, "", false, {}, {}, {}, {}};
    scope.resource = [this](const ir::Value& v) { return builder_.ResourceValue(v); };
    if (auto v = Value(*s.output, scope, s.span)) j["ResultSelector"] = BoxedTemplate(*v);
    j["ResultPath"] = kOut;
    j["OutputPath"] = std::string(kOut) + ".v";
    return;
  }
  if (s.assign.empty()) {
    j["ResultPath"] = nullptr;
    return;
  }
  if (s.assign.size() > 1) {
    Report(JpProblem{nullptr, "a task result assigned to several variables"}, s.span);
    return;
  }
  const ir::Assignment& a = s.assign.front();
  JpScope scope{result, false, "", false, {}, {}, {}, {}};
  scope.resource = [this](const ir::Value& v) { return builder_.ResourceValue(v); };
  if (auto v = Value(*a.value, scope, s.span)) j["ResultSelector"] = BoxedTemplate(*v);
  j["ResultPath"] = "$.vars." + a.var;
}

void JsonPathEmitter::AfterResult(const State& s, Json& j) {
  if (s.output) {
    j["End"] = true;  // Result made the output (a folded null end included)
  } else {
    Transition(s, j);
  }
}

// ------------------------------------------------------------------ tasks

std::optional<JpTaskShape> JsonPathEmitter::TaskCall(const State& s, Json& j) {
  JpProblem problem;
  auto shape = JsonPathTask(*s.action, Vars(), builder_, problem);
  if (shape) {
    j["Resource"] = shape->resource;
    if (!shape->parameters.empty()) j["Parameters"] = shape->parameters;
  } else {
    Report(problem, s.span);
    j["Resource"] = "arn:aws:states:::lambda:invoke";
  }
  if (s.timeout_seconds) j["TimeoutSeconds"] = *s.timeout_seconds;
  if (s.timeout_value) PathField(j, "TimeoutSecondsPath", *s.timeout_value, s.span);
  if (s.heartbeat_seconds) j["HeartbeatSeconds"] = *s.heartbeat_seconds;
  if (s.heartbeat_value) PathField(j, "HeartbeatSecondsPath", *s.heartbeat_value, s.span);
  return shape;
}

void JsonPathEmitter::Task(const State& s, Json& states) {
  if (RaisesChildError(s)) return ChildRun(s, states);
  Json j{{"Type", "Task"}};
  auto shape = TaskCall(s, j);
  ErrorHandling(s, j);
  // A result that is reshaped after the task, unless nothing reads it (a folded null end).
  if (shape && shape->post != JpTaskShape::Post::kNone && !EndsWithNull(s)) {
    const std::string after = Derived(s.name, "result");
    j["ResultPath"] = kRaw;
    j["Next"] = after;
    Put(s, states, std::move(j));
    PostResult(s, *shape, after, states);
    return;
  }
  if (shape) Result(s, shape->result, j);
  AfterResult(s, j);
  Put(s, states, std::move(j));
}

void JsonPathEmitter::ChildRun(const State& s, Json& states) {
  const std::string task_name = Derived(s.name, "execution");
  const std::string error_name = Derived(s.name, "child error");
  // The branch starts with the Parallel's input, the state document: the task reads its
  // values as a task outside would (values that need states of their own are computed before
  // the Parallel, in its prelude), again on each retry of the Parallel.
  Json task{{"Type", "Task"}};
  auto shape = TaskCall(s, task);
  // The branch's output is the result as the language types it; the Parallel reads it as
  // `$[0]` (moto gives a list for `$[0].v`, AWS the value).
  if (shape) {
    task["ResultSelector"] = BoxedTemplate(shape->result);
    task["OutputPath"] = "$.v";
  }
  task["Catch"] = Json::array({ChildErrorCatch(error_name, false)});
  task["End"] = true;
  Json inner = Json::object();
  inner[task_name] = std::move(task);
  JsonPathChildError(
      error_name, [&](const std::string& suffix) { return Derived(s.name, suffix); }, inner);
  Json j{{"Type", "Parallel"}};
  j["Branches"] = Json::array({Json{{"StartAt", task_name}, {"States", std::move(inner)}}});
  ErrorHandling(s, j);
  Result(s, JpValue{K::kPath, nullptr, "$[0]"}, j);
  AfterResult(s, j);
  Put(s, states, std::move(j));
}

std::optional<JsonPathEmitter::Sink> JsonPathEmitter::SinkOf(const State& s) {
  auto is_result = [](const ir::Value& v) { return v.kind == ir::ValueKind::kResult; };
  // A folded end discards the result; Transition writes the null.
  if (EndsWithNull(s)) return Sink{};
  if (s.output) {
    if (!is_result(*s.output)) {
      Report(JpProblem{s.output.get(),
                       "only the whole result of this operation can be used "
                       "in JSONPath; assign it to a variable first"},
             s.span);
      return std::nullopt;
    }
    return Sink{"", true};
  }
  if (s.assign.empty()) return Sink{};
  if (s.assign.size() > 1 || !is_result(*s.assign.front().value)) {
    Report(JpProblem{s.assign.front().value.get(),
                     "only the whole result of this operation can be used in JSONPath; "
                     "assign it to a variable first"},
           s.span);
    return std::nullopt;
  }
  return Sink{s.assign.front().var, false};
}

Json JsonPathEmitter::SinkPass(const State& s, const Sink& sink, Json boxed, bool literal) {
  Json j{{"Type", "Pass"}};
  j[literal ? "Result" : "Parameters"] = std::move(boxed);
  if (sink.output) {
    j["OutputPath"] = "$.v";
    j["End"] = true;
  } else {
    j["ResultPath"] = sink.var.empty() ? Json(nullptr) : Json("$.vars." + sink.var);
    Transition(s, j);
  }
  return j;
}

void JsonPathEmitter::PostResult(const State& s, const JpTaskShape& shape, const std::string& entry,
                                 Json& states) {
  auto sink = SinkOf(s);
  if (!sink) return;
  const std::string raw = std::string(kRaw) + shape.list_path.substr(1);
  const std::string present = Derived(s.name, "present");
  const std::string absent = Derived(s.name, "absent");
  states[entry] = Json{
      {"Type", "Choice"},
      {"Choices", Json::array({Json{{"Variable", raw}, {"IsPresent", true}, {"Next", present}}})},
      {"Default", absent}};
  if (shape.post == JpTaskShape::Post::kMaybeItem) {
    auto item = shape.element(raw);
    states[present] = SinkPass(s, *sink, Json{{"v", item.value_or(Json::object())}}, false);
    states[absent] = SinkPass(s, *sink, Json{{"v", nullptr}}, true);
    return;
  }
  auto element = shape.element("$$.Map.Item.Value");
  // State names are unique across the whole definition, nested ones included.
  const std::string each = Derived(s.name, "element");
  Json map{{"Type", "Map"},
           {"ItemsPath", raw},
           {"ItemSelector", element.value_or(Json::object())},
           {"ItemProcessor", Json{{"ProcessorConfig", Json{{"Mode", "INLINE"}}},
                                  {"StartAt", each},
                                  {"States", Json{{each, Json{{"Type", "Pass"}, {"End", true}}}}}}},
           {"ResultSelector", Json{{"v.$", "$"}}}};
  if (sink->output) {
    map["ResultPath"] = kOut;
    map["OutputPath"] = std::string(kOut) + ".v";
    map["End"] = true;
  } else {
    map["ResultPath"] = sink->var.empty() ? Json(nullptr) : Json("$.vars." + sink->var);
    Transition(s, map);
  }
  states[present] = std::move(map);
  states[absent] = SinkPass(s, *sink, Json{{"v", Json::array()}}, true);
}

void JsonPathEmitter::PathField(Json& j, const std::string& key, const ir::Value& v, Span at) {
  auto x = Value(v, Vars(), at);
  if (!x) return;
  if (x->kind != K::kPath) {
    Report(JpProblem{&v, key + " takes a variable or a field of one, not a computed value"}, at);
    return;
  }
  j[key] = x->text;
}

// ------------------------------------------------------------------ control flow

void JsonPathEmitter::Choice(const State& s, Json& states) {
  Json computed = Json::object();
  std::function<std::string(const JpValue&)> materialize = [&](const JpValue& v) {
    std::string key = "c" + std::to_string(computed.size());
    PutTemplateField(computed, key, v);
    return std::string(kTest) + "." + key;
  };
  Json rules = Json::array();
  for (const State::Rule& r : s.rules) {
    JpProblem p;
    JpScope scope = Vars();
    scope.chain = nullptr;  // a condition is tested by the Choice itself
    auto rule = JsonPathCondition(*r.condition, scope, materialize, p);
    if (!rule) {
      Report(p, r.condition->span);
      continue;
    }
    (*rule)["Next"] = g_.at(r.next).name;
    rules.push_back(std::move(*rule));
  }
  Json j{{"Type", "Choice"}, {"Choices", std::move(rules)}};
  j["Default"] = g_.at(s.default_next).name;
  if (!computed.empty()) Precompute(computed, kTest, s.name);
  Put(s, states, std::move(j));
}

void JsonPathEmitter::Wait(const State& s, Json& states) {
  Json j{{"Type", "Wait"}};
  const ir::Value* value = s.wait_seconds_value ? s.wait_seconds_value.get()
                           : s.wait_until       ? s.wait_until.get()
                                                : nullptr;
  const char* key = s.wait_seconds_value ? "SecondsPath" : "TimestampPath";
  if (s.wait_seconds) j["Seconds"] = *s.wait_seconds;
  if (value) {
    auto v = Value(*value, Vars(), s.span);
    if (v && v->kind == K::kPath) {
      j[key] = v->text;
    } else if (v) {
      Precompute(BoxedTemplate(*v), kWaitValue, s.name);
      j[key] = std::string(kWaitValue) + ".v";
    }
  }
  Transition(s, j);
  Put(s, states, std::move(j));
}

void JsonPathEmitter::Parallel(const State& s, Json& states) {
  Json j{{"Type", "Parallel"}};
  Json branches = Json::array();
  for (uint32_t b : s.branches) branches.push_back(Graph(b));
  j["Branches"] = std::move(branches);
  ErrorHandling(s, j);
  Result(s, JpValue{K::kPath, nullptr, "$"}, j);
  AfterResult(s, j);
  Put(s, states, std::move(j));
}

void JsonPathEmitter::Map(const State& s, Json& states) {
  const ir::Loop& loop = *s.loop;
  Json j{{"Type", "Map"}};
  if (loop.items) {
    if (auto items = Value(*loop.items, Vars(), s.span)) {
      if (items->kind == K::kPath) {
        j["ItemsPath"] = items->text;
      } else {
        Precompute(BoxedTemplate(*items), kTest, s.name);
        j["ItemsPath"] = std::string(kTest) + ".v";
      }
    }
  }
  Json item = "$$.Map.Item.Value";
  if (loop.source) j["ItemReader"] = ItemReader(s, *loop.source, item);
  const bool batched = loop.batched();
  if (batched) {
    if (item.is_object()) j["ItemSelector"] = item;
  } else {
    Json selector = Json::object();
    PutTemplateField(selector, "item",
                     item.is_string() ? JpValue{K::kPath, nullptr, item.get<std::string>()}
                                      : JpValue{K::kTemplate, item, {}});
    if (!loop.index_var.empty()) selector["index.$"] = "$$.Map.Item.Index";
    // An inline iteration gets a copy of the flow's variables (JSONPath has no variables
    // that inner states could see); a distributed child gets what it reads.
    if (!loop.distributed) selector["vars.$"] = "$.vars";
    for (const auto& [var, type] : loop.captures) selector[var + ".$"] = VariablePath(var);
    j["ItemSelector"] = std::move(selector);
  }
  // A distributed child is an execution of its own: its first state builds the document.
  if (loop.distributed) doc_starts_.insert(&g_.at(g_.graphs[loop.body].start));
  Json body = Graph(loop.body);
  Json config{{"Mode", loop.distributed ? "DISTRIBUTED" : "INLINE"}};
  if (loop.distributed) config["ExecutionType"] = loop.express_children ? "EXPRESS" : "STANDARD";
  j["ItemProcessor"] =
      Json{{"ProcessorConfig", config}, {"StartAt", body["StartAt"]}, {"States", body["States"]}};
  if (loop.concurrency) j["MaxConcurrency"] = *loop.concurrency;
  if (batched) {
    Json batcher = Json::object();
    if (loop.batch) batcher["MaxItemsPerBatch"] = *loop.batch;
    if (loop.batch_max_bytes) batcher["MaxInputBytesPerBatch"] = *loop.batch_max_bytes;
    if (!loop.captures.empty()) {
      Json input = Json::object();
      for (const auto& [var, type] : loop.captures) input[var + ".$"] = VariablePath(var);
      batcher["BatchInput"] = std::move(input);
    }
    j["ItemBatcher"] = std::move(batcher);
  }
  if (loop.tolerate) {
    j[loop.tolerate_percent ? "ToleratedFailurePercentage" : "ToleratedFailureCount"] =
        *loop.tolerate;
  }
  if (loop.results_bucket.valid()) {
    Json params{{"Bucket", builder_.Address(ir::Ref(loop.results_bucket))}};
    if (loop.results_prefix) {
      if (auto v = Value(*loop.results_prefix, Vars(), s.span)) {
        PutTemplateField(params, "Prefix", *v);
      }
    }
    j["ResultWriter"] =
        Json{{"Resource", "arn:aws:states:::s3:putObject"}, {"Parameters", std::move(params)}};
  }
  if (loop.distributed) j["Label"] = MapLabel(s.name);
  ErrorHandling(s, j);
  Result(s, JpValue{K::kPath, nullptr, "$"}, j);
  AfterResult(s, j);
  Put(s, states, std::move(j));
}

Json JsonPathEmitter::ItemReader(const State& s, const ir::ItemSource& src, Json& item) {
  Json reader = Json::object();
  Json params = Json::object();
  if (!src.bucket_name) {
    params["Bucket"] = builder_.Address(ir::Ref(src.bucket));
  } else if (auto v = Value(*src.bucket_name, Vars(), s.span)) {
    PutTemplateField(params, "Bucket", *v);  // a path (`Bucket.$`), or computed first
  }
  using SK = ir::ItemSource::Kind;
  const char* key = src.kind == SK::kObjects ? "Prefix" : "Key";
  if (src.argument) {
    if (auto v = Value(*src.argument, Vars(), s.span)) PutTemplateField(params, key, *v);
  }
  Json config = Json::object();
  if (src.kind == SK::kObjects) {
    reader["Resource"] = "arn:aws:states:::s3:listObjectsV2";
    // The language's object records are { key, size, etag }; `raw: true` keeps S3's.
    if (!src.raw) {
      item = Json{{"key.$", "$$.Map.Item.Value.Key"},
                  {"size.$", "$$.Map.Item.Value.Size"},
                  {"etag.$", "$$.Map.Item.Value.ETag"}};
    }
  } else {
    reader["Resource"] = "arn:aws:states:::s3:getObject";
    config["InputType"] = InputType(src.kind);
    if (src.kind == SK::kCsv) CsvConfig(src, config);
  }
  if (src.max_items) {
    auto v = Value(*src.max_items, Vars(), s.span);
    if (v && v->kind == K::kLiteral) {
      config["MaxItems"] = v->json;
    } else if (v) {
      PathField(config, "MaxItemsPath", *src.max_items, s.span);
    }
  }
  if (!config.empty()) reader["ReaderConfig"] = std::move(config);
  reader["Parameters"] = std::move(params);
  return reader;
}

// The flow's result is the output of a terminal Pass state: the States Language gives a Succeed
// state an OutputPath too, but CloudFormation's own linter (cfn-lint, E3601) rejects one in a
// template's Definition, and a Pass with `End` ends the execution or branch alike.
void JsonPathEmitter::Succeed(const State& s, Json& states) {
  if (!s.output) {
    states[s.name] = Json{{"Type", "Pass"}, {"OutputPath", nullptr}, {"End", true}};
    return;
  }
  auto v = Value(*s.output, Vars(), s.span);
  if (v && v->kind == K::kPath) {
    Put(s, states, Json{{"Type", "Pass"}, {"OutputPath", v->text}, {"End", true}});
    return;
  }
  Json j{{"Type", "Pass"}};
  if (v && v->kind == K::kLiteral) {
    j["Result"] = Json{{"v", v->json}};
  } else if (v) {
    j["Parameters"] = BoxedTemplate(*v);
  }
  j["OutputPath"] = "$.v";
  j["End"] = true;
  Put(s, states, std::move(j));
}

void JsonPathEmitter::Fail(const State& s, Json& states) {
  Json j{{"Type", "Fail"}, {"Error", s.error}};
  if (s.cause) {
    auto v = Value(*s.cause, Vars(), s.span);
    const bool is_string = types::TypeTable::StripOptional(s.cause->type)->is_stringish();
    if (v && v->kind == K::kLiteral) {
      j["Cause"] = v->json.is_string() ? v->json.get<std::string>() : v->json.dump();
    } else if (v && v->kind == K::kPath && is_string) {
      j["CausePath"] = v->text;
    } else if (v && v->kind == K::kPath) {
      // CausePath may hold an intrinsic in Step Functions, but not every interpreter takes
      // one: compute it into the document first.
      j["CausePath"] =
          Store(JpValue{K::kIntrinsic, nullptr, "States.JsonToString(" + v->text + ")"});
    } else if (v && v->kind == K::kIntrinsic && is_string) {
      j["CausePath"] = Store(*v);
    } else if (v) {
      Report(JpProblem{s.cause.get(), "a Fail state's cause must be a string"}, s.span);
    }
  }
  Put(s, states, std::move(j));
}
}  // namespace caios::aws::jsonpath_detail
