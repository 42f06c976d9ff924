#include "compiler/source/source.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <mutex>

namespace caios {

Span Span::Cover(Span a, Span b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceFile::SourceFile(FileId id, std::string path, std::string text, bool quotable)
    : id_(id), path_(std::move(path)), text_(std::move(text)), quotable_(quotable) {
  uint32_t start = text_.starts_with(kUtf8Bom) ? static_cast<uint32_t>(kUtf8Bom.size()) : 0;
  line_starts_.push_back(start);
  if (text_.find('\r', start) == std::string::npos) {
    // Lines end in `\n` alone (nearly every file): found by memchr, not byte by byte.
    for (size_t nl = text_.find('\n', start); nl != std::string::npos;
         nl = text_.find('\n', nl + 1)) {
      line_starts_.push_back(static_cast<uint32_t>(nl + 1));
    }
    return;
  }
  for (uint32_t i = start; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\n') {
      line_starts_.push_back(i + 1);
    } else if (c == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

LineCol SourceFile::Position(uint32_t offset) const {
  offset = std::clamp<uint32_t>(offset, line_starts_[0], static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t column = 1;
  for (uint32_t i = line_starts_[line - 1]; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return LineCol{line, column};
}

std::string_view SourceFile::LineText(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

struct SourceManager::Impl {
  mutable std::mutex mutex;
  // A deque keeps references stable while other threads add files.
  std::deque<std::unique_ptr<SourceFile>> files;
};

SourceManager::SourceManager() : impl_(std::make_unique<Impl>()) {}
SourceManager::~SourceManager() = default;

FileId SourceManager::Add(std::string path, std::string text, bool quotable) {
  std::lock_guard lock(impl_->mutex);
  FileId id{static_cast<uint32_t>(impl_->files.size() + 1)};
  impl_->files.push_back(
      std::make_unique<SourceFile>(id, std::move(path), std::move(text), quotable));
  return id;
}

const SourceFile& SourceManager::Get(FileId id) const {
  std::lock_guard lock(impl_->mutex);
  assert(id.valid() && id.value <= impl_->files.size());
  return *impl_->files[id.value - 1];
}

size_t SourceManager::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->files.size();
}

size_t SourceManager::TextBytes() const {
  std::lock_guard lock(impl_->mutex);
  size_t bytes = 0;
  for (const std::unique_ptr<SourceFile>& file : impl_->files) bytes += file->text().size();
  return bytes;
}

}  // namespace caios
