#include "compiler/driver/lsp_navigation_requests.h"

#include <set>

#include "compiler/driver/lsp_navigation.h"
#include "compiler/driver/lsp_position.h"

namespace caios::lsp {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// JSON-RPC 2.0 and LSP 3.17 error codes.
constexpr int kInvalidParams = -32602;
constexpr int kRequestFailed = -32803;

// LSP 3.17 DocumentHighlightKind.
constexpr int kHighlightRead = 2, kHighlightWrite = 3;

std::optional<Position> PositionOf(const json& object) {
  if (!object.is_object()) return std::nullopt;
  auto line = object.find("line");
  auto character = object.find("character");
  if (line == object.end() || character == object.end() || !line->is_number_unsigned() ||
      !character->is_number_unsigned()) {
    return std::nullopt;
  }
  return Position{line->get<uint32_t>(), character->get<uint32_t>()};
}

json PositionJson(Position p) { return {{"line", p.line}, {"character", p.character}}; }

json RangeJson(const LineIndex& index, uint32_t begin, uint32_t end) {
  return {{"start", PositionJson(index.ToPosition(begin))},
          {"end", PositionJson(index.ToPosition(end))}};
}

NavigationResponse Answer(json result) { return NavigationResponse{std::move(result), 0, {}}; }

NavigationResponse Refuse(int code, std::string message) {
  return NavigationResponse{nullptr, code, std::move(message)};
}

// Locations in the files of one analysis, each file's line index made once.
class Locator {
 public:
  Locator(const Analysis& analysis, const NavigationHost& host)
      : analysis_(analysis), host_(host) {}
  const LineIndex& IndexOf(FileId file) {
    auto& slot = indexes_[file.value];
    if (!slot) slot = std::make_unique<LineIndex>(analysis_.sources.Get(file).text());
    return *slot;
  }
  json Range(Span span) { return RangeJson(IndexOf(span.file), span.begin, span.end); }
  std::string Uri(FileId file) { return host_.uri_of(analysis_.sources.Get(file)); }
  json Location(Span span) { return {{"uri", Uri(span.file)}, {"range", Range(span)}}; }

 private:
  const Analysis& analysis_;
  const NavigationHost& host_;
  std::map<uint32_t, std::unique_ptr<LineIndex>> indexes_;
};

// The diagnostic as `textDocument/publishDiagnostics` shows it (docs/editors.md).
json DiagnosticJson(const Diagnostic& d, Locator& locator) {
  std::string message = d.message;
  for (const DiagNote& note : d.notes) {
    if (!note.span || !note.span->valid()) message += "\nnote: " + note.message;
  }
  return {{"range", locator.Range(d.span)},
          {"severity", d.severity == Severity::kError     ? 1
                       : d.severity == Severity::kWarning ? 2
                                                          : 3},
          {"code", std::string(Info(d.kind).code)},
          {"source", "caios"},
          {"message", message}};
}

json WorkspaceSymbolsJson(const json& params, const NavigationHost& host) {
  std::string query;
  if (params.is_object() && params.contains("query") && params["query"].is_string()) {
    query = params["query"].get<std::string>();
  }
  // One analysis per project folder of the open files.
  std::set<fs::path> projects;
  std::vector<fs::path> representatives;
  for (const fs::path& path : host.open_paths()) {
    if (projects.insert(path.parent_path()).second) representatives.push_back(path);
  }
  json result = json::array();
  for (const fs::path& path : representatives) {
    const Analysis& analysis = host.analysis_for(path);
    Locator locator(analysis, host);
    for (const WorkspaceSymbol& s : WorkspaceSymbols(analysis, query)) {
      json symbol = {{"name", s.entry.name},
                     {"kind", s.entry.kind},
                     {"location", locator.Location(s.entry.span)}};
      if (!s.container.empty()) symbol["containerName"] = s.container;
      result.push_back(std::move(symbol));
    }
  }
  return result;
}

}  // namespace

bool IsNavigationRequest(std::string_view method) {
  return method == "textDocument/references" || method == "textDocument/documentHighlight" ||
         method == "textDocument/prepareRename" || method == "textDocument/rename" ||
         method == "textDocument/codeAction" || method == "textDocument/foldingRange" ||
         method == "workspace/symbol";
}

