// Reading one source file safely: regular files only (FIFOs, devices and sockets are refused
// without blocking), a size limit enforced while reading, and the standard input as a pipe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace caios {

// A single source file may hold at most 64 MiB (E0007).
constexpr size_t kMaxSourceFileBytes = size_t{64} << 20;

enum class ReadStatus {
  kOk,
  kNotFound,
  kDenied,
  kDirectory,
  kNotRegular,  // a FIFO, device or socket (other than the standard input as a pipe)
  kTooLarge,
  kReadError,
};

struct ReadResult {
  ReadStatus status = ReadStatus::kOk;
  std::string text;         // the contents when kOk
  std::string why;          // a short reason otherwise ("it is a FIFO, not a regular file")
  bool from_stdin = false;  // the file is the process's standard input (a pipe or a file)
};

// Opens `path` without blocking (O_NONBLOCK, so a FIFO without a writer cannot hang the
// compiler), decides by fstat on the open descriptor (no race between a check and the open),
// and reads at most `max_bytes`: a longer input stops the read at `max_bytes + 1` bytes with
// kTooLarge, whatever the file claims as its size (/proc files say 0, pipes have none).
// A pipe is accepted only when it is the standard input itself (`caios check /dev/stdin`),
// because then the user chose to feed the compiler from it (docs/cli.md).
ReadResult ReadSourceFile(const std::filesystem::path& path,
                          size_t max_bytes = kMaxSourceFileBytes);

}  // namespace caios
