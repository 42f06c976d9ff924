#include "compiler/driver/graphviz.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

extern char** environ;

namespace caios {
namespace {

namespace fs = std::filesystem;

// A folder only this process can use, removed when the object goes away.
class TempFolder {
 public:
  TempFolder() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "caios-graph-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::optional<std::string> RenderWithGraphviz(const std::string& dot_text,
                                              const std::string& format, std::string& problem) {
  TempFolder folder;
  if (folder.path().empty()) {
    problem = std::string("cannot create a temporary folder: ") + std::strerror(errno);
    return std::nullopt;
  }
  const fs::path input = folder.path() / "diagram.dot";
  const fs::path output = folder.path() / ("diagram." + format);
  {
    std::ofstream file(input, std::ios::binary);
    file << dot_text;
    if (!file.flush()) {
      problem = "cannot write the temporary file " + input.string();
      return std::nullopt;
    }
  }
  const std::string type = "-T" + format;
  const std::string out_arg = "-o" + output.string();
  const std::string in_arg = input.string();
  std::vector<char*> argv = {const_cast<char*>("dot"), const_cast<char*>(type.c_str()),
                             const_cast<char*>(out_arg.c_str()), const_cast<char*>(in_arg.c_str()),
                             nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    problem = spawned == ENOENT
                  ? "`dot` (Graphviz) is not installed; install it (Debian: `apt install "
                    "graphviz`) or use `--format dot` or `--format mermaid`"
                  : std::string("cannot run `dot`: ") + std::strerror(spawned);
    return std::nullopt;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      problem = std::string("cannot wait for `dot`: ") + std::strerror(errno);
      return std::nullopt;
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    problem = "`dot` failed to render the diagram (exit status " +
              std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return std::nullopt;
  }
  std::ifstream file(output, std::ios::binary);
  if (!file.is_open()) {
    problem = "`dot` wrote no " + format + " file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace caios
