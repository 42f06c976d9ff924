#include "compiler/driver/environment.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <system_error>

namespace caios {

namespace {

std::filesystem::path ExecutableDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path();
}

bool IsDir(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_directory(p, ec);
}

}  // namespace

std::optional<std::filesystem::path> FindStdlibDir(const std::string& option,
                                                   std::string& problem) {
  std::string named = option;
  std::string_view source = "--stdlib";
  if (named.empty()) {
    const char* env = std::getenv("CAIOS_STDLIB");
    if (env != nullptr && *env != '\0') named = env, source = "CAIOS_STDLIB";
  }
  if (!named.empty()) {
    if (IsDir(named)) return std::filesystem::path(named);
    problem = std::string("the stdlib folder `") + named + "` (from " + std::string(source) +
              ") is not a directory";
    return std::nullopt;
  }
  std::filesystem::path installed = ExecutableDir() / ".." / "share" / "caios" / "stdlib";
  if (IsDir(installed)) return installed.lexically_normal();
  return std::filesystem::path(CAIOS_SOURCE_STDLIB);
}

std::optional<std::filesystem::path> FindLocalCloudDir(std::string& problem) {
  std::error_code ec;
  const char* env = std::getenv("CAIOS_LOCALCLOUD");
  if (env != nullptr && *env != '\0') {
    std::filesystem::path named(env);
    if (std::filesystem::is_regular_file(named / "run.py", ec)) return named;
    problem =
        std::string("the local cloud folder `") + env + "` (from CAIOS_LOCALCLOUD) holds no run.py";
    return std::nullopt;
  }
  std::filesystem::path installed = ExecutableDir() / ".." / "share" / "caios" / "localcloud";
  if (IsDir(installed)) return installed.lexically_normal();
  return std::filesystem::path(CAIOS_SOURCE_LOCALCLOUD);
}

bool IsTerminal(const std::ostream& stream) {
  if (&stream == &std::cout) return isatty(STDOUT_FILENO) != 0;
  if (&stream == &std::cerr || &stream == &std::clog) return isatty(STDERR_FILENO) != 0;
  return false;
}

bool WantColorAuto(const std::ostream& stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return IsTerminal(stream);
}

}  // namespace caios
