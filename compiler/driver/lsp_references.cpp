// Every place a variable or a top-level declaration is named, from the checker's side tables
// (docs/architecture.md, "caios lsp"): no second name resolution, so shadowing, scopes and
// imports are exactly what `caios check` decided.
#include <algorithm>
#include <unordered_map>

#include "compiler/driver/lsp_navigation.h"

namespace caios::lsp {

namespace {

// The shorthand object fields (`{ id }`) of the checked program: their NameExpr is both the key
// and the value. By the value's NameExpr and by the key's identifier.
struct Shorthands {
  std::unordered_map<const ast::NameExpr*, std::string> by_value;
  std::unordered_map<const ast::Ident*, std::string> by_key;
};
Shorthands ShorthandFields(const check::Model& model) {
  Shorthands shorthands;
  for (const auto& [expr, type] : model.expr_types) {
    if (expr->kind != ast::ExprKind::kObject) continue;
    for (const ast::ObjectField& field : static_cast<const ast::ObjectExpr*>(expr)->fields) {
      if (field.shorthand && field.value && field.value->kind == ast::ExprKind::kName) {
        shorthands.by_value[static_cast<const ast::NameExpr*>(field.value.get())] = field.key.text;
        shorthands.by_key[&field.key] = field.key.text;
      }
    }
  }
  return shorthands;
}

}  // namespace

std::vector<Occurrence> Occurrences(const Analysis& analysis, const Target& target) {
  std::vector<Occurrence> out;
  const check::Model* model = analysis.checked.model.get();
  if (!model || (!target.variable && !target.symbol && !target.record)) return out;
  auto add = [&](Span span, bool declaration, std::string prefix = {}, std::string suffix = {}) {
    if (span.valid() && span.end > span.begin) {
      out.push_back({span, declaration, std::move(prefix), std::move(suffix)});
    }
  };
  Shorthands shorthand = ShorthandFields(*model);
  if (target.record) {
    for (const auto& [ident, field] : model->field_refs) {
      if (field.record != target.record || field.name != target.field) continue;
      auto key = shorthand.by_key.find(ident);
      add(ident->span, false, {},
          key == shorthand.by_key.end() ? std::string() : ": " + key->second);
    }
    for (const auto& [ref, type] : model->type_refs) {
      if (type != target.record || ref->kind != ast::TypeRef::Kind::kRecord) continue;
      for (const ast::FieldType& field : ref->fields) {
        if (field.name.text == target.field) add(field.name.span, true);
      }
    }
  }
  for (const auto& [expr, ref] : model->names) {
    if (!target.variable && !target.symbol) break;
    bool same = target.variable ? ref.variable == target.variable : ref.symbol == target.symbol;
    if (!same) continue;
    auto key = shorthand.by_value.find(expr);
    add(expr->name.span, false,
        key == shorthand.by_value.end() ? std::string() : key->second + ": ");
  }
  if (target.variable) {
    add(target.variable->span, true);
  } else if (target.symbol) {
    const check::Symbol* symbol = target.symbol;
    for (const auto& [ident, resolved] : model->resolved) {
      if (resolved == symbol) add(ident->span, false);
    }
    // A `uses Orders(read)` entry spans the grants too: its name is the word at its start.
    for (const auto& [arg, resolved] : model->option_refs) {
      if (resolved != symbol || !arg->span.valid()) continue;
      Span name{arg->span.file, arg->span.begin,
                arg->span.begin + static_cast<uint32_t>(symbol->name.size())};
      const std::string& text = analysis.sources.Get(name.file).text();
      if (name.end <= text.size() &&
          std::string_view(text).substr(name.begin, symbol->name.size()) == symbol->name) {
        add(name, false);
      }
    }
    add(symbol->span, true);
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.span.file.value != b.span.file.value) return a.span.file.value < b.span.file.value;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.declaration > b.declaration;
  });
  // One name can be in two tables (a declared name that is also looked up): keep it once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Occurrence& a, const Occurrence& b) {
                          return a.span.file == b.span.file && a.span.begin == b.span.begin;
                        }),
            out.end());
  return out;
}

}  // namespace caios::lsp
