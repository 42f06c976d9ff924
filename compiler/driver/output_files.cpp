#include "compiler/driver/output_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "compiler/base/parallel_for.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)  // linux/fs.h; older C libraries do not declare it
#endif

namespace caios {
namespace fs = std::filesystem;

namespace {

// A file name may have 255 bytes (NAME_MAX on Linux, macOS and Windows file systems). A
// staging name is "." + part of the target's name + ".tmp-" + 16 hex digits, so the part is
// cut to leave room for the rest: any legal output folder name gets a legal staging name.
constexpr size_t kMaxFileName = 255;
constexpr size_t kRandomDigits = 16;
constexpr size_t kMaxNamePart = kMaxFileName - 1 - 5 - kRandomDigits;

// Staging folders hold the new output until the swap ("tmp"; after an exchange, the old
// output until it is deleted), or the old output in the fallback without exchange ("old").
constexpr std::string_view kTags[] = {"tmp", "old"};

std::string NamePart(const fs::path& target) {
  std::string name = target.filename().string();
  if (name.size() > kMaxNamePart) name.resize(kMaxNamePart);
  return name;
}

std::string SiblingName(const std::string& name_part, std::string_view tag) {
  std::random_device rd;
  const uint64_t random = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  char digits[kRandomDigits + 1];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(random));
  return "." + name_part + "." + std::string(tag) + "-" + digits;
}

// True for a name SiblingName(name_part, tmp|old) could have produced.
bool IsSiblingName(std::string_view name, const std::string& name_part) {
  const std::string prefix = "." + name_part + ".";
  if (!name.starts_with(prefix)) return false;
  name.remove_prefix(prefix.size());
  if (name.size() != 4 + kRandomDigits) return false;
  if (!std::any_of(std::begin(kTags), std::end(kTags), [&](std::string_view tag) {
        return name.substr(0, 4) == std::string(tag) + "-";
      })) {
    return false;
  }
  return std::all_of(name.begin() + 4, name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// True when `dir` holds the marker (a regular file, not a link) with exactly the fixed text.
bool HasMarker(const fs::path& dir) {
  const fs::path marker = dir / kOutputMarkerName;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(marker, ec))) return false;
  if (fs::file_size(marker, ec) != kOutputMarkerText.size() || ec) return false;
  std::ifstream in(marker, std::ios::binary);
  std::string text(kOutputMarkerText.size(), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return in && text == kOutputMarkerText;
}

// True when `dir` has no entries other than ones named `only` (or none at all). Unreadable
// folders are not empty.
bool HasOnly(const fs::path& dir, std::string_view only) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return false;
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec || it->path().filename().native() != only) return false;
  }
  return !ec;
}

bool IsEmptyFolder(const fs::path& dir) { return HasOnly(dir, {}); }

// Deletes `path` and everything below it without following links. Folders are made writable
// first: a read-only old output (`chmod -R a-w out`) must not stay behind. The marker goes
// last, so a build killed halfway leaves a folder that the next build still recognises.
void RemoveTree(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    fs::remove(path, ec);
    return;
  }
  const auto kOwnerAll = fs::perms::owner_all;
  fs::permissions(path, kOwnerAll, fs::perm_options::add, ec);
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (it->symlink_status(entry_ec).type() == fs::file_type::directory) {
      fs::permissions(it->path(), kOwnerAll, fs::perm_options::add, entry_ec);
    }
  }
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename() != kOutputMarkerName) entries.push_back(it->path());
  }
  for (const fs::path& entry : entries) fs::remove_all(entry, ec);
  // Errors are ignored: whatever is left, a later build removes.
  fs::remove(path / kOutputMarkerName, ec);
  fs::remove(path, ec);
}

// An open folder with an exclusive advisory lock (flock), released when closed or when the
// process dies, even by `kill -9`: a locked staging folder belongs to a running build.
class LockedFolder {
 public:
  LockedFolder() = default;
  LockedFolder(const LockedFolder&) = delete;
  LockedFolder& operator=(const LockedFolder&) = delete;
  ~LockedFolder() { Close(); }

