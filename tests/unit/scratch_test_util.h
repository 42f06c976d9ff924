// Scratch folders for the tests that write files, and whole files written and read back.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <system_error>

namespace caios::testing {

// A fresh scratch folder, removed at the end of the test.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("caios-unit-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// Writes `text` to `path`, creating the folders on the way.
inline void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The whole content of `path` ("" when it cannot be read).
inline std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace caios::testing
