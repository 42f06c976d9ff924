// Writing a build's files: refuse an output folder whose replacement would lose data, write
// everything into a fresh staging folder beside the target, then swap it in with one atomic
// exchange, so an interrupted build never leaves a half-written or missing output folder.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/files.h"

namespace caios {

// The file caios keeps in every output folder it writes; a folder without it (and not empty)
// holds files that caios did not write and is replaced only with --force (docs/cli.md).
inline constexpr std::string_view kOutputMarkerName = ".caios-output";
inline constexpr std::string_view kOutputMarkerText =
    "This folder was written by `caios build`, which replaces it as a whole.\n";

// A path that the output folder must never equal or contain: an input, the stdlib, a code
// folder, the working directory. `what` describes it in the refusal ("the input `x.caios`").
struct ProtectedPath {
  std::filesystem::path path;
  std::string what;
};

struct OutputFolderOptions {
  std::vector<ProtectedPath> protected_paths;
  bool force = false;  // --force: replace an existing folder that lacks the marker
  unsigned jobs = 0;   // files written in parallel; 0: one thread per core
};

// Replaces folder `target` with exactly `files` plus the marker. Refuses a target that equals
// or contains a protected path, and (without `force`) an existing non-empty folder without
// the marker. Removes stale staging folders of earlier killed builds of the same target. On
// failure returns false with `problem` set and leaves `target` as it was.
bool WriteOutputFolder(const std::filesystem::path& target, const OutputFiles& files,
                       const OutputFolderOptions& options, std::string& problem);

}  // namespace caios
