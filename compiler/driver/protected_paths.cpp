#include "compiler/driver/protected_paths.h"

namespace caios {

std::vector<ProtectedPath> ProtectedPaths(const std::vector<std::string>& inputs,
                                          const Program& program,
                                          const std::filesystem::path& stdlib,
                                          const std::vector<ProtectedPath>& code_folders) {
  std::vector<ProtectedPath> paths;
  for (const std::string& input : inputs) {
    paths.push_back({input, "the input `" + input + "`"});
  }
  for (const LoadedModule& m : program.modules) {
    paths.push_back({m.path, "the source file `" + m.path.string() + "`"});
  }
  paths.push_back({stdlib, "the standard library folder `" + stdlib.string() + "`"});
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (!ec) paths.push_back({cwd, "the current folder"});
  paths.insert(paths.end(), code_folders.begin(), code_folders.end());
  return paths;
}

}  // namespace caios
