#include "compiler/format/format.h"

#include <string_view>
#include <utility>
#include <vector>

#include "compiler/base/invariant.h"
#include "compiler/format/doc.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/parse.h"
#include "compiler/parse/vocabulary.h"

namespace caios {
namespace {

using format::DocId;
using format::Docs;

// What separates two pieces of output when no comment intervenes.
enum class Gap { kNone, kSpace, kSoftLine, kLine, kHardLine };

struct Comment {
  std::string_view text;
  bool blank_before = false;  // an empty line precedes it in the input
};

// The comments around one token: those on their own lines before it, and those after it on
// its line.
struct Attached {
  std::vector<Comment> leading;
  std::vector<std::string_view> trailing;
};

// Line breaks in `text` (\n, \r\n or \r).
int CountLineBreaks(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++n;
    }
  }
  return n;
}

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\f')) {
    text.remove_suffix(1);
  }
  return text;
}

bool IsWordStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Lays out the token list of a file that parsed without errors. The document follows the
// brackets: `(...)` and `[...]` are comma lists that break one element per line; `{...}` with
// one entry is a group that stays on one line when it fits, with several entries (statements,
// options, fields on their own lines) a block with one entry per line.
class Formatter {
 public:
  Formatter(const SourceFile& file, LexResult lexed)
      : text_(file.text()), tokens_(std::move(lexed.tokens)) {
    tokens_.pop_back();  // EOF
    semi_kind_ = Punctuation(";");
    MatchBrackets();
    AttachComments(lexed.comments);
    // About two documents per token: its text and the gap before it.
    docs_.Reserve(2 * tokens_.size() + 16);
  }

  std::string Run() {
    std::vector<DocId> out;
    out_ = &out;
    Items(0, tokens_.size(), /*top=*/true);
    const Attached& eof = AttachedTo(tokens_.size());
    for (const Comment& c : eof.leading) {
      if (emitted_any_) Emit(docs_.HardLine(c.blank_before));
      EmitText(c.text);
    }
    DocId root = docs_.Concat(std::move(out));
    return docs_.Render(root, kFormatWidth, kFormatIndent);
  }

 private:
  static uint16_t Punctuation(std::string_view p) {
    size_t length = 0;
    return PunctuationKind(p, length);
  }

  std::string_view Text(size_t i) const {
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  bool Is(size_t i, std::string_view s) const { return i < tokens_.size() && Text(i) == s; }
  bool IsSemi(size_t i) const { return tokens_[i].kind == semi_kind_; }
  bool IsOpener(size_t i) const { return Is(i, "(") || Is(i, "[") || Is(i, "{"); }

  // A name: an identifier, a contextual keyword, or any keyword after `.` (a field name).
  bool IsNameLike(size_t i) const {
    std::string_view t = Text(i);
    if (t.empty() || !IsWordStart(t[0])) return false;
    return KeywordKind(t) == 0 || IsContextualKeyword(tokens_[i].kind) || (i > 0 && Is(i - 1, "."));
  }
  bool EndsOperand(size_t i) const {
    std::string_view t = Text(i);
    if (t.empty()) return false;
    return IsNameLike(i) || t[0] == '"' || (t[0] >= '0' && t[0] <= '9') || t == "true" ||
           t == "false" || t == "null" || t == "task_token" || t == ")" || t == "]" || t == "}";
  }
  // Whether a line break after token i ends the statement (docs/language.md, "Lines").
  bool LineBreakEndsStatement(size_t i) const {
    return EndsStatement(tokens_[i].kind) || (i > 0 && Is(i - 1, ".") && KeywordKind(Text(i)) != 0);
  }

  // The space between token a and the token b that follows it on a line.
  Gap Between(size_t a, size_t b) const {
    std::string_view ta = Text(a), tb = Text(b);
    if (tb == "," || tb == "." || tb == ":" || tb == ";" || tb == ")" || tb == "]" || tb == "?") {
      return Gap::kNone;
    }
    if (ta == "." || ta == "(" || ta == "[") return Gap::kNone;
    // `10%` (a percentage) and `a % b` are the same tokens: keep whether they touched.
    if (tb == "%") return tokens_[a].end == tokens_[b].begin ? Gap::kNone : Gap::kSpace;
    if (tb == "(" || tb == "[") {
      return IsNameLike(a) || ta == ")" || ta == "]" || ta == "?" ? Gap::kNone : Gap::kSpace;
    }
    // A prefix `-` or `!` touches its operand.
    if (ta == "!" || (ta == "-" && (a == 0 || !EndsOperand(a - 1)))) return Gap::kNone;
    return Gap::kSpace;
  }

  void MatchBrackets() {
    match_.assign(tokens_.size(), 0);
    std::vector<size_t> open;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (IsOpener(i)) {
        open.push_back(i);
      } else if (Is(i, ")") || Is(i, "]") || Is(i, "}")) {
        CAIOS_CHECK_INVARIANT(!open.empty());  // the file parsed: brackets balance
        match_[open.back()] = i;
        open.pop_back();
      }
    }
    CAIOS_CHECK_INVARIANT(open.empty());
  }

