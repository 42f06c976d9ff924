#include "compiler/source/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fmt/format.h"

namespace caios {

namespace {

// Closes the descriptor on every path out of ReadSourceFile.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string KindName(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Whether `st` is the same open file as the process's standard input.
bool IsStandardInput(const struct stat& st) {
  struct stat in;
  return ::fstat(STDIN_FILENO, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino;
}

ReadResult Fail(ReadStatus status, std::string why) {
  ReadResult r;
  r.status = status;
  r.why = std::move(why);
  return r;
}

ReadResult OpenError(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return Fail(ReadStatus::kNotFound, "no such file");
    case EACCES:
    case EPERM:
      return Fail(ReadStatus::kDenied, "permission denied");
    case ENXIO:  // opening a socket, or a device without its driver
      return Fail(ReadStatus::kNotRegular, "it is not a regular file");
    default:
      return Fail(ReadStatus::kReadError, std::strerror(error));
  }
}

}  // namespace

ReadResult ReadSourceFile(const std::filesystem::path& path, size_t max_bytes) {
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (file.fd < 0) return OpenError(errno);
  struct stat st;
  if (::fstat(file.fd, &st) != 0) return Fail(ReadStatus::kReadError, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Fail(ReadStatus::kDirectory, "it is a directory");
  bool from_stdin = false;
  if (!S_ISREG(st.st_mode)) {
    from_stdin = S_ISFIFO(st.st_mode) && IsStandardInput(st);
    if (!from_stdin) {
      return Fail(ReadStatus::kNotRegular,
                  fmt::format("it is {}, not a regular file", KindName(st.st_mode)));
    }
  } else {
    from_stdin = IsStandardInput(st);
  }
  // Blocking reads from here on: a regular file never blocks, and the standard input as a
  // pipe waits for its writer as any filter does.
  int flags = ::fcntl(file.fd, F_GETFL);
  if (flags >= 0) ::fcntl(file.fd, F_SETFL, flags & ~O_NONBLOCK);

  ReadResult result;
  result.from_stdin = from_stdin;
  std::string& text = result.text;
  // The size is only a hint for the first allocation; the limit is checked on the bytes read.
  // A pipe has no size: reserving the limit costs address space only (untouched pages are not
  // resident) and saves the copies of a growing buffer, so memory stays at the bytes read.
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    text.reserve(std::min<size_t>(static_cast<size_t>(st.st_size), max_bytes) + 1);
  } else if (!S_ISREG(st.st_mode)) {
    text.reserve(max_bytes + 1);
  }
  constexpr size_t kChunk = size_t{1} << 16;
  while (true) {
    size_t used = text.size();
    // Read at most one byte past the limit: enough to know the input is too large.
    size_t want = std::min(kChunk, max_bytes + 1 - used);
    text.resize(used + want);
    ssize_t n = ::read(file.fd, text.data() + used, want);
    if (n < 0) {
      if (errno == EINTR) {
        text.resize(used);
        continue;
      }
      return Fail(errno == EISDIR ? ReadStatus::kDirectory : ReadStatus::kReadError,
                  errno == EISDIR ? "it is a directory" : std::strerror(errno));
    }
    text.resize(used + static_cast<size_t>(n));
    if (n == 0) break;
    if (text.size() > max_bytes) {
      return Fail(ReadStatus::kTooLarge,
                  fmt::format("it is larger than {} MiB, the limit", max_bytes >> 20));
    }
  }
  return result;
}

}  // namespace caios
