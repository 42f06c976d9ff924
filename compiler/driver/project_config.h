// The project's caios.toml (docs/cli.md#caiostoml): per-project warning controls, read from
// each project folder of a program and layered under the command line's.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/warning_policy.h"
#include "compiler/modules/program.h"
#include "compiler/source/source.h"

namespace caios {

inline constexpr std::string_view kProjectConfigName = "caios.toml";
// A settings file has no reason to be large; the limit is enforced while reading (E0007).
inline constexpr size_t kMaxProjectConfigBytes = size_t{1} << 20;

// Interprets the text of a caios.toml that is `file` in the SourceManager: E0040 for what the
// reader refuses or a value of the wrong type, E0041 for an unknown table, key or code.
WarningPolicy ParseProjectConfig(FileId file, std::string_view text, DiagnosticSink& sink);

// The policy each diagnostic follows: the caios.toml of the project folder its file belongs
// to, overridden by the command line's controls.
class ProjectPolicies {
 public:
  explicit ProjectPolicies(WarningPolicy command_line) : command_line_(std::move(command_line)) {}

  // Reads the caios.toml of every project folder of `program` (the folder named on the command
  // line, else the folder of the named file) that has one. Only a regular file inside the
  // folder is read (a link out of it is E0001, as is a FIFO or device; over the size limit,
  // E0007; both set `io_error`); the file joins `sources` so diagnostics can show it.
  void Load(const Program& program, SourceManager& sources, DiagnosticSink& sink, bool& io_error);

  const WarningPolicy& For(const Diagnostic& d) const;

 private:
  WarningPolicy command_line_;
  std::vector<WarningPolicy> projects_;      // each project's file under the command line
  std::map<uint32_t, size_t> file_project_;  // FileId value → index into projects_
};

}  // namespace caios
