// Checks the option lines of resources, functions and triggers against the tables of
// option_schema.cpp: unknown names, argument shapes, ranges, enumerations, duplicates,
// required and conflicting options.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "compiler/check/option_schema.h"
#include "compiler/check/quotas.h"

namespace caios::quotas {
namespace {

using ast::OptionArg;
using options::ArgShape;
using options::ArgSpec;
using options::OptionSpec;
using options::Relation;
using options::Schema;

bool ShapeMatches(const ArgSpec& spec, const OptionArg& arg) {
  using K = OptionArg::Kind;
  switch (spec.shape) {
    case ArgShape::kInt:
      return arg.kind == K::kInt;
    case ArgShape::kNumber:
      return arg.kind == K::kInt || arg.kind == K::kNumber;
    case ArgShape::kDuration:
      return arg.kind == K::kDuration;
    case ArgShape::kString:
      return arg.kind == K::kString;
    case ArgShape::kName:
    case ArgShape::kEnum:
      return arg.kind == K::kWord && !arg.has_params;
    case ArgShape::kKeyword:
      return arg.kind == K::kWord && !arg.has_params && arg.text == spec.text;
    case ArgShape::kNameWithParams:
      return arg.kind == K::kWord;
    case ArgShape::kNameOptType:
      return (arg.kind == K::kWord && !arg.has_params) || arg.kind == K::kTyped;
    case ArgShape::kObject:
      return arg.kind == K::kObject;
    case ArgShape::kArray:
      return arg.kind == K::kArray;
  }
  return false;
}

const ArgSpec* SpecFor(const std::vector<ArgSpec>& form, size_t i) {
  if (i < form.size()) return &form[i];
  if (!form.empty() && form.back().variadic) return &form.back();
  return nullptr;
}

bool FormMatches(const std::vector<ArgSpec>& form, const std::vector<OptionArg>& args) {
  bool variadic = !form.empty() && form.back().variadic;
  if (variadic ? args.size() < form.size() : args.size() != form.size()) return false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!ShapeMatches(*SpecFor(form, i), args[i])) return false;
  }
  return true;
}

std::string Quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

void CheckValues(const OptionSpec& spec, const std::vector<ArgSpec>& form,
                 const ast::Option& option, const target::Limits& limits, DiagnosticSink& sink) {
  std::string what = Quoted(spec.name);
  for (size_t i = 0; i < option.args.size(); ++i) {
    const ArgSpec& arg_spec = *SpecFor(form, i);
    const OptionArg& arg = option.args[i];
    switch (arg_spec.shape) {
      case ArgShape::kInt: {
        const target::Range range = limits.Of(*arg_spec.limit);
        if (arg.int_value < range.min || arg.int_value > range.max) {
          std::string unit = arg_spec.unit.empty() ? "" : " " + std::string(arg_spec.unit);
          sink.Emit(arg.span, diag::IntOutOfRange, what, range.min, range.max, unit, arg.int_value);
        }
        break;
      }
      case ArgShape::kDuration:
        CheckDurationRange(arg.duration, limits.Of(*arg_spec.limit), what, sink);
        break;
      case ArgShape::kEnum:
        if (std::find(arg_spec.values.begin(), arg_spec.values.end(), arg.text) ==
            arg_spec.values.end()) {
          auto& d = sink.Emit(arg.span, diag::NotAValidOptionValue, Quoted(arg.text), what);
          if (auto close = ClosestMatch(arg.text, arg_spec.values)) {
            d.Note("did you mean " + Quoted(*close) + "?").Fix(arg.span, std::string(*close));
          } else {
            d.Note("expected " + options::JoinChoices(arg_spec.values));
          }
        }
        break;
      default:
        break;
    }
  }
}

// First occurrence of each option, for duplicates and relations.
using Seen = std::map<std::string, const ast::Option*, std::less<>>;

std::string FirstWord(const ast::Option& option) {
  return option.args.empty() || option.args[0].kind != OptionArg::Kind::kWord ? std::string()
                                                                              : option.args[0].text;
}

bool Describes(const Schema& schema, std::string_view option) {
  return std::find(schema.describing.begin(), schema.describing.end(), option) !=
         schema.describing.end();
}

