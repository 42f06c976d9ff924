#include "compiler/driver/lsp_transport.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <string_view>

#include <poll.h>
#include <unistd.h>

namespace caios::lsp {

namespace {

// Reads one header line without its terminator. False at the end of the stream. A line longer
// than the header limit is read past; `too_long` is set.
bool ReadHeaderLine(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  int c;
  while ((c = in.get()) != std::char_traits<char>::eof()) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < kMaxHeaderBytes) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  return false;
}

std::string_view TrimSpacesAndTabs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Frame ReadFrame(std::istream& in) {
  Frame frame;
  std::string line;
  bool too_long = false;
  size_t header_bytes = 0;
  bool has_length = false;
  bool bad_length = false;
  size_t length = 0;
  bool any_line = false;
  while (true) {
    if (!ReadHeaderLine(in, line, too_long)) return frame;  // kEnd
    if (line.empty()) {
      if (!any_line) continue;  // blank lines between messages
      break;
    }
    any_line = true;
    header_bytes += line.size() + 2;
    if (header_bytes > kMaxHeaderBytes) too_long = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      bad_length = true;  // not a header: the block is garbage
      continue;
    }
    if (!EqualsIgnoringCase(TrimSpacesAndTabs(std::string_view(line).substr(0, colon)),
                            "Content-Length")) {
      continue;  // Content-Type and any other header are ignored
    }
    std::string_view value = TrimSpacesAndTabs(std::string_view(line).substr(colon + 1));
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      bad_length = true;
    } else {
      has_length = true;
    }
  }
  frame.status = Frame::Status::kMalformed;
  if (too_long) {
    frame.problem = "a header block over the size limit";
    return frame;
  }
  if (bad_length || !has_length) {
    // Without a trustworthy length the body cannot be found: the block is dropped, and the
    // reader looks for the next header block in what follows.
    frame.problem = "a header block without a valid Content-Length";
    return frame;
  }
  if (length > kMaxMessageBytes) {
    // Read past the body in small pieces, never holding it.
    char buffer[1 << 16];
    size_t left = length;
    while (left > 0 && in) {
      in.read(buffer, static_cast<std::streamsize>(std::min(left, sizeof buffer)));
      left -= static_cast<size_t>(in.gcount());
    }
    if (left > 0) frame.status = Frame::Status::kEnd;
    frame.problem = "a message over the size limit";
    return frame;
  }
  frame.body.resize(length);
  in.read(frame.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<size_t>(in.gcount()) != length) {
    frame.status = Frame::Status::kEnd;  // truncated: the stream ended inside the body
    frame.body.clear();
    return frame;
  }
  frame.status = Frame::Status::kMessage;
  return frame;
}

bool JsonDepthWithin(std::string_view body, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

bool WaitForInput(std::istream& in, std::chrono::milliseconds wait) {
  std::streambuf* buffer = in.rdbuf();
  if (buffer == nullptr) return false;
  if (buffer->in_avail() > 0) return true;
  auto* fd_input = dynamic_cast<FdInput*>(buffer);
  return fd_input != nullptr && fd_input->Wait(wait);
}

FdInput::int_type FdInput::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  while (true) {
    ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
    if (n > 0) {
      setg(buffer_, buffer_, buffer_ + n);
      return traits_type::to_int_type(*gptr());
    }
    if (n < 0 && errno == EINTR) continue;
    return traits_type::eof();  // the end of the input, or an error reading it
  }
}

bool FdInput::Wait(std::chrono::milliseconds wait) {
  pollfd waiting{fd_, POLLIN, 0};
  int ready;
  do {
    ready = ::poll(&waiting, 1, static_cast<int>(wait.count()));
  } while (ready < 0 && errno == EINTR);
  // Readable, or at its end or in error (POLLHUP, POLLERR): a read would not block.
  return ready > 0;
}

std::streamsize FdInput::showmanyc() {
  // Not a byte count, only "some": the server asks whether anything is waiting.
  return Wait(std::chrono::milliseconds(0)) ? 1 : 0;
}

void WriteFrame(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace caios::lsp