  // Gives each comment to a token: to the one before it when it follows that token on the
  // same line, else to the next one (the end of the file after the last). `;` tokens get
  // none: they are mostly not printed.
  void AttachComments(const std::vector<CommentToken>& comments) {
    attached_of_.assign(tokens_.size() + 1, 0);
    blank_before_.assign(tokens_.size() + 1, false);
    size_t next = 0;            // first token at or after the comment
    size_t last_end = 0;        // end of the last token or comment seen
    bool trailing_run = false;  // the comments since the last token are all on its line
    size_t prev = kNone;        // the last token before the comment, `;` aside
    for (const CommentToken& c : comments) {
      while (next < tokens_.size() && tokens_[next].begin < c.begin) {
        if (!tokens_[next].implicit) last_end = tokens_[next].end;
        if (!IsSemi(next)) {  // a token starts a new run of comments; a `;` does not count
          trailing_run = true;
          prev = next;
        }
        ++next;
      }
      std::string_view body = text_.substr(c.begin, c.end - c.begin);
      if (body.starts_with("//")) body = TrimRight(body);
      std::string_view between = text_.substr(last_end, c.begin - last_end);
      int breaks = CountLineBreaks(between);
      if (trailing_run && prev != kNone && breaks == 0) {
        Attach(prev).trailing.push_back(body);
      } else {
        trailing_run = false;
        size_t owner = next;
        while (owner < tokens_.size() && IsSemi(owner)) ++owner;
        Attach(owner).leading.push_back({body, breaks >= 2 && last_end > 0});
      }
      last_end = c.end;
    }
    // Empty lines before tokens (after their leading comments).
    uint32_t prev_end = 0;
    for (size_t i = 0; i <= tokens_.size(); ++i) {
      if (i < tokens_.size() && IsSemi(i)) continue;
      uint32_t begin = i < tokens_.size() ? tokens_[i].begin : static_cast<uint32_t>(text_.size());
      if (prev_end == 0 && attached_of_[i] != 0) {
        // Nothing precedes the file's first comment: no empty line before it.
        std::vector<Comment>& leading = attached_[attached_of_[i] - 1].leading;
        if (!leading.empty()) leading[0].blank_before = false;
      }
      const Attached& a = AttachedTo(i);
      uint32_t from = prev_end;
      if (!a.leading.empty()) {
        const std::string_view& last = a.leading.back().text;
        from = static_cast<uint32_t>(last.data() + last.size() - text_.data());
      }
      blank_before_[i] = from > 0 && CountLineBreaks(text_.substr(from, begin - from)) >= 2;
      if (i < tokens_.size()) {
        prev_end = tokens_[i].end;
        if (!a.trailing.empty()) {
          const std::string_view& last = a.trailing.back();
          prev_end = static_cast<uint32_t>(last.data() + last.size() - text_.data());
        }
      }
    }
  }

  // The comments attached to token i (tokens_.size(): the end of the file). Few tokens have
  // any, so only those have a record.
  const Attached& AttachedTo(size_t i) const {
    return attached_of_[i] == 0 ? no_comments_ : attached_[attached_of_[i] - 1];
  }
  Attached& Attach(size_t i) {
    if (attached_of_[i] == 0) {
      attached_.emplace_back();
      attached_of_[i] = static_cast<uint32_t>(attached_.size());
    }
    return attached_[attached_of_[i] - 1];
  }
  // Leading comments are printed once: the first gap before their token takes them.
  void TakeLeading(size_t i) {
    if (attached_of_[i] != 0) attached_[attached_of_[i] - 1].leading.clear();
  }

