// Navigation and edits for `caios lsp` on top of one Analysis: references and highlights,
// rename, quick fixes from the diagnostics' fix-its, folding ranges and workspace symbols
// (docs/editors.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/driver/lsp_analysis.h"

namespace caios::lsp {

// ---- references (lsp_references.cpp)

// One place a target is named. A shorthand object field (`{ id }`) is both a key and a
// variable: renaming one keeps the other, so the new name gets `prefix` (`id: ` for the
// variable) or `suffix` (`: id` for the field).
struct Occurrence {
  Span span;
  bool declaration = false;
  std::string prefix;
  std::string suffix;
};

// Every place of the program (all files, the stdlib included) that names `target`, by the
// checker's side tables, sorted by file and offset; empty for a builtin. For a record field:
// the accesses and object keys the checker resolved to a field of that name of the same record
// type, and the field in every record type written in the program that is that type (records
// are structural: two declarations of the same fields are one type).
std::vector<Occurrence> Occurrences(const Analysis& analysis, const Target& target);

// ---- rename (lsp_rename.cpp)

// Why `name` cannot be a new name ("" when it can): not an identifier, or a keyword of the
// lexer, a built-in type or function.
std::string NewNameProblem(std::string_view name);

// The name a rename at `offset` would change, or why nothing there can be renamed.
struct RenameTarget {
  Target target;
  Span span;  // the name under the cursor
  std::string error;
};
RenameTarget RenameTargetAt(const Analysis& analysis, const LoadedModule& module, uint32_t offset);

// The edits of renaming the target at `offset` to `new_name`: one (span, text) per occurrence.
struct TextEdit {
  Span span;
  std::string text;
};
struct RenamePlan {
  Target target;
  std::vector<TextEdit> edits;
  std::string error;  // set when the rename is refused
};
RenamePlan PlanRename(const Analysis& analysis, const LoadedModule& module, uint32_t offset,
                      const std::string& new_name);

// The texts of the files `edits` change, with the edits applied, by canonical path.
std::map<std::string, std::string> ApplyEdits(const Analysis& analysis,
                                              const std::vector<TextEdit>& edits);

// The first diagnostic of `after` whose code `before` reports fewer times, rendered as
// "E0101: message"; "" when `after` adds none.
std::string NewDiagnostic(const Analysis& before, const Analysis& after);

// ---- validating a rename (lsp_rename_validation.cpp; docs/architecture.md, "The language
// server")

// Why the rules of PlanRename cannot vouch alone for `plan` (a rename they accepted) to
// `new_name`, so that the renamed project must be checked completely; "" when they can: a type,
// a policy or a flow's local variable, whose new name reaches nothing the backend derives or
// bounds, a parameter of a flow no route, trigger or schedule starts, or a resource, function,
// flow, api or schedule whose logical IDs cannot meet another entity's (aws::LogicalIdPrefix);
// in each case every word of the program spelling the old name where it is seen is one of the
// edits, and a longer name (but a type's) keeps every definition it is written in within Step
// Functions' size and a function invoking itself through its grants within Lambda's name length,
// judged on the current program lowered (LoweredOf, kept in `analysis`) and the definitions of
// the flows the edits touch.
std::string FullCheckReason(Analysis& analysis, const RenamePlan& plan,
                            const std::string& new_name);

// The name lowering gives the entity `decl` declares, from which the AWS target derives its
// logical IDs (aws::LogicalIdPrefix): a resource's, function's, flow's, api's or named
// schedule's own, `<target>_schedule` for an unnamed schedule, `<source>_<event>_<target>` for
// a trigger (before lowering appends digits to make it unique); "" for other declarations.
// `spell` gives each identifier's text (the renamed one's new name).
std::string EntityName(const ast::Decl& decl,
                       const std::function<const std::string&(const ast::Ident&)>& spell);

// Checks the project of `analysis` with `edits` applied over `overlay` (both stages; `extra` as
// Analyze takes it) and returns the first diagnostic it adds, as NewDiagnostic renders it; ""
// when it adds none. Completes `analysis` for the comparison.
std::string RecheckRenamed(Analysis& analysis, const std::filesystem::path& stdlib,
                           const std::map<std::string, std::string>& overlay,
                           const std::optional<std::filesystem::path>& extra,
                           const std::vector<TextEdit>& edits);

// ---- quick fixes (lsp_code_actions.cpp)

// One fix-it of a diagnostic that touches bytes [begin, end] of `file`.
struct QuickFix {
  const Diagnostic* diagnostic = nullptr;
  const FixIt* fixit = nullptr;
  std::string title;
  bool preferred = false;  // the diagnostic's first (best) fix-it
};
std::vector<QuickFix> QuickFixes(const Analysis& analysis, FileId file, uint32_t begin,
                                 uint32_t end);

// ---- folding ranges (lsp_folding.cpp)

struct FoldingRange {
  uint32_t start_line = 0;
  uint32_t end_line = 0;
  std::string kind;  // "" (a block), "comment" or "imports"
  friend bool operator==(const FoldingRange&, const FoldingRange&) = default;
};
// From the tokens of `text` (so also for a half-typed file): every `{ ... }` spanning lines
// (folded up to the line before its `}`), comments spanning lines (a block comment or a run of
// line comments), and runs of import lines. Sorted by start line.
std::vector<FoldingRange> FoldingRanges(std::string_view text);

// ---- workspace symbols (lsp_workspace_symbols.cpp)

// Whether the characters of `query` occur in `name` in order, ignoring ASCII case.
bool MatchesQuery(std::string_view query, std::string_view name);

struct WorkspaceSymbol {
  OutlineEntry entry;
  const LoadedModule* module = nullptr;
  std::string container;  // the type of a field
};
// The declarations (and record fields) of the project's own files, not the stdlib's, whose
// names match `query`.
std::vector<WorkspaceSymbol> WorkspaceSymbols(const Analysis& analysis, std::string_view query);

}  // namespace caios::lsp
