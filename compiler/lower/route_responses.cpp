#include "compiler/lower/route_responses.h"

#include <string>

namespace caios::lower {
namespace {

using K = ir::EntityRef::Kind;
using types::TypeKind;
using types::TypeTable;

std::string Quoted(types::TypeId type) { return "`" + TypeTable::ToString(type) + "`"; }

// Whether `type` is text (`string`, or `string?` for an optional field).
bool IsText(types::TypeId type) {
  const types::TypeId t = TypeTable::StripOptional(type);
  return t->is_stringish() || t->is_unknown();
}

// Why `result` is not an HTTP answer, or empty; fills `headers` with the header names.
std::string ShapeProblem(types::TypeId result, std::vector<std::string>& headers) {
  if (result == nullptr || result->is(TypeKind::kJson)) {
    return "the flow declares no result type (a record of `status`, `headers` and `body`)";
  }
  if (!result->is(TypeKind::kRecord)) {
    return "its result is " + Quoted(result) + ", not a record of `status`, `headers` and `body`";
  }
  const types::Field* status = result->FindField("status");
  if (status == nullptr) return "its result has no `status` field";
  if (status->optional || !(status->type->is(TypeKind::kInt) || status->type->is_unknown())) {
    return "its `status` is " + std::string(status->optional ? "optional" : Quoted(status->type)) +
           ": a status is a required `int`";
  }
  for (const types::Field& f : result->fields) {
    if (f.name == "status") continue;
    if (f.name == "body") {
      if (!IsText(f.type)) {
        return "its `body` is " + Quoted(f.type) +
               ", not text: write the value as JSON with `json_string(value)`";
      }
      continue;
    }
    if (f.name != "headers") {
      return "its result has a field `" + f.name +
             "`; an answer has `status`, `headers` and `body` only";
    }
    const types::TypeId h = TypeTable::StripOptional(f.type);
    if (h->is_unknown()) continue;
    if (!h->is(TypeKind::kRecord)) {
      return "its `headers` is " + Quoted(f.type) +
             ", not a record whose fields name the headers (`{ Location: string }`)";
    }
    for (const types::Field& header : h->fields) {
      if (!IsText(header.type)) {
        return "its header `" + header.name + "` is " + Quoted(header.type) + ", not a `string`";
      }
      headers.push_back(header.name);
    }
  }
  return "";
}

}  // namespace

void BindRouteResponses(ir::App& app, DiagnosticSink& sink) {
  for (ir::Api& api : app.apis) {
    for (ir::Route& r : api.routes) {
      if (!r.response.on || !r.target.entity.valid()) continue;
      const std::string route = std::string(ir::Spelling(r.method)) + " " + r.path;
      const std::string& target = app.NameOf(r.target.entity);
      if (r.target.entity.kind != K::kFlow || r.target.mode != ir::Target::Mode::kRun) {
        const bool function = r.target.entity.kind != K::kFlow;
        auto& d = sink.Emit(r.response.span, diag::RouteResponseNotRun, route,
                            function ? "calls function `" + target + "`"
                                     : "starts flow `" + target + "` without waiting for it");
        if (function) {
          d.Note(
              "a function route answers with what the function returns: its `statusCode`, "
              "`headers` and `body`");
        } else {
          d.Note("write `-> run " + target + "` (an express flow) to answer with its result");
        }
        r.response = {};
        continue;
      }
      const ir::Flow& flow = app.flows[r.target.entity.index];
      std::vector<std::string> headers;
      const std::string problem = ShapeProblem(flow.result, headers);
      if (!problem.empty()) {
        sink.Emit(r.response.span, diag::RouteResponseShape, route, flow.name, problem)
            .Label(flow.span, "declared here")
            .Note("the result is `{ status: int, headers?: { NAME: string, … }, body?: string }`");
        r.response = {};
        continue;
      }
      r.response.headers = std::move(headers);
    }
  }
}

}  // namespace caios::lower
