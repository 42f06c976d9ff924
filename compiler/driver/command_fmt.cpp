#include "compiler/driver/command_fmt.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

#include "compiler/diag/diagnostic.h"
#include "compiler/driver/project_config.h"
#include "compiler/format/format.h"
#include "compiler/modules/program.h"
#include "compiler/source/read_file.h"
#include "fmt/format.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size() - 1;
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  return lines;
}

// One line of an edit script: ' ' kept, '-' removed, '+' added, with its line numbers.
struct Edit {
  char op;
  std::string_view line;
  size_t old_line;  // 0-based
  size_t new_line;
};

// The edit script from `a` to `b`: common prefix and suffix, and between them a longest common
// subsequence when the middle is small enough for the quadratic table (formatting changes
// are), else the whole middle removed and added.
std::vector<Edit> EditScript(const std::vector<std::string_view>& a,
                             const std::vector<std::string_view>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Edit> edits;
  for (size_t i = 0; i < prefix; ++i) edits.push_back({' ', a[i], i, i});
  const size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  constexpr size_t kMaxTable = size_t{4} << 20;
  if (n * m <= kMaxTable) {
    // lcs[i][j]: the longest common subsequence of a's middle from i and b's from j.
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                  : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        edits.push_back({' ', a[prefix + i], prefix + i, prefix + j});
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        edits.push_back({'-', a[prefix + i], prefix + i, prefix + j});
        ++i;
      } else {
        edits.push_back({'+', b[prefix + j], prefix + i, prefix + j});
        ++j;
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) edits.push_back({'-', a[prefix + i], prefix + i, prefix});
    for (size_t j = 0; j < m; ++j) edits.push_back({'+', b[prefix + j], prefix + n, prefix + j});
  }
  for (size_t k = 0; k < suffix; ++k) {
    edits.push_back({' ', a[a.size() - suffix + k], a.size() - suffix + k, b.size() - suffix + k});
  }
  return edits;
}

// Writes `text` to `path` atomically: a temporary file in the same folder, with the mode of
// the file it replaces, renamed over it. A link is followed: its target is rewritten.
bool WriteAtomically(const fs::path& path, const std::string& text, std::string& why) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) target = path;
  struct stat st;
  if (::stat(target.c_str(), &st) != 0) {
    why = std::strerror(errno);
    return false;
  }
  std::string temp = (target.parent_path() / ("." + target.filename().string() + ".fmt-XXXXXX"));
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, st.st_mode & 07777) == 0;
  size_t written = 0;
  while (ok && written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) why = std::strerror(errno);
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(temp.c_str(), target.c_str()) != 0) {
    why = std::strerror(errno);
    ok = false;
  }
  if (!ok) ::unlink(temp.c_str());
  return ok;
}

}  // namespace

std::string UnifiedDiff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  std::vector<std::string_view> a = SplitLines(before), b = SplitLines(after);
  std::vector<Edit> edits = EditScript(a, b);
  std::string out = fmt::format("--- {}\n+++ {} (formatted)\n", path, path);
  constexpr size_t kContext = 3;
  size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext kept lines before the change to kContext after the last change
    // that is no more than 2 * kContext kept lines from the next.
    size_t begin = k >= kContext ? k - kContext : 0;
    size_t end = k;
    size_t kept = 0;
    for (size_t j = k; j < edits.size(); ++j) {
      if (edits[j].op == ' ') {
        if (++kept > 2 * kContext) break;
      } else {
        kept = 0;
        end = j + 1;
      }
    }
    size_t stop = std::min(edits.size(), end + kContext);
    size_t old_count = 0, new_count = 0;
    for (size_t j = begin; j < stop; ++j) {
      old_count += edits[j].op != '+';
      new_count += edits[j].op != '-';
    }
    size_t old_start = edits[begin].old_line + (old_count > 0);
    size_t new_start = edits[begin].new_line + (new_count > 0);
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_start, old_count, new_start, new_count);
    for (size_t j = begin; j < stop; ++j) {
      out += edits[j].op;
      out += edits[j].line;
      if (!edits[j].line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
    }
    k = stop;
  }
  return out;
}

int RunFmt(const FmtOptions& options, std::ostream& out, std::ostream& err) {
  SourceManager sources;
  DiagnosticSink sink;
  bool io_error = false;
  bool changes = false;  // --check: a file is not formatted
  std::vector<fs::path> files;
  for (const std::string& input : options.inputs) {
    fs::path path(input == "-" ? "/dev/stdin" : input);
    std::error_code ec;
    if (input != "-" && fs::is_directory(path, ec)) {
      std::vector<fs::path> found = CaiosFilesBelow(path, sink);
      if (found.empty()) {
        sink.Emit(Span{}, diag::CaiosFilesFoundDirectory, input);
        io_error = true;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  for (const fs::path& path : files) {
    ReadResult read = ReadSourceFile(path);
    if (read.status != ReadStatus::kOk) {
      sink.Emit(Span{},
                read.status == ReadStatus::kTooLarge ? diag::FileTooLarge : diag::FileUnreadable,
                path.string(), read.why);
      io_error = true;
      continue;
    }
    const std::string shown = read.from_stdin ? "<stdin>" : path.lexically_normal().string();
    FileId id = sources.Add(shown, std::move(read.text));
    const SourceFile& file = sources.Get(id);
    std::optional<std::string> formatted = FormatFile(file, sink);
    if (!formatted) continue;  // syntax errors: reported below, the file is left as it is
    if (options.check) {
      if (*formatted != file.text()) {
        out << UnifiedDiff(shown, file.text(), *formatted);
        changes = true;
      }
    } else if (read.from_stdin) {
      out << *formatted;
    } else if (*formatted != file.text()) {
      std::string why;
      if (!WriteAtomically(path, *formatted, why)) {
        err << "error: cannot write `" << path.string() << "`: " << why << '\n';
        io_error = true;
      }
    }
  }
  CheckOptions report;
  report.color = options.color;
  ProjectPolicies policies{WarningPolicy{}};
  int exit =
      ReportDiagnostics(TakeDiagnostics(sink, policies), sources, report, io_error, out, err);
  if (exit != 0) return exit;
  return changes ? 1 : 0;
}

}  // namespace caios
