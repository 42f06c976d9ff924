// How `caios lsp` makes sure a rename adds no diagnostic: from the current analysis (lowered,
// and the touched flows' definitions emitted, for a longer name) when the rules can tell, else
// by checking the renamed project (docs/architecture.md, "The language server").
#include <algorithm>
#include <cctype>
#include <set>

#include "backends/aws/target.h"
#include "compiler/check/context_fields.h"
#include "compiler/check/option_schema.h"
#include "compiler/driver/lsp_compiled.h"
#include "compiler/driver/lsp_navigation.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/vocabulary.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace {

// The part [begin, end) of `file` to look for words spelling the renamed name in.
struct Region {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = UINT32_MAX;
};

// Whether a word of `region` spells `name` without being one of `edits` (nor a field after a
// `.`, which names no variable or type): a use the checker's tables do not list, which an edit
// would leave behind. Words inside `${…}` of a string are the string's: the tables list those.
bool UneditedSpelling(const Analysis& analysis, const Region& region, std::string_view name,
                      const std::vector<TextEdit>& edits) {
  const SourceFile& file = analysis.sources.Get(region.file);
  const std::string_view text = file.text();
  auto edited = [&](uint32_t offset) {
    return std::any_of(edits.begin(), edits.end(), [&](const TextEdit& e) {
      return e.span.file == region.file && e.span.begin <= offset && offset < e.span.end;
    });
  };
  // First the text itself: when every whole-word match of the name is edited, so is every
  // word the lexer would find, and the file need not be lexed.
  auto word_byte = [&](size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    return std::isalnum(c) || c == '_';
  };
  const size_t end = std::min<size_t>(region.end, text.size());
  bool all_edited = true;
  for (size_t at = text.find(name, region.begin); at != std::string_view::npos && at < end;
       at = text.find(name, at + 1)) {
    if ((at > 0 && word_byte(at - 1)) ||
        (at + name.size() < text.size() && word_byte(at + name.size()))) {
      continue;
    }
    if (!edited(static_cast<uint32_t>(at))) {
      all_edited = false;
      break;
    }
  }
  if (all_edited) return false;
  DiagnosticSink scratch;
  const LexResult lexed = Lex(file, scratch, region.begin, region.end);
  size_t dot_length = 0;
  const uint16_t dot = PunctuationKind(".", dot_length);
  for (size_t i = 0; i < lexed.tokens.size(); ++i) {
    const Token& token = lexed.tokens[i];
    if (token.kind == kEofToken || ClassOf(token.kind) != TokenClass::kName) continue;
    if (text.substr(token.begin, token.end - token.begin) != name) continue;
    if (i > 0 && lexed.tokens[i - 1].kind == dot) continue;
    if (!edited(token.begin)) return true;
  }
  return false;
}

// Whether one of `a` and `b` starts with the other: the logical IDs derived from them may meet.
bool PrefixRelated(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  return a.substr(0, n) == b.substr(0, n);
}

// `existing param P` (or `existing arn param P`): a template parameter named by the program.
bool NamesTemplateParameter(const ast::Decl& decl) {
  const std::vector<ast::Option>* options = nullptr;
  if (decl.kind == ast::DeclKind::kResource) {
    options = &static_cast<const ast::ResourceDecl&>(decl).options;
  } else if (decl.kind == ast::DeclKind::kFunction) {
    options = &static_cast<const ast::FunctionDecl&>(decl).options;
  }
  if (!options) return false;
  return std::any_of(options->begin(), options->end(), [](const ast::Option& o) {
    return o.name.text == options::kExistingOption &&
           (o.args.empty() || o.args[0].kind != ast::OptionArg::Kind::kString);
  });
}

