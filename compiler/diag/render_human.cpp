#include "compiler/diag/render_human.h"

#include <algorithm>
#include <map>

#include "compiler/diag/render_cells.h"
#include "compiler/diag/render_common.h"
#include "fmt/format.h"

namespace caios {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

struct Style {
  bool on;
  std::string_view Code(std::string_view code) const { return on ? code : ""; }
  std::string_view Reset() const { return on ? "\x1b[0m" : ""; }
  std::string_view Bold() const { return Code("\x1b[1m"); }
  std::string_view Blue() const { return Code("\x1b[1;34m"); }
  std::string_view Of(Severity s) const {
    switch (s) {
      case Severity::kError:
        return Code("\x1b[1;31m");
      case Severity::kWarning:
        return Code("\x1b[1;33m");
      case Severity::kNote:
        return Code("\x1b[1;32m");
    }
    return "";
  }
};

// One underline on one source line: byte range relative to the line start.
struct Mark {
  size_t begin;
  size_t end;
  bool primary;
  std::string message;
};

struct FileBlock {
  FileId file;
  std::map<uint32_t, std::vector<Mark>> lines;  // line number → marks, in order
};

// Whether the lines of `span`'s file may be shown (only .caios sources; docs/diagnostics.md).
bool Quotable(const SourceManager& sources, Span span) {
  return HasLocation(sources, span) && sources.Get(span.file).quotable();
}

void AddMark(std::vector<FileBlock>& blocks, const SourceManager& sources, Span span, bool primary,
             const std::string& message) {
  if (!Quotable(sources, span)) return;
  const SourceFile& file = sources.Get(span.file);
  ResolvedRange r = Resolve(sources, span);
  uint32_t line_start = file.LineStart(r.start.line);
  size_t line_len = file.LineText(r.start.line).size();
  size_t begin = std::min<size_t>(r.start.offset - line_start, line_len);
  // A span running onto later lines is underlined to the end of its first line.
  size_t end = r.end.line == r.start.line ? r.end.offset - line_start : line_len;
  end = std::clamp(end, begin, line_len);
  auto it = std::find_if(blocks.begin(), blocks.end(),
                         [&](const FileBlock& b) { return b.file == span.file; });
  if (it == blocks.end()) it = blocks.insert(blocks.end(), FileBlock{span.file, {}});
  it->lines[r.start.line].push_back(Mark{begin, end, primary, message});
}

size_t Digits(uint32_t n) { return fmt::formatted_size("{}", n); }

void RenderLine(const SourceFile& file, uint32_t line, const std::vector<Mark>& marks,
                size_t gutter, Severity severity, const Style& st, size_t max_width,
                std::ostream& out) {
  std::string_view text = file.LineText(line);
  std::vector<const Mark*> ordered;
  for (const Mark& m : marks) ordered.push_back(&m);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Mark* a, const Mark* b) {
    if (a->primary != b->primary) return a->primary;
    return a->begin < b->begin;
  });
  size_t anchor = ordered.empty() ? 0 : ordered.front()->begin;
  // Plain variables, not a structured binding: clang 14 cannot capture those in a lambda.
  const auto window_range = ChooseWindow(text, anchor, max_width);
  const size_t wb = window_range.first;
  const size_t we = window_range.second;
  CellWindow window = RenderCells(text, wb, we);
  bool clipped_left = wb > 0;
  bool clipped_right = we < text.size();
  uint32_t shift = clipped_left ? 1 : 0;

  out << st.Blue() << fmt::format("{:>{}} |", line, gutter) << st.Reset();
  if (!text.empty()) out << ' ';
  if (clipped_left) out << kEllipsis;
  out << window.text;
  if (clipped_right) out << kEllipsis;
  out << '\n';

  auto cell = [&](size_t byte) -> uint32_t {
    if (byte <= wb) return byte < wb ? 0 : shift;
    if (byte >= we) return window.cells.back() + shift + (byte > we ? 1 : 0);
    return window.cells[byte - wb] + shift;
  };
  for (const Mark* m : ordered) {
    uint32_t from = cell(m->begin);
    uint32_t to = std::max(cell(m->end), from + 1);
    std::string underline;
    if (m->primary) {
      underline = "^" + std::string(to - from - 1, '~');
    } else {
      underline = std::string(to - from, '-');
    }
    out << st.Blue() << std::string(gutter + 1, ' ') << '|' << st.Reset() << ' '
        << std::string(from, ' ') << (m->primary ? st.Of(severity) : st.Blue()) << underline;
    if (!m->message.empty()) out << ' ' << EscapeForTerminal(m->message);
    out << st.Reset() << '\n';
  }
}