  // Opens `dir` (not through a link) and locks it; `wait` blocks until the lock is free.
  bool Lock(const fs::path& dir, bool wait) {
    Close();
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd_ < 0) return false;
    while (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
      if (errno == EINTR) continue;
      Close();
      return false;
    }
    return true;
  }
  // True when `dir` still names the folder that is locked (nobody removed or replaced it).
  bool Names(const fs::path& dir) const {
    struct stat locked, named;
    return fd_ >= 0 && ::fstat(fd_, &locked) == 0 && ::lstat(dir.c_str(), &named) == 0 &&
           locked.st_dev == named.st_dev && locked.st_ino == named.st_ino;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// Removes the staging folders that earlier builds of the same target left behind when they
// were killed: names this file makes, not locked by a running build, and holding the marker
// (or nothing but, possibly, the marker: a build killed right after creating the folder).
// Anything else is left alone.
void RemoveStaleSiblings(const fs::path& parent, const std::string& name_part) {
  std::error_code ec;
  std::vector<fs::path> candidates;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (IsSiblingName(it->path().filename().string(), name_part) &&
        it->symlink_status(entry_ec).type() == fs::file_type::directory) {
      candidates.push_back(it->path());
    }
  }
  for (const fs::path& dir : candidates) {
    LockedFolder lock;
    if (!lock.Lock(dir, /*wait=*/false)) continue;  // a running build's, or gone
    if (HasMarker(dir) || HasOnly(dir, kOutputMarkerName)) RemoveTree(dir);
  }
}

// Creates a fresh staging folder beside the target and locks it. A concurrent build may
// remove a folder that is still empty and unlocked; then another name is tried.
bool CreateStaging(const fs::path& parent, const std::string& name_part, fs::path& staging,
                   LockedFolder& lock, std::string& problem) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    staging = parent / SiblingName(name_part, "tmp");
    if (::mkdir(staging.c_str(), 0777) != 0) {
      if (errno == EEXIST) continue;
      problem = "cannot create `" + staging.string() + "`: " + std::strerror(errno);
      return false;
    }
    if (lock.Lock(staging, /*wait=*/true) && lock.Names(staging)) return true;
  }
  problem = "cannot create a staging folder in `" + parent.string() + "`";
  return false;
}

// A relative path that stays inside the folder it is relative to.
bool IsContainedRelative(const std::string& relative) {
  fs::path p(relative);
  if (p.empty() || p.is_absolute() || p.has_root_name()) return false;
  return std::none_of(p.begin(), p.end(), [](const fs::path& part) {
    return part.empty() || part == ".." || part == ".";
  });
}

// Swaps two existing paths atomically: afterwards `a` names what `b` named and vice versa.
// Returns 0 or the errno; ENOSYS where the system has no such call.
int Exchange(const fs::path& a, const fs::path& b) {
#if defined(__linux__) && defined(SYS_renameat2)
  if (::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) {
    return 0;
  }
  return errno;
#else
  (void)a;
  (void)b;
  return ENOSYS;
#endif
}

