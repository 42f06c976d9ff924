#include "compiler/driver/emit_apps.h"

#include <memory>

#include "backends/aws/target.h"
#include "compiler/base/invariant.h"
#include "compiler/driver/app_names.h"
#include "compiler/ir/dump.h"
#include "compiler/lower/lower.h"
#include "fmt/format.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

AppName NameOf(const ir::App& app, const Program& program, const check::ProgramInfo& info) {
  const LoadedModule& root = program.modules[info.root];
  if (info.app) return {app.name, info.app->name.span, true, {}};
  return {app.name, Span{root.ast.file, 0, 0}, false, root.path.filename().string()};
}

}  // namespace

const target::Limits& TargetLimits() { return aws::TargetLimits(); }

EmittedApps EmitApplications(const Program& program, const check::Model& model,
                             const SourceManager& sources, const EmitOptions& options,
                             DiagnosticSink& sink) {
  EmittedApps result;
  std::vector<std::unique_ptr<ir::App>>& apps = result.apps;
  std::vector<AppName> names;
  aws::Options target;
  // The command line accepts only these words (cli.cpp).
  std::optional<aws::QueryLanguage> language = aws::ParseQueryLanguage(options.query_language);
  CAIOS_CHECK_INVARIANT(language.has_value());
  target.query_language = *language;
  CAIOS_CHECK_INVARIANT(options.template_format == "yaml" || options.template_format == "json");
  target.template_format =
      options.template_format == "json" ? aws::TemplateSyntax::kJson : aws::TemplateSyntax::kYaml;
  target.render_files = options.render_files;
  target.jobs = options.jobs;
  for (size_t p = 0; p < program.roots.size(); ++p) {
    apps.push_back(Lower(program, p, model, sources, sink, options.jobs));
    aws::Validate(*apps.back(), target, sink);
    if (options.dump_ir) ir::Dump(*apps.back(), *options.dump_ir);
    names.push_back(NameOf(*apps.back(), program, model.programs[p]));
  }
  CheckAppNames(names, sink);
  // A phase runs only when the ones before it reported no errors (docs/architecture.md).
  const bool several = apps.size() > 1;
  for (const std::unique_ptr<ir::App>& app : apps) {
    if (sink.has_errors()) break;
    // Several applications: one subfolder each.
    const std::string prefix = several ? app->name + "/" : "";
    target.output_dir = options.output_dir.empty() || !several ? options.output_dir
                                                               : options.output_dir / app->name;
    for (auto& [path, text] : aws::Emit(*app, target, sink)) {
      result.files[prefix + path] = std::move(text);
    }
    for (const ir::Function& f : app->functions) {
      if (f.code_dir.empty()) continue;
      result.code_folders.push_back(
          {f.code_dir, fmt::format("the code folder `{}` of function `{}`", f.code_dir, f.name)});
    }
  }
  return result;
}

}  // namespace caios