  void Emit(DocId doc) { out_->push_back(doc); }
  void EmitText(std::string_view text) {
    Emit(docs_.Text(text));
    emitted_any_ = true;
  }

  // The gap before token `next`, which its leading comments (and a line comment before it)
  // turn into a line break. `blank_ok`: an empty line of the input before it is kept.
  // `continuation`: the gap lies inside a statement, whose further lines are indented.
  void EmitGap(Gap gap, size_t next, bool blank_ok, bool continuation = false) {
    const Attached& a = AttachedTo(next);
    auto line = [&](bool blank) {
      DocId hard = docs_.HardLine(blank_ok && blank);
      Emit(continuation ? docs_.Nest(hard) : hard);
    };
    if (gap == Gap::kHardLine || pending_newline_ || !a.leading.empty()) {
      for (const Comment& c : a.leading) {
        if (emitted_any_) line(c.blank_before);
        EmitText(c.text);
      }
      if (emitted_any_) line(blank_before_[next]);
      TakeLeading(next);
    } else if (gap == Gap::kSpace) {
      Emit(docs_.Text(" "));
    } else if (gap == Gap::kSoftLine) {
      Emit(docs_.SoftLine());
    } else if (gap == Gap::kLine) {
      Emit(docs_.Line());
    }
    pending_newline_ = false;
  }

  // Comments on their own lines before a closing bracket stay inside the brackets.
  void EmitCommentsBeforeCloser(size_t close) {
    for (const Comment& c : AttachedTo(close).leading) {
      Emit(docs_.HardLine(c.blank_before));
      EmitText(c.text);
      pending_newline_ = true;
    }
    TakeLeading(close);
  }

  void EmitToken(size_t i) {
    EmitText(Text(i));
    for (std::string_view c : AttachedTo(i).trailing) {
      Emit(docs_.Text(" "));
      EmitText(c);
      if (c.starts_with("//")) pending_newline_ = true;
    }
  }

  struct Range {
    size_t begin;
    size_t end;
  };

  // The entries of [lo, hi) separated by `;` outside brackets (empty ones dropped), or by
  // nothing between a `}` and `case`, `default` or `branch`; an `else` or `catch` continues
  // the entry before it.
  std::vector<Range> SplitEntries(size_t lo, size_t hi) const {
    std::vector<Range> entries;
    size_t start = lo;
    auto flush = [&](size_t end) {
      if (end == start) return;
      if (!entries.empty() && (Is(start, "else") || Is(start, "catch"))) {
        entries.back().end = end;
      } else {
        entries.push_back({start, end});
      }
    };
    for (size_t k = lo; k < hi;) {
      if (IsSemi(k)) {
        flush(k);
        start = ++k;
      } else if (k > start && Is(k - 1, "}") &&
                 (Is(k, "case") || Is(k, "default") || Is(k, "branch"))) {
        // `switch` cases and `parallel` branches written without `;` between them.
        flush(k);
        start = k++;
      } else {
        k = IsOpener(k) ? match_[k] + 1 : k + 1;
      }
    }
    flush(hi);
    return entries;
  }

  // The elements of [lo, hi) separated by `,` outside brackets, and the commas.
  void SplitCommas(size_t lo, size_t hi, std::vector<Range>& elements,
                   std::vector<size_t>& commas) const {
    size_t start = lo;
    for (size_t k = lo; k < hi;) {
      if (Is(k, ",")) {
        elements.push_back({start, k});
        commas.push_back(k);
        start = ++k;
      } else {
        k = IsOpener(k) ? match_[k] + 1 : k + 1;
      }
    }
    if (start < hi) elements.push_back({start, hi});
  }

  // Statements, options or declarations, one per line.
  void Items(size_t lo, size_t hi, bool top) {
    std::vector<Range> entries = SplitEntries(lo, hi);
    for (size_t k = 0; k < entries.size(); ++k) {
      EmitGap(Gap::kHardLine, entries[k].begin, /*blank_ok=*/k > 0 || top);
      Item(entries[k].begin, entries[k].end);
      // The line break re-inserts the `;` only after a token that can end a statement.
      size_t last = entries[k].end - 1;
      if (k + 1 < entries.size() && !LineBreakEndsStatement(last)) Emit(docs_.Text(";"));
    }
  }

