#include "compiler/driver/lsp_compiled.h"

#include <map>
#include <set>
#include <vector>

#include "backends/aws/target.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/lsp_analysis.h"
#include "compiler/lower/lower.h"
#include "compiler/parse/lexer.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace caios::lsp {

namespace {

using Json = nlohmann::ordered_json;

// A hover lists at most this many states or roles; the rest are counted.
constexpr size_t kMaxListed = 25;

bool Within(Span inner, Span outer) {
  return inner.valid() && outer.valid() && inner.file == outer.file && outer.begin <= inner.begin &&
         inner.end <= outer.end;
}

// The emitted file `name` of application `app` (a subfolder each when there are several).
const std::string* FileOf(const Compiled& compiled, const ir::App& app, const std::string& name) {
  const std::string prefix = compiled.emitted.apps.size() > 1 ? app.name + "/" : "";
  auto it = compiled.emitted.files.find(prefix + name);
  return it == compiled.emitted.files.end() ? nullptr : &it->second;
}

Json ParseFile(const std::string* text) {
  if (!text) return Json();
  Json parsed = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json() : parsed;
}

// `Task dynamodb:putItem`, `Map (distributed)`, `Choice`: a state's type and what it calls.
std::string Describe(const Json& state) {
  if (!state.is_object()) return "?";
  std::string type = state.value("Type", std::string("?"));
  if (type == "Task") {
    auto resource = state.find("Resource");
    if (resource != state.end() && resource->is_string()) {
      std::string arn = resource->get<std::string>();
      constexpr std::string_view kStates = "arn:aws:states:::";
      if (arn.starts_with(kStates)) arn = arn.substr(kStates.size());
      return fmt::format("Task `{}`", arn);
    }
  }
  if (type == "Map") {
    const Json* config = nullptr;
    auto processor = state.find("ItemProcessor");
    if (processor != state.end() && processor->is_object()) {
      auto it = processor->find("ProcessorConfig");
      if (it != processor->end()) config = &*it;
    }
    if (config && config->is_object() && config->value("Mode", std::string()) == "DISTRIBUTED") {
      return "Map (distributed)";
    }
  }
  return type;
}

// Calls `visit(name, state)` for every state of a definition, nested ones included (parallel
// branches, map bodies), in document order. Iterative: definitions nest as deep as flows do.
template <typename Visit>
void ForEachState(const Json& definition, Visit visit) {
  std::vector<const Json*> pending{&definition};
  while (!pending.empty()) {
    const Json* machine = pending.back();
    pending.pop_back();
    auto states = machine->find("States");
    if (states == machine->end() || !states->is_object()) continue;
    std::vector<const Json*> nested;
    for (const auto& [name, state] : states->items()) {
      visit(name, state);
      if (!state.is_object()) continue;
      auto branches = state.find("Branches");
      if (branches != state.end() && branches->is_array()) {
        for (const Json& branch : *branches) nested.push_back(&branch);
      }
      for (const char* key : {"ItemProcessor", "Iterator"}) {
        auto body = state.find(key);
        if (body != state.end() && body->is_object()) nested.push_back(&*body);
      }
    }
    pending.insert(pending.end(), nested.rbegin(), nested.rend());
  }
}

// Whether a template value refers to the resource `id`: `Ref`, `Fn::GetAtt` (either form) or a
// `${id}` / `${id.Attr}` in `Fn::Sub`.
bool RefersTo(const Json& value, const std::string& id) {
  std::vector<const Json*> pending{&value};
  while (!pending.empty()) {
    const Json* v = pending.back();
    pending.pop_back();
    if (v->is_string()) {
      const std::string& s = v->get_ref<const std::string&>();
      if (s == id || s.starts_with(id + ".") || s.find("${" + id + "}") != std::string::npos ||
          s.find("${" + id + ".") != std::string::npos) {
        return true;
      }
    } else if (v->is_structured()) {
      for (const Json& child : *v) pending.push_back(&child);
    }
  }
  return false;
}

// The entity of `app` declared by `decl`, if it is one that roles can be granted access to.
std::optional<ir::EntityRef> EntityOf(const ir::App& app, const ast::Decl& decl) {
  using Kind = ir::EntityRef::Kind;
  const std::pair<Kind, size_t> kinds[] = {
      {Kind::kTable, app.tables.size()},       {Kind::kBucket, app.buckets.size()},
      {Kind::kQueue, app.queues.size()},       {Kind::kTopic, app.topics.size()},
      {Kind::kStream, app.streams.size()},     {Kind::kEventBus, app.buses.size()},
      {Kind::kFunction, app.functions.size()}, {Kind::kFlow, app.flows.size()},
  };
  for (const auto& [kind, count] : kinds) {
    for (size_t i = 0; i < count; ++i) {
      ir::EntityRef ref{kind, static_cast<uint32_t>(i)};
      if (Within(app.SpanOf(ref), decl.span)) return ref;
    }
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Whether text[from, to) is spaces holding exactly one line break.
bool OneLineBreak(std::string_view text, uint32_t from, uint32_t to) {
  size_t breaks = 0;
  for (uint32_t i = from; i < to; ++i) {
    char c = text[i];
    if (c == '\n') {
      ++breaks;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return breaks == 1;
}

// Whether only spaces precede byte `at` on its line.
bool OnlySpacesBefore(std::string_view text, uint32_t at) {
  while (at > 0 && text[at - 1] != '\n') {
    if (text[at - 1] != ' ' && text[at - 1] != '\t') return false;
    --at;
  }
  return true;
}

}  // namespace

namespace {

// Whether the analysis checked the program without errors (so far: the stages that ran).
bool CheckedClean(const Analysis& analysis) {
  const bool had_errors =
      analysis.complete ? HasErrors(analysis.diagnostics) : analysis.run->has_errors();
  return analysis.checked.model && !had_errors;
}

}  // namespace

const Compiled* CompiledOf(Analysis& analysis) {
  if (analysis.compiled_tried) return analysis.compiled.get();
  analysis.compiled_tried = true;
  if (!CheckedClean(analysis)) return nullptr;
  EmitOptions options;
  options.template_format = "json";
  options.render_files = true;
  // The template's code paths are relative to an output folder; nothing is written.
  options.output_dir = analysis.project / "out";
  DiagnosticSink sink;
  auto compiled = std::make_unique<Compiled>();
  compiled->emitted =
      EmitApplications(analysis.program, *analysis.checked.model, analysis.sources, options, sink);
  if (sink.has_errors()) return nullptr;
  analysis.compiled = std::move(compiled);
  return analysis.compiled.get();
}

Lowered* LoweredOf(Analysis& analysis) {
  if (analysis.lowered_tried) return analysis.lowered.get();
  analysis.lowered_tried = true;
  if (!CheckedClean(analysis)) return nullptr;
  DiagnosticSink sink;
  auto lowered = std::make_unique<Lowered>();
  for (size_t p = 0; p < analysis.program.roots.size(); ++p) {
    lowered->apps.push_back(
        Lower(analysis.program, p, *analysis.checked.model, analysis.sources, sink, 0));
  }
  if (sink.has_errors()) return nullptr;
  analysis.lowered = std::move(lowered);
  return analysis.lowered.get();
}

const std::string& DefinitionOf(Lowered& lowered, size_t app, uint32_t flow) {
  auto [it, fresh] = lowered.definitions.try_emplace({app, flow});
  if (fresh) {
    DiagnosticSink sink;  // reported by the analysis's own check already
    aws::Options options;
    it->second = aws::EmitFlowDefinition(*lowered.apps[app], ir::FlowId{flow}, options, sink);
  }
  return it->second;
}

namespace {

// The IR flow declared by `decl`, with its application's index, and its definition's text
// (emitted on first use, which also names its states).
struct FlowOutput {
  size_t app = 0;
  const ir::Flow* flow = nullptr;
  const std::string* definition = nullptr;
};

std::optional<FlowOutput> OutputOf(Lowered& lowered, const ast::FlowDecl& decl) {
  for (size_t a = 0; a < lowered.apps.size(); ++a) {
    ir::App& app = *lowered.apps[a];
    for (uint32_t i = 0; i < app.flows.size(); ++i) {
      if (!Within(app.flows[i].span, decl.span)) continue;
      return FlowOutput{a, &app.flows[i], &DefinitionOf(lowered, a, i)};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FlowStates(Lowered& lowered, const ast::FlowDecl& flow) {
  std::optional<FlowOutput> output = OutputOf(lowered, flow);
  if (!output) return std::nullopt;
  const std::string name = "statemachines/" + output->flow->name + ".asl.json";
  Json definition = ParseFile(output->definition);
  auto states = definition.is_object() ? definition.find("States") : definition.end();
  if (!definition.is_object() || states == definition.end() || !states->is_object()) {
    return std::nullopt;
  }
  size_t all = 0;
  ForEachState(definition, [&](const std::string&, const Json&) { ++all; });
  std::string out = fmt::format("**Compiles to** `{}`: {} state{}", name, all, all == 1 ? "" : "s");
  if (all > states->size()) {
    out += fmt::format(" ({} at the top, the rest inside parallel branches and loops)",
                       states->size());
  }
  out += "\n\n| state | type |\n|---|---|\n";
  size_t listed = 0;
  for (const auto& [state_name, state] : states->items()) {
    if (listed++ == kMaxListed) {
      out += fmt::format("| … {} more | |\n", states->size() - kMaxListed);
      break;
    }
    out += fmt::format("| `{}` | {} |\n", state_name, Describe(state));
  }
  out.pop_back();
  return out;
}

std::optional<std::string> StepStates(Lowered& lowered, const ast::FlowDecl& flow,
                                      uint32_t offset) {
  std::optional<FlowOutput> output = OutputOf(lowered, flow);
  if (!output) return std::nullopt;
  const ir::Flow& f = *output->flow;
  const Span at{flow.span.file, offset, offset};
  // The innermost step around the offset: the states with the shortest span holding it.
  std::optional<Span> best;
  for (const ir::State& state : f.graph.states) {
    if (!Within(at, state.span)) continue;
    if (!best || state.span.end - state.span.begin < best->end - best->begin) best = state.span;
  }
  std::vector<const ir::State*> chosen;
  for (const ir::State& state : f.graph.states) {
    if (best && state.span.file == best->file && state.span.begin == best->begin &&
        state.span.end == best->end) {
      chosen.push_back(&state);
    }
  }
  if (chosen.empty()) return std::nullopt;
  const std::string name = "statemachines/" + f.name + ".asl.json";
  Json definition = ParseFile(output->definition);
  std::map<std::string, std::string> types;
  std::set<std::string> wanted;
  for (const ir::State* state : chosen) wanted.insert(state->name);
  ForEachState(definition, [&](const std::string& state_name, const Json& state) {
    if (wanted.count(state_name)) types[state_name] = Describe(state);
  });
  std::string out = fmt::format("**Compiles to** (in `{}`):", name);
  size_t listed = 0;
  for (const ir::State* state : chosen) {
    if (listed++ == kMaxListed) {
      out += fmt::format("\n- … {} more", chosen.size() - kMaxListed);
      break;
    }
    auto type = types.find(state->name);
    out += fmt::format("\n- `{}`: {}", state->name,
                       type == types.end() ? "(merged into another state)" : type->second);
  }
  return out;
}

std::optional<std::string> ResourceAccess(const Compiled& compiled, const ast::Decl& decl) {
  for (const std::unique_ptr<ir::App>& app : compiled.emitted.apps) {
    std::optional<ir::EntityRef> ref = EntityOf(*app, decl);
    if (!ref) continue;
    const std::string id = aws::TemplateLogicalId(*app, *ref);
    const std::string template_name = "template.json";
    Json stack = ParseFile(FileOf(compiled, *app, template_name));
    auto resources = stack.is_object() ? stack.find("Resources") : stack.end();
    if (!stack.is_object() || resources == stack.end() || !resources->is_object()) {
      return std::nullopt;
    }
    // Role → the actions its inline policies allow on the resource.
    std::map<std::string, std::set<std::string>> roles;
    for (const auto& [role, resource] : resources->items()) {
      if (!resource.is_object() || resource.value("Type", std::string()) != "AWS::IAM::Role") {
        continue;
      }
      const Json* policies = nullptr;
      auto properties = resource.find("Properties");
      if (properties != resource.end() && properties->is_object()) {
        auto it = properties->find("Policies");
        if (it != properties->end() && it->is_array()) policies = &*it;
      }
      if (!policies) continue;
      for (const Json& policy : *policies) {
        const Json document = policy.is_object() ? policy.value("PolicyDocument", Json()) : Json();
        const Json statements = document.is_object() ? document.value("Statement", Json()) : Json();
        if (!statements.is_array()) continue;
        for (const Json& statement : statements) {
          if (!statement.is_object() || statement.value("Effect", std::string()) != "Allow") {
            continue;
          }
          auto scope = statement.find("Resource");
          if (scope == statement.end() || !RefersTo(*scope, id)) continue;
          const Json actions = statement.value("Action", Json());
          if (actions.is_string()) roles[role].insert(actions.get<std::string>());
          if (actions.is_array()) {
            for (const Json& action : actions) {
              if (action.is_string()) roles[role].insert(action.get<std::string>());
            }
          }
        }
      }
    }
    if (roles.empty()) {
      return fmt::format("**IAM**: no role of the template is granted access to `{}`.", id);
    }
    std::string out = fmt::format("**IAM** on `{}` (the roles' inline policies):", id);
    size_t listed = 0;
    for (const auto& [role, actions] : roles) {
      if (listed++ == kMaxListed) {
        out += fmt::format("\n- … {} more roles", roles.size() - kMaxListed);
        break;
      }
      std::string list;
      for (const std::string& action : actions) {
        list += (list.empty() ? "`" : ", `") + action + "`";
      }
      out += fmt::format("\n- `{}`: {}", role, list);
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> AppResources(const Compiled& compiled, const ast::AppDecl& decl) {
  for (const std::unique_ptr<ir::App>& app : compiled.emitted.apps) {
    if (app->name != decl.name.text) continue;
    Json stack = ParseFile(FileOf(compiled, *app, "template.json"));
    auto resources = stack.is_object() ? stack.find("Resources") : stack.end();
    if (!stack.is_object() || resources == stack.end() || !resources->is_object()) {
      return std::nullopt;
    }
    std::map<std::string, size_t> by_type;
    for (const auto& [id, resource] : resources->items()) {
      if (resource.is_object()) ++by_type[resource.value("Type", std::string("?"))];
    }
    std::string out = fmt::format("**Compiles to** `template.yaml`: {} resource{}\n\n",
                                  resources->size(), resources->size() == 1 ? "" : "s");
    out += "| type | count |\n|---|---:|";
    for (const auto& [type, count] : by_type) out += fmt::format("\n| `{}` | {} |", type, count);
    return out;
  }
  return std::nullopt;
}

std::string DocComment(const SourceFile& file, uint32_t decl_begin) {
  DiagnosticSink scratch;
  const LexResult lexed = Lex(file, scratch);
  const std::string_view text = file.text();
  // The comments right above the declaration, nearest first.
  std::vector<const CommentToken*> block;
  uint32_t boundary = decl_begin;
  for (auto it = lexed.comments.rbegin(); it != lexed.comments.rend(); ++it) {
    if (it->end > boundary) continue;
    if (!OneLineBreak(text, it->end, boundary) || !OnlySpacesBefore(text, it->begin)) break;
    block.push_back(&*it);
    boundary = it->begin;
    if (text.substr(it->begin, 2) == "/*") break;  // one block comment at most
  }
  std::string out;
  for (auto it = block.rbegin(); it != block.rend(); ++it) {
    std::string_view comment = text.substr((*it)->begin, (*it)->end - (*it)->begin);
    if (comment.starts_with("/*")) {
      comment.remove_prefix(2);
      if (comment.ends_with("*/")) comment.remove_suffix(2);
    } else {
      comment.remove_prefix(2);
    }
    for (size_t start = 0; start <= comment.size();) {
      size_t end = comment.find('\n', start);
      if (end == std::string_view::npos) end = comment.size();
      std::string_view line = Trim(comment.substr(start, end - start));
      if (line.starts_with("*") && !line.starts_with("*/")) line = Trim(line.substr(1));
      if (!line.empty() || !out.empty()) out.append(line).push_back('\n');
      start = end + 1;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace caios::lsp
