// Writing a build's files: all into a fresh temporary folder beside the target, then one rename,
// so a failed or interrupted build never leaves a half-written output folder.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace caios {

// Relative path → content.
using OutputFiles = std::map<std::string, std::string>;

// Replaces folder `target` with exactly `files`. On failure returns false with `problem` set and
// leaves `target` as it was.
bool WriteOutputFolder(const std::filesystem::path& target, const OutputFiles& files,
                       std::string& problem);

}  // namespace caios