void RenderBlock(const FileBlock& block, const SourceManager& sources, bool with_arrow,
                 size_t gutter, Severity severity, const Style& st,
                 const HumanRenderOptions& options, std::ostream& out) {
  const SourceFile& file = sources.Get(block.file);
  if (with_arrow) {
    uint32_t first = block.lines.begin()->first;
    const Mark& m = block.lines.begin()->second.front();
    LineCol pos = file.Position(file.LineStart(first) + static_cast<uint32_t>(m.begin));
    out << std::string(gutter, ' ') << st.Blue() << "--> " << st.Reset()
        << fmt::format("{}:{}:{}\n", EscapeForTerminal(DisplayPath(file.path(), options.base_dir)),
                       pos.line, pos.column);
  }
  out << st.Blue() << std::string(gutter + 1, ' ') << '|' << st.Reset() << '\n';
  uint32_t previous = 0;
  for (const auto& [line, marks] : block.lines) {
    if (previous != 0 && line == previous + 2) {
      RenderLine(file, previous + 1, {}, gutter, severity, st, options.max_width, out);
    } else if (previous != 0 && line > previous + 2) {
      out << st.Blue() << "..." << st.Reset() << '\n';
    }
    RenderLine(file, line, marks, gutter, severity, st, options.max_width, out);
    previous = line;
  }
}

void RenderIndented(std::string_view label, const std::string& raw_text, size_t gutter,
                    const Style& st, std::ostream& out) {
  std::string pad(gutter + 1, ' ');
  out << pad << st.Blue() << '=' << st.Reset() << ' ' << st.Bold() << label << ':' << st.Reset()
      << ' ';
  std::string continuation = pad + std::string(label.size() + 4, ' ');
  const std::string text = EscapeForTerminal(raw_text, /*keep_newlines=*/true);
  for (size_t i = 0; i < text.size(); ++i) {
    out << text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out << continuation;
  }
  out << '\n';
}

// "path:line:col: " of a span that is not quoted, or "" when it has no location.
std::string Where(const SourceManager& sources, Span span, const HumanRenderOptions& options) {
  if (!HasLocation(sources, span)) return "";
  ResolvedRange r = Resolve(sources, span);
  return fmt::format("{}:{}:{}: ", DisplayPath(sources.Get(span.file).path(), options.base_dir),
                     r.start.line, r.start.column);
}

}  // namespace

void RenderHumanDiagnostic(const Diagnostic& d, const SourceManager& sources,
                           const HumanRenderOptions& options, std::ostream& out) {
  Style st{options.color};
  const DiagKindInfo& info = Info(d.kind);
  bool located = HasLocation(sources, d.span);
  if (located) {
    const SourceFile& file = sources.Get(d.span.file);
    ResolvedRange r = Resolve(sources, d.span);
    out << st.Bold()
        << fmt::format("{}:{}:{}: ", EscapeForTerminal(DisplayPath(file.path(), options.base_dir)),
                       r.start.line, r.start.column)
        << st.Reset();
  }
  out << st.Of(d.severity) << SeverityName(d.severity) << '[' << info.code << ']' << st.Reset()
      << st.Bold() << ": " << EscapeForTerminal(d.message) << st.Reset() << '\n';

  std::vector<FileBlock> blocks;
  AddMark(blocks, sources, d.span, true, "");
  for (const SpanLabel& label : d.labels)
    AddMark(blocks, sources, label.span, false, label.message);
  uint32_t max_line = 0;
  for (const FileBlock& b : blocks) max_line = std::max(max_line, b.lines.rbegin()->first);
  for (const DiagNote& note : d.notes) {
    if (note.span && Quotable(sources, *note.span)) {
      max_line = std::max(max_line, Resolve(sources, *note.span).start.line);
    }
  }
  size_t gutter = blocks.empty() ? 1 : Digits(max_line);
  for (size_t i = 0; i < blocks.size(); ++i) {
    bool with_arrow = i > 0 || !Quotable(sources, d.span);
    RenderBlock(blocks[i], sources, with_arrow, gutter, d.severity, st, options, out);
  }
  // Labels without a location (or in a file that is not quoted) still carry information:
  // print them as notes, with the location when there is one.
  for (const SpanLabel& label : d.labels) {
    if (Quotable(sources, label.span) || label.message.empty()) continue;
    RenderIndented("note", Where(sources, label.span, options) + label.message, gutter, st, out);
  }
  for (const DiagNote& note : d.notes) {
    if (!note.span || !HasLocation(sources, *note.span)) {
      RenderIndented("note", note.message, gutter, st, out);
    } else if (!Quotable(sources, *note.span)) {
      RenderIndented("note", Where(sources, *note.span, options) + note.message, gutter, st, out);
    } else {
      // Like a label in another file: the location line, then the quoted line and a caret.
      RenderIndented("note", note.message, gutter, st, out);
      std::vector<FileBlock> note_blocks;
      AddMark(note_blocks, sources, *note.span, false, "");
      RenderBlock(note_blocks.front(), sources, /*with_arrow=*/true, gutter, Severity::kNote, st,
                  options, out);
    }
  }
  for (const FixIt& fix : d.fixits) RenderIndented("help", FixItText(fix), gutter, st, out);
}

void RenderHuman(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                 const HumanRenderOptions& options, std::ostream& out) {
  for (const Diagnostic& d : diagnostics) {
    RenderHumanDiagnostic(d, sources, options, out);
    out << '\n';
  }
  DiagCounts counts = CountDiagnostics(diagnostics);
  std::string summary = SummaryText(counts);
  if (summary.empty()) return;
  Style st{options.color};
  Severity s = counts.errors > 0 ? Severity::kError : Severity::kWarning;
  out << st.Of(s) << SeverityName(s) << st.Reset() << st.Bold() << ": " << summary << st.Reset()
      << '\n';
}

}  // namespace caios
