// What `caios lsp` shows of a program's output in a hover: the Step Functions states a flow or a
// statement compiles to and the IAM a resource is reached with, read from the files the AWS
// target emits in memory for the analysed program (docs/editors.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/driver/emit_apps.h"
#include "compiler/modules/program.h"
#include "compiler/source/source.h"

namespace caios::lsp {

struct Analysis;

// The analysed program emitted in memory (JSON template, the build's query language).
struct Compiled {
  EmittedApps emitted;
};

// Emits the program of `analysis` once and keeps the result in it; null when the program did
// not check clean or emitting reported errors.
const Compiled* CompiledOf(Analysis& analysis);

// The analysed program lowered, with the definitions of the flows a hover asked about: a
// flow's hover needs its own definition, not the whole application's output.
struct Lowered {
  std::vector<std::unique_ptr<ir::App>> apps;
  std::map<std::pair<size_t, uint32_t>, std::string> definitions;  // (app, flow) -> its file
};

// Lowers the program of `analysis` once and keeps the result in it; null when the program did
// not check clean or lowering reported errors.
Lowered* LoweredOf(Analysis& analysis);

// The definition of flow `flow` of application `app` as `caios check` measures it and `build`
// writes it (the default query language unless the flow sets its own), emitted on first use,
// which names the flow's states.
const std::string& DefinitionOf(Lowered& lowered, size_t app, uint32_t flow);

// Markdown: the states of `flow`'s definition, in order, with their types and integrations.
std::optional<std::string> FlowStates(Lowered& lowered, const ast::FlowDecl& flow);

// Markdown: the states the innermost step of `flow` around byte `offset` of its file compiles
// to (a statement, or a call that is a task); nullopt where no state comes from.
std::optional<std::string> StepStates(Lowered& lowered, const ast::FlowDecl& flow, uint32_t offset);

// Markdown: for the resource declared by `decl`, every role whose policy names it, with the
// actions allowed on it.
std::optional<std::string> ResourceAccess(const Compiled& compiled, const ast::Decl& decl);

// Markdown: how many resources of each type the application's template declares.
std::optional<std::string> AppResources(const Compiled& compiled, const ast::AppDecl& decl);

// The comment right above a declaration (line comments, or one block comment, with no blank
// line between it and the declaration), without its delimiters; empty when there is none.
std::string DocComment(const SourceFile& file, uint32_t decl_begin);

}  // namespace caios::lsp
