#include "compiler/driver/lsp_analysis.h"

#include <algorithm>
#include <system_error>

#include "compiler/driver/command_check.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace fs = std::filesystem;

fs::path CanonicalPath(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : path, ec);
  if (ec) absolute = path;
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return (ec ? absolute : canonical).lexically_normal();
}

const LoadedModule* Analysis::ModuleOf(const fs::path& path) const {
  for (const LoadedModule& module : program.modules) {
    if (CanonicalPath(module.path) == path) return &module;
  }
  return nullptr;
}

void Analyze(const fs::path& project, const fs::path& stdlib,
             const std::map<std::string, std::string>& overlay,
             const std::optional<fs::path>& extra, Analysis& analysis) {
  analysis.project = project;
  CheckOptions options;
  options.inputs = {project.string()};
  std::error_code ec;
  if (extra && !fs::exists(*extra, ec)) options.inputs.push_back(extra->string());
  LoadOptions load{stdlib, 0, &overlay};
  analysis.run = std::make_unique<CheckRun>(options);
  analysis.run->Front(load, analysis.sources, analysis.program, analysis.checked,
                      analysis.io_error);
}

void Complete(Analysis& analysis) {
  if (analysis.complete) return;
  analysis.run->Back(analysis.sources, analysis.program, analysis.checked);
  analysis.diagnostics = analysis.run->TakeDiagnostics();
  analysis.run.reset();
  analysis.complete = true;
}

namespace {

bool Contains(Span span, FileId file, uint32_t offset) {
  return span.file == file && span.begin <= offset && offset <= span.end;
}

}  // namespace

// Looks the offset up in the checker's side tables (docs/architecture.md, "The check model"):
// names in expressions, named types, route/schedule/trigger targets, `uses` entries, and the
// declared names themselves.
std::optional<Target> TargetAt(const Analysis& analysis, const LoadedModule& module,
                               uint32_t offset) {
  const check::Model* model = analysis.checked.model.get();
  if (!model) return std::nullopt;
  FileId file = module.ast.file;
  for (const auto& [expr, ref] : model->names) {
    if (!Contains(expr->name.span, file, offset)) continue;
    return Target{ref.variable, ref.symbol, ref.builtin};
  }
  for (const auto& [ident, field] : model->field_refs) {
    if (Contains(ident->span, file, offset)) {
      return Target{nullptr, nullptr, {}, field.record, field.name};
    }
  }
  size_t module_index = static_cast<size_t>(&module - analysis.program.modules.data());
  if (module_index >= model->modules.size()) return std::nullopt;
  for (const auto& [ref, type] : model->type_refs) {
    if (ref->kind != ast::TypeRef::Kind::kNamed || !Contains(ref->name.span, file, offset)) {
      continue;
    }
    const auto& visible = model->modules[module_index].visible;
    auto it = visible.find(ref->name.text);
    if (it != visible.end()) return Target{nullptr, it->second, {}};
  }
  for (const auto& [ident, symbol] : model->resolved) {
    if (symbol && Contains(ident->span, file, offset)) return Target{nullptr, symbol, {}};
  }
  for (const auto& [arg, symbol] : model->option_refs) {
    if (symbol && Contains(arg->span, file, offset)) return Target{nullptr, symbol, {}};
  }
  for (const auto& [ref, type] : model->type_refs) {
    if (ref->kind != ast::TypeRef::Kind::kRecord || !(ref->span.file == file)) continue;
    for (const ast::FieldType& field : ref->fields) {
      if (Contains(field.name.span, file, offset)) {
        return Target{nullptr, nullptr, {}, type, field.name.text};
      }
    }
  }
  for (const check::Symbol* symbol : model->modules[module_index].own) {
    if (Contains(symbol->span, file, offset)) return Target{nullptr, symbol, {}};
  }
  for (const auto& [flow, info] : model->flows) {
    for (const check::Variable* variable : info.variables) {
      if (Contains(variable->span, file, offset)) return Target{variable, nullptr, {}};
    }
  }
  return std::nullopt;
}

