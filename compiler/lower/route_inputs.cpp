#include "compiler/lower/route_inputs.h"

#include <algorithm>
#include <string>
#include <vector>

namespace caios::lower {
namespace {

using K = ir::EntityRef::Kind;

// The `{name}` (or greedy `{name+}`) segments of a route path, without braces.
std::vector<std::string> PathParameters(std::string_view path) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = path.find('{', at)) != std::string_view::npos) {
    const size_t end = path.find('}', at);
    if (end == std::string_view::npos) break;
    std::string name(path.substr(at + 1, end - at - 1));
    if (!name.empty() && name.back() == '+') name.pop_back();
    out.push_back(std::move(name));
    at = end + 1;
  }
  return out;
}

// std.http's `Request`: the record the route builds (docs/language.md §12).
bool IsRequestType(types::TypeId type) {
  if (!type) return false;
  type = types::TypeTable::StripOptional(type);
  if (!type->is(types::TypeKind::kRecord) || type->name != "Request") return false;
  static const std::vector<std::string_view> kFields = {"body", "raw_body", "path", "query",
                                                        "headers"};
  if (type->fields.size() != kFields.size()) return false;
  for (std::string_view f : kFields) {
    if (type->FindField(f) == nullptr) return false;
  }
  return true;
}

ir::RouteInput Bind(const ir::App& app, const ir::Route& r, DiagnosticSink& sink) {
  ir::RouteInput input;
  const ir::Flow& flow = app.flows[r.target.entity.index];
  const std::string route = std::string(ir::Spelling(r.method)) + " " + r.path;
  if (flow.whole_input) {
    if (!flow.params.empty() && IsRequestType(flow.params.front().type)) {
      input.kind = ir::RouteInput::Kind::kRequest;
    }
    return input;
  }
  if (flow.batch_input) return input;
  for (const ir::Param& p : flow.params) {
    if (IsRequestType(p.type)) {
      sink.Emit(r.span, diag::RouteRequestParamNotWhole, route, flow.name, p.name)
          .Label(flow.span, "declared here")
          .Note("declare the flow `(whole " + p.name + ": Request)` and read path parameters as `" +
                p.name + ".path.NAME`");
      return input;
    }
  }
  const std::vector<std::string> segments = PathParameters(r.path);
  bool any_path = false;
  for (const ir::Param& p : flow.params) {
    const bool path = std::find(segments.begin(), segments.end(), p.name) != segments.end();
    input.parts.push_back({p.name, path});
    if (!path) continue;
    any_path = true;
    const types::TypeId type = p.type ? types::TypeTable::StripOptional(p.type) : nullptr;
    if (type && !type->is_stringish() && !type->is(types::TypeKind::kJson) && !type->is_unknown()) {
      sink.Emit(r.span, diag::RoutePathParamNotString, route, flow.name, p.name,
                types::TypeTable::ToString(p.type))
          .Label(flow.span, "declared here")
          .Note("declare `" + p.name + ": string` and convert it in the flow");
    }
  }
  if (!any_path) {
    input.parts.clear();
    return input;
  }
  // A flow's parameters are identifiers (E0262 refuses quoted ones), so each field name is
  // inert in the mapping template (request_templates.h checks it again).
  input.kind = ir::RouteInput::Kind::kParts;
  return input;
}

}  // namespace

void BindRouteInputs(ir::App& app, DiagnosticSink& sink) {
  for (ir::Api& api : app.apis) {
    for (ir::Route& r : api.routes) {
      if (r.target.entity.kind != K::kFlow || !r.target.entity.valid()) continue;
      r.input = Bind(app, r, sink);
    }
  }
}

}  // namespace caios::lower
