// What an output folder of `build` or `graph` must never be or contain: the inputs, the loaded
// sources, the stdlib, the working directory, the functions' code (docs/cli.md, `-o`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/driver/output_files.h"
#include "compiler/modules/program.h"

namespace caios {

std::vector<ProtectedPath> ProtectedPaths(const std::vector<std::string>& inputs,
                                          const Program& program,
                                          const std::filesystem::path& stdlib,
                                          const std::vector<ProtectedPath>& code_folders);

}  // namespace caios