  // Keywords of statements whose `{` opens a block of statements.
  bool IsStatementKeyword(size_t i) const {
    static constexpr std::string_view kKeywords[] = {"if",     "else",     "while",   "for",
                                                     "switch", "case",     "default", "try",
                                                     "catch",  "parallel", "branch"};
    if (i > 0 && Is(i - 1, ".")) return false;
    for (std::string_view k : kKeywords) {
      if (Is(i, k)) return true;
    }
    return false;
  }

  // Whether the `{` at `open`, outside brackets in the entry [lo, hi), opens a block of
  // statements (always laid out one statement per line): a flow's body, or in a statement
  // with a block the `{` that follows a condition, a clause or a keyword (an object literal
  // follows an operator, `(`, `,` or `:`).
  bool IsStatementBlock(size_t lo, size_t hi, size_t open) const {
    if (Is(lo, "flow")) return match_[open] + 1 == hi;
    bool statement = false;
    for (size_t k = lo; k < open && !statement;) {
      statement = IsStatementKeyword(k);
      k = IsOpener(k) ? match_[k] + 1 : k + 1;
    }
    if (!statement || open == lo) return false;
    size_t before = open - 1;
    return EndsOperand(before) || Is(before, "%") || IsStatementKeyword(before);
  }

  // One entry: tokens and bracketed groups on one line.
  void Item(size_t lo, size_t hi) {
    size_t prev = SIZE_MAX;
    for (size_t k = lo; k < hi;) {
      if (IsSemi(k)) {  // before `else` or `catch`: the grammar does not need it
        ++k;
        continue;
      }
      if (prev != SIZE_MAX) {
        Gap gap = Between(prev, k);
        if (gap == Gap::kSpace && Is(prev, ",") && !pending_newline_ &&
            AttachedTo(k).leading.empty()) {
          // A list outside brackets (`on A, B, C attempts 3`) breaks after the commas where
          // the line would overflow, its continuation lines indented.
          Emit(docs_.Group(docs_.Nest(docs_.Line())));
        } else {
          // `else` and `catch` after comments start their own line, as `}` does.
          EmitGap(gap, k, false, /*continuation=*/!Is(k, "else") && !Is(k, "catch"));
        }
      }
      if (IsOpener(k)) {
        Bracket(k, match_[k], Is(k, "{") && IsStatementBlock(lo, hi, k));
        prev = match_[k];
        k = match_[k] + 1;
      } else {
        EmitToken(k);
        prev = k;
        ++k;
      }
    }
  }

  bool IsFieldList(Range item) const {
    if (item.end - item.begin >= 2 && (Is(item.begin + 1, ":") || Is(item.begin + 1, "?"))) {
      return true;
    }
    bool name = IsNameLike(item.begin) || Text(item.begin)[0] == '"';
    return name && (item.end - item.begin == 1 || Is(item.begin + 1, ","));
  }

  // The comma list [lo, hi) after its opening bracket, then the closing bracket `close`:
  // `line` inside the brackets (kSoftLine for `(`/`[`, kLine for `{`), kLine after commas.
  void CommaList(size_t lo, size_t hi, size_t close, Gap line) {
    std::vector<Range> elements;
    std::vector<size_t> commas;
    SplitCommas(lo, hi, elements, commas);
    std::vector<DocId>* outer = out_;
    std::vector<DocId> inner;
    out_ = &inner;
    for (size_t e = 0; e < elements.size(); ++e) {
      EmitGap(e == 0 ? line : Gap::kLine, elements[e].begin, false);
      Item(elements[e].begin, elements[e].end);
      if (e < commas.size() && (e + 1 < elements.size() || HasComments(commas[e]))) {
        EmitGap(Gap::kNone, commas[e], false);
        EmitToken(commas[e]);
      }
    }
    EmitCommentsBeforeCloser(close);
    out_ = outer;
    std::vector<DocId> group{docs_.Nest(docs_.Concat(std::move(inner)))};
    out_ = &group;
    EmitGap(line, close, false);
    EmitToken(close);
    out_ = outer;
    Emit(docs_.Group(docs_.Concat(std::move(group))));
  }