// Beside `existing`, an option that configures the resource is E0535: the application does
// not create it. Returns whether the declaration is `existing`.
bool CheckExisting(const Schema& schema, const std::vector<ast::Option>& opts, const Seen& seen,
                   const ast::Ident& decl_name, DiagnosticSink& sink) {
  auto existing = seen.find(options::kExistingOption);
  if (existing == seen.end()) return false;
  for (const ast::Option& option : opts) {
    if (option.name.text == options::kExistingOption || Describes(schema, option.name.text) ||
        !options::FindOption(schema, option.name.text)) {
      continue;
    }
    const std::string_view what = schema.what == "events" ? "event bus" : schema.what;
    sink.Emit(option.name.span, diag::ExistingResourceOption, Quoted(option.name.text), what,
              Quoted(decl_name.text))
        .Label(existing->second->span, "declared existing here");
  }
  return true;
}

void CheckRelations(const Schema& schema, const Seen& seen, const ast::Ident& decl_name,
                    DiagnosticSink& sink, bool existing = false) {
  std::vector<std::string_view> missing;
  std::string_view unless;
  for (const Relation& r : schema.relations) {
    // An existing resource needs only the options that describe it; its other options are
    // already E0535.
    if (existing && (r.kind != Relation::Kind::kRequired || !Describes(schema, r.a))) continue;
    auto a = seen.find(r.a);
    auto b = r.b.empty() ? seen.end() : seen.find(r.b);
    switch (r.kind) {
      case Relation::Kind::kRequired:
        if (a == seen.end()) missing.push_back(r.a);
        break;
      case Relation::Kind::kRequiredUnless:
        if (a == seen.end() && b == seen.end()) {
          missing.push_back(r.a);
          unless = r.b;
        }
        break;
      case Relation::Kind::kRequires: {
        if (a == seen.end() || (!r.a_value.empty() && FirstWord(*a->second) != r.a_value)) break;
        bool ok = b != seen.end() && (r.b_value.empty() || FirstWord(*b->second) == r.b_value);
        if (!ok) {
          std::string a_text =
              Quoted(std::string(r.a) + (r.a_value.empty() ? "" : " " + std::string(r.a_value)));
          std::string b_text =
              Quoted(std::string(r.b) + (r.b_value.empty() ? "" : " " + std::string(r.b_value)));
          sink.Emit(a->second->span, diag::OptionRequires, a_text, b_text);
        }
        break;
      }
      case Relation::Kind::kConflicts:
        if (a != seen.end() && b != seen.end()) {
          const ast::Option* first = a->second;
          const ast::Option* second = b->second;
          if (second->span.begin < first->span.begin) std::swap(first, second);
          sink.Emit(second->span, diag::OptionsCannotBeCombined, Quoted(r.a), Quoted(r.b))
              .Label(first->span, "conflicts with this");
        }
        break;
    }
  }
  if (missing.empty()) return;
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) {
    if (i) list += i + 1 == missing.size() ? " and " : ", ";
    list += Quoted(missing[i]);
  }
  auto& d = sink.Emit(decl_name.span, diag::DeclarationNeedsOptions, schema.what,
                      Quoted(decl_name.text), list);
  for (std::string_view name : missing) {
    if (const OptionSpec* spec = options::FindOption(schema, name)) {
      d.Note("add " + options::Usage(*spec));
    }
  }
  if (!unless.empty()) d.Note("or use a container " + Quoted(unless) + " instead");
}