// Why the names the AWS target derives from `symbol` (a resource, function, flow, api or
// schedule) renamed to `new_name` might meet names it derives from another entity; "" when they
// cannot. Every logical ID of an entity starts with aws::LogicalIdPrefix of its name, so the
// renamed entities (the declaration, the triggers and unnamed schedules whose names contain it)
// need prefixes unrelated to those of the others of their aws::IdClass (docs/architecture.md,
// "The language server").
std::string DerivedNameReason(const Analysis& analysis, const check::Symbol& symbol,
                              const std::string& new_name, const std::vector<TextEdit>& edits) {
  const check::Model& model = *analysis.checked.model;
  auto spell = [&](const ast::Ident& ident) -> const std::string& {
    return model.Resolved(&ident) == &symbol ? new_name : ident.text;
  };
  struct Renamed {
    std::string prefix;
    aws::IdClass id_class;
    bool rooted = false;  // the declaration, or a trigger it is the source of
  };
  struct Unchanged {
    std::string prefix;
    aws::IdClass id_class;
  };
  for (const check::ProgramInfo& program : model.programs) {
    const auto& modules = program.modules;
    if (std::find(modules.begin(), modules.end(), symbol.module) == modules.end()) continue;
    std::vector<std::string> apis;
    bool api_edited = false;
    std::vector<Unchanged> unchanged;
    std::vector<Renamed> renamed;
    std::set<std::string> unchanged_names, renamed_names;
    for (size_t m : modules) {
      if (m >= analysis.program.modules.size()) continue;
      for (const ast::DeclPtr& decl : analysis.program.modules[m].ast.decls) {
        if (NamesTemplateParameter(*decl)) {
          return "the program names template parameters, which share the logical IDs";
        }
        const bool self = decl.get() == symbol.decl;
        const bool rooted =
            self ||
            (decl->kind == ast::DeclKind::kTrigger &&
             model.Resolved(&static_cast<const ast::TriggerDecl&>(*decl).source) == &symbol);
        const std::string before =
            EntityName(*decl, [](const ast::Ident& i) -> const std::string& { return i.text; });
        if (before.empty()) continue;
        const std::string after = self ? new_name : EntityName(*decl, spell);
        std::string prefix = aws::LogicalIdPrefix(after);
        const aws::IdClass id_class = decl->kind == ast::DeclKind::kTrigger ? aws::IdClass::kTrigger
                                      : decl->kind == ast::DeclKind::kSchedule
                                          ? aws::IdClass::kSchedule
                                          : aws::IdClass::kOther;
        if (decl->kind == ast::DeclKind::kApi) {
          apis.push_back(prefix);
          api_edited =
              api_edited || std::any_of(edits.begin(), edits.end(), [&](const TextEdit& e) {
                return e.span.file == decl->span.file && decl->span.begin <= e.span.begin &&
                       e.span.begin < decl->span.end;
              });
        }
        if (after == before && !self) {
          unchanged_names.insert(before);
          unchanged.push_back({std::move(prefix), id_class});
        } else {
          renamed_names.insert(before);
          renamed_names.insert(after);
          renamed.push_back({std::move(prefix), id_class, rooted});
        }
      }
    }
    // Lowering appends digits to a name another entity has already: the other's digits might
    // change with the rename.
    for (const std::string& name : renamed_names) {
      if (unchanged_names.count(name)) return "lowering numbers two entities' names alike";
    }
    // An api's deployment ID ends in a hash of its routes, which name their targets, and its
    // authorizers' IDs hold their functions' names.
    for (size_t i = 0; api_edited && i < apis.size(); ++i) {
      for (size_t j = i + 1; j < apis.size(); ++j) {
        if (PrefixRelated(apis[i], apis[j])) return "two apis' logical IDs start alike";
      }
    }
    for (size_t i = 0; i < renamed.size(); ++i) {
      for (const Unchanged& other : unchanged) {
        if (other.id_class != renamed[i].id_class) continue;
        if (PrefixRelated(renamed[i].prefix, other.prefix)) {
          return fmt::format("the logical IDs `{}…` and `{}…` might meet", renamed[i].prefix,
                             other.prefix);
        }
      }
      // The declaration and the triggers it is the source of keep what follows its prefix.
      for (size_t j = i + 1; j < renamed.size(); ++j) {
        if (renamed[i].rooted && renamed[j].rooted) continue;
        if (renamed[i].id_class != renamed[j].id_class) continue;
        if (PrefixRelated(renamed[i].prefix, renamed[j].prefix)) {
          return fmt::format("the logical IDs `{}…` and `{}…` might meet", renamed[i].prefix,
                             renamed[j].prefix);
        }
      }
    }
  }
  return "";
}

// Whether a route, trigger or schedule of the program targets `flow`: its input is then made by
// API Gateway, a trigger or the scheduler, which bind the flow's parameters by name.
bool StartedFromOutside(const Analysis& analysis, const check::Symbol& flow) {
  const check::Model& model = *analysis.checked.model;
  for (const LoadedModule& module : analysis.program.modules) {
    for (const ast::DeclPtr& decl : module.ast.decls) {
      if (decl->kind == ast::DeclKind::kApi) {
        for (const ast::Route& route : static_cast<const ast::ApiDecl&>(*decl).routes) {
          if (model.Resolved(&route.target.name) == &flow) return true;
        }
      } else if (decl->kind == ast::DeclKind::kSchedule) {
        const auto& schedule = static_cast<const ast::ScheduleDecl&>(*decl);
        if (model.Resolved(&schedule.target.name) == &flow) return true;
      } else if (decl->kind == ast::DeclKind::kTrigger) {
        const auto& trigger = static_cast<const ast::TriggerDecl&>(*decl);
        if (model.Resolved(&trigger.target.name) == &flow) return true;
      }
    }
  }
  return false;
}

