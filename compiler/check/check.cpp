#include "compiler/check/check.h"

#include "compiler/check/checker.h"
#include "compiler/check/response_statuses.h"
#include "compiler/check/rules.h"
#include "compiler/check/typed_options.h"

namespace caios {

namespace check {

void Checker::Run() {
  const size_t n = program_.modules.size();
  model_.modules.resize(n);
  for (size_t m = 0; m < n; ++m) DeclareSymbols(m);
  BuildPrograms();
  // Declarations first (types, item types, signatures) in every module, because flows call
  // functions and use types of the modules they import.
  for (size_t m = 0; m < n; ++m) {
    module_ = m;
    for (const ast::DeclPtr& decl : program_.modules[m].ast.decls) {
      auto it = model_.symbol_of.find(decl.get());
      switch (decl->kind) {
        case ast::DeclKind::kType:
          if (it != model_.symbol_of.end()) {
            ResolveTypeSymbol(*it->second, static_cast<const ast::TypeDecl&>(*decl).name);
          }
          break;
        case ast::DeclKind::kResource:
          if (it != model_.symbol_of.end()) ResolveResource(*it->second);
          break;
        case ast::DeclKind::kFunction: {
          const auto& f = static_cast<const ast::FunctionDecl&>(*decl);
          ResolveSignature(f, f.params, f.result.get());
          break;
        }
        case ast::DeclKind::kFlow: {
          const auto& f = static_cast<const ast::FlowDecl&>(*decl);
          ResolveSignature(f, f.params, f.result.get());
          break;
        }
        default:
          break;
      }
    }
  }
  for (size_t m = 0; m < n; ++m) ResolveModuleReferences(m);
  for (size_t m = 0; m < n; ++m) {
    module_ = m;
    for (const ast::DeclPtr& decl : program_.modules[m].ast.decls) {
      if (decl->kind == ast::DeclKind::kFlow) {
        CheckFlow(static_cast<const ast::FlowDecl&>(*decl));
      }
    }
  }
  CheckHttpMocksCalled();
}

}  // namespace check

check::CheckResult Check(const Program& program, DiagnosticSink& sink, const target::Limits& limits,
                         const CheckContext& context) {
  const size_t errors_before = sink.error_count();
  check::CheckResult result;
  result.model = std::make_unique<check::Model>();
  check::Checker checker(program, sink, *result.model);
  checker.Run();
  check::CheckResponseStatuses(program, *result.model, sink);
  for (const LoadedModule& module : program.modules) {
    CheckFlowRules(module.ast, limits, sink);
    CheckOptionsAndQuotas(module.ast, limits, sink);
    for (const ast::DeclPtr& decl : module.ast.decls) {
      if (decl->kind == ast::DeclKind::kResource || decl->kind == ast::DeclKind::kFunction ||
          decl->kind == ast::DeclKind::kFlow || decl->kind == ast::DeclKind::kTrigger) {
        result.model->decl_options[decl.get()] = check::TypedOptions(*decl);
      }
    }
    if (context.build_day) CheckRuntimeLifecycle(module.ast, *context.build_day, sink);
    CheckCodeFolders(module.ast, module.path, sink);
  }
  result.ok = sink.error_count() == errors_before;
  return result;
}

}  // namespace caios
