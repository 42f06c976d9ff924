#include "compiler/parse/syntax_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "CaiosLexer.h"
#include "CaiosParser.h"
#include "compiler/parse/vocabulary.h"

namespace caios {
namespace {

using grammar::CaiosLexer;
using grammar::CaiosParser;

bool IsCloser(size_t kind) {
  return kind == CaiosLexer::RBRACE || kind == CaiosLexer::RPAREN || kind == CaiosLexer::RBRACK;
}

uint16_t OpenerOf(size_t closer) {
  return closer == CaiosLexer::RBRACE   ? CaiosLexer::LBRACE
         : closer == CaiosLexer::RPAREN ? CaiosLexer::LPAREN
                                        : CaiosLexer::LBRACK;
}

// Tokens that can start an expression; when most of them are expected we say "an expression".
const std::set<size_t>& ExpressionStarters() {
  static const std::set<size_t> starters = {
      CaiosLexer::STRING,    CaiosLexer::INT,      CaiosLexer::NUMBER, CaiosLexer::TRUE,
      CaiosLexer::FALSE,     CaiosLexer::NULL_LIT, CaiosLexer::IDENT,  CaiosLexer::LPAREN,
      CaiosLexer::LBRACK,    CaiosLexer::LBRACE,   CaiosLexer::MINUS,  CaiosLexer::NOT,
      CaiosLexer::BANG,      CaiosLexer::RUN,      CaiosLexer::START,  CaiosLexer::AWAIT,
      CaiosLexer::TASK_TOKEN};
  return starters;
}

// The innermost rule that names what is being parsed, for summaries of long expected sets.
std::string WhatIsExpected(antlr4::ParserRuleContext* ctx, const std::set<size_t>& expected) {
  size_t starters = 0;
  for (size_t k : ExpressionStarters()) starters += expected.count(k);
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    switch (ctx->getRuleIndex()) {
      case CaiosParser::RuleTopDecl:
      case CaiosParser::RuleDeclaration:
        // Only when nothing inner is being parsed (a retry rule's settings are not this).
        if (expected.size() <= 5 || ctx->children.size() > 0) return "";
        return "a declaration (`app`, `import`, `type`, `table`, `function`, `flow`, ...)";
      case CaiosParser::RuleTypeRef:
      case CaiosParser::RuleOptionType:
      case CaiosParser::RuleTypeAtom:
        return "a type";
      case CaiosParser::RuleBlock:
      case CaiosParser::RuleStatement:
        if (starters >= 8) return "a statement";
        break;
      case CaiosParser::RuleOptionArg:
        return "an option value";
      default:
        break;
    }
    if (starters >= 8) return "an expression";
  }
  return "";
}

std::string JoinAlternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// The first token of the statement that holds tokens[index]: after the last `;`, `{` or `}`
// outside brackets.
size_t StatementStart(const std::vector<Token>& tokens, size_t index) {
  int depth = 0;
  for (size_t i = std::min(index, tokens.size()); i > 0; --i) {
    const uint16_t k = tokens[i - 1].kind;
    if (k == CaiosLexer::RPAREN || k == CaiosLexer::RBRACK) ++depth;
    if (k == CaiosLexer::LPAREN || k == CaiosLexer::LBRACK) --depth;
    if (depth <= 0 && (k == CaiosLexer::SEMI || k == CaiosLexer::LBRACE || k == CaiosLexer::RBRACE))
      return i;
  }
  return 0;
}

// The indentation of the line that holds `offset` (its leading blanks), and whether `offset`
// is the first thing on it.
uint32_t LineIndent(std::string_view text, uint32_t offset, bool* first = nullptr) {
  uint32_t line = offset;
  while (line > 0 && text[line - 1] != '\n' && text[line - 1] != '\r') --line;
  uint32_t indent = line;
  while (indent < text.size() && (text[indent] == ' ' || text[indent] == '\t')) ++indent;
  if (first != nullptr) *first = indent == offset;
  return indent - line;
}

// A `{` whose `}` is missing although the brackets balance up to some later `}`: that `}`
// starts its line, is indented less than the line of the `{` it closes, and as much as the line
// of an enclosing `{`, which it was written to close:
//   flow f() {
//     while x < 3 {      <- the `{` returned
//       x = x + 1
//   }                    <- the `}` returned, indented as the line of `outer`
struct MisindentedClose {
  Token opener;
  Token closer;
  Token outer;
};
std::optional<MisindentedClose> FindMisindentedClose(std::string_view text,
                                                     const std::vector<Token>& tokens,
                                                     size_t index) {
  std::vector<Token> stack;
  for (size_t i = 0; i < index && i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == CaiosLexer::LBRACE || t.kind == CaiosLexer::LPAREN ||
        t.kind == CaiosLexer::LBRACK) {
      stack.push_back(t);
      continue;
    }
    if (!IsCloser(t.kind) || stack.empty()) continue;
    const Token open = stack.back();
    stack.pop_back();
    bool first = false;
    const uint32_t indent = LineIndent(text, t.begin, &first);
    if (t.kind != CaiosLexer::RBRACE || open.kind != CaiosLexer::LBRACE || !first ||
        indent >= LineIndent(text, open.begin)) {
      continue;
    }
    for (const Token& outer : stack) {
      if (outer.kind == CaiosLexer::LBRACE && LineIndent(text, outer.begin) == indent) {
        return MisindentedClose{open, t, outer};
      }
    }
  }
  return std::nullopt;
}