// Why renaming `target`, named `old_name`, to the longer `new_name` with `edits` might add a
// diagnostic of the backend; "" when it cannot. A longer name reaches two limits the backend
// checks (docs/architecture.md, "The language server"): a function invoking itself through its
// grants is named `<stack>-<name>` (aws::MaxCycleFunctionName), and a definition holds the names
// written in its flow's text (aws::kMaxDefinitionBytes, bounded by aws::DefinitionGrowthBound on
// the current definitions). Logical IDs, and state names (cut to fit), have no limit a longer
// name can pass; declarations' names are bounded by PlanRename.
std::string LongerNameReason(Analysis& analysis, const Target& target, const std::string& old_name,
                             const std::string& new_name, const std::vector<TextEdit>& edits) {
  const check::Symbol* symbol = target.symbol;
  const bool long_function = symbol && symbol->kind == check::Symbol::Kind::kFunction &&
                             new_name.size() > aws::MaxCycleFunctionName();
  // Where the name is written: the edits, and for a parameter every use of its flow too (a
  // `run` with the arguments in order keys the flow's input by the parameters' names).
  std::vector<Span> written;
  for (const TextEdit& e : edits) written.push_back(e.span);
  if (target.variable && target.variable->kind == check::Variable::Kind::kParam) {
    const check::FlowInfo* info = analysis.checked.model->Flow(target.variable->flow);
    if (!info || !info->symbol) return "a parameter of a flow the checker does not list";
    Target flow;
    flow.symbol = info->symbol;
    for (const Occurrence& o : Occurrences(analysis, flow)) written.push_back(o.span);
  }
  // The flows whose text holds the name: no other definition holds it.
  std::vector<Span> flows;
  for (const LoadedModule& module : analysis.program.modules) {
    for (const ast::DeclPtr& decl : module.ast.decls) {
      if (decl->kind != ast::DeclKind::kFlow) continue;
      const Span span = decl->span;
      if (std::any_of(written.begin(), written.end(), [&](Span w) {
            return w.file == span.file && span.begin <= w.begin && w.end <= span.end;
          })) {
        flows.push_back(span);
      }
    }
  }
  if (!long_function && flows.empty()) return "";
  Lowered* lowered = LoweredOf(analysis);
  if (!lowered) return "a longer name, and the program does not lower without errors";
  for (size_t a = 0; a < lowered->apps.size(); ++a) {
    const ir::App& app = *lowered->apps[a];
    if (long_function) {
      for (const ir::Function& f : app.functions) {
        if (f.name == symbol->name && f.in_reference_cycle) {
          return fmt::format(
              "function `{}` invokes itself through its grants, so its name with the stack's "
              "must fit Lambda's 64 characters",
              f.name);
        }
      }
    }
    for (uint32_t i = 0; i < app.flows.size(); ++i) {
      const ir::Flow& flow = app.flows[i];
      if (flow.existing) continue;
      if (std::none_of(flows.begin(), flows.end(), [&](Span span) {
            return flow.span.file == span.file && span.begin <= flow.span.begin &&
                   flow.span.end <= span.end;
          })) {
        continue;
      }
      const std::string& definition = DefinitionOf(*lowered, a, i);
      const size_t growth = aws::DefinitionGrowthBound(flow, definition, old_name, new_name);
      if (definition.size() > aws::kMaxDefinitionBytes ||
          growth > aws::kMaxDefinitionBytes - definition.size()) {
        return fmt::format(
            "the definition of flow `{}` ({} bytes) might grow past the {} bytes Step Functions "
            "accepts",
            flow.name, definition.size(), aws::kMaxDefinitionBytes);
      }
    }
  }
  return "";
}

}  // namespace

