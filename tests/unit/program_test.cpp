// Loading programs: directories, imports, cycles and file-level I/O problems.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "compiler/modules/program.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  TempDir() {
    path = fs::temp_directory_path() / ("caios_program_test_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
  fs::path path;
};

struct Loaded {
  caios::SourceManager sources;
  caios::DiagnosticSink sink;
  caios::Program program;
  bool io_error = false;
  std::vector<caios::Diagnostic> diagnostics;
};

void Load(Loaded& out, const std::vector<std::string>& inputs, const fs::path& stdlib = {}) {
  caios::LoadOptions options;
  options.stdlib_dir = stdlib;
  out.program = caios::LoadProgram(inputs, options, out.sources, out.sink, out.io_error);
  out.diagnostics = out.sink.TakeSorted();
}

}  // namespace

TEST_CASE("modules: imports are loaded once and roots are the files nobody imports", "[modules]") {
  TempDir dir;
  dir.Write("app/main.caios", "app shop\nimport \"./types.caios\"\nimport std.util\n");
  dir.Write("app/types.caios", "type Order { id: string }\n");
  dir.Write("std/util.caios", "type Money { cents: int }\n");
  Loaded l;
  Load(l, {(dir.path / "app").string()}, dir.path / "std");
  CHECK(l.diagnostics.empty());
  CHECK_FALSE(l.io_error);
  REQUIRE(l.program.modules.size() == 3);
  REQUIRE(l.program.roots.size() == 1);
  const auto& root = l.program.modules[l.program.roots[0]];
  CHECK(root.path.filename() == "main.caios");
  CHECK(root.imports.size() == 2);
  CHECK(l.program.modules[root.imports[1]].is_stdlib);
}

TEST_CASE("modules: missing and cyclic imports", "[modules]") {
  TempDir dir;
  dir.Write("a.caios", "app a\nimport \"./b.caios\"\nimport \"./nope.caios\"\n");
  dir.Write("b.caios", "import \"./a.caios\"\ntype B { x: int }\n");
  Loaded l;
  Load(l, {(dir.path / "a.caios").string()});
  bool not_found = false;
  bool cycle = false;
  for (const auto& d : l.diagnostics) {
    not_found |= d.kind == caios::DiagCode::kImportNotFound;
    cycle |= d.kind == caios::DiagCode::kImportCycle;
  }
  CHECK(not_found);
  CHECK(cycle);
  CHECK_FALSE(l.io_error);  // problems in the program, not I/O on the named inputs
}

TEST_CASE("modules: a file over 64 MiB is refused", "[modules]") {
  TempDir dir;
  fs::path big = dir.path / "big.caios";
  { std::ofstream(big) << "app big\n"; }
  fs::resize_file(big, (64u << 20) + 1);  // sparse: no 64 MiB written
  Loaded l;
  Load(l, {big.string()});
  REQUIRE(l.diagnostics.size() == 1);
  CHECK(l.diagnostics[0].kind == caios::DiagCode::kFileTooLarge);
  CHECK(l.io_error);
}

TEST_CASE("modules: missing files and empty directories are I/O errors", "[modules]") {
  TempDir dir;
  fs::create_directories(dir.path / "empty");
  Loaded l;
  Load(l, {(dir.path / "missing.caios").string(), (dir.path / "empty").string()});
  REQUIRE(l.diagnostics.size() == 2);
  CHECK(l.io_error);
}

TEST_CASE("modules: an unreadable entry in a folder is reported and the rest is checked",
          "[modules]") {
  // A link loop cannot be read even by root (mode-000 folders can; tests/hostile/
  // unreadable_folder.sh checks those as `nobody`). Before, the first such entry ended the
  // walk, and the files after it were silently left out.
  TempDir dir;
  dir.Write("src/a/main.caios", "app shop\n");
  dir.Write("src/m/types.caios", "type Order { id: string }\n");
  dir.Write("src/z/more.caios", "type More { id: string }\n");
  fs::create_symlink("loop.caios", dir.path / "src/m/loop.caios");
  Loaded l;
  Load(l, {(dir.path / "src").string()});
  CHECK(l.program.modules.size() == 3);
  REQUIRE(l.diagnostics.size() == 1);
  CHECK(l.diagnostics[0].kind == caios::DiagCode::kFolderPartlyUnreadable);
  CHECK(l.diagnostics[0].message.find("loop.caios") != std::string::npos);
  CHECK_FALSE(l.io_error);
}

TEST_CASE("modules: imports stay in the project folder and name .caios files", "[modules]") {
  TempDir dir;
  dir.Write("app/main.caios",
            "app shop\nimport \"../shared/types.caios\"\nimport \"./notes.txt\"\n"
            "import \"./lib/ok.caios\"\n");
  dir.Write("app/notes.txt", "secret\n");
  dir.Write("app/lib/ok.caios", "import \"../../shared/types.caios\"\ntype Ok { id: string }\n");
  dir.Write("shared/types.caios", "type Order { id: string }\n");
  Loaded l;
  Load(l, {(dir.path / "app/main.caios").string()});
  size_t outside = 0, not_caios = 0;
  for (const auto& d : l.diagnostics) {
    outside += d.kind == caios::DiagCode::kOutsideProject;
    not_caios += d.kind == caios::DiagCode::kImportNotCaios;
  }
  CHECK(outside == 2);  // from main.caios and from lib/ok.caios
  CHECK(not_caios == 1);
  CHECK(l.program.modules.size() == 2);  // main and lib/ok; nothing outside was read
  for (size_t i = 0; i < l.sources.size(); ++i) {
    CHECK(l.sources.Get(caios::FileId{static_cast<uint32_t>(i + 1)}).text().find("secret") ==
          std::string::npos);
  }
  // Naming the common parent makes it the project folder.
  Loaded parent;
  Load(parent, {(dir.path).string()});
  for (const auto& d : parent.diagnostics) CHECK(d.kind != caios::DiagCode::kOutsideProject);
}
