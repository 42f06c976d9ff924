// libFuzzer target for the language server's text-change path (docs/architecture.md,
// "Fuzzing"): a session that opens a buffer with the first half of the input, changes it to the
// whole input (a half-typed file becoming another one), and asks for diagnostics, symbols,
// hover, definition, references, highlights, rename, completion, signature help, folding,
// workspace symbols, semantic tokens and formatting at positions
// taken from the input, then shuts down. The server must answer every request and end the
// session normally, whatever the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <istream>
#include <sstream>
#include <streambuf>
#include <string>

#include "compiler/driver/lsp_server.h"
#include "nlohmann/json.hpp"

namespace {

using Json = nlohmann::json;

std::string Frame(const Json& message) {
  std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// An empty project folder, made once: the buffer is the only file, read from the overlay.
const std::string& ProjectUri() {
  static const std::string uri = [] {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "caios-fuzz-lsp";
    std::filesystem::create_directories(dir);
    return "file://" + (dir / "main.caios").string();
  }();
  return uri;
}

// The session as a client sends it, a message at a time: nothing shows as waiting once a message
// is read, so the server publishes the diagnostics of each change (it holds them back while
// input is waiting; docs/editors.md, "Speed"), and the lowering and backend checks run too.
class Trickle : public std::streambuf {
 public:
  explicit Trickle(std::string text) : text_(std::move(text)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ >= text_.size()) return traits_type::eof();
    char* c = text_.data() + next_++;
    setg(c, c, c + 1);
    return traits_type::to_int_type(*c);
  }

 private:
  std::string text_;
  size_t next_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string& uri = ProjectUri();
  std::string session;
  int id = 0;
  session += Frame({{"jsonrpc", "2.0"},
                    {"id", ++id},
                    {"method", "initialize"},
                    {"params", {{"capabilities", Json::object()}}}});
  session += Frame({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", Json::object()}});
  session += Frame({{"jsonrpc", "2.0"},
                    {"method", "textDocument/didOpen"},
                    {"params",
                     {{"textDocument",
                       {{"uri", uri},
                        {"languageId", "caios"},
                        {"version", 1},
                        {"text", text.substr(0, size / 2)}}}}}});
  session += Frame({{"jsonrpc", "2.0"},
                    {"method", "textDocument/didChange"},
                    {"params",
                     {{"textDocument", {{"uri", uri}, {"version", 2}}},
                      {"contentChanges", Json::array({{{"text", text}}})}}}});
  const Json doc = {{"uri", uri}};
  session += Frame({{"jsonrpc", "2.0"},
                    {"id", ++id},
                    {"method", "textDocument/documentSymbol"},
                    {"params", {{"textDocument", doc}}}});
  for (size_t i = 0; i < 3 && i < size; ++i) {
    const Json position = {{"line", data[i] % 8}, {"character", data[size - 1 - i] % 40}};
    for (const char* method :
         {"textDocument/hover", "textDocument/definition", "textDocument/references",
          "textDocument/documentHighlight", "textDocument/prepareRename", "textDocument/completion",
          "textDocument/signatureHelp"}) {
      session += Frame({{"jsonrpc", "2.0"},
                        {"id", ++id},
                        {"method", method},
                        {"params", {{"textDocument", doc}, {"position", position}}}});
    }
    session += Frame({{"jsonrpc", "2.0"},
                      {"id", ++id},
                      {"method", "textDocument/rename"},
                      {"params",
                       {{"textDocument", doc},
                        {"position", position},
                        {"newName", i == 0 ? "renamed" : text.substr(0, i * 3)}}}});
    session += Frame({{"jsonrpc", "2.0"},
                      {"id", ++id},
                      {"method", "textDocument/codeAction"},
                      {"params",
                       {{"textDocument", doc},
                        {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", position}}},
                        {"context", {{"diagnostics", Json::array()}}}}}});
  }
  session += Frame({{"jsonrpc", "2.0"},
                    {"id", ++id},
                    {"method", "textDocument/foldingRange"},
                    {"params", {{"textDocument", doc}}}});
  session += Frame({{"jsonrpc", "2.0"},
                    {"id", ++id},
                    {"method", "workspace/symbol"},
                    {"params", {{"query", text.substr(0, 3)}}}});
  session += Frame({{"jsonrpc", "2.0"},
                    {"id", ++id},
                    {"method", "textDocument/semanticTokens/full"},
                    {"params", {{"textDocument", doc}}}});
  session += Frame(
      {{"jsonrpc", "2.0"},
       {"id", ++id},
       {"method", "textDocument/formatting"},
       {"params", {{"textDocument", doc}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}}});
  session += Frame({{"jsonrpc", "2.0"}, {"id", ++id}, {"method", "shutdown"}});
  session += Frame({{"jsonrpc", "2.0"}, {"method", "exit"}});

  Trickle input(std::move(session));
  std::istream in(&input);
  std::ostringstream out, log;
  const int exit = caios::RunLsp(caios::LspOptions{}, in, out, log);
  if (exit != 0) std::abort();  // a session that shuts down properly exits 0
  // Every request got its response.
  const std::string replies = out.str();
  for (int i = 1; i <= id; ++i) {
    if (replies.find("\"id\":" + std::to_string(i) + ",") == std::string::npos &&
        replies.find("\"id\":" + std::to_string(i) + "}") == std::string::npos) {
      std::abort();
    }
  }
  // The diagnostics of the change were published: the whole check ran on the text.
  if (replies.find("textDocument/publishDiagnostics") == std::string::npos) std::abort();
  return 0;
}