namespace {

std::string_view Text(const Analysis& analysis, Span span) {
  const std::string& text = analysis.sources.Get(span.file).text();
  return std::string_view(text).substr(span.begin, span.end - span.begin);
}

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' ||
                        s.back() == '\t' || s.back() == '{')) {
    s.remove_suffix(1);
  }
  return s;
}

// A declaration as written, without a flow's body; at most kMaxHoverLines lines.
std::string DeclarationText(const Analysis& analysis, const ast::Decl& decl) {
  constexpr size_t kMaxHoverLines = 30;
  Span span = decl.span;
  if (decl.kind == ast::DeclKind::kFlow) {
    const auto& flow = static_cast<const ast::FlowDecl&>(decl);
    if (flow.body.span.valid() && flow.body.span.begin > span.begin) {
      span.end = flow.body.span.begin;
    }
  }
  std::string_view text = TrimEnd(Text(analysis, span));
  std::string out;
  size_t lines = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (++lines > kMaxHoverLines) {
      out += "…\n";
      break;
    }
    out.append(text.substr(start, end - start));
    out += '\n';
    start = end + 1;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

// LSP SymbolKind values (LSP 3.17, "Document Symbols").
enum class SymbolKind {
  kModule = 2,
  kField = 8,
  kInterface = 11,
  kFunction = 12,
  kConstant = 14,
  kObject = 19,
  kStruct = 23,
  kEvent = 24,
};

OutlineEntry Entry(const std::string& name, const char* detail, SymbolKind kind, Span span,
                   Span name_span) {
  return OutlineEntry{name, detail, static_cast<int>(kind), span, name_span, {}};
}

// The `app` declaration whose name is at `offset`, if any.
const ast::AppDecl* AppNamedAt(const LoadedModule& module, uint32_t offset) {
  for (const ast::DeclPtr& decl : module.ast.decls) {
    if (decl->kind != ast::DeclKind::kApp) continue;
    const auto& app = static_cast<const ast::AppDecl&>(*decl);
    if (Contains(app.name.span, module.ast.file, offset)) return &app;
  }
  return nullptr;
}

// The schedule whose name or, unnamed, whose expression is at `offset`, if any.
const ast::ScheduleDecl* ScheduleAt(const LoadedModule& module, uint32_t offset) {
  for (const ast::DeclPtr& decl : module.ast.decls) {
    if (decl->kind != ast::DeclKind::kSchedule) continue;
    const auto& schedule = static_cast<const ast::ScheduleDecl&>(*decl);
    Span place = schedule.name ? schedule.name->span : schedule.expression_span;
    if (Contains(place, module.ast.file, offset)) return &schedule;
  }
  return nullptr;
}

}  // namespace

std::string TypeName(check::TypeId type) {
  return type ? types::TypeTable::ToString(type) : "json";
}

const char* VariableKind(check::Variable::Kind kind) {
  switch (kind) {
    case check::Variable::Kind::kParam:
      return "parameter";
    case check::Variable::Kind::kLet:
      return "let";
    case check::Variable::Kind::kForItem:
      return "for item";
    case check::Variable::Kind::kCatchError:
      return "caught error";
    case check::Variable::Kind::kElement:
      return "element";
  }
  return "variable";
}

