// Span, text and literal helpers shared by the AST builder files.
#include <fmt/format.h>

#include "compiler/parse/build_ast.h"

namespace caios {

Span AstBuilder::SpanOf(antlr4::Token* token) const {
  if (token == nullptr) return Span{file_.id(), 0, 0};
  size_t start = token->getStartIndex();
  size_t stop = token->getStopIndex();
  if (token->getType() == antlr4::Token::EOF || stop + 1 < start) {
    return Span{file_.id(), uint32_t(start), uint32_t(start)};
  }
  return Span{file_.id(), uint32_t(start), uint32_t(stop + 1)};
}

Span AstBuilder::SpanOf(antlr4::tree::TerminalNode* node) const {
  return node == nullptr ? Span{file_.id(), 0, 0} : SpanOf(node->getSymbol());
}

Span AstBuilder::SpanOf(antlr4::ParserRuleContext* ctx) const {
  if (ctx == nullptr) return Span{file_.id(), 0, 0};
  Span a = SpanOf(ctx->getStart());
  Span b = SpanOf(ctx->getStop());
  if (ctx->getStop() == nullptr || b.end < a.begin) return a;
  return Span{file_.id(), a.begin, b.end};
}

std::string_view AstBuilder::TextOf(antlr4::Token* token) const {
  Span s = SpanOf(token);
  return text_.substr(s.begin, s.end - s.begin);
}

std::string_view AstBuilder::TextOf(antlr4::ParserRuleContext* ctx) const {
  Span s = SpanOf(ctx);
  return text_.substr(s.begin, s.end - s.begin);
}

ast::Ident AstBuilder::IdentOf(antlr4::ParserRuleContext* ctx) const {
  return ast::Ident{std::string(TextOf(ctx)), SpanOf(ctx)};
}

std::string AstBuilder::StringValue(antlr4::tree::TerminalNode* node) const {
  std::string_view raw = TextOf(node->getSymbol());
  std::string value = DecodeEscapes(raw.substr(1, raw.size() - 2));
  CheckTemplateText(value, SpanOf(node->getSymbol()));
  return value;
}

ast::Ident AstBuilder::FieldNameOf(P::NameContext* name, antlr4::tree::TerminalNode* quoted) const {
  if (quoted == nullptr) return IdentOf(name);
  const Span span = SpanOf(quoted->getSymbol());
  std::string_view raw = TextOf(quoted->getSymbol());
  // A `${` not preceded by a backslash starts an interpolation (the lexer checked the rest).
  for (size_t i = 1; i + 1 < raw.size() - 1; ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '$' && raw[i + 1] == '{') {
      sink_.Emit(span, diag::FieldNameInterpolates);
      break;
    }
  }
  std::string value = StringValue(quoted);
  if (value.empty()) sink_.Emit(span, diag::EmptyFieldName);
  return ast::Ident{std::move(value), span};
}

void AstBuilder::CheckTemplateText(std::string_view decoded, Span literal) const {
  if (decoded.find("{{resolve:") == std::string_view::npos) return;
  sink_.Emit(literal, diag::ThisStringHoldsResolveWhich)
      .Note(
          "to use a secret, pass its name and read it when the code runs (`uses "
          "aws.secretsmanager(getSecretValue)` or `uses aws.ssm(getParameter)`), or give a "
          "`connection` its `secret \"NAME\"`");
}

int64_t AstBuilder::IntValue(antlr4::tree::TerminalNode* node) const {
  int64_t value = 0;
  for (char c : TextOf(node->getSymbol())) {
    value = std::min<int64_t>(value * 10 + (c - '0'), 1'000'000'000'000);
  }
  return value;
}

ast::Duration AstBuilder::BuildDuration(antlr4::tree::TerminalNode* node) {
  ast::Duration d;
  d.span = SpanOf(node);
  std::string_view t = text_.substr(d.span.begin, d.span.end - d.span.begin);
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  std::string_view unit = t.substr(digits);
  int64_t factor = unit == "ms"  ? 1
                   : unit == "s" ? 1000
                   : unit == "m" ? 60'000
                   : unit == "h" ? 3'600'000
                                 : 86'400'000;
  int64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    if (value > (INT64_MAX / 10 - 9) / factor) {
      sink_.Emit(d.span, diag::DurationTooLarge, t);
      return d;
    }
    value = value * 10 + (t[i] - '0');
  }
  d.millis = value * factor;
  return d;
}

std::string DecodeEscapes(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        // The lexer guarantees four hex digits.
        unsigned cp = std::stoul(std::string(body.substr(i + 1, 4)), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          // The lexer accepts a surrogate only as a high-low pair: combine it into one code
          // point (a lone one, already reported as E0104, becomes U+FFFD to stay UTF-8).
          unsigned low = 0;
          if (cp <= 0xDBFF && i + 6 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') {
            low = std::stoul(std::string(body.substr(i + 3, 4)), nullptr, 16);
          }
          if (low >= 0xDC00 && low <= 0xDFFF) {
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            cp = 0xFFFD;
          }
        }
        if (cp < 0x80) {
          out += char(cp);
        } else if (cp < 0x800) {
          out += char(0xC0 | (cp >> 6));
          out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += char(0xE0 | (cp >> 12));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        } else {
          out += char(0xF0 | (cp >> 18));
          out += char(0x80 | ((cp >> 12) & 0x3F));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        out += e;
        break;  // \" \\ \/ \$
    }
  }
  return out;
}

}  // namespace caios
