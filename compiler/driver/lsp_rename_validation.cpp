// How `caios lsp` makes sure a rename adds no diagnostic: from the current analysis when the
// renamed name reaches only the checker's scopes, else by checking the renamed project
// (docs/architecture.md, "The language server").
#include <algorithm>
#include <cctype>

#include "compiler/check/context_fields.h"
#include "compiler/driver/lsp_navigation.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/vocabulary.h"

namespace caios::lsp {

namespace {

// The part [begin, end) of `file` to look for words spelling the renamed name in.
struct Region {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = UINT32_MAX;
};

// Whether a word of `region` spells `name` without being one of `edits` (nor a field after a
// `.`, which names no variable or type): a use the checker's tables do not list, which an edit
// would leave behind. Words inside `${…}` of a string are the string's: the tables list those.
bool UneditedSpelling(const Analysis& analysis, const Region& region, std::string_view name,
                      const std::vector<TextEdit>& edits) {
  const SourceFile& file = analysis.sources.Get(region.file);
  const std::string_view text = file.text();
  auto edited = [&](uint32_t offset) {
    return std::any_of(edits.begin(), edits.end(), [&](const TextEdit& e) {
      return e.span.file == region.file && e.span.begin <= offset && offset < e.span.end;
    });
  };
  // First the text itself: when every whole-word match of the name is edited, so is every
  // word the lexer would find, and the file need not be lexed.
  auto word_byte = [&](size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    return std::isalnum(c) || c == '_';
  };
  const size_t end = std::min<size_t>(region.end, text.size());
  bool all_edited = true;
  for (size_t at = text.find(name, region.begin); at != std::string_view::npos && at < end;
       at = text.find(name, at + 1)) {
    if ((at > 0 && word_byte(at - 1)) ||
        (at + name.size() < text.size() && word_byte(at + name.size()))) {
      continue;
    }
    if (!edited(static_cast<uint32_t>(at))) {
      all_edited = false;
      break;
    }
  }
  if (all_edited) return false;
  DiagnosticSink scratch;
  const LexResult lexed = Lex(file, scratch, region.begin, region.end);
  size_t dot_length = 0;
  const uint16_t dot = PunctuationKind(".", dot_length);
  for (size_t i = 0; i < lexed.tokens.size(); ++i) {
    const Token& token = lexed.tokens[i];
    if (token.kind == kEofToken || ClassOf(token.kind) != TokenClass::kName) continue;
    if (text.substr(token.begin, token.end - token.begin) != name) continue;
    if (i > 0 && lexed.tokens[i - 1].kind == dot) continue;
    if (!edited(token.begin)) return true;
  }
  return false;
}

}  // namespace

std::string FullCheckReason(const Analysis& analysis, const RenamePlan& plan,
                            const std::string& new_name) {
  const Target& target = plan.target;
  const check::Model& model = *analysis.checked.model;
  std::string old_name;
  std::vector<Region> regions;
  if (target.symbol) {
    const check::Symbol& symbol = *target.symbol;
    // Resources, functions, flows, apis and schedules name what the backend creates (logical
    // IDs, physical and state names, their limits); a policy is kept with them.
    if (symbol.kind != check::Symbol::Kind::kType) return "its name derives the backend's names";
    // Lowering recognizes std.http's record by its name and shape.
    if (symbol.name == "Request" || new_name == "Request") return "`Request` is std.http's record";
    old_name = symbol.name;
    for (size_t m = 0; m < model.modules.size() && m < analysis.program.modules.size(); ++m) {
      auto it = model.modules[m].visible.find(symbol.name);
      if (it == model.modules[m].visible.end() || it->second != &symbol) continue;
      regions.push_back(Region{analysis.program.modules[m].ast.file});
    }
  } else if (target.variable) {
    const check::Variable& v = *target.variable;
    // A parameter is a field of the flow's input: routes, events and batches bind it by name.
    if (v.kind == check::Variable::Kind::kParam) return "a parameter names a field of the input";
    // `execution.id` and `state.name` read the run's context unless a variable hides it.
    if (check::IsContextObject(new_name)) return "the name of the run's context";
    // A variable's name is written in the state machine's definition, whose size is bounded.
    if (new_name.size() > v.name.size()) return "a longer name makes the definition larger";
    old_name = v.name;
    if (!v.flow) return "a variable outside a flow";
    regions.push_back(Region{v.span.file, v.flow->span.begin, v.flow->span.end});
  } else {
    // A field's keys can hide where the checker does not resolve them (a table's partial
    // update): only the renamed program's check finds them all.
    return "a field of a record";
  }
  for (const Region& region : regions) {
    if (UneditedSpelling(analysis, region, old_name, plan.edits)) {
      return "a word spelling the name is not one of the edits";
    }
  }
  return "";
}

std::string RecheckRenamed(Analysis& analysis, const std::filesystem::path& stdlib,
                           const std::map<std::string, std::string>& overlay,
                           const std::optional<std::filesystem::path>& extra,
                           const std::vector<TextEdit>& edits) {
  std::map<std::string, std::string> renamed_overlay = overlay;
  for (auto& [file, new_text] : ApplyEdits(analysis, edits)) renamed_overlay[file] = new_text;
  Analysis renamed;
  Analyze(analysis.project, stdlib, renamed_overlay, extra, renamed);
  Complete(analysis);
  Complete(renamed);
  return NewDiagnostic(analysis, renamed);
}

}  // namespace caios::lsp
