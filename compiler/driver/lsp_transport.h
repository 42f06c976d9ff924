// The base protocol of `caios lsp`: JSON-RPC 2.0 messages framed by a Content-Length header on
// a byte stream (docs/editors.md). Malformed input is skipped or reported, never trusted.
#pragma once

#include <chrono>
#include <cstddef>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace caios::lsp {

// A message body may hold at most this many bytes: a whole source file (64 MiB) with room for
// its JSON escaping. A longer one is read past and dropped.
inline constexpr size_t kMaxMessageBytes = size_t{96} << 20;
// A header block may hold at most this many bytes; a longer one is dropped.
inline constexpr size_t kMaxHeaderBytes = size_t{64} << 10;

struct Frame {
  enum class Status {
    kMessage,    // `body` holds a message's bytes (not yet parsed)
    kMalformed,  // a header block without a valid Content-Length, or over a limit: dropped
    kEnd,        // the stream ended (also in the middle of a message)
  };
  Status status = Status::kEnd;
  std::string body;
  std::string problem;  // kMalformed: why, for the log
};

// Reads the next frame: header lines up to an empty line (each ended by "\r\n"; a bare "\n" is
// accepted too), then exactly Content-Length bytes of body.
Frame ReadFrame(std::istream& in);

// JSON in a message may nest at most this deep: parsing is iterative, but copying and
// printing a JSON value recurse once per level, so deeper input is refused before parsing.
inline constexpr size_t kMaxJsonDepth = 256;

// Whether the arrays and objects of `body` (JSON or not) nest at most `max_depth` deep, counting
// brackets outside strings. Linear, no recursion.
bool JsonDepthWithin(std::string_view body, size_t max_depth = kMaxJsonDepth);

// Whether bytes of a next message are waiting in `in`'s buffer, or become readable from its
// source within `wait` (only an FdInput can wait; another stream that holds no buffered bytes
// says no at once, which only costs the server the chance to merge work).
bool WaitForInput(std::istream& in, std::chrono::milliseconds wait);

// An input stream buffer over a file descriptor (the server's standard input) that can tell
// whether input is waiting (`in_avail`, by poll(2) when its buffer is empty).
class FdInput : public std::streambuf {
 public:
  explicit FdInput(int fd) : fd_(fd) {}

  // Whether the descriptor becomes readable (or reaches its end) within `wait`.
  bool Wait(std::chrono::milliseconds wait);

 protected:
  int_type underflow() override;
  std::streamsize showmanyc() override;

 private:
  int fd_;
  char buffer_[1 << 16];
};

// Writes `body` with its Content-Length header and flushes.
void WriteFrame(std::ostream& out, const std::string& body);

}  // namespace caios::lsp