std::vector<OutlineEntry> Outline(const Analysis& /*analysis*/, const LoadedModule& module) {
  std::vector<OutlineEntry> entries;
  for (const ast::DeclPtr& decl : module.ast.decls) {
    switch (decl->kind) {
      case ast::DeclKind::kApp: {
        const auto& d = static_cast<const ast::AppDecl&>(*decl);
        entries.push_back(Entry(d.name.text, "app", SymbolKind::kModule, d.span, d.name.span));
        break;
      }
      case ast::DeclKind::kType: {
        const auto& d = static_cast<const ast::TypeDecl&>(*decl);
        OutlineEntry entry = Entry(d.name.text, "type", SymbolKind::kStruct, d.span, d.name.span);
        if (d.type && d.type->kind == ast::TypeRef::Kind::kRecord) {
          for (const ast::FieldType& field : d.type->fields) {
            entry.children.push_back(
                Entry(field.name.text, "field", SymbolKind::kField, field.span, field.name.span));
          }
        }
        entries.push_back(std::move(entry));
        break;
      }
      case ast::DeclKind::kResource: {
        const auto& d = static_cast<const ast::ResourceDecl&>(*decl);
        entries.push_back(Entry(d.name.text, ast::Spelling(d.resource), SymbolKind::kObject, d.span,
                                d.name.span));
        break;
      }
      case ast::DeclKind::kPolicy: {
        const auto& d = static_cast<const ast::PolicyDecl&>(*decl);
        entries.push_back(Entry(d.name.text, "policy", SymbolKind::kConstant, d.span, d.name.span));
        break;
      }
      case ast::DeclKind::kFunction: {
        const auto& d = static_cast<const ast::FunctionDecl&>(*decl);
        entries.push_back(
            Entry(d.name.text, "function", SymbolKind::kFunction, d.span, d.name.span));
        break;
      }
      case ast::DeclKind::kFlow: {
        const auto& d = static_cast<const ast::FlowDecl&>(*decl);
        entries.push_back(Entry(d.name.text, "flow", SymbolKind::kFunction, d.span, d.name.span));
        break;
      }
      case ast::DeclKind::kApi: {
        const auto& d = static_cast<const ast::ApiDecl&>(*decl);
        entries.push_back(Entry(d.name.text, "api", SymbolKind::kInterface, d.span, d.name.span));
        break;
      }
      case ast::DeclKind::kSchedule: {
        const auto& d = static_cast<const ast::ScheduleDecl&>(*decl);
        std::string name = d.name ? d.name->text : "schedule " + d.expression;
        Span name_span = d.name ? d.name->span : d.expression_span;
        entries.push_back(Entry(name, "schedule", SymbolKind::kEvent, d.span, name_span));
        break;
      }
      case ast::DeclKind::kTrigger: {
        const auto& d = static_cast<const ast::TriggerDecl&>(*decl);
        entries.push_back(Entry("on " + d.source.text + " " + d.event.text, "trigger",
                                SymbolKind::kEvent, d.span, d.source.span));
        break;
      }
      case ast::DeclKind::kImport:
        break;
    }
  }
  // A name the parser could not read has no text: the outline leaves it out.
  std::erase_if(entries, [](const OutlineEntry& e) { return e.name.empty() || !e.span.valid(); });
  return entries;
}

std::optional<Span> DefinitionAt(const Analysis& analysis, const LoadedModule& module,
                                 uint32_t offset) {
  std::optional<Target> target = TargetAt(analysis, module, offset);
  if (!target) return std::nullopt;
  if (target->variable) return target->variable->span;
  if (target->symbol) return target->symbol->span;
  return std::nullopt;  // a builtin function has no declaration in the program
}