// Hints for what users of other languages write: `const x = 3`, `fail("msg")`,
// `return g(1) retry X` (docs/language.md §9–§11).
void AddSyntaxHints(Diagnostic& d, const SourceFile& file, const std::vector<Token>& tokens,
                    size_t index) {
  if (index == 0 || index >= tokens.size()) return;
  const Token& found = tokens[index];
  const Token& before = tokens[index - 1];
  auto text = [&](const Token& t) {
    return std::string_view(file.text()).substr(t.begin, t.end - t.begin);
  };
  if (before.kind == CaiosLexer::IDENT && found.kind == CaiosLexer::IDENT &&
      (text(before) == "const" || text(before) == "var") &&
      StatementStart(tokens, index - 1) == index - 1) {
    d.Note(fmt::format("variables are declared with `let`: `let {} = ...`", text(found)))
        .Fix(Span{file.id(), before.begin, before.end}, "let");
    return;
  }
  if (before.kind == CaiosLexer::FAIL && found.kind == CaiosLexer::LPAREN) {
    d.Note(
        "`fail` names the error first, then an optional cause: `fail OrderInvalid(\"no "
        "items\")` or `fail OrderInvalid`");
    return;
  }
  if (found.kind == CaiosLexer::RETRY || found.kind == CaiosLexer::TIMEOUT ||
      found.kind == CaiosLexer::HEARTBEAT) {
    const size_t start = StatementStart(tokens, index);
    if (start < index &&
        (tokens[start].kind == CaiosLexer::RETURN || tokens[start].kind == CaiosLexer::YIELD)) {
      d.Note(fmt::format(
          "`retry`, `timeout` and `heartbeat` follow a task call in a `let` or a statement of "
          "its own, not in `{}`: write `let r = f(x) {} ...` and then `{} r`",
          text(tokens[start]), text(found), text(tokens[start])));
    }
  }
}

// A parameter written without its type (`flow f(order)`), or without the colon before it
// (`flow f(order Order)`): the parser stops inside `param` at the token after the name, which is
// not `:`. Reports it and returns true.
bool ReportUntypedParameter(antlr4::ParserRuleContext* ctx, const ChunkContext& chunk, size_t index,
                            const Token& found) {
  if (ctx == nullptr || ctx->getRuleIndex() != CaiosParser::RuleParam || ctx->getStart() == nullptr)
    return false;
  const std::vector<Token>& tokens = *chunk.tokens;
  const size_t start = ctx->getStart()->getTokenIndex();
  if (start >= index || index > tokens.size() || found.kind == CaiosLexer::COLON) return false;
  size_t name = index - 1;
  if (tokens[name].kind == CaiosLexer::QUESTION) {
    if (name == start) return false;
    --name;
  }
  for (size_t i = start; i < index; ++i) {
    if (tokens[i].kind == CaiosLexer::COLON) return false;
  }
  const SourceFile& file = *chunk.file;
  auto spelling = [&](const Token& t) {
    return std::string_view(file.text()).substr(t.begin, t.end - t.begin);
  };
  const std::string_view text = spelling(tokens[name]);
  // `order Order`: two words, the first not `whole` (`whole event: json`), so the second is the
  // type and the colon between them is what is missing.
  if (name == start + 1 && tokens[start].kind == CaiosLexer::IDENT &&
      spelling(tokens[start]) != "whole") {
    const Token& param = tokens[start];
    chunk.sink
        ->Emit(Span{file.id(), tokens[name].begin, tokens[name].end}, diag::ParameterMissingColon,
               spelling(param), text)
        .Note(fmt::format("a parameter's type follows a colon: `{}: {}`", spelling(param), text))
        .Fix(Span{file.id(), param.end, param.end}, ":");
    return true;
  }
  const Token& last = tokens[index - 1];  // the name, or the `?` after it
  chunk.sink
      ->Emit(Span{file.id(), tokens[name].begin, tokens[name].end}, diag::ParameterNeedsType, text,
             text)
      .Note(fmt::format(
          "every parameter of a function or flow has its type after a colon, such as `{}: "
          "string`, or `{}: json` for any JSON value",
          text, text))
      .Fix(Span{file.id(), last.end, last.end}, ": json");
  return true;
}

}  // namespace

