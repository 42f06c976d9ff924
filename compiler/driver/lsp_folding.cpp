// Folding ranges for `caios lsp`, from the lexer's tokens and comments, so a file that does not
// parse yet still folds (docs/editors.md, "Folding").
#include <algorithm>

#include "compiler/driver/lsp_navigation.h"
#include "compiler/driver/lsp_position.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/vocabulary.h"

namespace caios::lsp {

namespace {

// Whether only spaces come before byte `offset` on its line.
bool StartsLine(std::string_view text, uint32_t offset) {
  while (offset > 0) {
    char c = text[offset - 1];
    if (c == '\n' || c == '\r') return true;
    if (c != ' ' && c != '\t') return false;
    --offset;
  }
  return true;
}

}  // namespace

std::vector<FoldingRange> FoldingRanges(std::string_view text) {
  SourceManager sources;
  DiagnosticSink sink;  // lexical errors are the diagnostics' business, not folding's
  const SourceFile& file = sources.Get(sources.Add("fold.caios", std::string(text)));
  LexResult lexed = Lex(file, sink);
  LineIndex index(file.text());
  auto line = [&](uint32_t offset) { return index.ToPosition(offset).line; };

  std::vector<FoldingRange> ranges;
  size_t length = 0;
  const uint16_t open = PunctuationKind("{", length);
  const uint16_t close = PunctuationKind("}", length);
  const uint16_t import_kind = KeywordKind("import");
  std::vector<uint32_t> open_lines;
  uint32_t import_first = 0, import_last = 0;
  bool in_imports = false;
  auto end_imports = [&] {
    if (in_imports && import_last > import_first) {
      ranges.push_back({import_first, import_last, "imports"});
    }
    in_imports = false;
  };
  for (const Token& token : lexed.tokens) {
    if (token.kind == kEofToken || token.implicit) continue;
    if (token.kind == open) {
      open_lines.push_back(line(token.begin));
    } else if (token.kind == close && !open_lines.empty()) {
      uint32_t first = open_lines.back();
      open_lines.pop_back();
      uint32_t last = line(token.begin);
      // The line of the `}` stays visible.
      if (last > first + 1) ranges.push_back({first, last - 1, ""});
    }
    if (token.kind == import_kind && StartsLine(file.text(), token.begin)) {
      uint32_t at = line(token.begin);
      if (in_imports && at == import_last + 1) {
        import_last = at;
      } else {
        end_imports();
        in_imports = true;
        import_first = import_last = at;
      }
    } else if (in_imports && line(token.begin) > import_last) {
      end_imports();
    }
  }
  end_imports();

  // A block comment over several lines, or a run of comments that each start a line.
  bool in_run = false;
  uint32_t run_first = 0, run_last = 0;
  auto end_run = [&] {
    if (in_run && run_last > run_first) ranges.push_back({run_first, run_last, "comment"});
    in_run = false;
  };
  for (const CommentToken& comment : lexed.comments) {
    uint32_t first = line(comment.begin);
    uint32_t last = line(comment.end > comment.begin ? comment.end - 1 : comment.begin);
    if (!StartsLine(file.text(), comment.begin)) {
      end_run();
      continue;
    }
    if (in_run && first == run_last + 1) {
      run_last = last;
    } else {
      end_run();
      in_run = true;
      run_first = first;
      run_last = last;
    }
  }
  end_run();

  std::sort(ranges.begin(), ranges.end(), [](const FoldingRange& a, const FoldingRange& b) {
    if (a.start_line != b.start_line) return a.start_line < b.start_line;
    if (a.end_line != b.end_line) return a.end_line > b.end_line;
    return a.kind < b.kind;
  });
  ranges.erase(std::unique(ranges.begin(), ranges.end()), ranges.end());
  return ranges;
}

}  // namespace caios::lsp
