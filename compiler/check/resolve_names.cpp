// Top-level names: symbols per module, programs (a root and its imports), duplicate and reserved
// names, `app` placement, and the names used by routes, schedules, triggers, policies and
// function options.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

#include "compiler/base/invariant.h"
#include "compiler/check/builtins.h"
#include "compiler/check/checker.h"
#include "compiler/check/option_schema.h"
#include "compiler/check/resource_attributes.h"
#include "compiler/diag/suggest.h"
#include "compiler/modules/program.h"

namespace caios::check {

namespace {

const ast::Ident* DeclName(const ast::Decl& decl, Symbol::Kind& kind) {
  switch (decl.kind) {
    case ast::DeclKind::kType:
      kind = Symbol::Kind::kType;
      return &static_cast<const ast::TypeDecl&>(decl).name;
    case ast::DeclKind::kResource:
      kind = Symbol::Kind::kResource;
      return &static_cast<const ast::ResourceDecl&>(decl).name;
    case ast::DeclKind::kPolicy:
      kind = Symbol::Kind::kPolicy;
      return &static_cast<const ast::PolicyDecl&>(decl).name;
    case ast::DeclKind::kFunction:
      kind = Symbol::Kind::kFunction;
      return &static_cast<const ast::FunctionDecl&>(decl).name;
    case ast::DeclKind::kFlow:
      kind = Symbol::Kind::kFlow;
      return &static_cast<const ast::FlowDecl&>(decl).name;
    case ast::DeclKind::kApi:
      kind = Symbol::Kind::kApi;
      return &static_cast<const ast::ApiDecl&>(decl).name;
    case ast::DeclKind::kSchedule: {
      kind = Symbol::Kind::kSchedule;
      const auto& schedule = static_cast<const ast::ScheduleDecl&>(decl);
      return schedule.name ? &*schedule.name : nullptr;
    }
    case ast::DeclKind::kApp:
    case ast::DeclKind::kImport:
    case ast::DeclKind::kTrigger:
      return nullptr;
  }
  return nullptr;
}

std::string SymbolDescription(const Symbol& s) {
  if (s.kind == Symbol::Kind::kResource) {
    return KindName(static_cast<const ast::ResourceDecl*>(s.decl)->resource);
  }
  return Describe(s.kind);
}

bool IsResource(const Symbol& s) { return s.kind == Symbol::Kind::kResource; }
bool IsFunction(const Symbol& s) { return s.kind == Symbol::Kind::kFunction; }
bool IsFlow(const Symbol& s) { return s.kind == Symbol::Kind::kFlow; }
bool IsPolicy(const Symbol& s) { return s.kind == Symbol::Kind::kPolicy; }
bool IsAnything(const Symbol&) { return true; }

// Step Functions' predefined error names.
const std::vector<std::string>& StatesErrors() {
  static const std::vector<std::string> errors = {
      "States.ALL",
      "States.Timeout",
      "States.HeartbeatTimeout",
      "States.TaskFailed",
      "States.Permissions",
      "States.ResultPathMatchFailure",
      "States.ParameterPathFailure",
      "States.QueryEvaluationError",
      "States.BranchFailed",
      "States.NoChoiceMatched",
      "States.IntrinsicFailure",
      "States.ExceedToleratedFailureThreshold",
      "States.ItemReaderFailed",
      "States.ResultWriterFailed",
      "States.Runtime",
      "States.DataLimitExceeded",
      "States.Http.Socket",
  };
  return errors;
}

}  // namespace

Checker::Checker(const Program& program, DiagnosticSink& sink, Model& model)
    : program_(program), sink_(sink), model_(model), types_(model.types) {}

void Checker::CheckReservedName(const ast::Ident& name, const char* what) {
  if (name.text == "aws" || name.text == "http") {
    Error(name.span, diag::ReservedName, name.text, what)
        .Note("`aws` and `http` are the builtin service integrations");
  }
}

void Checker::DeclareSymbols(size_t module) {
  const LoadedModule& loaded = program_.modules[module];
  ModuleInfo& info = model_.modules[module];
  const bool is_root =
      std::find(program_.roots.begin(), program_.roots.end(), module) != program_.roots.end();
  const ast::AppDecl* first_app = nullptr;
  std::unordered_map<std::string, const Symbol*> own;
  for (const ast::DeclPtr& decl : loaded.ast.decls) {
    if (decl->kind == ast::DeclKind::kApp) {
      const auto& app = static_cast<const ast::AppDecl&>(*decl);
      if (!is_root) {
        Error(app.span, diag::AppMayOnlyDeclaredRoot)
            .Note(
                "this module is imported by another module; declare `app` in the importing "
                "file");
      } else if (first_app != nullptr) {
        Error(app.span, diag::MoreThanOneAppProgram)
            .Label(first_app->span, "the first `app` is declared here");
      } else {
        first_app = &app;
      }
      continue;
    }
    Symbol::Kind kind;
    const ast::Ident* name = DeclName(*decl, kind);
    if (name == nullptr) continue;
    CheckReservedName(*name, Describe(kind));
    Symbol* symbol = model_.NewSymbol();
    symbol->kind = kind;
    symbol->name = name->text;
    symbol->span = name->span;
    symbol->decl = decl.get();
    symbol->module = module;
    model_.symbol_of[decl.get()] = symbol;
    const bool is_test = decl->kind == ast::DeclKind::kFlow &&
                         static_cast<const ast::FlowDecl&>(*decl).test != nullptr;
    if (is_test && !IsTestFile(loaded.path)) Error(decl->span, diag::TestOutsideTestFile);
    auto [it, inserted] = own.emplace(name->text, symbol);
    if (!inserted && is_test) {
      Error(name->span, diag::TestNameClash, name->text)
          .Label(it->second->span, "`" + name->text + "` is first declared here");
      continue;
    }
    if (!inserted) {
      Error(name->span, diag::DeclaredMoreThanOnce, name->text)
          .Label(it->second->span, "`" + name->text + "` is first declared here");
      continue;  // the first declaration stays the one names resolve to
    }
    info.own.push_back(symbol);
    if ((kind == Symbol::Kind::kFunction || kind == Symbol::Kind::kFlow) &&
        FindBuiltin(name->text) != nullptr) {
      Error(name->span, diag::ShadowsBuiltin, Describe(kind), name->text, name->text)
          .Note("calls of `" + name->text + "` in this module call the " + Describe(kind));
    }
  }
}

bool Checker::ImportsReach(size_t from, size_t target) const {
  std::vector<bool> seen(program_.modules.size(), false);
  std::vector<size_t> work = {from};
  seen[from] = true;
  for (size_t i = 0; i < work.size(); ++i) {
    for (size_t dep : program_.modules[work[i]].imports) {
      if (dep == target) return true;
      if (seen[dep] || program_.modules[dep].is_stdlib) continue;
      seen[dep] = true;
      work.push_back(dep);
    }
  }
  return false;
}

void Checker::BuildPrograms() {
  std::set<std::pair<const Symbol*, const Symbol*>> reported;
  std::set<size_t> tested;  // the test files that joined an application
  for (size_t root : program_.roots) {
    ProgramInfo info;
    info.root = root;
    std::vector<bool> seen(program_.modules.size(), false);
    std::vector<size_t> work = {root};
    seen[root] = true;
    auto close = [&] {
      for (size_t i = info.modules.size(); i < work.size(); ++i) {
        info.modules.push_back(work[i]);
        for (size_t dep : program_.modules[work[i]].imports) {
          CAIOS_CHECK_INVARIANT(dep < program_.modules.size());
          if (!seen[dep]) {
            seen[dep] = true;
            work.push_back(dep);
          }
        }
      }
    };
    close();
    info.app_modules = info.modules.size();
    // A test file joins the application whose root file it imports, directly or through the
    // files it imports (docs/testing.md); a module both import (shared types, the stdlib) does
    // not make it join.
    for (size_t test : program_.tests) {
      if (seen[test] || !ImportsReach(test, root)) continue;
      seen[test] = true;
      work.push_back(test);
      tested.insert(test);
      info.tests.push_back(test);
    }
    close();
    for (const ast::DeclPtr& decl : program_.modules[root].ast.decls) {
      if (decl->kind == ast::DeclKind::kApp && info.app == nullptr) {
        info.app = static_cast<const ast::AppDecl*>(decl.get());
      }
    }
    // Duplicates across modules: the later module in discovery order gets the error.
    std::unordered_map<std::string, const Symbol*> first;
    for (size_t m : info.modules) {
      for (const Symbol* s : model_.modules[m].own) {
        auto [it, inserted] = first.emplace(s->name, s);
        if (inserted || it->second->module == m) continue;
        if (!reported.insert({it->second, s}).second) continue;
        if (s->kind == Symbol::Kind::kFlow &&
            static_cast<const ast::FlowDecl*>(s->decl)->test != nullptr) {
          Error(s->span, diag::TestNameClash, s->name)
              .Label(it->second->span, "`" + s->name + "` is also declared here");
          continue;
        }
        Error(s->span, diag::AlreadyDeclaredAnotherModuleProgram, s->name)
            .Label(it->second->span, "`" + s->name + "` is also declared here")
            .Note("top-level names must be unique across a program and all modules it imports");
      }
    }
    model_.programs.push_back(std::move(info));
  }
  // A test file is never part of what an application deploys: no module of one imports it.
  for (const LoadedModule& module : program_.modules) {
    if (module.is_stdlib || IsTestFile(module.path)) continue;
    for (size_t k = 0; k < module.import_targets.size(); ++k) {
      const size_t target = module.import_targets[k];
      if (target < program_.modules.size() && IsTestFile(program_.modules[target].path)) {
        Error(module.import_spans[k], diag::TestFileImported);
      }
    }
  }
  for (size_t test : program_.tests) {
    if (tested.count(test)) continue;
    const ast::Module& module = program_.modules[test].ast;
    Error(module.decls.empty() ? Span{module.file, 0, 0} : module.decls.front()->span,
          diag::TestFileWithoutApplication);
  }
  // Visibility: own declarations first, then those of direct imports.
  for (size_t m = 0; m < program_.modules.size(); ++m) {
    ModuleInfo& info = model_.modules[m];
    for (const Symbol* s : info.own) info.visible.emplace(s->name, s);
    for (size_t dep : program_.modules[m].imports) {
      for (const Symbol* s : model_.modules[dep].own) info.visible.emplace(s->name, s);
    }
  }
}

void Checker::NoteNotImported(Diagnostic& d, const std::string& name) const {
  for (size_t m = 0; m < model_.modules.size(); ++m) {
    if (m == module_) continue;
    for (const Symbol* s : model_.modules[m].own) {
      if (s->name != name) continue;
      // A note with the declaration's place, so editors can jump there (docs/cli.md).
      d.Note(s->span, "a " + std::string(Describe(s->kind)) + " `" + name +
                          "` is declared here, in a module this module does not import; names "
                          "of a module are visible only in the modules that import it directly");
      return;
    }
  }
}

const Symbol* Checker::LookupGlobal(std::string_view name) const {
  const auto& visible = model_.modules[module_].visible;
  auto it = visible.find(std::string(name));
  return it == visible.end() ? nullptr : it->second;
}

std::vector<std::string> Checker::GlobalNames(bool (*keep)(const Symbol&)) const {
  std::vector<std::string> names;
  for (const auto& [name, symbol] : model_.modules[module_].visible) {
    if (keep(*symbol)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());  // deterministic suggestions
  return names;
}

void Checker::ResolveTarget(const ast::Target& target) {
  const Symbol* symbol = LookupGlobal(target.name.text);
  const bool wants_flow = target.mode != ast::Target::Mode::kCall;
  if (symbol == nullptr) {
    auto& d = Error(target.name.span, diag::UnknownNameOfKind, (wants_flow ? "flow" : "function"),
                    target.name.text);
    std::string hint = DidYouMean(target.name.text, GlobalNames(wants_flow ? IsFlow : IsFunction));
    if (hint.empty()) hint = DidYouMean(target.name.text, GlobalNames(IsAnything));
    if (!hint.empty()) d.Note(hint);
    return;
  }
  model_.resolved[&target.name] = symbol;
  if (wants_flow && symbol->kind != Symbol::Kind::kFlow) {
    Error(target.name.span, diag::NotAFlow, target.name.text, SymbolDescription(*symbol))
        .Label(symbol->span, "declared here")
        .Note(symbol->kind == Symbol::Kind::kFunction
                  ? "functions are invoked without `start`/`run`: write just the name"
                  : "`start` and `run` take the name of a flow");
  } else if (!wants_flow && symbol->kind != Symbol::Kind::kFunction) {
    auto& d = Error(target.name.span, diag::TargetNotAFunction, target.name.text,
                    SymbolDescription(*symbol));
    d.Label(symbol->span, "declared here");
    if (symbol->kind == Symbol::Kind::kFlow) {
      d.Note("write `start " + target.name.text + "` to start the flow, or `run " +
             target.name.text + "` to run an express flow and wait for its result");
      d.Fix(Span{target.name.span.file, target.name.span.begin, target.name.span.begin}, "start ");
    }
  }
}

void Checker::ResolvePolicyName(const ast::Ident& name) {
  const Symbol* symbol = LookupGlobal(name.text);
  if (symbol != nullptr && symbol->kind == Symbol::Kind::kPolicy) {
    model_.resolved[&name] = symbol;
    return;
  }
  auto& d = symbol == nullptr
                ? Error(name.span, diag::UnknownRetryPolicy, name.text)
                : Error(name.span, diag::NotARetryPolicy, name.text, SymbolDescription(*symbol));
  std::string hint = DidYouMean(name.text, GlobalNames(IsPolicy));
  if (!hint.empty()) d.Note(hint);
  if (symbol == nullptr && hint.empty()) {
    d.Note("declare it with `policy " + name.text +
           " retry { on States.ALL attempts 3 }` or "
           "import a module that does (e.g. `import std.retry`)");
  }
}

// The errors of DynamoDB's API that its Step Functions integrations report, prefixed with
// `DynamoDB.` (docs/language.md, section 14).
namespace {
const std::vector<std::string>& DynamoDbErrors() {
  static const std::vector<std::string> errors = {
      "DynamoDB.AmazonDynamoDBException",
      "DynamoDB.ConditionalCheckFailedException",
      "DynamoDB.InternalServerErrorException",
      "DynamoDB.ItemCollectionSizeLimitExceededException",
      "DynamoDB.LimitExceededException",
      "DynamoDB.ProvisionedThroughputExceededException",
      "DynamoDB.ReplicatedWriteConflictException",
      "DynamoDB.RequestLimitExceeded",
      "DynamoDB.ResourceNotFoundException",
      "DynamoDB.ServiceUnavailableException",
      "DynamoDB.ThrottlingException",
      "DynamoDB.TransactionCanceledException",
      "DynamoDB.TransactionConflictException",
      "DynamoDB.ValidationException",
  };
  return errors;
}
}  // namespace

void Checker::CheckErrorName(const ast::ErrorName& error) {
  // The AWS SDK integration's spelling, `DynamoDb.`, names the same errors (the emitter writes
  // it where a task raises them so; docs/language.md, section 14).
  const bool sdk = error.text.rfind("DynamoDb.", 0) == 0;
  if (sdk || error.text.rfind("DynamoDB.", 0) == 0) {
    const std::string name = sdk ? "DynamoDB." + error.text.substr(9) : error.text;
    const auto& known = DynamoDbErrors();
    if (std::find(known.begin(), known.end(), name) != known.end()) return;
    auto& d = Error(error.span, diag::UnknownDynamoDbErrorName, error.text);
    if (auto match = ClosestMatch(name, known)) {
      d.Note("did you mean `" + (sdk ? "DynamoDb." + match->substr(9) : *match) + "`?");
    }
    return;
  }
  if (error.text.rfind("States.", 0) != 0) return;
  const auto& known = StatesErrors();
  if (std::find(known.begin(), known.end(), error.text) != known.end()) return;
  // HTTP tasks fail with States.Http.StatusCode.<status> for every non-2xx status.
  constexpr std::string_view kHttpStatus = "States.Http.StatusCode.";
  if (error.text.size() == kHttpStatus.size() + 3 && error.text.rfind(kHttpStatus, 0) == 0) {
    std::string_view code = std::string_view(error.text).substr(kHttpStatus.size());
    if (code[0] >= '1' && code[0] <= '5' && std::isdigit(static_cast<unsigned char>(code[1])) &&
        std::isdigit(static_cast<unsigned char>(code[2]))) {
      return;
    }
  }
  auto& d = Error(error.span, diag::UnknownStepFunctionsError, error.text);
  std::string hint = DidYouMean(error.text, known);
  if (!hint.empty()) d.Note(hint);
  d.Note("error names starting with `States.` are reserved for the predefined errors");
}

void Checker::ResolveUses(const ast::Option& option) {
  for (const ast::OptionArg& arg : option.args) {
    if (arg.kind != ast::OptionArg::Kind::kWord || options::IsServiceUse(arg)) continue;
    const Symbol* target = LookupGlobal(arg.text);
    if (target == nullptr) {
      auto& d = Error(arg.span, diag::UnknownResource, arg.text);
      std::string hint = DidYouMean(arg.text, GlobalNames(IsResource));
      if (!hint.empty()) d.Note(hint);
      continue;
    }
    model_.option_refs[&arg] = target;
    if (target->kind != Symbol::Kind::kResource && target->kind != Symbol::Kind::kFunction &&
        target->kind != Symbol::Kind::kFlow) {
      Error(arg.span, diag::ResourceFunctionFlow, arg.text, SymbolDescription(*target))
          .Label(target->span, "declared here");
    }
  }
}

// A flow's `uses` (docs/language.md, section 7): the words and permissions of a function's
// `uses` (its option checks give the same diagnostics), on declared entities only.
void Checker::CheckFlowUses(const ast::Option& option) {
  if (option.name.text != "uses") {
    auto& d = Error(option.name.span, diag::UnknownFlowOption, option.name.text);
    std::string hint = DidYouMean(option.name.text, {"uses"});
    d.Note(hint.empty() ? "a flow's options are `express`, `standard`, `timeout`, `logging`, "
                          "`tracing`, `query` and `uses`"
                        : hint);
    return;
  }
  const auto& perms = options::UsePermissions();
  for (const ast::OptionArg& arg : option.args) {
    if (arg.kind != ast::OptionArg::Kind::kWord || options::IsServiceUse(arg)) {
      auto& d = Error(arg.span, diag::FlowUsesNotEntity);
      if (options::IsServiceUse(arg)) {
        d.Note("a flow's `aws." + std::string("<service>.<action>(...)`") +
               " calls get their IAM actions without `uses`");
      } else {
        d.Note("for example `uses Docs(read)`");
      }
      continue;
    }
    if (arg.params.empty()) {
      Error(arg.span, diag::UsesGrantsNothingNamePermissions, arg.text)
          .Note("for example `uses " + arg.text +
                "(read)`; known permissions: " + options::JoinChoices(perms));
    }
    for (size_t i = 0; i < arg.params.size(); ++i) {
      const ast::Ident& p = arg.params[i];
      if (std::find(perms.begin(), perms.end(), p.text) == perms.end()) {
        auto& d = Error(p.span, diag::UnknownPermission, p.text);
        if (auto close = ClosestMatch(p.text, perms)) {
          d.Note("did you mean `" + std::string(*close) + "`?").Fix(p.span, std::string(*close));
        } else {
          d.Note("known permissions: " + options::JoinChoices(perms));
        }
      }
      for (size_t j = 0; j < i; ++j) {
        if (arg.params[j].text == p.text) {
          Error(p.span, diag::PermissionListedTwice, p.text)
              .Label(arg.params[j].span, "first listed here");
          break;
        }
      }
    }
  }
  ResolveUses(option);
}

void Checker::CheckRetrySpec(const ast::RetrySpec& spec) {
  if (spec.policy) ResolvePolicyName(*spec.policy);
  for (const ast::RetryRule& rule : spec.rules) {
    if (rule.policy) ResolvePolicyName(*rule.policy);
    for (const ast::ErrorName& e : rule.errors) CheckErrorName(e);
  }
}

// The one argument of `option` names a declared entity: reports `unknown` when it names nothing
// and records it for lowering (Model::option_refs). Returns the argument and what it names, or
// nullopt when there is nothing more to check (the option check reports a wrong shape).
std::optional<std::pair<const ast::OptionArg*, const Symbol*>> Checker::ResolveOptionTarget(
    const ast::Option& option, const DiagMessage<std::string_view>& unknown) {
  if (option.args.size() != 1 || option.args[0].kind != ast::OptionArg::Kind::kWord ||
      option.args[0].has_params) {
    return std::nullopt;
  }
  const ast::OptionArg& arg = option.args[0];
  const Symbol* target = LookupGlobal(arg.text);
  if (target == nullptr) {
    auto& d = Error(arg.span, unknown, arg.text);
    std::string hint = DidYouMean(arg.text, GlobalNames(IsResource));
    if (!hint.empty()) d.Note(hint);
    NoteNotImported(d, arg.text);
    return std::nullopt;
  }
  model_.option_refs[&arg] = target;
  return std::make_pair(&arg, target);
}

namespace {

// The resource `target` declares when it is one of `kinds`; else null.
const ast::ResourceDecl* ResourceOfKind(const Symbol& target,
                                        std::initializer_list<ast::ResourceKind> kinds) {
  if (target.kind != Symbol::Kind::kResource) return nullptr;
  const auto* resource = static_cast<const ast::ResourceDecl*>(target.decl);
  return std::find(kinds.begin(), kinds.end(), resource->resource) != kinds.end() ? resource
                                                                                  : nullptr;
}

// The `fifo` option line of `resource`, if it has one.
const ast::Option* FifoOption(const ast::ResourceDecl& resource) {
  return options::FindOptionLine(resource.options, "fifo");
}

}  // namespace

// `dead_letter QUEUE` of a schedule names a standard queue (docs/language.md §12).
void Checker::ResolveScheduleDeadLetter(const ast::Option& option) {
  auto resolved = ResolveOptionTarget(option, diag::UnknownQueue);
  if (!resolved) return;
  const auto [arg, target] = *resolved;
  const ast::ResourceDecl* queue = ResourceOfKind(*target, {ast::ResourceKind::kQueue});
  if (queue == nullptr) {
    Error(arg->span, diag::NotAQueue, arg->text, SymbolDescription(*target))
        .Label(target->span, "declared here")
        .Note("a schedule's dead-letter queue is a standard queue");
  } else if (const ast::Option* fifo = FifoOption(*queue)) {
    Error(arg->span, diag::QueueFIFOQueueScheduleS, arg->text)
        .Label(fifo->span, "FIFO here")
        .Note("EventBridge Scheduler does not support FIFO queues as dead-letter queues");
  }
}

// `auth FUNCTION` of an api or a route names a Lambda authorizer (`iam` and `none` are words).
void Checker::ResolveAuthorizer(const ast::Option& option) {
  if (option.args.size() != 1 || option.args[0].text == "iam" || option.args[0].text == "none") {
    return;
  }
  auto resolved = ResolveOptionTarget(option, diag::UnknownFunction);
  if (!resolved) return;
  const auto [arg, target] = *resolved;
  if (target->kind != Symbol::Kind::kFunction) {
    Error(arg->span, diag::AuthorizerNotFunction, arg->text, SymbolDescription(*target))
        .Label(target->span, "declared here")
        .Note("write `auth iam`, `auth none`, `auth cognito \"USER_POOL_ARN\"` or name a function");
  }
}

// `on_failure QUEUE_OR_TOPIC` of a stream or table trigger names a standard queue or topic.
void Checker::ResolveTriggerOnFailure(const ast::Option& option) {
  auto resolved = ResolveOptionTarget(option, diag::UnknownQueueOrTopic);
  if (!resolved) return;
  const auto [arg, target] = *resolved;
  const ast::ResourceDecl* destination =
      ResourceOfKind(*target, {ast::ResourceKind::kQueue, ast::ResourceKind::kTopic});
  if (destination == nullptr) {
    Error(arg->span, diag::NotAQueueOrTopic, arg->text, SymbolDescription(*target))
        .Label(target->span, "declared here")
        .Note(
            "the records of a batch that failed for good are described in a message to a queue "
            "or topic");
  } else if (const ast::Option* fifo = FifoOption(*destination)) {
    Error(arg->span, diag::FifoFailureDestination, KindName(destination->resource), arg->text)
        .Label(fifo->span, "FIFO here");
  }
}

void Checker::ResolveModuleReferences(size_t module) {
  module_ = module;
  for (const ast::DeclPtr& decl : program_.modules[module].ast.decls) {
    switch (decl->kind) {
      case ast::DeclKind::kPolicy:
        CheckRetrySpec(static_cast<const ast::PolicyDecl&>(*decl).retry);
        break;
      case ast::DeclKind::kApi: {
        const auto& api = static_cast<const ast::ApiDecl&>(*decl);
        for (const ast::Option& option : api.options) {
          if (option.name.text == "auth") ResolveAuthorizer(option);
        }
        for (const ast::Route& route : api.routes) {
          ResolveTarget(route.target);
          for (const ast::Option& option : route.options) {
            if (option.name.text == "auth") ResolveAuthorizer(option);
          }
        }
        break;
      }
      case ast::DeclKind::kSchedule: {
        const auto& schedule = static_cast<const ast::ScheduleDecl&>(*decl);
        ResolveTarget(schedule.target);
        for (const ast::Option& option : schedule.options) {
          if (option.name.text == "dead_letter") ResolveScheduleDeadLetter(option);
        }
        break;
      }
      case ast::DeclKind::kTrigger: {
        const auto& trigger = static_cast<const ast::TriggerDecl&>(*decl);
        ResolveTarget(trigger.target);
        const Symbol* source = LookupGlobal(trigger.source.text);
        if (source == nullptr) {
          auto& d = Error(trigger.source.span, diag::UnknownResource, trigger.source.text);
          std::string hint = DidYouMean(trigger.source.text, GlobalNames(IsResource));
          if (!hint.empty()) d.Note(hint);
          break;
        }
        model_.resolved[&trigger.source] = source;
        if (source->kind != Symbol::Kind::kResource) {
          Error(trigger.source.span, diag::NotAResource, trigger.source.text,
                SymbolDescription(*source))
              .Label(source->span, "declared here")
              .Note("triggers listen to a queue, topic, stream, table, bucket or event bus");
          break;
        }
        const auto kind = static_cast<const ast::ResourceDecl*>(source->decl)->resource;
        // Only stream and table triggers have `on_failure` (the option check says so of others).
        if (kind == ast::ResourceKind::kStream || kind == ast::ResourceKind::kTable) {
          for (const ast::Option& option : trigger.options) {
            if (option.name.text == "on_failure") ResolveTriggerOnFailure(option);
          }
        }
        if (kind == ast::ResourceKind::kEvents) break;  // any event name is a pattern
        if (kind == ast::ResourceKind::kTable && IsExisting(*source)) {
          Error(trigger.source.span, diag::ExistingTableNoChanges, trigger.source.text)
              .Label(source->span, "declared here");
          break;
        }
        std::vector<std::string> events = TriggerEvents(kind);
        if (events.empty()) {
          Error(trigger.source.span, diag::ProducesNoEvents, KindName(kind))
              .Label(source->span, "declared here");
        } else if (std::find(events.begin(), events.end(), trigger.event.text) == events.end()) {
          auto& d = Error(trigger.event.span, diag::NoSuchTriggerEvent, KindName(kind),
                          trigger.event.text);
          std::string hint = DidYouMean(trigger.event.text, events);
          if (!hint.empty()) d.Note(hint);
          d.Note(std::string("events of a ") + KindName(kind) + ": " + JoinQuoted(events));
        }
        break;
      }
      case ast::DeclKind::kFunction:
        for (const ast::Option& option : static_cast<const ast::FunctionDecl&>(*decl).options) {
          if (option.name.text == "uses") ResolveUses(option);
        }
        break;
      case ast::DeclKind::kFlow:
        for (const ast::Option& option : static_cast<const ast::FlowDecl&>(*decl).uses) {
          CheckFlowUses(option);
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace caios::check