std::string EntityName(const ast::Decl& decl,
                       const std::function<const std::string&(const ast::Ident&)>& spell) {
  switch (decl.kind) {
    case ast::DeclKind::kResource:
      return spell(static_cast<const ast::ResourceDecl&>(decl).name);
    case ast::DeclKind::kFunction:
      return spell(static_cast<const ast::FunctionDecl&>(decl).name);
    case ast::DeclKind::kFlow:
      return spell(static_cast<const ast::FlowDecl&>(decl).name);
    case ast::DeclKind::kApi:
      return spell(static_cast<const ast::ApiDecl&>(decl).name);
    case ast::DeclKind::kSchedule: {
      const auto& s = static_cast<const ast::ScheduleDecl&>(decl);
      return s.name ? spell(*s.name) : spell(s.target.name) + "_schedule";
    }
    case ast::DeclKind::kTrigger: {
      const auto& t = static_cast<const ast::TriggerDecl&>(decl);
      return spell(t.source) + "_" + spell(t.event) + "_" + spell(t.target.name);
    }
    default:
      return "";
  }
}

std::string FullCheckReason(Analysis& analysis, const RenamePlan& plan,
                            const std::string& new_name) {
  const Target& target = plan.target;
  const check::Model& model = *analysis.checked.model;
  std::string old_name;
  std::vector<Region> regions;
  // Resources, functions, flows, apis and schedules name what the backend creates: logical
  // IDs, physical and state names, placeholders in the definitions; a variable's name is
  // written in its flow's definition. A name no longer than the old one makes none of them
  // longer, so no limit on them is newly exceeded; a longer one is measured against the limits
  // last (LongerNameReason), after the rules that need no lowering.
  bool longer = false;
  if (target.symbol) {
    const check::Symbol& symbol = *target.symbol;
    if (symbol.kind != check::Symbol::Kind::kType) {
      longer = new_name.size() > symbol.name.size();
      if (symbol.kind != check::Symbol::Kind::kPolicy) {
        if (std::string why = DerivedNameReason(analysis, symbol, new_name, plan.edits);
            !why.empty()) {
          return why;
        }
      }
    }
    // Lowering recognizes std.http's record by its name and shape.
    if (symbol.name == "Request" || new_name == "Request") return "`Request` is std.http's record";
    old_name = symbol.name;
    for (size_t m = 0; m < model.modules.size() && m < analysis.program.modules.size(); ++m) {
      auto it = model.modules[m].visible.find(symbol.name);
      if (it == model.modules[m].visible.end() || it->second != &symbol) continue;
      regions.push_back(Region{analysis.program.modules[m].ast.file});
    }
  } else if (target.variable) {
    const check::Variable& v = *target.variable;
    // `execution.id` and `state.name` read the run's context unless a variable hides it.
    if (check::IsContextObject(new_name)) return "the name of the run's context";
    // A variable's name is written in the state machine's definition, whose size is bounded.
    longer = new_name.size() > v.name.size();
    old_name = v.name;
    if (!v.flow) return "a variable outside a flow";
    if (v.kind == check::Variable::Kind::kParam) {
      // A parameter is a field of the flow's input: routes, events, batches and schedules bind
      // it by name, and so may the callers and tests anywhere the flow is seen.
      const check::FlowInfo* info = model.Flow(v.flow);
      if (!info || !info->symbol) return "a parameter of a flow the checker does not list";
      if (StartedFromOutside(analysis, *info->symbol)) {
        return "a parameter names a field of the input a route, trigger or schedule sends";
      }
      for (size_t m = 0; m < model.modules.size() && m < analysis.program.modules.size(); ++m) {
        auto it = model.modules[m].visible.find(info->symbol->name);
        if (it == model.modules[m].visible.end() || it->second != info->symbol) continue;
        regions.push_back(Region{analysis.program.modules[m].ast.file});
      }
    } else {
      regions.push_back(Region{v.span.file, v.flow->span.begin, v.flow->span.end});
    }
  } else {
    // A field's keys can hide where the checker does not resolve them (a table's partial
    // update): only the renamed program's check finds them all.
    return "a field of a record";
  }
  for (const Region& region : regions) {
    if (UneditedSpelling(analysis, region, old_name, plan.edits)) {
      return "a word spelling the name is not one of the edits";
    }
  }
  if (longer) return LongerNameReason(analysis, target, old_name, new_name, plan.edits);
  return "";
}

std::string RecheckRenamed(Analysis& analysis, const std::filesystem::path& stdlib,
                           const std::map<std::string, std::string>& overlay,
                           const std::optional<std::filesystem::path>& extra,
                           const std::vector<TextEdit>& edits) {
  std::map<std::string, std::string> renamed_overlay = overlay;
  for (auto& [file, new_text] : ApplyEdits(analysis, edits)) renamed_overlay[file] = new_text;
  Analysis renamed;
  Analyze(analysis.project, stdlib, renamed_overlay, extra, renamed);
  Complete(analysis);
  Complete(renamed);
  return NewDiagnostic(analysis, renamed);
}

}  // namespace caios::lsp
