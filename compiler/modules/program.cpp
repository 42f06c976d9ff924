#include "compiler/modules/program.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/base/parallel_for.h"
#include "compiler/parse/parse.h"
#include "compiler/source/read_file.h"

namespace caios {
namespace fs = std::filesystem;

namespace {

// Whether `path` (canonical) lies inside the folder `root` (canonical).
bool Inside(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

fs::path Canonical(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : path, ec);
  if (ec) absolute = path;
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return (ec ? absolute : canonical).lexically_normal();
}

// Adds every *.caios file below `dir` to `found`. Directory links are not followed; a folder or
// entry that cannot be read is reported (W0010) and the walk goes on with the rest, so one
// unreadable folder never hides the readable files. A linked file whose target lies outside
// the project folder `root` is refused (E0231): it would be read and quoted.
void CollectCaiosFiles(const fs::path& dir, const fs::path& root, std::vector<fs::path>& found,
                       DiagnosticSink& sink) {
  // Reported in path order afterwards: the walk's order depends on the file system.
  std::vector<std::pair<std::string, std::string>> problems;
  std::vector<std::string> outside;
  auto unreadable = [&](const fs::path& path, const std::error_code& ec, bool folder) {
    problems.emplace_back(path.string(),
                          ec.message() + (folder ? "; the .caios files in it are not checked"
                                                 : "; it is not checked"));
  };
  std::vector<fs::path> pending{dir};
  while (!pending.empty()) {
    fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(current, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      std::error_code entry_ec;
      fs::file_status link = it->symlink_status(entry_ec);
      if (entry_ec) {
        unreadable(it->path(), entry_ec, /*folder=*/false);
        continue;
      }
      if (fs::is_directory(link)) {
        pending.push_back(it->path());
        continue;
      }
      if (it->path().extension() != ".caios") continue;
      fs::file_status target = it->status(entry_ec);
      if (entry_ec) {
        unreadable(it->path(), entry_ec, /*folder=*/false);
        continue;
      }
      if (!fs::is_regular_file(target)) continue;
      if (fs::is_symlink(link) && !Inside(Canonical(it->path()), root)) {
        outside.push_back(it->path().string());
        continue;
      }
      found.push_back(it->path());
    }
    if (ec) unreadable(current, ec, /*folder=*/true);
  }
  std::sort(problems.begin(), problems.end());
  for (const auto& [path, why] : problems) {
    sink.Emit(Span{}, diag::FolderEntryUnreadable, path, why);
  }
  std::sort(outside.begin(), outside.end());
  for (const std::string& path : outside) {
    sink.Emit(Span{}, diag::LinksFileOutsideProjectFolder, path, dir.string());
  }
}

// A canonical folder as the user would write it: relative to the working directory when it
// lies below it (so diagnostics do not depend on where the repository is checked out).
std::string ShownPath(const fs::path& canonical) {
  fs::path rel = canonical.lexically_relative(Canonical("."));
  if (rel.empty() || *rel.begin() == "..") return canonical.string();
  return rel.string();
}

std::string Key(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path.lexically_normal() : canonical).string();
}

// Parses `files` (already added to `sources`) on up to `requested` threads (0: as many as
// their size calls for, ThreadsFor).
void ParseAll(const std::vector<FileId>& files, SourceManager& sources, DiagnosticSink& sink,
              unsigned requested, std::vector<ast::Module>& out) {
  out.resize(files.size());
  size_t bytes = 0;
  for (FileId file : files) bytes += sources.Get(file).text().size();
  const unsigned threads = ThreadsFor(requested, bytes);
  // One file gets every thread for its declarations; several files get one thread each.
  unsigned per_file = files.size() == 1 ? threads : 1;
  ParallelFor(files.size(), threads,
              [&](size_t i) { out[i] = ParseFile(sources.Get(files[i]), sink, per_file); });
}

// Reports each import cycle once, at the import that closes it.
void ReportCycles(const Program& program, const SourceManager& sources, DiagnosticSink& sink) {
  enum class Mark { kNone, kActive, kDone };
  std::vector<Mark> mark(program.modules.size(), Mark::kNone);
  std::vector<size_t> stack;
  auto visit = [&](auto&& self, size_t m) -> void {
    mark[m] = Mark::kActive;
    stack.push_back(m);
    const LoadedModule& mod = program.modules[m];
    for (size_t target : mod.imports) {
      if (mark[target] == Mark::kActive) {
        // Find the import declaration in `mod` that names `target`.
        Span where{mod.ast.file, 0, 0};
        std::string chain;
        auto it = std::find(stack.begin(), stack.end(), target);
        for (; it != stack.end(); ++it) {
          chain += sources.Get(program.modules[*it].ast.file).path() + " -> ";
        }
        chain += sources.Get(program.modules[target].ast.file).path();
        for (size_t k = 0; k < mod.import_spans.size(); ++k) {
          if (mod.import_targets[k] == target) where = mod.import_spans[k];
        }
        sink.Emit(where, diag::ImportCycle).Note(fmt::format("the cycle is {}", chain));
      } else if (mark[target] == Mark::kNone) {
        self(self, target);
      }
    }
    stack.pop_back();
    mark[m] = Mark::kDone;
  };
  for (size_t m = 0; m < program.modules.size(); ++m) {
    if (mark[m] == Mark::kNone) visit(visit, m);
  }
}

}  // namespace

