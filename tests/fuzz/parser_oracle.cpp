// The two parsers compared (parser_oracle.h).
#include "tests/fuzz/parser_oracle.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "compiler/ast/ast_dump.h"
#include "compiler/parse/parse.h"

namespace caios::fuzz {
namespace {

std::string SpanText(Span s) { return fmt::format("{}-{}", s.begin, s.end); }

std::string DiagnosticsText(std::vector<Diagnostic> diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += fmt::format("diag {} {} {} {:?}\n", static_cast<int>(d.kind),
                       static_cast<int>(d.severity), SpanText(d.span), d.message);
    for (const SpanLabel& l : d.labels)
      out += fmt::format("  label {} {:?}\n", SpanText(l.span), l.message);
    for (const DiagNote& n : d.notes) {
      out += fmt::format("  note {} {:?}\n", n.span ? SpanText(*n.span) : "-", n.message);
    }
    for (const FixIt& f : d.fixits) {
      out += fmt::format("  fix {} {:?}\n", SpanText(f.span), f.replacement);
    }
  }
  return out;
}

struct Parsed {
  std::string text;  // the AST's dump, then the diagnostics
  ParseCounts counts;
  bool errors = false;
};

Parsed Parse(std::string_view text, ParserChoice parser) {
  SourceManager sources;
  FileId id = sources.Add("input.caios", std::string(text));
  DiagnosticSink sink;
  ParseOptions options;
  options.parser = parser;
  Parsed parsed;
  ast::Module module = ParseFile(sources.Get(id), sink, options, &parsed.counts);
  parsed.errors = sink.has_errors();
  parsed.text = ast::Dump(module) + "\n--- diagnostics\n" + DiagnosticsText(sink.TakeSorted());
  return parsed;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// The first differing line of the two texts, with three lines before it.
std::string FirstDifference(std::string_view descent, std::string_view antlr) {
  std::vector<std::string_view> a = Lines(descent);
  std::vector<std::string_view> b = Lines(antlr);
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  std::string out = fmt::format("first difference at line {}:\n", i + 1);
  for (size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) out += fmt::format("    {}\n", a[k]);
  out += fmt::format("  hand-written: {}\n", i < a.size() ? a[i] : "<end>");
  out += fmt::format("  ANTLR:        {}\n", i < b.size() ? b[i] : "<end>");
  return out;
}

}  // namespace

ParserComparison CompareParsers(std::string_view text) {
  Parsed descent = Parse(text, ParserChoice::kDescent);
  Parsed antlr = Parse(text, ParserChoice::kAntlr);
  ParserComparison result;
  result.declarations = descent.counts.declarations;
  result.by_antlr = descent.counts.by_antlr;
  result.antlr_errors = antlr.errors;
  if (descent.text != antlr.text) {
    result.same = false;
    result.difference = FirstDifference(descent.text, antlr.text);
  }
  return result;
}

void RequireParsersAgree(std::string_view text) {
  ParserComparison c = CompareParsers(text);
  if (c.same) return;
  std::fprintf(stderr, "the hand-written parser and ANTLR's disagree; %s", c.difference.c_str());
  std::abort();
}

}  // namespace caios::fuzz
