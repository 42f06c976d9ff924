#include "backends/aws/asl/child_errors.h"

#include "backends/aws/common/json.h"

namespace caios::aws {

bool RaisesChildError(const ir::State& s) {
  return s.kind == ir::State::Kind::kAction && s.action &&
         s.action->kind == ir::Action::Kind::kRunFlow && !s.action->callback;
}

Json ChildErrorCatch(const std::string& next, bool jsonata) {
  Json edge{{"ErrorEquals", Json::array({"States.TaskFailed"})}};
  // JSONPath: no ResultPath, whose default ("$") makes the error output the state's (an
  // explicit "$" is mishandled by aws-local-stepfunctions).
  if (jsonata) edge["Output"] = "{% $states.errorOutput %}";
  edge["Next"] = next;
  return edge;
}

namespace {

// `$d`: the child's description when the caught error is States.TaskFailed and its cause is
// a JSON object's text (first and last characters tested: $parse has no way to fail softly);
// `$own`: whether it names the child's error; `$name`: the error to raise. A `Fail` state may
// not raise a name that starts with `States.` (Step Functions reserves the prefix), so such an
// error (the child's runtime error or timeout, the task's own) is raised as
// ChildExecutionFailed with the task's cause, which describes the child (docs/language.md).
constexpr const char* kJsonataDescription =
    "$e := $states.input; "
    "$d := $e.Error = \"States.TaskFailed\" and $type($e.Cause) = \"string\" and "
    "$substring($e.Cause, 0, 1) = \"{\" and $substring($e.Cause, -1) = \"}\" ? "
    "$parse($e.Cause); "
    "$own := $type($d.Error) = \"string\"; "
    "$name := $own ? $d.Error : $e.Error; "
    "$reserved := $substring($name, 0, 7) = \"States.\"; ";

}  // namespace

Json JsonataChildError() {
  const std::string d = kJsonataDescription;
  return Json{{"Type", "Fail"},
              {"Error", "{% (" + d + "$reserved ? \"" + std::string(kChildExecutionFailed) +
                            "\" : $name) %}"},
              {"Cause", "{% (" + d +
                            "$c := $own and $not($reserved) ? $d.Cause : $e.Cause; "
                            "$type($c) = \"string\" ? $c : \"\") %}"}};
}

void JsonPathChildError(const std::string& first,
                        const std::function<std::string(const std::string&)>& name, Json& states) {
  const std::string parse = name("child description");
  const std::string pick = name("which error");
  const std::string raise = name("raise child error");
  const std::string raise_bare = name("raise child error without cause");
  const std::string rethrow = name("rethrow");
  const std::string which_rethrow = name("which rethrow");
  const std::string reserved = name("raise child execution failed");
  auto is_string = [](const std::string& path) {
    return Json::array({Json{{"Variable", path}, {"IsPresent", true}},
                        Json{{"Variable", path}, {"IsString", true}}});
  };
  // The caught error: States.TaskFailed with a cause that can be a JSON object's text. (A
  // catcher's output always has both fields: Step Functions binds "" to a missing one.)
  Json described = is_string("$.Cause");
  described.insert(described.begin(),
                   Json{{"Variable", "$.Error"}, {"StringEquals", "States.TaskFailed"}});
  described.push_back(Json{{"Variable", "$.Cause"}, {"StringMatches", "{*}"}});
  states[first] =
      Json{{"Type", "Choice"},
           {"Choices", Json::array({Json{{"And", std::move(described)}, {"Next", parse}}})},
           {"Default", which_rethrow}};
  states[parse] = Json{{"Type", "Pass"},
                       {"Parameters", Json{{"Error.$", "$.Error"},
                                           {"Cause.$", "$.Cause"},
                                           {"child.$", "States.StringToJson($.Cause)"}}},
                       {"Next", pick}};
  Json both = is_string("$.child.Error");
  for (Json& rule : is_string("$.child.Cause")) both.push_back(std::move(rule));
  // A name Step Functions reserves (`States.…`) cannot be raised by a Fail state.
  Json reserved_name = is_string("$.child.Error");
  reserved_name.push_back(Json{{"Variable", "$.child.Error"}, {"StringMatches", "States.*"}});
  states[pick] = Json{
      {"Type", "Choice"},
      {"Choices", Json::array({Json{{"And", std::move(reserved_name)}, {"Next", reserved}},
                               Json{{"And", std::move(both)}, {"Next", raise}},
                               Json{{"And", is_string("$.child.Error")}, {"Next", raise_bare}}})},
      {"Default", which_rethrow}};
  states[raise] =
      Json{{"Type", "Fail"}, {"ErrorPath", "$.child.Error"}, {"CausePath", "$.child.Cause"}};
  states[raise_bare] = Json{{"Type", "Fail"}, {"ErrorPath", "$.child.Error"}};
  states[which_rethrow] = Json{
      {"Type", "Choice"},
      {"Choices",
       Json::array(
           {Json{{"Variable", "$.Error"}, {"StringMatches", "States.*"}, {"Next", reserved}}})},
      {"Default", rethrow}};
  states[rethrow] = Json{{"Type", "Fail"}, {"ErrorPath", "$.Error"}, {"CausePath", "$.Cause"}};
  states[reserved] =
      Json{{"Type", "Fail"}, {"Error", kChildExecutionFailed}, {"CausePath", "$.Cause"}};
}

}  // namespace caios::aws
