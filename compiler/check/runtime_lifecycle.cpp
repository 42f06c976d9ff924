// The Lambda runtime lifecycle check: every function's `runtime` judged against the table of
// lambda_runtimes.def on the day of the build (docs/cli.md, SOURCE_DATE_EPOCH).
#include <string>

#include "compiler/check/lambda_runtimes.h"
#include "compiler/check/rules.h"

namespace caios {

namespace {

std::string Quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

void CheckRuntime(const ast::OptionArg& arg, int64_t day, DiagnosticSink& sink) {
  const runtimes::RuntimeLifecycle* runtime = runtimes::FindRuntime(arg.text);
  if (!runtime) return;  // not a runtime at all: E0504 from the option schema
  runtimes::RuntimeStatus status = runtimes::StatusOn(*runtime, day);
  if (status == runtimes::RuntimeStatus::kSupported) return;
  const std::string id = Quoted(runtime->id);
  const std::string create(runtime->block_create), update(runtime->block_update);
  Diagnostic* d = nullptr;
  if (status == runtimes::RuntimeStatus::kCreateBlocked) {
    d = &sink.Emit(arg.span, diag::AWSLambdaLongerCreatesFunctions, id, create);
    if (runtimes::ParseDay(update).value_or(0) <= day) {
      d->Note("updates of existing functions are blocked since " + update + " as well");
    } else {
      d->Note("existing functions can be updated until " + update);
    }
  } else {
    d = &sink.Emit(arg.span, diag::RuntimeDeprecatedSince, id, runtime->deprecated);
    d->Note("AWS Lambda no longer patches it, stops creating functions with it on " + create +
            " and stops updating them on " + update);
  }
  if (!runtime->successor.empty()) {
    d->Note("move the function to " + Quoted(runtime->successor) +
            " (check that its code runs there)")
        .Fix(arg.span, std::string(runtime->successor));
  }
}

}  // namespace

void CheckRuntimeLifecycle(const ast::Module& module, int64_t day, DiagnosticSink& sink) {
  for (const ast::DeclPtr& decl : module.decls) {
    if (decl->kind != ast::DeclKind::kFunction) continue;
    for (const ast::Option& option : static_cast<const ast::FunctionDecl&>(*decl).options) {
      if (option.name.text != "runtime" || option.args.size() != 1) continue;
      if (option.args[0].kind != ast::OptionArg::Kind::kWord || option.args[0].has_params) continue;
      CheckRuntime(option.args[0], day, sink);
    }
  }
}

}  // namespace caios