void CaiosErrorStrategy::reportError(antlr4::Parser* parser,
                                     const antlr4::RecognitionException& e) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::misc::IntervalSet expected;
  if (dynamic_cast<const antlr4::NoViableAltException*>(&e) != nullptr) {
    expected = parser->getExpectedTokens();
  } else {
    expected = e.getExpectedTokens();
  }
  Report(parser, e.getOffendingToken(), expected, false);
}

void CaiosErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Report(parser, parser->getCurrentToken(), getExpectedTokens(parser), true);
  skip_parameter_ = false;  // single-token recovery, not recover()
}

void CaiosErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Report(parser, parser->getCurrentToken(), getExpectedTokens(parser), false);
  skip_parameter_ = false;  // single-token recovery, not recover()
}

void CaiosErrorStrategy::recover(antlr4::Parser* parser, std::exception_ptr e) {
  if (!skip_parameter_) {
    antlr4::DefaultErrorStrategy::recover(parser, e);
    return;
  }
  skip_parameter_ = false;
  for (size_t k = parser->getInputStream()->LA(1);
       k != CaiosLexer::COMMA && k != CaiosLexer::RPAREN && k != antlr4::Token::EOF &&
       k != CaiosLexer::LBRACE;
       k = parser->getInputStream()->LA(1)) {
    parser->consume();
  }
}

antlr4::Token* CaiosErrorStrategy::getMissingSymbol(antlr4::Parser* parser) {
  antlr4::Token* current = parser->getCurrentToken();
  antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
  size_t kind = expected.isEmpty() ? antlr4::Token::INVALID_TYPE : expected.getMinElement();
  auto token = std::make_unique<antlr4::CommonToken>(kind);
  token->setStartIndex(current->getStartIndex());
  token->setStopIndex(current->getStartIndex() - 1);
  token->setTokenIndex(current->getTokenIndex());
  conjured_.push_back(std::move(token));
  return conjured_.back().get();
}

