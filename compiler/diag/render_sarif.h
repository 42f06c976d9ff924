// The SARIF 2.1.0 renderer (`--diagnostics sarif`) for code-scanning UIs: one run whose tool
// lists every registry kind as a rule, and one result per diagnostic.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "nlohmann/json.hpp"

namespace caios {

// Artifact uris are relative to `base_dir` (with uriBaseId "%SRCROOT%") when the file lies
// below it, else absolute file: uris.
nlohmann::json DiagnosticsToSarif(const std::vector<Diagnostic>& diagnostics,
                                  const SourceManager& sources,
                                  const std::filesystem::path& base_dir);

void RenderSarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                 const std::filesystem::path& base_dir, std::ostream& out);

// Percent-encodes a path for a URI (RFC 3986 unreserved characters and '/' stay).
std::string PercentEncodePath(const std::string& path);

}  // namespace caios
