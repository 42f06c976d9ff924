// Loading a program: reading the named files and everything they import (relative files and
// stdlib modules), parsing them in parallel, and reporting missing and cyclic imports.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

struct LoadedModule {
  ast::Module ast;
  std::filesystem::path path;  // as given or resolved (for stdlib: inside the stdlib folder)
  bool is_stdlib = false;
  // Modules this one imports directly, as indices into Program::modules (resolved, no cycles
  // followed twice). Missing imports are left out (and diagnosed).
  std::vector<size_t> imports;
  // Loader bookkeeping, parallel to `imports`: where each resolved import is written.
  std::vector<Span> import_spans;
  std::vector<size_t> import_targets;
  std::vector<std::string> import_keys;
  // The folder its relative imports must stay in (canonical): the project folder of the root
  // that loaded it first, or the stdlib folder for stdlib modules.
  std::filesystem::path project_root;
};

// A set of root files and the modules they import. Each root (a file no other loaded file
// imports) with its import closure is one application.
struct Program {
  std::vector<LoadedModule> modules;  // deterministic order: roots in sorted path order, then
                                      // imports in discovery order
  std::vector<size_t> roots;
  // Test files (`*.test.caios`, docs/testing.md): never roots, and their imports do not make a
  // module imported; each joins the application whose modules it imports (compiler/check).
  std::vector<size_t> tests;
};

// Whether `path` names a test file: its name ends in `.test.caios`.
bool IsTestFile(const std::filesystem::path& path);

struct LoadOptions {
  std::filesystem::path stdlib_dir;  // where `import std.x` looks for x.caios
  unsigned threads = 0;              // 0: hardware concurrency
  // Texts that replace files on disk, keyed by canonical path: an editor's unsaved buffers
  // (`caios lsp`, docs/editors.md). A file named here is read from here, not from disk.
  const std::map<std::string, std::string>* overlay = nullptr;
};

// The *.caios files below the folder `dir`, sorted: links to folders are not followed, links
// to files outside `dir` are refused (E0231), unreadable entries are W0010 (reported to `sink`).
// LoadProgram expands directories with it; `caios fmt` too.
std::vector<std::filesystem::path> CaiosFilesBelow(const std::filesystem::path& dir,
                                                   DiagnosticSink& sink);

// Expands directories (every *.caios below, sorted) and loads the files. I/O problems with the
// named inputs are reported as E0001/E0005/E0007; `io_error` is set so the driver can exit
// with 2. Folders that cannot be read are W0010; imports outside the project folder (E0231)
// or of a file that is not .caios (E0232) are refused before anything is opened.
Program LoadProgram(const std::vector<std::string>& inputs, const LoadOptions& options,
                    SourceManager& sources, DiagnosticSink& sink, bool& io_error);

}  // namespace caios
