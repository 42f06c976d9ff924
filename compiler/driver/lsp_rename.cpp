// Rename for `caios lsp`: which names can be renamed, to what, and the edits (docs/editors.md,
// "Rename"). What these rules cannot vouch for, the server checks by checking the renamed
// project again (lsp_rename_validation.cpp).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>

#include "backends/aws/target.h"
#include "compiler/check/builtins.h"
#include "compiler/driver/lsp_navigation.h"
#include "compiler/parse/vocabulary.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace {

const LoadedModule* ModuleOfFile(const Analysis& analysis, FileId file) {
  for (const LoadedModule& module : analysis.program.modules) {
    if (module.ast.file == file) return &module;
  }
  return nullptr;
}

bool InStdlib(const Analysis& analysis, Span span) {
  const LoadedModule* module = ModuleOfFile(analysis, span.file);
  return module && module->is_stdlib;
}

std::string Where(const Analysis& analysis, Span span) {
  const SourceFile& file = analysis.sources.Get(span.file);
  return fmt::format("{}:{}", std::filesystem::path(file.path()).filename().string(),
                     file.Position(span.begin).line);
}

// "table", "queue", ... for a resource; "type", "flow", ... otherwise.
std::string KindOf(const check::Symbol& symbol) {
  if (symbol.kind == check::Symbol::Kind::kResource && symbol.decl) {
    return ast::Spelling(static_cast<const ast::ResourceDecl*>(symbol.decl)->resource);
  }
  return check::Describe(symbol.kind);
}

// Why `new_name` cannot name `target` next to the other names it would meet: the top-level
// names of every module that sees the declaration, and the variables of the flows there.
std::string Clash(const Analysis& analysis, const Target& target, const std::string& new_name) {
  const check::Model& model = *analysis.checked.model;
  if (target.record) {
    if (target.record->FindField(new_name) != nullptr) {
      return fmt::format("the record already has a field `{}`", new_name);
    }
    return "";
  }
  if (target.variable) {
    const check::Variable& v = *target.variable;
    if (auto it = model.flows.find(v.flow); it != model.flows.end()) {
      for (const check::Variable* other : it->second.variables) {
        if (other != &v && other->name == new_name) {
          return fmt::format("the flow already has a variable `{}` ({})", new_name,
                             Where(analysis, other->span));
        }
      }
    }
    const LoadedModule* module = ModuleOfFile(analysis, v.span.file);
    size_t index = module ? static_cast<size_t>(module - analysis.program.modules.data()) : 0;
    if (module && index < model.modules.size()) {
      const auto& visible = model.modules[index].visible;
      if (auto it = visible.find(new_name); it != visible.end()) {
        return fmt::format("`{}` is already the name of {} `{}` ({})", new_name,
                           KindOf(*it->second), new_name, Where(analysis, it->second->span));
      }
    }
    return "";
  }
  const check::Symbol& symbol = *target.symbol;
  // Top-level names are unique across a program (a root and every module it imports, its tests
  // too), whether or not one module sees the other.
  for (const check::ProgramInfo& program : model.programs) {
    const auto& modules = program.modules;
    if (std::find(modules.begin(), modules.end(), symbol.module) == modules.end()) continue;
    for (size_t m : modules) {
      if (m >= model.modules.size()) continue;
      for (const check::Symbol* other : model.modules[m].own) {
        if (other != &symbol && other->name == new_name) {
          return fmt::format("`{}` is already the name of {} `{}` in the same program ({})",
                             new_name, KindOf(*other), new_name, Where(analysis, other->span));
        }
      }
    }
  }
  for (size_t m = 0; m < model.modules.size(); ++m) {
    const auto& visible = model.modules[m].visible;
    auto seen = visible.find(symbol.name);
    if (seen == visible.end() || seen->second != &symbol) continue;
    if (auto it = visible.find(new_name); it != visible.end() && it->second != &symbol) {
      return fmt::format("`{}` is already the name of {} `{}` ({})", new_name, KindOf(*it->second),
                         new_name, Where(analysis, it->second->span));
    }
    for (const auto& [flow, info] : model.flows) {
      if (!info.symbol || info.symbol->module != m) continue;
      for (const check::Variable* v : info.variables) {
        if (v->name == new_name) {
          return fmt::format("a variable `{}` of flow `{}` would hide it ({})", new_name,
                             info.symbol->name, Where(analysis, v->span));
        }
      }
    }
  }
  return "";
}

}  // namespace

std::string NewNameProblem(std::string_view name) {
  bool identifier = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') identifier = false;
  }
  if (!identifier) {
    return fmt::format(
        "`{}` is not a name: a name is a letter or `_` followed by letters, "
        "digits and `_`",
        name);
  }
  if (KeywordKind(name) != 0) return fmt::format("`{}` is a keyword of caios", name);
  const auto& types = types::TypeTable::BuiltinNames();
  if (std::find(types.begin(), types.end(), name) != types.end()) {
    return fmt::format("`{}` is a built-in type", name);
  }
  if (check::FindBuiltin(name) != nullptr) {
    return fmt::format("`{}` is a builtin function", name);
  }
  return "";
}