std::vector<fs::path> CaiosFilesBelow(const fs::path& dir, DiagnosticSink& sink) {
  std::vector<fs::path> found;
  CollectCaiosFiles(dir, Canonical(dir), found, sink);
  std::sort(found.begin(), found.end());
  return found;
}

Program LoadProgram(const std::vector<std::string>& inputs, const LoadOptions& options,
                    SourceManager& sources, DiagnosticSink& sink, bool& io_error) {
  Program program;

  // 1. Expand the inputs into root files, each directory's files in sorted order. Each root
  // remembers its project folder: the directory named on the command line, else the folder of
  // the named file. Imports resolve only inside it (or in the stdlib; docs/language.md).
  struct Pending {
    fs::path path;
    bool is_stdlib;
    fs::path project_root;  // canonical
  };
  std::vector<Pending> roots;
  for (const std::string& input : inputs) {
    fs::path path(input);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      fs::path root = Canonical(path);
      std::vector<fs::path> found = CaiosFilesBelow(path, sink);
      if (found.empty()) {
        sink.Emit(Span{}, diag::CaiosFilesFoundDirectory, input);
        io_error = true;
      }
      for (fs::path& f : found) roots.push_back({std::move(f), false, root});
    } else {
      roots.push_back({path, false, Canonical(path.parent_path())});
    }
  }
  const fs::path stdlib_root = Canonical(options.stdlib_dir);

  // 2. Load in waves: the roots, then what they import, and so on. Each wave is parsed in
  // parallel; file ids are assigned in a fixed order so output is deterministic.
  std::map<std::string, size_t> by_key;
  std::vector<Pending> wave;
  for (Pending& r : roots) {
    if (by_key.count(Key(r.path))) continue;
    by_key[Key(r.path)] = SIZE_MAX;  // reserved; set when loaded
    wave.push_back(std::move(r));
  }
  std::vector<size_t> root_modules;
  bool first_wave = true;
  while (!wave.empty()) {
    std::vector<FileId> files;
    std::vector<size_t> module_index;
    for (const Pending& p : wave) {
      ReadResult read;
      auto overlaid = options.overlay ? options.overlay->find(Canonical(p.path).string())
                                      : std::map<std::string, std::string>::const_iterator();
      if (options.overlay && overlaid != options.overlay->end()) {
        // An editor's buffer is held to the limit of a file on disk (E0007).
        if (overlaid->second.size() > kMaxSourceFileBytes) {
          read.status = ReadStatus::kTooLarge;
          read.why = fmt::format("it is larger than {} MiB, the limit", kMaxSourceFileBytes >> 20);
        } else {
          read.text = overlaid->second;
        }
      } else {
        read = ReadSourceFile(p.path);
      }
      if (read.status != ReadStatus::kOk) {
        // Unreadable imports were diagnosed at the import (E0201) when they did not exist;
        // a file that exists but cannot be read is reported wherever it was named.
        sink.Emit(Span{},
                  read.status == ReadStatus::kTooLarge ? diag::FileTooLarge : diag::FileUnreadable,
                  p.path.string(), read.why);
        io_error = true;
        by_key.erase(Key(p.path));
        continue;
      }
      // Only .caios sources are quoted in diagnostics: a file whose real name has another
      // extension (a link to /etc/passwd named on the command line) shows locations only.
      bool quotable = read.from_stdin || Canonical(p.path).extension() == ".caios";
      FileId id = sources.Add(p.path.lexically_normal().string(), std::move(read.text), quotable);
      size_t index = program.modules.size();
      program.modules.push_back(
          LoadedModule{ast::Module{id, {}}, p.path, p.is_stdlib, {}, {}, {}, {}, p.project_root});
      by_key[Key(p.path)] = index;
      files.push_back(id);
      module_index.push_back(index);
      if (first_wave) root_modules.push_back(index);
    }
    std::vector<ast::Module> parsed;
    ParseAll(files, sources, sink, options.threads, parsed);
    std::vector<Pending> next;
    for (size_t i = 0; i < parsed.size(); ++i) {
      LoadedModule& mod = program.modules[module_index[i]];
      mod.ast = std::move(parsed[i]);
      for (const auto& decl : mod.ast.decls) {
        if (decl->kind != ast::DeclKind::kImport) continue;
        const auto& imp = static_cast<const ast::ImportDecl&>(*decl);
        fs::path target;
        fs::path target_root = imp.from_stdlib ? stdlib_root : mod.project_root;
        if (imp.from_stdlib) {
          target = options.stdlib_dir / (imp.path + ".caios");
        } else {
          // Checked before the file system is touched: only .caios files inside the project
          // are ever opened, so an import cannot read (and a diagnostic cannot quote) a secret.
          if (!imp.path.ends_with(".caios") || imp.path.find('\0') != std::string::npos) {
            sink.Emit(imp.path_span, diag::ImportNotCaiosFile, imp.path)
                .Note("file imports name a .caios source file, including its extension");
            continue;
          }
          target = (mod.path.parent_path() / imp.path).lexically_normal();
          fs::path real = Canonical(target);
          if (real.extension() != ".caios") {  // a link to another kind of file
            sink.Emit(imp.path_span, diag::LinkFileThatCaiosFile, imp.path);
            continue;
          }
          if (!Inside(real, mod.project_root)) {
            sink.Emit(imp.path_span, diag::OutsideProjectFolder, imp.path)
                .Note(fmt::format("the project folder is `{}`: the folder named on the command "
                                  "line, or the folder of the named file",
                                  ShownPath(mod.project_root)))
                .Note("name the common parent folder on the command line to import from it");
            continue;
          }
        }
        std::error_code ec;
        if (!fs::is_regular_file(target, ec) &&
            !(options.overlay && options.overlay->count(Canonical(target).string()))) {
          Diagnostic& d = imp.from_stdlib
                              ? sink.Emit(imp.path_span, diag::NoStdlibModule, imp.path)
                              : sink.Emit(imp.path_span, diag::ModuleNotFound, imp.path);
          d.Note(fmt::format("looked for `{}`", target.string()));
          if (imp.from_stdlib && imp.path.find('/') == std::string::npos &&
              sources.Get(mod.ast.file).text().substr(imp.path_span.begin, 4) != "std.") {
            d.Note("stdlib modules are imported as `import std.NAME`; files by a quoted path");
          }
          if (imp.from_stdlib) {
            std::vector<std::string> available;
            for (fs::directory_iterator it(options.stdlib_dir, ec), end; !ec && it != end;
                 it.increment(ec)) {
              if (it->path().extension() == ".caios") {
                available.push_back("std." + it->path().stem().string());
              }
            }
            std::sort(available.begin(), available.end());
            if (!available.empty()) {
              std::string list;
              for (const auto& a : available) list += (list.empty() ? "`" : ", `") + a + "`";
              d.Note("the stdlib has " + list);
            }
          }
          continue;
        }
        std::string key = Key(target);
        mod.import_spans.push_back(imp.path_span);
        if (!by_key.count(key)) {
          by_key[key] = SIZE_MAX;
          next.push_back({target, imp.from_stdlib, target_root});
        }
        mod.import_keys.push_back(key);
      }
    }
    wave = std::move(next);
    first_wave = false;
  }

  // 3. Resolve import edges, pick the roots, report cycles.
  std::vector<bool> imported(program.modules.size(), false);
  std::vector<size_t> tested;  // modules test files import
  for (LoadedModule& mod : program.modules) {
    const bool test = !mod.is_stdlib && IsTestFile(mod.path);
    mod.import_targets.assign(mod.import_keys.size(), SIZE_MAX);
    for (size_t k = 0; k < mod.import_keys.size(); ++k) {
      auto it = by_key.find(mod.import_keys[k]);
      if (it == by_key.end() || it->second == SIZE_MAX) continue;
      mod.import_targets[k] = it->second;
      if (std::find(mod.imports.begin(), mod.imports.end(), it->second) == mod.imports.end()) {
        mod.imports.push_back(it->second);
      }
      if (!test) {
        imported[it->second] = true;
      } else if (!mod.is_stdlib) {
        tested.push_back(it->second);
      }
    }
  }
  for (size_t m : root_modules) {
    if (IsTestFile(program.modules[m].path)) {
      program.tests.push_back(m);
    } else if (!imported[m]) {
      program.roots.push_back(m);
    }
  }
  // A module only test files import is the root of the application they test (a test file
  // named alone: `caios test app.test.caios`).
  for (size_t m : tested) {
    if (imported[m] || program.modules[m].is_stdlib || IsTestFile(program.modules[m].path) ||
        std::find(program.roots.begin(), program.roots.end(), m) != program.roots.end()) {
      continue;
    }
    program.roots.push_back(m);
  }
  ReportCycles(program, sources, sink);
  return program;
}

bool IsTestFile(const fs::path& path) { return path.filename().string().ends_with(".test.caios"); }

}  // namespace caios
