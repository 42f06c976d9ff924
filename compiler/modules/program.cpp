#include "compiler/modules/program.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "compiler/parse/parse.h"

namespace caios {
namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxFileSize = 64u << 20;

// Reads a whole file; returns false with a reason on failure.
bool ReadFile(const fs::path& path, std::string& out, std::string& why, bool& too_large) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    why = "it is a directory";
    return false;
  }
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileSize) {
    too_large = true;
    why = fmt::format("it is {} MiB; the limit is 64 MiB", size >> 20);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = fs::exists(path, ec) ? "permission denied" : "no such file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    why = "read error";
    return false;
  }
  out = std::move(buffer).str();
  return true;
}

std::string Key(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path.lexically_normal() : canonical).string();
}

// Parses `files` (already added to `sources`) on up to `threads` threads.
void ParseAll(const std::vector<FileId>& files, SourceManager& sources, DiagnosticSink& sink,
              unsigned threads, std::vector<ast::Module>& out) {
  out.resize(files.size());
  std::atomic<size_t> next{0};
  // One file gets every thread for its declarations; several files get one thread each.
  unsigned per_file = files.size() == 1 ? threads : 1;
  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      out[i] = ParseFile(sources.Get(files[i]), sink, per_file);
    }
  };
  unsigned n = std::min<unsigned>(threads, static_cast<unsigned>(files.size()));
  if (n <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
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
        sink.Report(DiagCode::kImportCycle, where, "import cycle")
            .Note(fmt::format("the cycle is {}", chain));
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

Program LoadProgram(const std::vector<std::string>& inputs, const LoadOptions& options,
                    SourceManager& sources, DiagnosticSink& sink, bool& io_error) {
  Program program;
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;

  // 1. Expand the inputs into root files, each directory's files in sorted order.
  std::vector<fs::path> roots;
  for (const std::string& input : inputs) {
    fs::path path(input);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".caios") {
          found.push_back(it->path());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        sink.Report(DiagCode::kNoSourceFiles, Span{},
                    fmt::format("no .caios files found in directory `{}`", input));
        io_error = true;
      }
      roots.insert(roots.end(), found.begin(), found.end());
    } else {
      roots.push_back(path);
    }
  }

  // 2. Load in waves: the roots, then what they import, and so on. Each wave is parsed in
  // parallel; file ids are assigned in a fixed order so output is deterministic.
  std::map<std::string, size_t> by_key;
  struct Pending {
    fs::path path;
    bool is_stdlib;
  };
  std::vector<Pending> wave;
  for (const fs::path& r : roots) {
    if (by_key.count(Key(r))) continue;
    by_key[Key(r)] = SIZE_MAX;  // reserved; set when loaded
    wave.push_back({r, false});
  }
  std::vector<size_t> root_modules;
  bool first_wave = true;
  while (!wave.empty()) {
    std::vector<FileId> files;
    std::vector<size_t> module_index;
    for (const Pending& p : wave) {
      std::string text;
      std::string why;
      bool too_large = false;
      if (!ReadFile(p.path, text, why, too_large)) {
        // Unreadable imports were diagnosed at the import (E0201) when they did not exist;
        // a file that exists but cannot be read is reported wherever it was named.
        sink.Report(too_large ? DiagCode::kFileTooLarge : DiagCode::kFileUnreadable, Span{},
                    fmt::format("cannot read `{}`: {}", p.path.string(), why));
        io_error = true;
        by_key.erase(Key(p.path));
        continue;
      }
      FileId id = sources.Add(p.path.lexically_normal().string(), std::move(text));
      size_t index = program.modules.size();
      program.modules.push_back(
          LoadedModule{ast::Module{id, {}}, p.path, p.is_stdlib, {}, {}, {}, {}});
      by_key[Key(p.path)] = index;
      files.push_back(id);
      module_index.push_back(index);
      if (first_wave) root_modules.push_back(index);
    }
    std::vector<ast::Module> parsed;
    ParseAll(files, sources, sink, threads, parsed);
    std::vector<Pending> next;
    for (size_t i = 0; i < parsed.size(); ++i) {
      LoadedModule& mod = program.modules[module_index[i]];
      mod.ast = std::move(parsed[i]);
      for (const auto& decl : mod.ast.decls) {
        if (decl->kind != ast::DeclKind::kImport) continue;
        const auto& imp = static_cast<const ast::ImportDecl&>(*decl);
        fs::path target;
        if (imp.from_stdlib) {
          target = options.stdlib_dir / (imp.path + ".caios");
        } else {
          target = (mod.path.parent_path() / imp.path).lexically_normal();
        }
        std::error_code ec;
        if (!fs::is_regular_file(target, ec)) {
          Diagnostic& d =
              sink.Report(DiagCode::kImportNotFound, imp.path_span,
                          imp.from_stdlib ? fmt::format("no stdlib module named `{}`", imp.path)
                                          : fmt::format("cannot find module `{}`", imp.path));
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
          if (!imp.from_stdlib && target.extension() != ".caios") {
            d.Note("file imports name the file including its `.caios` extension");
          }
          continue;
        }
        std::string key = Key(target);
        mod.import_spans.push_back(imp.path_span);
        if (!by_key.count(key)) {
          by_key[key] = SIZE_MAX;
          next.push_back({target, imp.from_stdlib});
        }
        mod.import_keys.push_back(key);
      }
    }
    wave = std::move(next);
    first_wave = false;
  }

  // 3. Resolve import edges, pick the roots, report cycles.
  std::vector<bool> imported(program.modules.size(), false);
  for (LoadedModule& mod : program.modules) {
    mod.import_targets.assign(mod.import_keys.size(), SIZE_MAX);
    for (size_t k = 0; k < mod.import_keys.size(); ++k) {
      auto it = by_key.find(mod.import_keys[k]);
      if (it == by_key.end() || it->second == SIZE_MAX) continue;
      mod.import_targets[k] = it->second;
      if (std::find(mod.imports.begin(), mod.imports.end(), it->second) == mod.imports.end()) {
        mod.imports.push_back(it->second);
      }
      imported[it->second] = true;
    }
  }
  for (size_t m : root_modules) {
    if (!imported[m]) program.roots.push_back(m);
  }
  ReportCycles(program, sources, sink);
  return program;
}

}  // namespace caios
