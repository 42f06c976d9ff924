// Source files, byte spans into them, and line/column lookup for diagnostics.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

// Identifies a file in a SourceManager. Index 0 is never a real file (used for "no location").
struct FileId {
  uint32_t value = 0;
  bool valid() const { return value != 0; }
  friend bool operator==(FileId a, FileId b) { return a.value == b.value; }
};

// A half-open byte range [begin, end) in one file.
struct Span {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file.valid(); }
  // The smallest span covering both (they must be in the same file).
  static Span Cover(Span a, Span b);
};

// 1-based line and column; the column counts Unicode code points, as editors do.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};

// The UTF-8 byte order mark, skipped at the start of a file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text, bool quotable = true);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Whether diagnostics may show lines of this file: false for a file that is not a .caios
  // source (docs/diagnostics.md), whose lines could hold secrets.
  bool quotable() const { return quotable_; }
  // The offset of the first byte after a leading byte order mark (0 without one). Line 1
  // starts there, so columns and excerpts ignore the mark.
  uint32_t ContentStart() const { return line_starts_[0]; }

  LineCol Position(uint32_t offset) const;
  // The text of 1-based `line` without its line terminator.
  std::string_view LineText(uint32_t line) const;
  uint32_t LineCount() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t LineStart(uint32_t line) const { return line_starts_[line - 1]; }

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  bool quotable_;
  std::vector<uint32_t> line_starts_;
};

// Owns every file of a compilation; FileIds index into it. Thread-safe for Add and Get.
class SourceManager {
 public:
  SourceManager();
  ~SourceManager();
  FileId Add(std::string path, std::string text, bool quotable = true);
  const SourceFile& Get(FileId id) const;
  size_t size() const;
  // The bytes of text of every file: the size of a compilation's work (ThreadsFor).
  size_t TextBytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace caios