NavigationResponse HandleNavigationRequest(const std::string& method, const json& params,
                                           const NavigationHost& host) {
  if (method == "workspace/symbol") return Answer(WorkspaceSymbolsJson(params, host));
  std::string uri, text;
  fs::path path;
  if (params.is_object() && params.contains("textDocument") && params["textDocument"].is_object() &&
      params["textDocument"].contains("uri") && params["textDocument"]["uri"].is_string()) {
    uri = params["textDocument"]["uri"].get<std::string>();
  }
  if (uri.empty() || !host.document(uri, text, path)) {
    return Refuse(kInvalidParams, "the document is not open");
  }
  LineIndex index(text);
  if (method == "textDocument/foldingRange") {
    json result = json::array();
    for (const FoldingRange& r : FoldingRanges(text)) {
      json range = {{"startLine", r.start_line}, {"endLine", r.end_line}};
      if (!r.kind.empty()) range["kind"] = r.kind;
      result.push_back(std::move(range));
    }
    return Answer(std::move(result));
  }
  Analysis& analysis = host.analysis_for(path);
  const LoadedModule* module = analysis.ModuleOf(path);
  Locator locator(analysis, host);
  if (method == "textDocument/codeAction") {
    std::optional<Position> start, end;
    if (params.contains("range") && params["range"].is_object()) {
      start = PositionOf(params["range"].value("start", json()));
      end = PositionOf(params["range"].value("end", json()));
    }
    if (!start || !end) return Refuse(kInvalidParams, "a range is needed");
    json actions = json::array();
    if (!module) return Answer(std::move(actions));
    Complete(analysis);  // the fix-its of every diagnostic `caios check` reports
    for (const QuickFix& fix :
         QuickFixes(analysis, module->ast.file, index.ToOffset(*start), index.ToOffset(*end))) {
      json edit = {{"range", locator.Range(fix.fixit->span)}, {"newText", fix.fixit->replacement}};
      json action = {
          {"title", fix.title},
          {"kind", "quickfix"},
          {"diagnostics", json::array({DiagnosticJson(*fix.diagnostic, locator)})},
          {"edit", {{"changes", {{locator.Uri(fix.fixit->span.file), json::array({edit})}}}}}};
      if (fix.preferred) action["isPreferred"] = true;
      actions.push_back(std::move(action));
    }
    return Answer(std::move(actions));
  }
  std::optional<Position> position =
      params.contains("position") ? PositionOf(params["position"]) : std::nullopt;
  if (!position) return Refuse(kInvalidParams, "a position is needed");
  uint32_t offset = index.ToOffset(*position);

  if (method == "textDocument/references" || method == "textDocument/documentHighlight") {
    std::optional<Target> target;
    if (module) target = TargetAt(analysis, *module, offset);
    if (!target) return Answer(nullptr);
    bool highlight = method == "textDocument/documentHighlight";
    bool with_declaration = false;
    if (params.contains("context") && params["context"].is_object()) {
      auto it = params["context"].find("includeDeclaration");
      with_declaration = it != params["context"].end() && it->is_boolean() && it->get<bool>();
    }
    json result = json::array();
    for (const Occurrence& o : Occurrences(analysis, *target)) {
      if (highlight) {
        if (!(o.span.file == module->ast.file)) continue;
        result.push_back({{"range", locator.Range(o.span)},
                          {"kind", o.declaration ? kHighlightWrite : kHighlightRead}});
      } else if (with_declaration || !o.declaration) {
        result.push_back(locator.Location(o.span));
      }
    }
    return Answer(std::move(result));
  }

  if (!module) return Refuse(kRequestFailed, "the file is not part of a project that loads");
  if (method == "textDocument/prepareRename") {
    RenameTarget target = RenameTargetAt(analysis, *module, offset);
    if (!target.error.empty()) return Refuse(kRequestFailed, target.error);
    const std::string& name = target.target.variable ? target.target.variable->name
                              : target.target.symbol ? target.target.symbol->name
                                                     : target.target.field;
    return Answer({{"range", locator.Range(target.span)}, {"placeholder", name}});
  }
  // textDocument/rename
  if (!params.contains("newName") || !params["newName"].is_string()) {
    return Refuse(kInvalidParams, "a newName is needed");
  }
  const std::string new_name = params["newName"].get<std::string>();
  RenamePlan plan = PlanRename(analysis, *module, offset, new_name);
  if (!plan.error.empty()) return Refuse(kRequestFailed, "cannot rename: " + plan.error);
  // What the rules above cannot vouch for, the renamed project's check decides: the rename must
  // add no diagnostic (docs/architecture.md, "The language server").
  if (!FullCheckReason(analysis, plan, new_name).empty()) {
    std::string added = RecheckRenamed(analysis, host.stdlib, *host.overlay, path, plan.edits);
    if (!added.empty()) {
      return Refuse(kRequestFailed, "cannot rename: the program would then report " + added);
    }
  }
  json changes = json::object();
  for (const TextEdit& edit : plan.edits) {
    changes[locator.Uri(edit.span.file)].push_back(
        {{"range", locator.Range(edit.span)}, {"newText", edit.text}});
  }
  return Answer({{"changes", std::move(changes)}});
}

}  // namespace caios::lsp
