#include "compiler/driver/project_config.h"

#include <string>
#include <utility>

#include "compiler/diag/suggest.h"
#include "compiler/driver/toml_subset.h"
#include "compiler/source/read_file.h"
#include "fmt/format.h"

namespace caios {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTable = "diagnostics";

bool Inside(const fs::path& path, const fs::path& folder) {
  auto p = path.begin();
  for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
    if (f->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

// The path as the user would write it: relative to the working directory when below it.
std::string Shown(const fs::path& path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec && Inside(path, cwd)) return path.lexically_relative(cwd).generic_string();
  return path.generic_string();
}

void Codes(const TomlEntry& entry, bool deny, WarningPolicy& policy, std::map<DiagCode, Span>& seen,
           DiagnosticSink& sink) {
  if (entry.value.kind != TomlValue::Kind::kArray) {
    sink.Emit(entry.value.span, diag::MustArrayWarningCodesSuch, entry.key);
    return;
  }
  for (const TomlString& item : entry.value.items) {
    const DiagKindInfo* info = ResolveWarningCode(item.text, item.span, sink);
    if (info == nullptr) continue;
    auto [it, added] = policy.codes.try_emplace(
        info->kind, WarningControl{deny, fmt::format("`{}` in caios.toml", entry.key), item.span});
    if (!added && it->second.deny != deny) {
      sink.Emit(item.span, diag::BothDenyAllow, info->code)
          .Label(seen[info->kind], "given here too");
    }
    seen.emplace(info->kind, item.span);
  }
}

}  // namespace

WarningPolicy ParseProjectConfig(FileId file, std::string_view text, DiagnosticSink& sink) {
  DiagnosticSink local;
  TomlDocument document;
  WarningPolicy policy;
  if (ParseTomlSubset(file, text, local, document)) {
    for (const TomlTable& table : document.tables) {
      if (table.name == kTable) continue;
      local.Emit(table.span, diag::UnknownTableCaiosToml, table.name)
          .Note("the one table caios.toml may hold is `[diagnostics]`");
    }
    std::map<DiagCode, Span> seen;
    for (const TomlEntry& entry : document.entries) {
      if (entry.table.empty()) {
        local.Emit(entry.key_span, diag::UnknownKeyOutsideTable, entry.key)
            .Note("the settings go in the table `[diagnostics]`");
      } else if (entry.table != kTable) {
        continue;  // its table was reported
      } else if (entry.key == "deny-warnings") {
        if (entry.value.kind != TomlValue::Kind::kBool) {
          local.Emit(entry.value.span, diag::DenyWarningsMustTrueFalse);
        } else if (entry.value.boolean) {
          policy.deny_all_origin = "`deny-warnings = true` in caios.toml";
          policy.deny_all_where = entry.value.span;
        }
      } else if (entry.key == "deny" || entry.key == "allow") {
        Codes(entry, entry.key == "deny", policy, seen, local);
      } else {
        Diagnostic& d = local.Emit(entry.key_span, diag::UnknownKeyDiagnostics, entry.key);
        std::string hint = DidYouMean(entry.key, {"deny-warnings", "deny", "allow"});
        d.Note(hint.empty() ? "the keys are `deny-warnings`, `deny` and `allow`" : hint);
      }
    }
  }
  // A file with a mistake controls nothing: half of it could silence what the rest denies.
  if (local.has_errors()) policy = WarningPolicy{};
  sink.Absorb(local);
  return policy;
}

void ProjectPolicies::Load(const Program& program, SourceManager& sources, DiagnosticSink& sink,
                           bool& io_error) {
  std::map<fs::path, size_t> roots;
  for (const LoadedModule& m : program.modules) {
    if (m.is_stdlib) continue;
    auto [it, added] = roots.emplace(m.project_root, projects_.size());
    file_project_[m.ast.file.value] = it->second;
    if (!added) continue;
    projects_.push_back(command_line_);

    fs::path path = m.project_root / kProjectConfigName;
    std::error_code ec;
    fs::file_status status = fs::symlink_status(path, ec);
    if (status.type() == fs::file_type::not_found) continue;  // no caios.toml: nothing to do
    std::string why;
    ReadResult read;
    if (ec) {
      why = ec.message();
    } else if (fs::is_symlink(status) &&
               !Inside(fs::weakly_canonical(path, ec).lexically_normal(), m.project_root)) {
      why =
          fmt::format("it links to a file outside the project folder `{}`", Shown(m.project_root));
    } else {
      read = ReadSourceFile(path, kMaxProjectConfigBytes);
      if (read.status == ReadStatus::kOk) {
        FileId file = sources.Add(Shown(path), std::move(read.text));
        projects_.back() =
            Overlay(ParseProjectConfig(file, sources.Get(file).text(), sink), command_line_);
        continue;
      }
      why = read.status == ReadStatus::kTooLarge
                ? fmt::format("caios.toml may hold at most {} bytes", kMaxProjectConfigBytes)
                : read.why;
    }
    sink.Emit(Span{},
              read.status == ReadStatus::kTooLarge ? diag::FileTooLarge : diag::FileUnreadable,
              Shown(path), why);
    io_error = true;
  }
}

const WarningPolicy& ProjectPolicies::For(const Diagnostic& d) const {
  if (auto it = file_project_.find(d.span.file.value); it != file_project_.end()) {
    return projects_[it->second];
  }
  // No location, or a stdlib file: the one project's settings, if there is only one.
  return projects_.size() == 1 ? projects_[0] : command_line_;
}

}  // namespace caios