std::optional<std::string> HoverAt(Analysis& analysis, const LoadedModule& module,
                                   uint32_t offset) {
  std::vector<std::string> sections;
  std::optional<Target> target = TargetAt(analysis, module, offset);
  bool step = true;  // whether the states of the step around the offset are worth showing
  if (target && target->variable) {
    const check::Variable& v = *target->variable;
    sections.push_back(
        fmt::format("```caios\n({}) {}: {}\n```", VariableKind(v.kind), v.name, TypeName(v.type)));
  } else if (target && target->symbol && target->symbol->decl) {
    const ast::Decl& decl = *target->symbol->decl;
    sections.push_back(fmt::format("```caios\n{}\n```", DeclarationText(analysis, decl)));
    std::string doc = DocComment(analysis.sources.Get(decl.span.file), decl.span.begin);
    if (!doc.empty()) sections.push_back(std::move(doc));
    // On the declaration itself: what it compiles to, or who may reach it.
    if (Contains(target->symbol->span, module.ast.file, offset)) {
      step = false;
      std::optional<std::string> more;
      if (decl.kind == ast::DeclKind::kFlow) {
        if (Lowered* lowered = LoweredOf(analysis)) {
          more = FlowStates(*lowered, static_cast<const ast::FlowDecl&>(decl));
        }
      } else if (decl.kind == ast::DeclKind::kResource || decl.kind == ast::DeclKind::kFunction) {
        if (const Compiled* compiled = CompiledOf(analysis)) {
          more = ResourceAccess(*compiled, decl);
        }
      }
      if (more) sections.push_back(std::move(*more));
    }
  } else if (const ast::AppDecl* app = AppNamedAt(module, offset)) {
    step = false;
    sections.push_back(fmt::format("```caios\napp {}\n```", app->name.text));
    std::string doc = DocComment(analysis.sources.Get(app->span.file), app->span.begin);
    if (!doc.empty()) sections.push_back(std::move(doc));
    if (const Compiled* compiled = CompiledOf(analysis)) {
      if (std::optional<std::string> more = AppResources(*compiled, *app)) {
        sections.push_back(std::move(*more));
      }
    }
  } else if (const ast::ScheduleDecl* schedule = ScheduleAt(module, offset)) {
    step = false;
    sections.push_back(fmt::format("```caios\n{}\n```", DeclarationText(analysis, *schedule)));
    std::string doc = DocComment(analysis.sources.Get(schedule->span.file), schedule->span.begin);
    if (!doc.empty()) sections.push_back(std::move(doc));
  } else if (target && !target->builtin.empty()) {
    sections.push_back(fmt::format("builtin function `{}` (docs/language.md)", target->builtin));
  } else if (const check::Model* model = analysis.checked.model.get()) {
    // Any other expression: the innermost one around the offset, with its type.
    const ast::Expr* innermost = nullptr;
    for (const auto& [expr, type] : model->expr_types) {
      if (!type || !Contains(expr->span, module.ast.file, offset)) continue;
      if (!innermost ||
          expr->span.end - expr->span.begin < innermost->span.end - innermost->span.begin) {
        innermost = expr;
      }
    }
    if (innermost) {
      // On one line, each run of spaces and line breaks as one space, at most 80 bytes.
      std::string text;
      for (char c : Text(analysis, innermost->span)) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (text.empty() || text.back() == ' ')) continue;
        text.push_back(space ? ' ' : c);
      }
      if (text.size() > 80) text = text.substr(0, 77) + "...";
      sections.push_back(fmt::format("```caios\n{}: {}\n```", text,
                                     types::TypeTable::ToString(model->expr_types.at(innermost))));
    }
  }
  // Inside a flow's body: the states of the step around the offset.
  const ast::FlowDecl* flow = nullptr;
  for (const ast::DeclPtr& decl : module.ast.decls) {
    if (decl->kind != ast::DeclKind::kFlow) continue;
    const auto& f = static_cast<const ast::FlowDecl&>(*decl);
    if (Contains(f.body.span, module.ast.file, offset)) flow = &f;
  }
  if (step && flow && analysis.checked.model) {
    if (Lowered* lowered = LoweredOf(analysis)) {
      if (std::optional<std::string> states = StepStates(*lowered, *flow, offset)) {
        sections.push_back(std::move(*states));
      }
    }
  }
  if (sections.empty()) return std::nullopt;
  std::string out;
  for (const std::string& section : sections) {
    if (!out.empty()) out += "\n\n---\n\n";
    out += section;
  }
  return out;
}

}  // namespace caios::lsp
