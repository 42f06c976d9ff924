// The base protocol of `caios lsp`: JSON-RPC 2.0 messages framed by a Content-Length header on
// a byte stream (docs/editors.md). Malformed input is skipped or reported, never trusted.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
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

// Writes `body` with its Content-Length header and flushes.
void WriteFrame(std::ostream& out, const std::string& body);

}  // namespace caios::lsp
