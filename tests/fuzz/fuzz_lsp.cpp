// libFuzzer target for the language server's text-change path (docs/architecture.md,
// "Fuzzing"): a session that opens a buffer with the first half of the input, changes it to the
// whole input (a half-typed file becoming another one), and asks for diagnostics, symbols,
// hover, definition, completion, signature help, semantic tokens and formatting at positions
// taken from the input, then shuts down. The server must answer every request and end the
// session normally, whatever the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
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
    for (const char* method : {"textDocument/hover", "textDocument/definition",
                               "textDocument/completion", "textDocument/signatureHelp"}) {
      session += Frame({{"jsonrpc", "2.0"},
                        {"id", ++id},
                        {"method", method},
                        {"params", {{"textDocument", doc}, {"position", position}}}});
    }
  }
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

  std::istringstream in(session);
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
  return 0;
}
