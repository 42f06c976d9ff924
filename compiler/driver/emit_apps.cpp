#include "compiler/driver/emit_apps.h"

#include <memory>

#include "backends/aws/target.h"
#include "compiler/ast/constant_json.h"
#include "compiler/base/invariant.h"
#include "compiler/base/parallel_for.h"
#include "compiler/driver/app_names.h"
#include "compiler/driver/time_report.h"
#include "compiler/ir/dump.h"
#include "compiler/lower/lower.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace caios {
namespace {

namespace fs = std::filesystem;

AppName NameOf(const ir::App& app, const Program& program, const check::ProgramInfo& info) {
  const LoadedModule& root = program.modules[info.root];
  if (info.app) return {app.name, info.app->name.span, true, {}};
  return {app.name, Span{root.ast.file, 0, 0}, false, root.path.filename().string()};
}

// tests.json: what `caios test` runs (docs/testing.md), for an application built with its test
// files: the application's name and each test's title, flow, place and mocks. Empty when it has
// no tests.
std::string TestManifest(const Program& program, const check::ProgramInfo& info,
                         const SourceManager& sources, const std::string& app) {
  nlohmann::json tests = nlohmann::json::array();
  for (size_t m : info.modules) {
    for (const ast::DeclPtr& decl : program.modules[m].ast.decls) {
      if (decl->kind != ast::DeclKind::kFlow) continue;
      const auto& flow = static_cast<const ast::FlowDecl&>(*decl);
      if (!flow.test) continue;
      nlohmann::json mocks = nlohmann::json::object();
      for (const ast::MockAnswer& mock : flow.test->mocks) {
        nlohmann::json answer = {{"times", mock.times}};
        if (mock.returns) {
          // The checker accepted only constants (E0285).
          answer["returns"] = ast::ConstantJson(*mock.returns).value_or(nullptr);
        } else {
          answer["error"] = mock.error->text;
          if (mock.cause) answer["cause"] = ast::ConstantJson(*mock.cause).value_or("");
        }
        // An HTTP mock is keyed `http <METHOD or *> <endpoint or *>` (localcloud/sfn_http.py).
        std::string key = mock.function.text;
        if (key == "http" || key.rfind("http.", 0) == 0) {
          std::string method = key == "http" ? "*" : key.substr(5);
          for (char& c : method) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
          key = "http " + method + " " + mock.url.value_or("*");
        }
        mocks[key].push_back(std::move(answer));
      }
      const SourceFile& file = sources.Get(flow.span.file);
      tests.push_back({{"title", flow.test->title},
                       {"flow", flow.name.text},
                       {"file", program.modules[m].path.string()},
                       {"line", file.Position(flow.span.begin).line},
                       {"mocks", std::move(mocks)}});
    }
  }
  if (tests.empty()) return {};
  return nlohmann::json{{"app", app}, {"tests", std::move(tests)}}.dump(2) + "\n";
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
  const unsigned jobs = ThreadsFor(options.jobs, sources.TextBytes());
  target.jobs = jobs;
  for (size_t p = 0; p < program.roots.size(); ++p) {
    apps.push_back(Lower(program, p, model, sources, sink, jobs, options.with_tests));
    EndPhase(options.time_report, "lower");
    aws::Validate(*apps.back(), target, sink);
    if (options.dump_ir) ir::Dump(*apps.back(), *options.dump_ir);
    names.push_back(NameOf(*apps.back(), program, model.programs[p]));
    EndPhase(options.time_report, "validate");
  }
  CheckAppNames(names, sink);
  EndPhase(options.time_report, "validate");
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
    if (options.with_tests) {
      const size_t index = static_cast<size_t>(&app - apps.data());
      std::string manifest = TestManifest(program, model.programs[index], sources, app->name);
      if (!manifest.empty()) result.files[prefix + "tests.json"] = std::move(manifest);
    }
    for (const ir::Function& f : app->functions) {
      if (f.code_dir.empty()) continue;
      result.code_folders.push_back(
          {f.code_dir, fmt::format("the code folder `{}` of function `{}`", f.code_dir, f.name)});
    }
    EndPhase(options.time_report, "emit");
  }
  return result;
}

}  // namespace caios