// Moves `staging` to `target`. With an existing target the two are exchanged in one step, so
// `target` exists at every moment; `staging` then names the old output. Where the system or
// file system cannot exchange, the old output is renamed aside first (`old`, empty when there
// was none). Returns false with `problem` and `target` as it was.
bool MoveIntoPlace(const fs::path& staging, const fs::path& target, const std::string& name_part,
                   fs::path& old, std::string& problem) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::error_code ec;
    const bool exists = fs::exists(fs::symlink_status(target, ec));
    if (!exists) {
      if (::rename(staging.c_str(), target.c_str()) == 0) return true;
      if (errno == EEXIST || errno == ENOTEMPTY) continue;  // a concurrent build created it
      problem = "cannot move the output into `" + target.string() + "`: " + std::strerror(errno);
      return false;
    }
    const int error = Exchange(staging, target);
    if (error == 0) return true;
    if (error == ENOENT) continue;  // a concurrent build moved it away
    if (error != ENOSYS && error != EINVAL && error != ENOTSUP && error != EOPNOTSUPP) {
      problem = "cannot replace `" + target.string() + "`: " + std::strerror(error);
      return false;
    }
    // No exchange here: two renames, with a moment in between when `target` does not exist.
    old = target.parent_path() / SiblingName(name_part, "old");
    if (::rename(target.c_str(), old.c_str()) != 0) {
      problem = "cannot replace `" + target.string() + "`: " + std::strerror(errno);
      old.clear();
      return false;
    }
    if (::rename(staging.c_str(), target.c_str()) != 0) {
      problem = "cannot move the output into `" + target.string() + "`: " + std::strerror(errno);
      ::rename(old.c_str(), target.c_str());
      old.clear();
      return false;
    }
    return true;
  }
  problem = "cannot replace `" + target.string() + "`: it keeps changing (another build?)";
  return false;
}

// Writes `content` to the file `name` in the open folder `dir` (or, for AT_FDCWD, to the path
// `name`), created or truncated without following a link.
bool WriteNewFile(int dir, const char* name, std::string_view content) {
  const int fd = ::openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return false;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

// The open folders a build's files go into, closed when it ends.
class OpenFolders {
 public:
  OpenFolders() = default;
  OpenFolders(const OpenFolders&) = delete;
  OpenFolders& operator=(const OpenFolders&) = delete;
  ~OpenFolders() {
    for (int fd : fds_) ::close(fd);
  }
  // Opens folder `path` (not through a link); its index, or -1.
  int Open(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    fds_.push_back(fd);
    return static_cast<int>(fds_.size()) - 1;
  }
  int fd(int index) const { return fds_[static_cast<size_t>(index)]; }

 private:
  std::vector<int> fds_;
};

// The path with links resolved as far as it exists, for comparing locations.
fs::path Resolved(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (ec) resolved = absolute;
  resolved = resolved.lexically_normal();
  if (resolved.filename().empty() && resolved.has_relative_path())
    resolved = resolved.parent_path();
  return resolved;
}

// True when `folder` is `path` or one of its ancestors.
bool EqualsOrContains(const fs::path& folder, const fs::path& path) {
  return std::mismatch(folder.begin(), folder.end(), path.begin(), path.end()).first ==
         folder.end();
}

}  // namespace