RenameTarget RenameTargetAt(const Analysis& analysis, const LoadedModule& module, uint32_t offset) {
  RenameTarget result;
  if (!analysis.checked.model) {
    result.error = "the project has syntax errors (or files that do not load): fix them first";
    return result;
  }
  std::optional<Target> target = TargetAt(analysis, module, offset);
  if (!target || (!target->variable && !target->symbol && !target->record)) {
    result.error = target && !target->builtin.empty()
                       ? fmt::format("`{}` is a builtin function", target->builtin)
                       : "there is no variable or declaration to rename here";
    return result;
  }
  result.target = *target;
  std::vector<Occurrence> occurrences = Occurrences(analysis, *target);
  Span declared;
  std::string name = target->field;
  if (target->variable) {
    declared = target->variable->span;
    name = target->variable->name;
  } else if (target->symbol) {
    declared = target->symbol->span;
    name = target->symbol->name;
  } else {
    for (const Occurrence& o : occurrences) {
      if (o.declaration && (!declared.valid() || InStdlib(analysis, o.span))) declared = o.span;
    }
    // A field of a record the program does not write (a table's key, an AWS result).
    if (!declared.valid()) {
      result.error = fmt::format(
          "the field `{}` belongs to a record type that no declaration of the project writes",
          name);
      return result;
    }
  }
  if (InStdlib(analysis, declared)) {
    result.error = fmt::format("`{}` is declared in the stdlib, which cannot be edited", name);
    return result;
  }
  // A name the parser made up is not in the text: `expect … fails E("c")` binds E's error to a
  // variable `expect_caught` declared at `E`.
  if (target->variable || target->symbol) {
    const std::string& text = analysis.sources.Get(declared.file).text();
    if (declared.end > text.size() ||
        text.compare(declared.begin, declared.end - declared.begin, name) != 0) {
      result.error = "there is no variable or declaration to rename here";
      return result;
    }
  }
  for (const Occurrence& o : occurrences) {
    if (o.span.file == module.ast.file && o.span.begin <= offset && offset <= o.span.end) {
      result.span = o.span;
    }
  }
  if (!result.span.valid()) result.error = "there is no variable or declaration to rename here";
  return result;
}

RenamePlan PlanRename(const Analysis& analysis, const LoadedModule& module, uint32_t offset,
                      const std::string& new_name) {
  RenamePlan plan;
  RenameTarget target = RenameTargetAt(analysis, module, offset);
  if (!target.error.empty()) {
    plan.error = target.error;
    return plan;
  }
  plan.target = target.target;
  plan.error = NewNameProblem(new_name);
  // The checker reserves these for declarations, parameters and variables, not fields.
  if (plan.error.empty() && !target.target.record && (new_name == "aws" || new_name == "http")) {
    plan.error = fmt::format(
        "`{}` is reserved: `aws` and `http` are the builtin service integrations", new_name);
  }
  if (plan.error.empty() && target.target.symbol) {
    // The check phase bounds a declaration's name by the target's limit (E0508).
    const int64_t max = aws::TargetLimits().Of(target::Quantity::kDeclarationNameLength).max;
    if (static_cast<int64_t>(new_name.size()) > max) {
      plan.error = fmt::format(
          "`{}` is longer than the {} characters a declaration's name may have", new_name, max);
    }
  }
  if (plan.error.empty()) plan.error = Clash(analysis, target.target, new_name);
  if (!plan.error.empty()) return plan;
  for (const Occurrence& o : Occurrences(analysis, target.target)) {
    if (InStdlib(analysis, o.span)) {
      plan.error = fmt::format("the rename would edit the stdlib ({})", Where(analysis, o.span));
      plan.edits.clear();
      return plan;
    }
    plan.edits.push_back({o.span, o.prefix + new_name + o.suffix});
  }
  return plan;
}

std::map<std::string, std::string> ApplyEdits(const Analysis& analysis,
                                              const std::vector<TextEdit>& edits) {
  std::map<uint32_t, std::vector<const TextEdit*>> by_file;
  for (const TextEdit& edit : edits) by_file[edit.span.file.value].push_back(&edit);
  std::map<std::string, std::string> texts;
  for (auto& [file_value, list] : by_file) {
    const SourceFile& file = analysis.sources.Get(FileId{file_value});
    std::string text = file.text();
    // From the end, so that the offsets of the edits still to apply stay valid.
    std::sort(list.begin(), list.end(),
              [](const TextEdit* a, const TextEdit* b) { return a->span.begin > b->span.begin; });
    for (const TextEdit* edit : list) {
      text.replace(edit->span.begin, edit->span.end - edit->span.begin, edit->text);
    }
    texts[CanonicalPath(file.path()).string()] = std::move(text);
  }
  return texts;
}

std::string NewDiagnostic(const Analysis& before, const Analysis& after) {
  std::unordered_map<std::string_view, int> counts;
  for (const Diagnostic& d : before.diagnostics) ++counts[Info(d.kind).code];
  for (const Diagnostic& d : after.diagnostics) {
    std::string_view code = Info(d.kind).code;
    if (counts[code]-- > 0) continue;
    std::string where;
    if (d.span.valid()) where = " (" + Where(after, d.span) + ")";
    return fmt::format("{}: {}{}", code, d.message, where);
  }
  return "";
}

}  // namespace caios::lsp
