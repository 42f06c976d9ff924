// The JSON side of `caios lsp`'s navigation requests (references, highlights, rename, code
// actions, folding ranges, workspace symbols): parameters in, LSP results or errors out
// (docs/editors.md). The server hands in what it keeps: open documents and analyses.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/driver/lsp_analysis.h"
#include "nlohmann/json.hpp"

namespace caios::lsp {

struct NavigationHost {
  // The text and canonical path of the open document `uri`; false when it is not open.
  std::function<bool(const std::string& uri, std::string& text, std::filesystem::path& path)>
      document;
  // The analysis of the project of the file at canonical `path` (valid until the next call);
  // its first stage, which lsp::Complete completes when the diagnostics are needed.
  std::function<Analysis&(const std::filesystem::path& path)> analysis_for;
  // The URI the client knows a loaded file by.
  std::function<std::string(const SourceFile& file)> uri_of;
  // The canonical path of every open document.
  std::function<std::vector<std::filesystem::path>()> open_paths;
  const std::map<std::string, std::string>* overlay = nullptr;  // the unsaved buffers
  std::filesystem::path stdlib;
};

struct NavigationResponse {
  nlohmann::json result;
  int error_code = 0;  // a JSON-RPC error code when the request is refused
  std::string error;
};

// Whether `method` is one of the requests HandleNavigationRequest answers.
bool IsNavigationRequest(std::string_view method);
NavigationResponse HandleNavigationRequest(const std::string& method, const nlohmann::json& params,
                                           const NavigationHost& host);

}  // namespace caios::lsp
