#include "compiler/driver/output_files.h"

#include <fstream>
#include <random>

namespace caios {
namespace fs = std::filesystem;

namespace {

fs::path Sibling(const fs::path& target, const std::string& tag) {
  std::random_device rd;
  std::string name = "." + target.filename().string() + "." + tag + "-" + std::to_string(rd());
  return target.parent_path() / name;
}

}  // namespace

bool WriteOutputFolder(const fs::path& target_in, const OutputFiles& files, std::string& problem) {
  std::error_code ec;
  fs::path target = fs::absolute(target_in, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
    problem = "`" + target_in.string() + "` exists and is not a folder";
    return false;
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    problem = "cannot create `" + target.parent_path().string() + "`: " + ec.message();
    return false;
  }
  fs::path staging = Sibling(target, "tmp");
  auto fail = [&](std::string message) {
    problem = std::move(message);
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    return false;
  };
  fs::create_directory(staging, ec);
  if (ec) return fail("cannot create `" + staging.string() + "`: " + ec.message());
  for (const auto& [relative, content] : files) {
    fs::path path = staging / relative;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream file(path, std::ios::binary);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) return fail("cannot write `" + path.string() + "`");
  }
  // Move the old folder aside, the new one in, then delete the old one.
  fs::path old;
  if (fs::exists(target, ec)) {
    old = Sibling(target, "old");
    fs::rename(target, old, ec);
    if (ec) return fail("cannot replace `" + target.string() + "`: " + ec.message());
  }
  fs::rename(staging, target, ec);
  if (ec) {
    std::error_code ignored;
    if (!old.empty()) fs::rename(old, target, ignored);
    return fail("cannot move the output into `" + target.string() + "`: " + ec.message());
  }
  if (!old.empty()) fs::remove_all(old, ec);
  return true;
}

}  // namespace caios
