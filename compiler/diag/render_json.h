// The JSON renderer (`--diagnostics json`): one document with every diagnostic and a summary,
// for editors and scripts. The shape is documented in docs/cli.md.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "nlohmann/json.hpp"

namespace caios {

// {"version":1,"diagnostics":[...],"summary":{"errors":N,"warnings":N}}
nlohmann::json DiagnosticsToJson(const std::vector<Diagnostic>& diagnostics,
                                 const SourceManager& sources,
                                 const std::filesystem::path& base_dir);

// Writes the document, indented, with a final newline. Invalid UTF-8 is replaced by U+FFFD.
void RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                const std::filesystem::path& base_dir, std::ostream& out);

}  // namespace caios