  bool HasComments(size_t i) const {
    const Attached& a = AttachedTo(i);
    return !a.leading.empty() || !a.trailing.empty();
  }

  void Bracket(size_t open, size_t close, bool block = false) {
    ++depth_;
    // The lexer refuses deeper nesting (E0006), so this recursion stays within the stack.
    CAIOS_CHECK_INVARIANT(depth_ <= kMaxNestingDepth);
    EmitToken(open);
    if (Is(open, "{")) {
      Brace(open, close, block);
    } else if (open + 1 == close) {
      Empty(close);
    } else if (Hugs(open, close)) {
      // f({ ... }) and f([ ... ]): the one literal's brackets break, not the call's.
      EmitGap(Gap::kNone, open + 1, false);
      Item(open + 1, close);
      EmitCommentsBeforeCloser(close);
      EmitGap(Gap::kNone, close, false);
      EmitToken(close);
    } else {
      CommaList(open + 1, close, close, Gap::kSoftLine);
    }
    --depth_;
  }

  bool Hugs(size_t open, size_t close) const {
    size_t first = open + 1;
    if (!(Is(first, "{") || Is(first, "[")) || HasComments(close)) return false;
    size_t end = match_[first] + 1;
    return end == close || (end + 1 == close && Is(end, ",") && !HasComments(end));
  }

  void Empty(size_t close) {
    if (AttachedTo(close).leading.empty()) {
      EmitGap(Gap::kNone, close, false);
      EmitToken(close);
      return;
    }
    std::vector<DocId>* outer = out_;
    std::vector<DocId> inner;
    out_ = &inner;
    EmitCommentsBeforeCloser(close);
    out_ = outer;
    Emit(docs_.Nest(docs_.Concat(std::move(inner))));
    EmitGap(Gap::kHardLine, close, false);
    EmitToken(close);
  }

  void Brace(size_t open, size_t close, bool block) {
    std::vector<Range> entries = SplitEntries(open + 1, close);
    if (entries.empty() && (!block || AttachedTo(close).leading.empty())) {
      Empty(close);
    } else if (entries.size() == 1 && !block && IsFieldList(entries[0])) {
      CommaList(entries[0].begin, entries[0].end, close, Gap::kLine);
    } else if (entries.size() == 1 && !block) {
      std::vector<DocId>* outer = out_;
      std::vector<DocId> inner;
      out_ = &inner;
      EmitGap(Gap::kLine, entries[0].begin, false);
      Item(entries[0].begin, entries[0].end);
      EmitCommentsBeforeCloser(close);
      std::vector<DocId> group{docs_.Nest(docs_.Concat(std::move(inner)))};
      out_ = &group;
      EmitGap(Gap::kLine, close, false);
      EmitToken(close);
      out_ = outer;
      Emit(docs_.Group(docs_.Concat(std::move(group))));
    } else {
      std::vector<DocId>* outer = out_;
      std::vector<DocId> inner;
      out_ = &inner;
      Items(open + 1, close, /*top=*/false);
      EmitCommentsBeforeCloser(close);
      out_ = outer;
      Emit(docs_.Nest(docs_.Concat(std::move(inner))));
      EmitGap(Gap::kHardLine, close, false);
      EmitToken(close);
    }
  }

  static constexpr size_t kNone = SIZE_MAX;

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<size_t> match_;
  // Per token, and one for the end of the file: 1 + the index of its comments in attached_,
  // or 0 for none; and whether an empty line precedes it (after its leading comments).
  std::vector<uint32_t> attached_of_;
  std::vector<bool> blank_before_;
  std::vector<Attached> attached_;
  const Attached no_comments_;
  uint16_t semi_kind_ = 0;
  Docs docs_;
  std::vector<DocId>* out_ = nullptr;
  bool pending_newline_ = false;  // a line comment was printed: a line break must follow
  bool emitted_any_ = false;
  int depth_ = 0;
};

}  // namespace

std::optional<std::string> FormatFile(const SourceFile& file, DiagnosticSink& sink) {
  const size_t errors = sink.error_count();
  ParseFile(file, sink);
  if (sink.error_count() > errors) return std::nullopt;
  LexResult lexed = Lex(file, sink);
  std::string bom(file.text().substr(0, file.ContentStart()));
  return bom + Formatter(file, std::move(lexed)).Run();
}

}  // namespace caios