bool WriteOutputFolder(const fs::path& target_in, const OutputFiles& files,
                       const OutputFolderOptions& options, std::string& problem) {
  std::error_code ec;
  fs::path target = fs::absolute(target_in, ec).lexically_normal();
  if (target.filename().empty() && target.has_relative_path()) target = target.parent_path();
  const std::string shown = "`" + target_in.string() + "`";
  if (!target.has_relative_path()) {
    problem = "refusing to write the output to " + shown +
              ": it is a root folder, and `caios build` replaces the output folder as a whole";
    return false;
  }

  // Data the build must never delete: the output folder replaces whatever it contains.
  const fs::path resolved_target = Resolved(target);
  // Paths are often named many times (every function of a generated program may share one
  // code folder): resolving each once saves a readlink per path component and name.
  std::unordered_set<std::string> judged;
  for (const ProtectedPath& p : options.protected_paths) {
    if (!judged.insert(p.path.native()).second) continue;
    if (EqualsOrContains(resolved_target, Resolved(p.path))) {
      problem = "refusing to write the output to " + shown + ": it " +
                (Resolved(p.path) == resolved_target ? "is " : "contains ") + p.what +
                ", and `caios build` replaces the output folder as a whole; choose a folder "
                "of its own, such as `-o out`";
      return false;
    }
  }
  const fs::file_status status = fs::symlink_status(target, ec);
  const bool exists = fs::exists(status);
  if (exists && !fs::is_directory(fs::status(target, ec))) {
    problem = shown + " exists and is not a folder";
    return false;
  }
  if (exists && !options.force && !HasMarker(target) && !IsEmptyFolder(target)) {
    problem = "refusing to replace " + shown + ": it holds files that caios did not write (it " +
              "has no `" + std::string(kOutputMarkerName) +
              "` marker), and `caios build` replaces the output folder as a whole; choose " +
              "another folder, or pass --force to replace it with its contents";
    return false;
  }

  const fs::path parent = target.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    problem = "cannot create `" + parent.string() + "`: " + ec.message();
    return false;
  }
  const std::string name_part = NamePart(target);
  RemoveStaleSiblings(parent, name_part);

  fs::path staging;
  LockedFolder lock;
  if (!CreateStaging(parent, name_part, staging, lock, problem)) return false;
  auto fail = [&](std::string message) {
    problem = std::move(message);
    RemoveTree(staging);
    return false;
  };
  // The marker first: a staging folder killed from here on is recognisably caios's.
  for (const auto& [relative, content] : files) {
    if (!IsContainedRelative(relative) || relative == kOutputMarkerName) {
      std::fprintf(stderr, "caios internal error: output file `%s` is not inside the folder\n",
                   relative.c_str());
      std::abort();
    }
  }
  if (!WriteNewFile(AT_FDCWD, (staging / kOutputMarkerName).c_str(), kOutputMarkerText)) {
    return fail("cannot write `" + (staging / kOutputMarkerName).string() + "`");
  }
  // The folders first, on this thread (`files` is sorted, so a folder's files are usually
  // adjacent), each created and opened once, then the files on up to `options.jobs` threads,
  // each created by its name in its open folder: creating thousands of files is mostly the
  // kernel's work, which threads share, and a name in an open folder spares the kernel a walk
  // of the whole path (docs/performance.md, "Less work per flow"). A folder that cannot be
  // opened (no descriptor left, say) has its files created by their whole paths instead. A
  // failure is reported for the first failing file in order, whichever thread met it.
  {
    struct Entry {
      int folder;                   // index into `folders`, or -1: by the whole path
      const std::string* relative;  // the file's path in the output folder
      const char* name;             // the file's name, inside the folder
      std::string_view content;
    };
    std::vector<Entry> entries;
    entries.reserve(files.size());
    OpenFolders folders;
    std::optional<std::string_view> made;  // the relative folder of the last file, "" for the top
    int made_index = -1;
    for (const auto& [relative, content] : files) {
      const size_t slash = relative.rfind('/');
      const std::string_view folder = slash == std::string::npos
                                          ? std::string_view()
                                          : std::string_view(relative).substr(0, slash);
      if (made != folder) {
        const fs::path path = folder.empty() ? staging : staging / folder;
        std::error_code dir_ec;
        fs::create_directories(path, dir_ec);
        made = folder;
        made_index = folders.Open(path);
      }
      entries.push_back({made_index, &relative,
                         relative.c_str() + (slash == std::string::npos ? 0 : slash + 1), content});
    }
    std::vector<char> written(entries.size(), 0);
    ParallelFor(entries.size(), options.jobs, [&](size_t i) {
      const Entry& e = entries[i];
      written[i] = e.folder >= 0
                       ? WriteNewFile(folders.fd(e.folder), e.name, e.content)
                       : WriteNewFile(AT_FDCWD, (staging / *e.relative).c_str(), e.content);
    });
    size_t i = 0;
    for (const auto& entry : files) {
      if (!written[i++]) return fail("cannot write `" + (staging / entry.first).string() + "`");
    }
  }  // every file and folder is closed before the staging folder moves
  fs::path old;
  if (!MoveIntoPlace(staging, target, name_part, old, problem)) return fail(problem);
  lock.Close();
  // After an exchange `staging` names the old output; after the fallback, `old` does.
  RemoveTree(staging);
  if (!old.empty()) RemoveTree(old);
  return true;
}

}  // namespace caios