void CaiosErrorStrategy::Report(antlr4::Parser* parser, antlr4::Token* offending,
                                const antlr4::misc::IntervalSet& expected_set, bool unwanted) {
  ++chunk_.errors;
  const std::vector<Token>& tokens = *chunk_.tokens;
  // After an error, recovery often trips again on the same line; one report per line is
  // enough to fix it, and the rest is noise.
  uint32_t at = offending != nullptr && offending->getType() != antlr4::Token::EOF
                    ? static_cast<uint32_t>(offending->getStartIndex())
                    : chunk_.end_token.begin;
  uint32_t line = chunk_.file->Position(at).line;
  // The offending token in our terms.
  Token found = chunk_.end_token;
  size_t index = tokens.size();
  if (offending != nullptr && offending->getType() != antlr4::Token::EOF &&
      offending->getTokenIndex() < tokens.size()) {
    index = offending->getTokenIndex();
    found = tokens[index];
  }
  // Reported however many there are on the line (`flow f(a, b)`), and recovered from exactly.
  if (ReportUntypedParameter(parser->getContext(), chunk_, index, found)) {
    chunk_.last_error_line = line;
    skip_parameter_ = true;
    return;
  }
  if (line == chunk_.last_error_line) return;
  chunk_.last_error_line = line;
  std::string found_name = found.implicit ? "end of line" : DisplayName(found.kind);
  std::string_view found_text =
      std::string_view(chunk_.file->text())
          .substr(found.begin, std::min<uint32_t>(found.end - found.begin, 40));
  if (found.kind == CaiosLexer::IDENT) {
    found_name = fmt::format("name `{}`", found_text);
  } else if (found.kind == CaiosLexer::INT || found.kind == CaiosLexer::NUMBER ||
             found.kind == CaiosLexer::DURATION) {
    found_name = fmt::format("`{}`", found_text);
  }

  std::set<size_t> expected;
  for (ssize_t k : expected_set.toList()) {  // EOF is -1
    if (k == static_cast<ssize_t>(antlr4::Token::EOF)) {
      expected.insert(kEofToken);
    } else if (k > 0) {
      expected.insert(static_cast<size_t>(k));
    }
  }
  // Contextual keywords are names too; listing them would only confuse.
  if (expected.count(CaiosLexer::IDENT)) {
    for (auto it = expected.begin(); it != expected.end();) {
      it = IsContextualKeyword(static_cast<uint16_t>(*it)) ? expected.erase(it) : std::next(it);
    }
  }
  // `;` is what a line break produces: say "a line break" rather than `;`.
  std::vector<std::string> names;
  bool closer_expected = false;
  size_t closer = 0;
  for (size_t k : expected) {
    if (IsCloser(k)) {
      closer_expected = true;
      closer = k;
    }
  }
  std::string summary = WhatIsExpected(parser->getContext(), expected);
  if (summary.empty()) {
    for (size_t k : expected) {
      if (k == CaiosLexer::SEMI) {
        names.push_back("a line break");
      } else if (k == kEofToken) {
        names.push_back("the end of the declaration");
      } else {
        names.push_back(DisplayName(static_cast<uint16_t>(k)));
      }
    }
    if (names.size() > 6) {
      names.resize(6);
      names.push_back("...");
    }
    summary = JoinAlternatives(names);
  }

  Span span{chunk_.file->id(), found.begin, found.end};
  // An unclosed bracket: point at the opener.
  std::optional<Token> opener;
  if (closer_expected && !IsCloser(found.kind)) {
    std::vector<Token> stack;
    for (size_t i = 0; i < index && i < tokens.size(); ++i) {
      uint16_t k = tokens[i].kind;
      if (k == CaiosLexer::LBRACE || k == CaiosLexer::LPAREN || k == CaiosLexer::LBRACK) {
        stack.push_back(tokens[i]);
      } else if (IsCloser(k) && !stack.empty()) {
        stack.pop_back();
      }
    }
    if (!stack.empty() && stack.back().kind == OpenerOf(closer)) opener = stack.back();
  }

  if (opener && (found.kind == kEofToken || chunk_.end_token.begin == found.begin)) {
    const char* what = closer == CaiosLexer::RBRACE   ? "block"
                       : closer == CaiosLexer::RPAREN ? "parenthesis"
                                                      : "bracket";
    Diagnostic& d = chunk_.sink->Emit(span, diag::ExpectedCloseOpenedHereFound,
                                      DisplayName(static_cast<uint16_t>(closer)), what, found_name);
    const std::string_view text = chunk_.file->text();
    std::optional<MisindentedClose> misindented;
    if (closer == CaiosLexer::RBRACE) misindented = FindMisindentedClose(text, tokens, index);
    if (!misindented) {
      d.Label(Span{chunk_.file->id(), opener->begin, opener->end},
              fmt::format("{} opened here", what));
      return;
    }
    // The innermost open `{` is an outer one; the `{` that lost its `}` is further in.
    const SourceFile& file = *chunk_.file;
    const uint32_t open_line = file.Position(misindented->opener.begin).line;
    const uint32_t outer_line = file.Position(misindented->outer.begin).line;
    d.Label(Span{file.id(), misindented->opener.begin, misindented->opener.end},
            "unclosed `{` opened here")
        .Label(Span{file.id(), misindented->closer.begin, misindented->closer.end},
               fmt::format("this `}}` closes the `{{` of line {}, but is indented as line {}",
                           open_line, outer_line))
        .Note(fmt::format("add the `}}` that closes the block of line {} where that block ends",
                          open_line));
    return;
  }
  // Two statements or declarations on one line: the parser wanted the line to end here.
  if (expected.count(CaiosLexer::SEMI) && !found.implicit && found.kind != kEofToken &&
      !IsCloser(found.kind) && found.kind != CaiosLexer::SEMI) {
    Diagnostic& d =
        chunk_.sink->Emit(span, diag::ExpectedLineBreakBefore, found_name)
            .Note("statements, options and declarations are separated by a line break or `;`");
    AddSyntaxHints(d, *chunk_.file, tokens, index);
    return;
  }
  Diagnostic& d = unwanted ? chunk_.sink->Emit(span, diag::UnexpectedToken, found_name, summary)
                           : chunk_.sink->Emit(span, diag::ExpectedToken, summary, found_name);
  if (opener && opener->kind != CaiosLexer::LBRACE) {
    d.Label(Span{chunk_.file->id(), opener->begin, opener->end}, "unclosed delimiter opened here");
  }
  if (found.kind == CaiosLexer::SEMI && found.implicit && expected.count(CaiosLexer::RPAREN) == 0) {
    d.Note(
        "a line break ends a statement here; break lines after an operator or inside "
        "parentheses to continue an expression");
  }
  if (IsContextualKeyword(found.kind) == false && KeywordKind(std::string(Spelling(found.kind))) &&
      expected.count(CaiosLexer::IDENT)) {
    d.Note(fmt::format("{} is a reserved word and cannot be used as a name here",
                       DisplayName(found.kind)));
  }
  AddSyntaxHints(d, *chunk_.file, tokens, index);
}

}  // namespace caios