// Checks `opts` against `schema` and returns the first occurrence of each known option.
Seen CheckOptionList(const Schema& schema, const std::vector<ast::Option>& opts,
                     const target::Limits& limits, DiagnosticSink& sink) {
  Seen seen;
  std::vector<std::string_view> names;
  for (const OptionSpec& spec : schema.options) names.push_back(spec.name);
  for (const ast::Option& option : opts) {
    const OptionSpec* spec = options::FindOption(schema, option.name.text);
    if (!spec) {
      auto& d =
          sink.Emit(option.name.span, diag::NotAnOption, Quoted(option.name.text), schema.what);
      if (std::string_view note = options::MissingOptionNote(schema, option.name.text);
          !note.empty()) {
        d.Note(std::string(note));
      } else if (auto close = ClosestMatch(option.name.text, names)) {
        d.Note("did you mean " + Quoted(*close) + "?").Fix(option.name.span, std::string(*close));
      } else if (names.empty()) {
        d.Note("a " + std::string(schema.what) + " takes no options");
      } else {
        d.Note("options of a " + std::string(schema.what) + ": " + options::JoinChoices(names));
      }
      continue;
    }
    auto [it, inserted] = seen.emplace(option.name.text, &option);
    if (!inserted && !spec->repeatable) {
      sink.Emit(option.name.span, diag::GivenMoreThanOnce, Quoted(option.name.text))
          .Label(it->second->name.span, "first given here");
      continue;
    }
    const std::vector<ArgSpec>* form = nullptr;
    for (const auto& f : spec->forms) {
      if (FormMatches(f, option.args)) {
        form = &f;
        break;
      }
    }
    if (!form) {
      Span where = option.args.empty()
                       ? option.name.span
                       : Span::Cover(option.args.front().span, option.args.back().span);
      auto& d = sink.Emit(where, diag::WrongOptionArguments, Quoted(option.name.text))
                    .Note("expected " + options::Usage(*spec));
      // Inline options (`on Clicks.record bisect on_failure Failed -> f`) read the word after a
      // flag as its argument.
      const bool flag = std::any_of(spec->forms.begin(), spec->forms.end(),
                                    [](const auto& f) { return f.empty(); });
      if (flag && option.args.size() == 1 && option.args[0].kind == OptionArg::Kind::kWord &&
          options::FindOption(schema, option.args[0].text) != nullptr) {
        d.Note(Quoted(option.args[0].text) + " was read as the argument of " +
               Quoted(option.name.text) + ", which takes none: write " + Quoted(option.name.text) +
               " last");
      }
      continue;
    }
    CheckValues(*spec, *form, option, limits, sink);
    if (spec->extra) spec->extra(*spec, option, limits, sink);
  }
  return seen;
}

const ast::ResourceDecl* FindResource(const ast::Module& module, std::string_view name) {
  for (const ast::DeclPtr& decl : module.decls) {
    if (decl->kind != ast::DeclKind::kResource) continue;
    const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
    if (r.name.text == name) return &r;
  }
  return nullptr;
}

const ast::FunctionDecl* FindFunction(const ast::Module& module, std::string_view name) {
  for (const ast::DeclPtr& decl : module.decls) {
    if (decl->kind != ast::DeclKind::kFunction) continue;
    const auto& f = static_cast<const ast::FunctionDecl&>(*decl);
    if (f.name.text == name) return &f;
  }
  return nullptr;
}

using options::FindOptionLine;

std::optional<int64_t> DurationArg(const ast::Option* option) {
  if (!option || option->args.size() != 1 || option->args[0].kind != OptionArg::Kind::kDuration) {
    return std::nullopt;
  }
  return option->args[0].duration.millis;
}

options::TriggerSource SourceOf(const ast::ResourceDecl* resource) {
  using options::TriggerSource;
  if (!resource) return TriggerSource::kUnknown;
  switch (resource->resource) {
    case ast::ResourceKind::kQueue:
      return FindOptionLine(resource->options, "fifo") ? TriggerSource::kFifoQueue
                                                       : TriggerSource::kQueue;
    case ast::ResourceKind::kStream:
      return TriggerSource::kStream;
    case ast::ResourceKind::kTable:
      return TriggerSource::kTable;
    case ast::ResourceKind::kBucket:
      return TriggerSource::kBucket;
    case ast::ResourceKind::kTopic:
      return TriggerSource::kTopic;
    case ast::ResourceKind::kEvents:
      return TriggerSource::kEvents;
    case ast::ResourceKind::kConnection:
    case ast::ResourceKind::kSecret:
    case ast::ResourceKind::kParameter:
      return TriggerSource::kUnknown;
  }
  return TriggerSource::kUnknown;
}

