#include "compiler/diag/render_json.h"

#include "compiler/diag/render_common.h"

namespace caios {

namespace {

using nlohmann::json;

json PositionJson(const ResolvedPos& p) {
  return json{{"line", p.line}, {"column", p.column}, {"offset", p.offset}};
}

// Adds "file" and "range" for `span` (both null when it has no location).
void AddLocation(json& j, const SourceManager& sources, Span span,
                 const std::filesystem::path& base_dir) {
  if (!HasLocation(sources, span)) {
    j["file"] = nullptr;
    j["range"] = nullptr;
    return;
  }
  ResolvedRange r = Resolve(sources, span);
  j["file"] = DisplayPath(sources.Get(span.file).path(), base_dir);
  j["range"] = json{{"start", PositionJson(r.start)}, {"end", PositionJson(r.end)}};
}

}  // namespace

json DiagnosticsToJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                       const std::filesystem::path& base_dir) {
  json list = json::array();
  for (const Diagnostic& d : diagnostics) {
    const DiagKindInfo& info = Info(d.kind);
    json j = json::object();
    j["code"] = info.code;
    j["severity"] = SeverityName(d.severity);
    j["title"] = info.title;
    j["message"] = d.message;
    AddLocation(j, sources, d.span, base_dir);
    json labels = json::array();
    for (const SpanLabel& label : d.labels) {
      json l = json::object();
      l["message"] = label.message;
      AddLocation(l, sources, label.span, base_dir);
      labels.push_back(std::move(l));
    }
    j["labels"] = std::move(labels);
    j["notes"] = d.notes;
    if (d.fixit) {
      json f = json::object();
      f["replacement"] = d.fixit->replacement;
      f["description"] = FixItText(*d.fixit);
      AddLocation(f, sources, d.fixit->span, base_dir);
      j["fixit"] = std::move(f);
    } else {
      j["fixit"] = nullptr;
    }
    list.push_back(std::move(j));
  }
  DiagCounts counts = CountDiagnostics(diagnostics);
  return json{{"version", 1},
              {"diagnostics", std::move(list)},
              {"summary", {{"errors", counts.errors}, {"warnings", counts.warnings}}}};
}

void RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                const std::filesystem::path& base_dir, std::ostream& out) {
  out << DiagnosticsToJson(diagnostics, sources, base_dir)
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace caios
