#include "compiler/driver/local_cloud.h"

#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace caios {

namespace fs = std::filesystem;

std::string LocalCloudInstallHint(std::string_view command) {
  return "`caios " + std::string(command) +
         "` needs python3 with moto 5.2 (and node for JSONata flows): run "
         "`scripts/setup.sh --with-python` in the caios repository, or `python3 -m pip install "
         "-r requirements-test.txt`; CAIOS_PYTHON names another Python";
}

std::string RunnerPython(const fs::path& localcloud) {
  const char* named = std::getenv("CAIOS_PYTHON");
  if (named != nullptr && *named != '\0') return named;
  std::error_code ec;
  fs::path venv = localcloud / ".." / ".venv" / "bin" / "python3";
  if (fs::exists(venv, ec)) return venv.lexically_normal().string();
  return "python3";
}

bool TempDir::Create(std::string& problem) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/caios-run-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    problem = "cannot create a temporary folder in " + pattern.substr(0, pattern.rfind('/')) +
              ": " + std::strerror(errno);
    return false;
  }
  path_ = buffer.data();
  return true;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

std::vector<std::string> BuiltFlows(const fs::path& build) {
  std::vector<std::string> flows;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(build / "statemachines", ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".asl.json")) flows.push_back(name.substr(0, name.size() - 9));
  }
  std::sort(flows.begin(), flows.end());
  return flows;
}

int Spawn(const std::vector<std::string>& argv, std::string& problem) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore = {}, saved = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &saved);
  pid_t pid = 0;
  int error = posix_spawnp(&pid, args[0], nullptr, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  int status = 0;
  if (error == 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  sigaction(SIGINT, &saved, nullptr);
  if (error != 0) {
    problem = "cannot start `" + argv[0] + "`: " + std::strerror(error);
    return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  problem = "`" + argv[0] + "` was stopped by signal " + std::to_string(WTERMSIG(status));
  return -1;
}

}  // namespace caios
