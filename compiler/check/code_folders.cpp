// E0520: the `code` folder of every function must exist, relative to the folder of the source
// file that declares it, exactly as lowering resolves it for the template (docs/language.md
// §8). A module that does not come from a file on disk (a test's in-memory source) has no
// folder to resolve against and is not checked.
#include <filesystem>
#include <string>
#include <unordered_set>

#include "compiler/check/rules.h"

namespace caios {

void CheckCodeFolders(const ast::Module& module, const std::filesystem::path& path,
                      DiagnosticSink& sink) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return;
  const std::filesystem::path base = path.parent_path();
  // Functions often share one folder (a generated program's hundred functions name the same
  // one): a folder found to exist is remembered, a system call less per function. One that
  // does not is asked again, so that every function naming it is reported.
  std::unordered_set<std::string> folders;
  for (const ast::DeclPtr& decl : module.decls) {
    if (decl->kind != ast::DeclKind::kFunction) continue;
    const auto& function = static_cast<const ast::FunctionDecl&>(*decl);
    for (const ast::Option& option : function.options) {
      if (option.name.text != "code" || option.args.size() != 1) continue;
      const ast::OptionArg& arg = option.args[0];
      if (arg.kind != ast::OptionArg::Kind::kString || arg.text.empty()) continue;
      const std::filesystem::path folder = base / arg.text;
      if (folders.count(folder.native()) > 0) continue;
      if (std::filesystem::is_directory(folder, ec)) {
        folders.insert(folder.native());
        continue;
      }
      const bool exists = std::filesystem::exists(folder, ec);
      Diagnostic& d =
          exists ? sink.Emit(arg.span, diag::CodeFolderNotAFolder, arg.text, function.name.text)
                 : sink.Emit(arg.span, diag::CodeFolderMissing, arg.text, function.name.text);
      d.Note("it is resolved relative to the source file's folder: `" +
             folder.lexically_normal().generic_string() + "`");
    }
  }
}

}  // namespace caios
