// One run of `caios check` over a project folder for `caios lsp`, with the editor's open
// buffers read instead of the files on disk, and the questions the editor asks of it: the
// outline, where a name is declared, what it is (docs/editors.md).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/command_check.h"
#include "compiler/driver/lsp_compiled.h"
#include "compiler/modules/program.h"
#include "compiler/source/source.h"

namespace caios::lsp {

struct Analysis {
  std::filesystem::path project;  // canonical
  SourceManager sources;
  Program program;
  check::CheckResult checked;  // model null when loading reported errors
  // Set by Complete: every diagnostic of `caios check`, with the warning controls applied.
  std::vector<Diagnostic> diagnostics;
  bool complete = false;
  bool io_error = false;
  std::unique_ptr<CheckRun> run;  // between Analyze and Complete
  // The program emitted in memory for hovers (lsp_compiled.h), made on the first need.
  std::unique_ptr<Compiled> compiled;
  bool compiled_tried = false;
  std::unique_ptr<Lowered> lowered;  // the same, lowered only (a flow's hover)
  bool lowered_tried = false;

  // The module of the file at canonical `path`; null when the project did not load it.
  const LoadedModule* ModuleOf(const std::filesystem::path& path) const;
};

// The canonical form of a path, as the loader keys files (absolute, links resolved).
std::filesystem::path CanonicalPath(const std::filesystem::path& path);

// Loads and checks the project folder `project` as `caios check project` does (its first
// stage: enough for the editor's questions); `overlay` maps canonical paths to the texts to
// read instead of the files (unsaved buffers). `extra` is loaded as a root besides the
// folder's files when it is not on disk (a new, unsaved file).
void Analyze(const std::filesystem::path& project, const std::filesystem::path& stdlib,
             const std::map<std::string, std::string>& overlay,
             const std::optional<std::filesystem::path>& extra, Analysis& analysis);

// Runs the rest of `caios check` (lowering, the backend's checks) on an analysis and sets its
// `diagnostics`; nothing when it is already complete.
void Complete(Analysis& analysis);

// A type as the editor shows it: the checker's spelling, `json` for an unknown type.
std::string TypeName(check::TypeId type);

// How a variable was declared, as hovers and completion label it: `parameter`, `let`, ….
const char* VariableKind(check::Variable::Kind kind);

// One entry of the outline: a declaration with its whole span and its name's span.
struct OutlineEntry {
  std::string name;
  std::string detail;  // "flow", "table", ...
  int kind = 0;        // an LSP SymbolKind
  Span span;
  Span name_span;
  std::vector<OutlineEntry> children;  // a record type's fields
};
std::vector<OutlineEntry> Outline(const Analysis& analysis, const LoadedModule& module);

// What a name refers to, as the checker resolved it: a variable of a flow, a top-level
// declaration, a builtin function or a field of a record type.
struct Target {
  const check::Variable* variable = nullptr;
  const check::Symbol* symbol = nullptr;
  std::string builtin;
  check::TypeId record = nullptr;  // with `field`: a field of this record type
  std::string field = {};
};
// The target of the name (a use or a declaration) at byte `offset` of `module`; nullopt when no
// resolved name is there or the project did not load.
std::optional<Target> TargetAt(const Analysis& analysis, const LoadedModule& module,
                               uint32_t offset);

// The declaration the name at byte `offset` of `module` refers to (a variable's or a top-level
// declaration's name span); nullopt when no resolved name is there.
std::optional<Span> DefinitionAt(const Analysis& analysis, const LoadedModule& module,
                                 uint32_t offset);

// Markdown describing what is at `offset`: a declaration's signature and doc comment (a flow's
// states, a resource's IAM), a variable's type, an expression's type, and the states the step
// around it compiles to. Emits the program in memory on the first need (CompiledOf).
std::optional<std::string> HoverAt(Analysis& analysis, const LoadedModule& module, uint32_t offset);

}  // namespace caios::lsp
