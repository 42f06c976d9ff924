#include "compiler/diag/render_sarif.h"

#include <cctype>

#include "compiler/diag/render_common.h"
#include "fmt/format.h"

namespace caios {

namespace {

using nlohmann::json;

// "kUnknownName" → "UnknownName": SARIF rule names are PascalCase identifiers.
const std::vector<std::string_view>& RuleNames() {
  static const std::vector<std::string_view> names = {
#define CAIOS_DIAG(name, code, severity, title, explanation) std::string_view(#name).substr(1),
#include "compiler/diag/diag_kinds.def"
#undef CAIOS_DIAG
  };
  return names;
}

json ArtifactLocation(const std::string& path, const std::filesystem::path& base_dir) {
  std::string shown = DisplayPath(path, base_dir);
  if (std::filesystem::path(shown).is_absolute()) {
    return json{{"uri", "file://" + PercentEncodePath(shown)}};
  }
  return json{{"uri", PercentEncodePath(shown)}, {"uriBaseId", "%SRCROOT%"}};
}

json Region(const ResolvedRange& r) {
  return json{{"startLine", r.start.line},
              {"startColumn", r.start.column},
              {"endLine", r.end.line},
              {"endColumn", r.end.column}};
}

json PhysicalLocation(const SourceManager& sources, Span span,
                      const std::filesystem::path& base_dir) {
  return json{{"artifactLocation", ArtifactLocation(sources.Get(span.file).path(), base_dir)},
              {"region", Region(Resolve(sources, span))}};
}

json Rules() {
  json rules = json::array();
  const auto& kinds = AllDiagKinds();
  for (size_t i = 0; i < kinds.size(); ++i) {
    const DiagKindInfo& k = kinds[i];
    rules.push_back(json{
        {"id", k.code},
        {"name", RuleNames()[i]},
        {"shortDescription", {{"text", k.title}}},
        {"fullDescription", {{"text", k.explanation}}},
        {"help",
         {{"text", fmt::format("{}\nRun `caios explain {}` for details.", k.explanation, k.code)}}},
        {"defaultConfiguration", {{"level", SeverityName(k.severity)}}},
    });
  }
  return rules;
}

}  // namespace

std::string PercentEncodePath(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

json DiagnosticsToSarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                        const std::filesystem::path& base_dir) {
  json results = json::array();
  for (const Diagnostic& d : diagnostics) {
    const DiagKindInfo& info = Info(d.kind);
    std::string text = d.message;
    for (const DiagNote& note : d.notes) text += "\nnote: " + note.message;
    json r = json::object();
    r["ruleId"] = info.code;
    r["ruleIndex"] = static_cast<size_t>(d.kind);
    r["level"] = SeverityName(d.severity);
    r["message"] = {{"text", text}};
    r["locations"] = json::array();
    if (HasLocation(sources, d.span)) {
      r["locations"].push_back({{"physicalLocation", PhysicalLocation(sources, d.span, base_dir)}});
    }
    json related = json::array();
    int id = 1;
    for (const SpanLabel& label : d.labels) {
      if (!HasLocation(sources, label.span)) continue;
      related.push_back({{"id", id++},
                         {"physicalLocation", PhysicalLocation(sources, label.span, base_dir)},
                         {"message", {{"text", label.message}}}});
    }
    for (const DiagNote& note : d.notes) {
      if (!note.span || !HasLocation(sources, *note.span)) continue;
      related.push_back({{"id", id++},
                         {"physicalLocation", PhysicalLocation(sources, *note.span, base_dir)},
                         {"message", {{"text", note.message}}}});
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    json fixes = json::array();
    for (const FixIt& fix : d.fixits) {
      if (!HasLocation(sources, fix.span)) continue;
      const SourceFile& file = sources.Get(fix.span.file);
      json replacement = {{"deletedRegion", Region(Resolve(sources, fix.span))},
                          {"insertedContent", {{"text", fix.replacement}}}};
      fixes.push_back({{"description", {{"text", FixItText(fix)}}},
                       {"artifactChanges",
                        json::array({{{"artifactLocation", ArtifactLocation(file.path(), base_dir)},
                                      {"replacements", json::array({replacement})}}})}});
    }
    if (!fixes.empty()) r["fixes"] = std::move(fixes);
    results.push_back(std::move(r));
  }
  json driver = {{"name", "caios"},
                 {"version", CAIOS_VERSION},
                 {"semanticVersion", CAIOS_VERSION},
                 {"rules", Rules()}};
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({std::move(run)})}};
}

void RenderSarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                 const std::filesystem::path& base_dir, std::ostream& out) {
  out << DiagnosticsToSarif(diagnostics, sources, base_dir)
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace caios