void CheckTrigger(const ast::Module& module, const ast::TriggerDecl& trigger,
                  const target::Limits& limits, DiagnosticSink& sink) {
  const ast::ResourceDecl* resource = FindResource(module, trigger.source.text);
  options::TriggerSource source = SourceOf(resource);
  CheckOptionList(options::TriggerSchema(source), trigger.options, limits, sink);
  if (source != options::TriggerSource::kQueue) return;

  // Lambda developer guide (SQS event source mappings): a batch size above 10 needs
  // MaximumBatchingWindowInSeconds of at least 1 second.
  const ast::Option* batch = FindOptionLine(trigger.options, "batch");
  if (batch && batch->args.size() == 1 && batch->args[0].kind == OptionArg::Kind::kInt &&
      batch->args[0].int_value > 10 &&
      DurationArg(FindOptionLine(trigger.options, "window")).value_or(0) < options::kSecond) {
    sink.Emit(batch->span, diag::QueueTriggerBatchAbove10)
        .Note("for example `window 5s`: Lambda waits up to that long to fill a batch");
  }

  // CFN/Lambda reject a mapping whose queue visibility timeout is below the function timeout.
  // SQS defaults VisibilityTimeout to 30s, Lambda its timeout to 3s.
  if (trigger.target.mode != ast::Target::Mode::kCall) return;
  const ast::FunctionDecl* function = FindFunction(module, trigger.target.name.text);
  if (!function) return;
  // An existing queue or function is configured outside the application: its settings are
  // not known here.
  if (FindOptionLine(resource->options, options::kExistingOption) ||
      FindOptionLine(function->options, options::kExistingOption)) {
    return;
  }
  const ast::Option* visibility_line = FindOptionLine(resource->options, "visibility");
  const ast::Option* timeout_line = FindOptionLine(function->options, "timeout");
  int64_t visibility = DurationArg(visibility_line).value_or(30 * options::kSecond);
  int64_t timeout = DurationArg(timeout_line).value_or(3 * options::kSecond);
  if (visibility < timeout) {
    auto& d = sink.Emit(trigger.span, diag::QueueHidesMessageLessThan, resource->name.text,
                        options::FormatDuration(visibility), options::FormatDuration(timeout),
                        function->name.text);
    d.Label(visibility_line ? visibility_line->span : resource->name.span,
            visibility_line ? "visibility set here" : "30s by default");
    if (timeout_line) d.Label(timeout_line->span, "function timeout set here");
    d.Note("set the queue's `visibility` to at least six times the function timeout");
  }
}

}  // namespace

void CheckDeclarationOptions(const ast::Module& module, const target::Limits& limits,
                             DiagnosticSink& sink) {
  for (const ast::DeclPtr& decl : module.decls) {
    switch (decl->kind) {
      case ast::DeclKind::kResource: {
        const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
        const Schema& schema = options::ResourceSchema(r.resource);
        const Seen seen = CheckOptionList(schema, r.options, limits, sink);
        CheckRelations(schema, seen, r.name, sink,
                       CheckExisting(schema, r.options, seen, r.name, sink));
        break;
      }
      case ast::DeclKind::kFunction: {
        const auto& f = static_cast<const ast::FunctionDecl&>(*decl);
        const Schema& schema = options::FunctionSchema();
        const Seen seen = CheckOptionList(schema, f.options, limits, sink);
        CheckRelations(schema, seen, f.name, sink,
                       CheckExisting(schema, f.options, seen, f.name, sink));
        break;
      }
      case ast::DeclKind::kFlow: {
        const auto& f = static_cast<const ast::FlowDecl&>(*decl);
        if (f.existing.empty()) break;
        CheckOptionList(options::ExistingFlowSchema(), f.existing, limits, sink);
        // A state machine outside the application is configured there (E0535).
        static const char* const kNames[] = {"express", "standard", "timeout",
                                             "logging", "tracing",  "query"};
        auto configures = [&](const ast::Ident& option) {
          sink.Emit(option.span, diag::ExistingResourceOption, Quoted(option.text), "flow",
                    Quoted(f.name.text))
              .Label(f.existing.front().span, "declared existing here");
        };
        for (const ast::FlowOption& o : f.options) {
          configures(ast::Ident{kNames[static_cast<size_t>(o.kind)], o.span});
        }
        for (const ast::Option& o : f.uses) configures(o.name);
        break;
      }
      case ast::DeclKind::kTrigger:
        CheckTrigger(module, static_cast<const ast::TriggerDecl&>(*decl), limits, sink);
        break;
      case ast::DeclKind::kSchedule:
        CheckOptionList(options::ScheduleSchema(),
                        static_cast<const ast::ScheduleDecl&>(*decl).options, limits, sink);
        break;
      case ast::DeclKind::kApi: {
        const auto& api = static_cast<const ast::ApiDecl&>(*decl);
        CheckOptionList(options::ApiSchema(), api.options, limits, sink);
        for (const ast::Route& route : api.routes) {
          CheckOptionList(options::RouteSchema(), route.options, limits, sink);
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace caios::quotas
