#include "compiler/driver/lsp_server.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "compiler/driver/environment.h"
#include "compiler/driver/lsp_analysis.h"
#include "compiler/driver/lsp_assist.h"
#include "compiler/driver/lsp_navigation_requests.h"
#include "compiler/driver/lsp_position.h"
#include "compiler/driver/lsp_transport.h"
#include "compiler/format/format.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace caios {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using lsp::Analysis;
using lsp::LineIndex;

// JSON-RPC 2.0 and LSP 3.17 error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;

// How long after the last message the server waits for another before it runs the rest of the
// check and publishes diagnostics: editors send a completion or signature request right after
// the change that triggers it.
constexpr std::chrono::milliseconds kDiagnosticsDelay{25};

// `file:///a%20b/c.caios` -> `/a b/c.caios`; nullopt for another scheme or a bad escape.
std::optional<fs::path> UriToPath(const std::string& uri) {
  constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return std::nullopt;
  std::string_view rest = std::string_view(uri).substr(kScheme.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  rest.remove_prefix(slash);  // an authority (`localhost`) is dropped
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      path += rest[i];
      continue;
    }
    if (i + 2 >= rest.size() || !std::isxdigit(static_cast<unsigned char>(rest[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      return std::nullopt;
    }
    path += static_cast<char>(std::stoi(std::string(rest.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  if (path.find('\0') != std::string::npos) return std::nullopt;
  return fs::path(path);
}

std::string PathToUri(const fs::path& path) {
  std::string uri = "file://";
  for (unsigned char c : path.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri;
}

// A string member of an object, or nullopt (any other shape).
std::optional<std::string> StringAt(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<lsp::Position> PositionAt(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return std::nullopt;
  auto line = it->find("line");
  auto character = it->find("character");
  if (line == it->end() || character == it->end() || !line->is_number_unsigned() ||
      !character->is_number_unsigned()) {
    return std::nullopt;
  }
  return lsp::Position{line->get<uint32_t>(), character->get<uint32_t>()};
}

json ToJson(lsp::Position p) { return {{"line", p.line}, {"character", p.character}}; }

json RangeJson(const LineIndex& index, uint32_t begin, uint32_t end) {
  return {{"start", ToJson(index.ToPosition(begin))}, {"end", ToJson(index.ToPosition(end))}};
}

class Server {
 public:
  Server(fs::path stdlib, std::istream& in, std::ostream& out, std::ostream& log)
      : stdlib_(std::move(stdlib)), in_(in), out_(out), log_(log) {}

  int Run() {
    while (true) {
      // Diagnostics wait while messages are waiting or arrive within kDiagnosticsDelay: a burst
      // of changes is checked once, and a request sent with a change is answered from the
      // change's first stage, before its lowering and backend checks (docs/editors.md, "Speed").
      if (!due_.empty() && !lsp::WaitForInput(in_, kDiagnosticsDelay)) PublishDue();
      lsp::Frame frame = lsp::ReadFrame(in_);
      if (frame.status == lsp::Frame::Status::kEnd) return 1;  // no `exit`: an error exit
      if (frame.status == lsp::Frame::Status::kMalformed) {
        log_ << "caios lsp: dropped " << frame.problem << '\n';
        continue;
      }
      if (!lsp::JsonDepthWithin(frame.body)) {
        Error(json(nullptr), kInvalidRequest,
              fmt::format("the message nests deeper than {} levels", lsp::kMaxJsonDepth));
        continue;
      }
      json message = json::parse(frame.body, nullptr, /*allow_exceptions=*/false);
      if (message.is_discarded()) {
        Error(json(nullptr), kParseError, "the message is not valid JSON");
        continue;
      }
      if (std::optional<int> exit = Dispatch(message)) return *exit;
    }
  }

 private:
  struct Document {
    std::string text;
    fs::path path;  // canonical
  };

  void Send(const json& message) {
    lsp::WriteFrame(out_, message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void Reply(const json& id, json result) {
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void Error(const json& id, int code, const std::string& message) {
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void Notify(const char* method, json params) {
    Send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // Handles one message; returns the exit code when it was `exit`.
  std::optional<int> Dispatch(const json& message) {
    if (!message.is_object()) {
      Error(json(nullptr), kInvalidRequest, "a message is a JSON object");
      return std::nullopt;
    }
    auto id_it = message.find("id");
    bool is_request = id_it != message.end();
    json id = is_request ? *id_it : json(nullptr);
    if (is_request && !id.is_string() && !id.is_number_integer()) {
      Error(json(nullptr), kInvalidRequest, "a request id is a string or an integer");
      return std::nullopt;
    }
    std::optional<std::string> method = StringAt(message, "method");
    if (!method) {
      if (is_request && !message.contains("result") && !message.contains("error")) {
        Error(id, kInvalidRequest, "a request has a method");
      }
      return std::nullopt;  // a response to a request of ours (we send none): ignored
    }
    json params = message.value("params", json::object());
    if (*method == "exit") return shutdown_ ? 0 : 1;
    if (!is_request) {
      if (initialized_ && !shutdown_) HandleNotification(*method, params);
      return std::nullopt;  // before `initialize`, notifications are dropped (LSP 3.17)
    }
    if (*method == "initialize") {
      if (initialized_) {
        Error(id, kInvalidRequest, "initialize was already received");
      } else {
        initialized_ = true;
        Reply(id, Capabilities());
      }
      return std::nullopt;
    }
    if (!initialized_) {
      Error(id, kServerNotInitialized, "the server has not been initialized");
      return std::nullopt;
    }
    if (shutdown_) {
      Error(id, kInvalidRequest, "the server is shutting down");
      return std::nullopt;
    }
    if (*method == "shutdown") {
      shutdown_ = true;
      Reply(id, nullptr);
      return std::nullopt;
    }
    HandleRequest(id, *method, params);
    return std::nullopt;
  }

  static json Capabilities() {
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"documentSymbolProvider", true},
              {"definitionProvider", true},
              {"hoverProvider", true},
              {"documentFormattingProvider", true},
              {"referencesProvider", true},
              {"documentHighlightProvider", true},
              {"renameProvider", {{"prepareProvider", true}}},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
              {"foldingRangeProvider", true},
              {"workspaceSymbolProvider", true},
              {"completionProvider", {{"triggerCharacters", lsp::CompletionTriggers()}}},
              {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
              {"semanticTokensProvider", lsp::SemanticTokensOptions()}}},
            {"serverInfo", {{"name", "caios"}, {"version", CAIOS_VERSION}}}};
  }

  void HandleNotification(const std::string& method, const json& params) {
    json document = params.is_object() ? params.value("textDocument", json::object()) : json();
    std::optional<std::string> uri = StringAt(document, "uri");
    if (method == "textDocument/didOpen") {
      std::optional<std::string> text = StringAt(document, "text");
      if (uri && text) Open(*uri, std::move(*text));
    } else if (method == "textDocument/didChange") {
      // Full synchronisation: the last change holds the whole text.
      auto changes = params.is_object() ? params.find("contentChanges") : params.end();
      if (!uri || changes == params.end() || !changes->is_array() || changes->empty()) return;
      std::optional<std::string> text = StringAt(changes->back(), "text");
      if (text && documents_.count(*uri)) Open(*uri, std::move(*text));
    } else if (method == "textDocument/didClose") {
      if (uri) Close(*uri);
    }
    // Every other notification ($/cancelRequest, initialized, didSave, …) needs nothing.
  }

  void HandleRequest(const json& id, const std::string& method, const json& params) {
    if (lsp::IsNavigationRequest(method)) {
      lsp::NavigationResponse response =
          lsp::HandleNavigationRequest(method, params, NavigationHost());
      if (response.error_code != 0) {
        Error(id, response.error_code, response.error);
      } else {
        Reply(id, std::move(response.result));
      }
      return;
    }
    bool known = method == "textDocument/documentSymbol" || method == "textDocument/definition" ||
                 method == "textDocument/hover" || method == "textDocument/formatting" ||
                 IsAssistMethod(method);
    if (!known) {
      Error(id, kMethodNotFound, "method not supported: " + method);
      return;
    }
    json document = params.is_object() ? params.value("textDocument", json::object()) : json();
    std::optional<std::string> uri = StringAt(document, "uri");
    auto doc = uri ? documents_.find(*uri) : documents_.end();
    if (doc == documents_.end()) {
      Error(id, kInvalidParams, "the document is not open");
      return;
    }
    const Document& d = doc->second;
    LineIndex index(d.text);
    if (method == "textDocument/formatting") {
      Reply(id, Format(d, index));
      return;
    }
    Analysis& analysis = AnalysisFor(d.path);
    if (IsAssistMethod(method)) {
      Assist(id, method, params, d, index);
      return;
    }
    const LoadedModule* module = analysis.ModuleOf(d.path);
    if (method == "textDocument/documentSymbol") {
      json symbols = json::array();
      if (module) {
        for (const lsp::OutlineEntry& e : lsp::Outline(analysis, *module)) {
          symbols.push_back(SymbolJson(e, index));
        }
      }
      Reply(id, symbols);
      return;
    }
    std::optional<lsp::Position> position = PositionAt(params, "position");
    if (!position) {
      Error(id, kInvalidParams, "a position is needed");
      return;
    }
    uint32_t offset = index.ToOffset(*position);
    if (method == "textDocument/definition") {
      std::optional<Span> target;
      if (module) target = lsp::DefinitionAt(analysis, *module, offset);
      if (!target) {
        Reply(id, nullptr);
        return;
      }
      const SourceFile& file = analysis.sources.Get(target->file);
      LineIndex target_index(file.text());
      Reply(id,
            {{"uri", UriOf(file)}, {"range", RangeJson(target_index, target->begin, target->end)}});
      return;
    }
    std::optional<std::string> hover;
    if (module) hover = lsp::HoverAt(analysis, *module, offset);
    if (!hover) {
      Reply(id, nullptr);
      return;
    }
    Reply(id, {{"contents", {{"kind", "markdown"}, {"value", *hover}}}});
  }

  static bool IsAssistMethod(const std::string& method) {
    return method == "textDocument/completion" || method == "textDocument/signatureHelp" ||
           method == "textDocument/semanticTokens/full";
  }

  // Completion, signature help and semantic tokens: answered from the buffer and the last
  // analysis in which the file loaded, also while it does not parse (docs/editors.md).
  void Assist(const json& id, const std::string& method, const json& params, const Document& d,
              const LineIndex& index) {
    auto good = last_good_.find(d.path);
    const Analysis* analysis = good != last_good_.end() ? good->second.get() : nullptr;
    const LoadedModule* module = analysis ? analysis->ModuleOf(d.path) : nullptr;
    lsp::AssistContext context(d.path.string(), d.text, analysis, module);
    if (method == "textDocument/semanticTokens/full") {
      Reply(id, lsp::SemanticTokens(context));
      return;
    }
    std::optional<lsp::Position> position = PositionAt(params, "position");
    if (!position) {
      Error(id, kInvalidParams, "a position is needed");
      return;
    }
    uint32_t offset = index.ToOffset(*position);
    Reply(id, method == "textDocument/completion" ? lsp::Completion(context, offset)
                                                  : lsp::SignatureHelp(context, offset));
  }

  json SymbolJson(const lsp::OutlineEntry& e, const LineIndex& index) {
    json children = json::array();
    for (const lsp::OutlineEntry& child : e.children) children.push_back(SymbolJson(child, index));
    Span name = e.name_span.valid() ? e.name_span : e.span;
    return {{"name", e.name},
            {"detail", e.detail},
            {"kind", e.kind},
            {"range", RangeJson(index, e.span.begin, e.span.end)},
            {"selectionRange", RangeJson(index, name.begin, name.end)},
            {"children", std::move(children)}};
  }

  // One edit replacing the whole document with `caios fmt`'s layout; none when it is already
  // laid out or has syntax errors (the formatter refuses those).
  json Format(const Document& d, const LineIndex& index) {
    SourceManager sources;
    DiagnosticSink sink;
    FileId id = sources.Add(d.path.string(), d.text);
    std::optional<std::string> formatted = FormatFile(sources.Get(id), sink);
    json edits = json::array();
    if (formatted && *formatted != d.text) {
      edits.push_back({{"range", {{"start", ToJson({0, 0})}, {"end", ToJson(index.End())}}},
                       {"newText", *formatted}});
    }
    return edits;
  }

  void Open(const std::string& uri, std::string text) {
    std::optional<fs::path> path = UriToPath(uri);
    if (!path) {
      log_ << "caios lsp: not a file URI: " << uri << '\n';
      return;
    }
    fs::path canonical = lsp::CanonicalPath(*path);
    overlay_[canonical.string()] = text;
    documents_[uri] = Document{std::move(text), canonical};
    uri_of_path_[canonical.string()] = uri;
    ++generation_;
    due_[canonical.parent_path()] = uri;
  }

  void Close(const std::string& uri) {
    auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    fs::path path = it->second.path;
    overlay_.erase(path.string());
    last_good_.erase(path);
    documents_.erase(it);
    uri_of_path_.erase(path.string());
    ++generation_;
    // A closed file's problems are no longer shown. While other files of its project are
    // open, the project is checked again with the file as it is on disk: what they show may
    // have depended on its unsaved text.
    Notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    for (auto& [project, uris] : published_) uris.erase(uri);
    fs::path project = path.parent_path();
    due_.erase(project);
    for (const auto& [other_uri, other] : documents_) {
      if (other.path.parent_path() == project) {
        due_[project] = other_uri;
        break;
      }
    }
  }

  // What the navigation requests (lsp_navigation_requests.h) read of the server's state.
  lsp::NavigationHost NavigationHost() {
    lsp::NavigationHost host;
    host.document = [this](const std::string& uri, std::string& text, fs::path& path) {
      auto it = documents_.find(uri);
      if (it == documents_.end()) return false;
      text = it->second.text;
      path = it->second.path;
      return true;
    };
    host.analysis_for = [this](const fs::path& path) -> Analysis& { return AnalysisFor(path); };
    host.uri_of = [this](const SourceFile& file) { return UriOf(file); };
    host.open_paths = [this] {
      std::vector<fs::path> paths;
      for (const auto& [uri, d] : documents_) paths.push_back(d.path);
      return paths;
    };
    host.overlay = &overlay_;
    host.stdlib = stdlib_;
    return host;
  }

  // Checks every project with a change whose diagnostics are not published yet, completely,
  // and publishes them; then frees the analyses replaced since.
  void PublishDue() {
    std::map<fs::path, std::string> due;
    due.swap(due_);
    for (const auto& [project, uri] : due) {
      auto doc = documents_.find(uri);
      if (doc == documents_.end()) continue;  // closed since
      Analysis& analysis = AnalysisFor(doc->second.path);
      lsp::Complete(analysis);
      Publish(uri, analysis);
    }
    retired_.clear();
  }

  // The URI of a loaded file: the one the client opened it by (its spelling of the path may
  // differ from ours: escapes, links), else one made from the canonical path.
  std::string UriOf(const SourceFile& file) const {
    fs::path path = lsp::CanonicalPath(file.path());
    auto it = uri_of_path_.find(path.string());
    return it != uri_of_path_.end() ? it->second : PathToUri(path);
  }

  // The analysis of the project folder of `path`, run again when a buffer changed since: its
  // first stage (loaded and checked), which the editor's requests need; lsp::Complete adds the
  // rest.
  Analysis& AnalysisFor(const fs::path& path) {
    fs::path project = path.parent_path();
    if (!analysis_ || analysis_generation_ != generation_ || analysis_->project != project) {
      // The replaced analysis is freed when the server is idle, not while a request waits
      // (a 10,000-line project's trees take milliseconds to free), but two at most are kept.
      if (analysis_) {
        if (retired_.size() >= 2) retired_.erase(retired_.begin());
        retired_.push_back(std::move(analysis_));
      }
      analysis_ = std::make_shared<Analysis>();
      lsp::Analyze(project, stdlib_, overlay_, path, *analysis_);
      analysis_generation_ = generation_;
      // The open files this analysis checked are remembered with it (completion works from it
      // while they are half-typed).
      if (analysis_->checked.model) {
        for (const auto& [uri, document] : documents_) {
          if (analysis_->ModuleOf(document.path)) last_good_[document.path] = analysis_;
        }
      }
    }
    return *analysis_;
  }

  // Publishes the diagnostics of every file of the analysed project (an empty list for each that
  // had some before and is clean now). Those without a place go on `uri`, at its start.
  void Publish(const std::string& uri, const Analysis& analysis) {
    std::map<std::string, json> by_uri;
    by_uri[uri] = json::array();
    std::map<uint32_t, std::unique_ptr<LineIndex>> indexes;
    auto index_of = [&](FileId file) -> const LineIndex& {
      auto& slot = indexes[file.value];
      if (!slot) slot = std::make_unique<LineIndex>(analysis.sources.Get(file).text());
      return *slot;
    };
    auto location = [&](Span span) -> json {
      const SourceFile& file = analysis.sources.Get(span.file);
      return {{"uri", UriOf(file)},
              {"range", RangeJson(index_of(span.file), span.begin, span.end)}};
    };
    for (const Diagnostic& d : analysis.diagnostics) {
      const DiagKindInfo& info = Info(d.kind);
      json diagnostic = {{"severity", d.severity == Severity::kError     ? 1
                                      : d.severity == Severity::kWarning ? 2
                                                                         : 3},
                         {"code", std::string(info.code)},
                         {"source", "caios"},
                         {"message", d.message}};
      std::string target = uri;
      if (d.span.valid()) {
        json place = location(d.span);
        target = place["uri"];
        diagnostic["range"] = place["range"];
      } else {
        diagnostic["range"] = {{"start", ToJson({0, 0})}, {"end", ToJson({0, 0})}};
      }
      json related = json::array();
      for (const SpanLabel& label : d.labels) {
        if (label.span.valid())
          related.push_back({{"location", location(label.span)}, {"message", label.message}});
      }
      std::string unplaced;
      for (const DiagNote& note : d.notes) {
        if (note.span && note.span->valid()) {
          related.push_back({{"location", location(*note.span)}, {"message", note.message}});
        } else {
          unplaced += "\nnote: " + note.message;
        }
      }
      diagnostic["message"] = d.message + unplaced;
      if (!related.empty()) diagnostic["relatedInformation"] = std::move(related);
      by_uri[target].push_back(std::move(diagnostic));
    }
    // Files that had diagnostics from this project before and have none now are cleared.
    std::set<std::string>& previous = published_[analysis.project];
    for (const std::string& old : previous) {
      if (!by_uri.count(old)) by_uri[old] = json::array();
    }
    previous.clear();
    for (auto& [file_uri, diagnostics] : by_uri) {
      if (!diagnostics.empty()) previous.insert(file_uri);
      Notify("textDocument/publishDiagnostics",
             {{"uri", file_uri}, {"diagnostics", std::move(diagnostics)}});
    }
  }

  fs::path stdlib_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& log_;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::map<std::string, Document> documents_;       // by URI
  std::map<std::string, std::string> uri_of_path_;  // canonical path -> the client's URI
  std::map<std::string, std::string> overlay_;      // canonical path -> unsaved text
  // By project folder: the URIs whose diagnostics from it are shown.
  std::map<fs::path, std::set<std::string>> published_;
  uint64_t generation_ = 0;  // bumped on every buffer change
  // Projects whose diagnostics are due (a buffer of theirs changed), with the URI that gets
  // the diagnostics without a place.
  std::map<fs::path, std::string> due_;
  // Replaced, freed when idle (unless one is still the last good analysis of an open file).
  std::vector<std::shared_ptr<Analysis>> retired_;
  std::shared_ptr<Analysis> analysis_;
  // By canonical path of an open file: the last analysis in which it loaded.
  std::map<fs::path, std::shared_ptr<const Analysis>> last_good_;
  uint64_t analysis_generation_ = 0;
};

}  // namespace

int RunLsp(const LspOptions& options, std::istream& in, std::ostream& out, std::ostream& log) {
  std::string problem;
  std::optional<fs::path> stdlib = FindStdlibDir(options.stdlib, problem);
  if (!stdlib) {
    log << "error: " << problem << '\n';
    return 2;
  }
  Server server(*stdlib, in, out, log);
  return server.Run();
}

}  // namespace caios
