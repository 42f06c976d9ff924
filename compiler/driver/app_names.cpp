#include "compiler/driver/app_names.h"

#include <algorithm>
#include <map>

#include "fmt/format.h"

namespace caios {

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The name as it may be shown in a message: control characters and non-ASCII bytes escaped,
// so a hostile file name cannot drive the terminal.
std::string Shown(const std::string& name) {
  std::string shown;
  for (unsigned char c : name) {
    if (c < 0x20 || c >= 0x7f || c == '`') {
      shown += fmt::format("\\x{:02x}", c);
    } else {
      shown += static_cast<char>(c);
    }
  }
  return shown;
}

}  // namespace

bool IsValidAppName(const std::string& name) {
  if (name.empty() || name.size() > kMaxAppNameBytes || !IsAsciiLetter(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::vector<bool> CheckAppNames(const std::vector<AppName>& apps, DiagnosticSink& sink) {
  std::vector<bool> ok(apps.size(), true);
  std::map<std::string, size_t> first_by_folder;
  for (size_t i = 0; i < apps.size(); ++i) {
    const AppName& app = apps[i];
    if (!IsValidAppName(app.name)) {
      ok[i] = false;
      Diagnostic& d = app.declared
                          ? sink.Emit(app.span, diag::ValidApplicationName, Shown(app.name))
                          : sink.Emit(app.span, diag::ApplicationNameTakenFromFile, Shown(app.name),
                                      Shown(app.file_name));
      d.Note(
          fmt::format("an application name starts with a letter and has only letters, digits, "
                      "`-` and `_`, at most {} characters: it names the application's output "
                      "folder and suits a CloudFormation stack name",
                      kMaxAppNameBytes));
      if (!app.declared) d.Note("declare a name with `app NAME` in the file, or rename the file");
      continue;
    }
    auto [it, inserted] = first_by_folder.emplace(AsciiLower(app.name), i);
    if (inserted) continue;
    ok[i] = false;
    const AppName& first = apps[it->second];
    (first.name == app.name ? sink.Emit(app.span, diag::TwoAppsSameName, app.name)
                            : sink.Emit(app.span, diag::AppNamesDifferInCase, first.name, app.name))
        .Label(first.span, "the other application")
        .Note(
            "each application of a build gets a folder of its own named after it; rename one "
            "with `app NAME`");
  }
  return ok;
}

}  // namespace caios
