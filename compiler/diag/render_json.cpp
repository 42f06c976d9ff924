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

json FixItJson(const FixIt& fix, const SourceManager& sources,
               const std::filesystem::path& base_dir) {
  json f = json::object();
  f["replacement"] = fix.replacement;
  f["description"] = FixItText(fix);
  AddLocation(f, sources, fix.span, base_dir);
  return f;
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
    json notes = json::array();
    json related = json::array();
    for (const DiagNote& note : d.notes) {
      notes.push_back(note.message);
      if (!note.span) continue;
      json n = json::object();
      n["message"] = note.message;
      AddLocation(n, sources, *note.span, base_dir);
      related.push_back(std::move(n));
    }
    j["notes"] = std::move(notes);
    // "related" and "fixits" appear only when used, so output without them is unchanged
    // (docs/cli.md, "JSON diagnostics").
    if (!related.empty()) j["related"] = std::move(related);
    j["fixit"] = d.fixits.empty() ? json(nullptr) : FixItJson(d.fixits.front(), sources, base_dir);
    if (d.fixits.size() >= 2) {
      json fixits = json::array();
      for (const FixIt& fix : d.fixits) fixits.push_back(FixItJson(fix, sources, base_dir));
      j["fixits"] = std::move(fixits);
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
