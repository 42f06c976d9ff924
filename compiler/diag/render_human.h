// The human renderer: `path:line:col: error[E0101]: message`, the source lines with a gutter,
// a caret under the primary span, labelled secondary spans, notes, a fix-it and a summary.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

struct HumanRenderOptions {
  bool color = false;              // ANSI colours (the driver decides: TTY and no NO_COLOR)
  std::filesystem::path base_dir;  // files below it are shown with relative paths
  size_t max_width = 100;          // source columns shown per line; longer lines get a window
};

// Renders one diagnostic (no summary line).
void RenderHumanDiagnostic(const Diagnostic& diagnostic, const SourceManager& sources,
                           const HumanRenderOptions& options, std::ostream& out);

// Renders every diagnostic, in the given order, then the summary line ("error: 2 errors
// emitted"); prints nothing at all for an empty list.
void RenderHuman(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                 const HumanRenderOptions& options, std::ostream& out);

}  // namespace caios
