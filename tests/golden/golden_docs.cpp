#include "tests/golden/golden_docs.h"

#include <algorithm>
#include <sstream>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render_common.h"

namespace caios::golden {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxExampleLines = 40;

// The .caios files of a case: the file itself, or every *.caios below the folder and its
// caios.toml (docs/cli.md#caiostoml), sorted.
std::vector<fs::path> CaseFiles(const fs::path& repo_root, const GoldenCase& c) {
  fs::path input = repo_root / c.input;
  if (!fs::is_directory(input)) return {input};
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(input)) {
    if (e.is_regular_file() &&
        (e.path().extension() == ".caios" || e.path().filename() == "caios.toml")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

size_t CaseSize(const fs::path& repo_root, const GoldenCase& c) {
  size_t size = 0;
  for (const fs::path& f : CaseFiles(repo_root, c)) size += ReadFileOrEmpty(f).size();
  return size;
}

// Whether a case sets warning controls (docs/cli.md#warning-controls): a caios.toml or
// --deny/--allow arguments.
bool HasWarningControls(const fs::path& repo_root, const GoldenCase& c) {
  if (fs::exists(repo_root / c.input / "caios.toml")) return true;
  std::string args = ReadFileOrEmpty(repo_root / (c.stem + ".args"));
  return args.find("--deny") != std::string::npos || args.find("--allow") != std::string::npos ||
         args.find("-W") != std::string::npos;
}
constexpr size_t kControlled = size_t{1} << 40;

std::string FirstLines(const std::string& text, size_t max_lines, bool& cut) {
  size_t pos = 0;
  for (size_t n = 0; n < max_lines; ++n) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) {
      cut = false;
      return text;
    }
    ++pos;
  }
  cut = pos < text.size();
  return text.substr(0, pos);
}

// The diagnostics of a human-format output whose header contains `tag`, and the summary line
// (diagnostics are separated by blank lines), so an example shows the code it documents.
std::string BlocksWithTag(const std::string& output, const std::string& tag) {
  std::vector<std::string> blocks;
  size_t pos = 0;
  while (pos < output.size()) {
    size_t end = output.find("\n\n", pos);
    end = end == std::string::npos ? output.size() : end + 1;
    blocks.push_back(output.substr(pos, end - pos));
    pos = end + 1;
  }
  std::string shown;
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string_view header(blocks[i]);
    header = header.substr(0, header.find('\n'));
    bool last = i + 1 == blocks.size();
    if (header.find(tag) == std::string_view::npos && !last) continue;
    if (!shown.empty()) shown += "\n";
    shown += blocks[i];
  }
  return shown;
}

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
size_t Utf8Length(const std::string& text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  return n;
}

void AppendCodePoint(std::string& out, unsigned code) {
  out += static_cast<char>(0xe0 | (code >> 12));
  out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
  out += static_cast<char>(0x80 | (code & 0x3f));
}

// Examples of bad input (a NUL byte, invalid UTF-8) made printable so that the page stays
// UTF-8 text: control characters as their Unicode pictures (U+2400…), invalid bytes as U+FFFD,
// the way the compiler shows them in a caret line.
std::string ShowControls(const std::string& text) {
  std::string shown;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      AppendCodePoint(shown, 0xfffd);
      ++i;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      AppendCodePoint(shown, c == 0x7f ? 0x2421 : 0x2400 + c);
      ++i;
    } else {
      shown.append(text, i, n);
      i += n;
    }
  }
  return shown;
}

void AppendFence(std::ostringstream& out, std::string_view lang, const std::string& raw) {
  const std::string text = ShowControls(raw);
  out << "```" << lang << '\n' << text;
  if (!text.empty() && text.back() != '\n') out << '\n';
  out << "```\n\n";
}

}  // namespace

std::string GenerateDiagnosticsDocs(const fs::path& repo_root,
                                    const std::vector<GoldenCase>& cases) {
  std::ostringstream out;
  for (const DiagKindInfo& info : AllDiagKinds()) {
    out << "## " << info.code << ": " << info.title << "\n\n";
    out << "Severity: " << SeverityName(info.severity) << ".\n\n";
    // The explanation is plain text with 4-space indented examples, which Markdown shows as
    // code; fence it as a whole so backslashes and brackets stay literal.
    AppendFence(out, "text", std::string(info.explanation));

    // With its own severity: a warning made an error by a warning control
    // (docs/cli.md#warning-controls) is no example of the warning.
    std::string tag = std::string(SeverityName(info.severity)) + "[" + std::string(info.code) + "]";
    const GoldenCase* best = nullptr;
    size_t best_size = 0;
    for (const GoldenCase& c : cases) {
      if (ReadFileOrEmpty(repo_root / (c.stem + ".stderr")).find(tag) == std::string::npos) {
        continue;
      }
      // Cases without warning controls first: an example shows a code as it is by default.
      size_t size = CaseSize(repo_root, c) + (HasWarningControls(repo_root, c) ? kControlled : 0);
      if (best == nullptr || size < best_size) best = &c, best_size = size;
    }
    if (best == nullptr) {
      out << "No example yet: no golden case under `tests/golden/` produces " << info.code
          << ".\n\n";
      continue;
    }
    out << "Example (`" << best->input << "`):\n\n";
    for (const fs::path& f : CaseFiles(repo_root, *best)) {
      if (fs::is_directory(repo_root / best->input)) {
        out << "`" << fs::relative(f, repo_root).generic_string() << "`:\n\n";
      }
      bool cut = false;
      std::string text = FirstLines(ReadFileOrEmpty(f), kMaxExampleLines, cut);
      if (cut) text += "…\n";
      AppendFence(out, f.extension() == ".toml" ? "toml" : "caios", text);
    }
    std::string args = ReadFileOrEmpty(repo_root / (best->stem + ".args"));
    while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
    out << "`caios check " << (args.empty() ? "" : args + " ") << best->input << "` reports:\n\n";
    std::string err = BlocksWithTag(ReadFileOrEmpty(repo_root / (best->stem + ".stderr")), tag);
    AppendFence(out, "text", err);
  }
  return out.str();
}

std::string CheckDiagnosticsDocs(const fs::path& repo_root, bool update) {
  fs::path path = repo_root / "docs" / "diagnostics.md";
  std::string current = ReadFileOrEmpty(path);
  size_t marker = current.find(kDocsMarker);
  if (marker == std::string::npos) {
    return "docs/diagnostics.md has no generated section: add this line after the introduction\n" +
           std::string(kDocsMarker) + "\n";
  }
  std::string head = current.substr(0, marker + kDocsMarker.size()) + "\n\n";
  std::string wanted = head + GenerateDiagnosticsDocs(repo_root, FindGoldenCases(repo_root));
  if (wanted == current) return "";
  if (update) {
    WriteFileIfChanged(path, wanted);
    return "";
  }
  return "docs/diagnostics.md is out of date with the registry and the golden cases; rerun with "
         "CAIOS_UPDATE_GOLDEN=1 and commit the result\n";
}

}  // namespace caios::golden
