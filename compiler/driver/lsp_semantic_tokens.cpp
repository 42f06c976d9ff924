// `textDocument/semanticTokens/full` for `caios lsp` (docs/editors.md): the buffer's tokens
// classified by the lexer (keywords, literals, comments, operators) and, where the analysis
// resolved them, by the checker (types, functions, variables, parameters, fields).
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "compiler/driver/lsp_assist.h"
#include "compiler/driver/lsp_position.h"
#include "compiler/parse/vocabulary.h"

namespace caios::lsp {

namespace {

using json = nlohmann::json;

// The legend: indices into these lists are what `data` holds (LSP 3.17, "Semantic Tokens").
enum TokenType {
  kKeyword,
  kType,
  kFunction,
  kMethod,
  kVariable,
  kParameter,
  kProperty,
  kString,
  kNumber,
  kComment,
  kOperator,
  kNamespace,
};
constexpr const char* kTokenTypes[] = {"keyword",  "type",      "function", "method",
                                       "variable", "parameter", "property", "string",
                                       "number",   "comment",   "operator", "namespace"};
enum Modifier : uint32_t { kDeclaration = 1, kReadonly = 2 };
constexpr const char* kTokenModifiers[] = {"declaration", "readonly"};

// Type declarations nest records at most this deep in what is classified.
constexpr int kMaxTypeDepth = 64;

struct Class {
  uint32_t end = 0;  // in the analysed text
  TokenType type = kVariable;
  uint32_t modifiers = 0;
};

// What the checker resolved, by the start of each name in the analysed file.
class Classes {
 public:
  explicit Classes(FileId file) : file_(file) {}

  void Add(Span span, TokenType type, uint32_t modifiers = 0) {
    if (!(span.file == file_) || span.end <= span.begin) return;
    entries_.emplace_back(span.begin, Class{span.end, type, modifiers});
  }
  void AddSymbol(Span span, const check::Symbol& symbol, uint32_t modifiers = 0) {
    switch (symbol.kind) {
      case check::Symbol::Kind::kType:
        Add(span, kType, modifiers);
        break;
      case check::Symbol::Kind::kFunction:
      case check::Symbol::Kind::kFlow:
        Add(span, kFunction, modifiers);
        break;
      default:  // resources, policies, apis and schedules are names bound once
        Add(span, kVariable, modifiers | kReadonly);
        break;
    }
  }
  void AddVariable(Span span, const check::Variable& v, uint32_t modifiers = 0) {
    Add(span, v.kind == check::Variable::Kind::kParam ? kParameter : kVariable, modifiers);
  }
  void AddFields(const ast::TypeRef* type, int depth) {
    if (type == nullptr || depth > kMaxTypeDepth) return;
    for (const ast::FieldType& field : type->fields) {
      Add(field.name.span, kProperty, kDeclaration);
      AddFields(field.type.get(), depth + 1);
    }
    AddFields(type->element.get(), depth + 1);
  }
  // Sorts the classes by their start; of several with one start the first added wins. (A
  // sorted vector: a 10,000-line file has some 50,000 names, a tree of them costs more.)
  const std::vector<std::pair<uint32_t, Class>>& Sorted() {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   entries_.end());
    return entries_;
  }

 private:
  FileId file_;
  std::vector<std::pair<uint32_t, Class>> entries_;
};

Classes Resolve(const AssistContext& context) {
  Classes classes(context.analysed_file());
  const check::Model* model = context.model();
  const LoadedModule* module = context.module();
  if (model == nullptr || module == nullptr) return classes;
  // Declarations first: a declared name is classified with `declaration`.
  for (const auto& [decl, symbol] : model->symbol_of) {
    if (symbol != nullptr) classes.AddSymbol(symbol->span, *symbol, kDeclaration);
  }
  for (const auto& [flow, info] : model->flows) {
    for (const check::Variable* v : info.variables) classes.AddVariable(v->span, *v, kDeclaration);
  }
  for (const ast::DeclPtr& decl : module->ast.decls) {
    if (decl->kind == ast::DeclKind::kApp) {
      classes.Add(static_cast<const ast::AppDecl&>(*decl).name.span, kNamespace, kDeclaration);
    } else if (decl->kind == ast::DeclKind::kImport) {
      // `import std.retry`: each name of the module's path (a quoted path is a string).
      const auto& import = static_cast<const ast::ImportDecl&>(*decl);
      std::string_view path = context.analysed_text().substr(
          import.path_span.begin, import.path_span.end - import.path_span.begin);
      if (!path.empty() && path.front() != '"') {
        uint32_t at = import.path_span.begin;
        for (size_t start = 0; start <= path.size();) {
          size_t dot = std::min(path.find('.', start), path.size());
          classes.Add(Span{import.path_span.file, at + static_cast<uint32_t>(start),
                           at + static_cast<uint32_t>(dot)},
                      kNamespace);
          start = dot + 1;
        }
      }
    } else if (decl->kind == ast::DeclKind::kType) {
      classes.AddFields(static_cast<const ast::TypeDecl&>(*decl).type.get(), 0);
    } else if (decl->kind == ast::DeclKind::kFunction) {
      for (const ast::Param& p : static_cast<const ast::FunctionDecl&>(*decl).params) {
        classes.Add(p.name.span, kParameter, kDeclaration);
      }
    }
  }
  for (const auto& [expr, ref] : model->names) {
    if (ref.variable) {
      classes.AddVariable(expr->name.span, *ref.variable);
    } else if (ref.symbol) {
      classes.AddSymbol(expr->name.span, *ref.symbol);
    } else if (!ref.builtin.empty()) {
      classes.Add(expr->name.span, kFunction);
    }
  }
  for (const auto& [ident, symbol] : model->resolved) {
    if (symbol) classes.AddSymbol(ident->span, *symbol);
  }
  for (const auto& [ref, type] : model->type_refs) {
    if (ref->kind == ast::TypeRef::Kind::kNamed) classes.Add(ref->name.span, kType);
  }
  for (const auto& [call, info] : model->calls) {
    if (call->callee->kind != ast::ExprKind::kField) continue;
    const auto& callee = static_cast<const ast::FieldExpr&>(*call->callee);
    classes.Add(callee.field.span, kMethod);
    if (info.kind == check::CallInfo::Kind::kAws && callee.object->kind == ast::ExprKind::kField) {
      const auto& service = static_cast<const ast::FieldExpr&>(*callee.object);
      classes.Add(service.field.span, kNamespace);
      classes.Add(service.object->span, kNamespace);  // `aws`
    }
  }
  for (const auto& [field, attribute] : model->resource_attributes) {
    classes.Add(field->field.span, kProperty, kReadonly);
  }
  for (const auto& [field, value] : model->context_fields) {
    classes.Add(field->object->span, kVariable, kReadonly);  // `execution`, `state`
    classes.Add(field->field.span, kProperty, kReadonly);
  }
  for (const auto& [expr, type] : model->expr_types) {
    if (expr->kind == ast::ExprKind::kField) {
      classes.Add(static_cast<const ast::FieldExpr*>(expr)->field.span, kProperty);
    } else if (expr->kind == ast::ExprKind::kObject) {
      for (const ast::ObjectField& f : static_cast<const ast::ObjectExpr*>(expr)->fields) {
        if (!f.shorthand) classes.Add(f.key.span, kProperty);
      }
    }
  }
  return classes;
}

bool IsOperator(uint16_t kind) {
  static const std::set<std::string_view> kOperators = {
      "->", "=>", "??", "==", "!=", "<=", ">=", "&&", "||", "<",
      ">",  "=",  "!",  "+",  "-",  "*",  "/",  "%",  "?"};
  return kOperators.count(Spelling(kind)) > 0;
}

// Writes tokens in the relative encoding: each token's line and start relative to the one
// before, in UTF-16 code units; a token spanning lines is split into one per line.
class Encoder {
 public:
  explicit Encoder(std::string_view text) : index_(text) {}

  void Emit(uint32_t begin, uint32_t end, TokenType type, uint32_t modifiers) {
    if (end <= begin) return;
    Position start = index_.ToPosition(begin);
    Position stop = index_.ToPosition(end);
    for (uint32_t line = start.line; line <= stop.line; ++line) {
      uint32_t from = line == start.line ? start.character : 0;
      uint32_t to = line == stop.line
                        ? stop.character
                        : index_.ToPosition(index_.ToOffset({line, UINT32_MAX})).character;
      if (to > from) Push(line, from, to - from, type, modifiers);
    }
  }
  json Data() && { return json(std::move(data_)); }

 private:
  void Push(uint32_t line, uint32_t character, uint32_t length, TokenType type,
            uint32_t modifiers) {
    uint32_t delta_line = line - last_line_;
    uint32_t delta_start = delta_line == 0 ? character - last_character_ : character;
    data_.push_back(delta_line);
    data_.push_back(delta_start);
    data_.push_back(length);
    data_.push_back(static_cast<uint32_t>(type));
    data_.push_back(modifiers);
    last_line_ = line;
    last_character_ = character;
  }

  LineIndex index_;
  std::vector<uint32_t> data_;
  uint32_t last_line_ = 0, last_character_ = 0;
};

}  // namespace

json SemanticTokensOptions() {
  return {{"legend", {{"tokenTypes", kTokenTypes}, {"tokenModifiers", kTokenModifiers}}},
          {"full", true}};
}

json SemanticTokens(const AssistContext& context) {
  Classes classes = Resolve(context);
  const std::vector<std::pair<uint32_t, Class>>& by_begin = classes.Sorted();
  auto first_at_or_after = [&](uint32_t offset) {
    return std::lower_bound(by_begin.begin(), by_begin.end(), offset,
                            [](const auto& entry, uint32_t o) { return entry.first < o; });
  };
  Encoder encoder(context.text());
  std::string_view analysed = context.analysed_text();
  // The checker's class of buffer bytes [begin, end) when the analysed text has them unchanged.
  auto resolved = [&](uint32_t begin, uint32_t end) -> const Class* {
    std::optional<uint32_t> old_begin = context.ToAnalysed(begin);
    std::optional<uint32_t> old_end = context.ToAnalysed(end);
    if (!old_begin || !old_end || *old_end - *old_begin != end - begin) return nullptr;
    // The edit may end right after a word that replaced another of the same length.
    if (analysed.substr(*old_begin, end - begin) != context.text().substr(begin, end - begin)) {
      return nullptr;
    }
    auto it = first_at_or_after(*old_begin);
    return it != by_begin.end() && it->first == *old_begin && it->second.end == *old_end
               ? &it->second
               : nullptr;
  };
  const std::vector<Token>& tokens = context.tokens();
  const std::vector<CommentToken>& comments = context.comments();
  size_t next_comment = 0;
  for (const Token& t : tokens) {
    if (t.kind == kEofToken || t.implicit) continue;
    for (; next_comment < comments.size() && comments[next_comment].begin < t.begin;
         ++next_comment) {
      encoder.Emit(comments[next_comment].begin, comments[next_comment].end, kComment, 0);
    }
    TokenClass token_class = ClassOf(t.kind);
    if (token_class == TokenClass::kString) {
      // The names of `${…}` inside are classified; the rest of the string is a string.
      uint32_t at = t.begin;
      std::optional<uint32_t> old_begin = context.ToAnalysed(t.begin);
      std::optional<uint32_t> old_end = context.ToAnalysed(t.end);
      if (old_begin && old_end && *old_end - *old_begin == t.end - t.begin) {
        for (auto it = first_at_or_after(*old_begin + 1);
             it != by_begin.end() && it->second.end < *old_end; ++it) {
          uint32_t begin = it->first - *old_begin + t.begin;
          if (begin < at) continue;
          encoder.Emit(at, begin, kString, 0);
          at = it->second.end - *old_begin + t.begin;
          encoder.Emit(begin, at, it->second.type, it->second.modifiers);
        }
      }
      encoder.Emit(at, t.end, kString, 0);
    } else if (token_class == TokenClass::kNumber) {
      encoder.Emit(t.begin, t.end, kNumber, 0);
    } else if (IsWordKind(t.kind)) {
      if (const Class* c = resolved(t.begin, t.end)) {
        encoder.Emit(t.begin, t.end, c->type, c->modifiers);
      } else if (token_class == TokenClass::kKeyword) {
        encoder.Emit(t.begin, t.end, kKeyword, 0);
      }
    } else if (IsOperator(t.kind)) {
      encoder.Emit(t.begin, t.end, kOperator, 0);
    }
  }
  for (; next_comment < comments.size(); ++next_comment) {
    encoder.Emit(comments[next_comment].begin, comments[next_comment].end, kComment, 0);
  }
  return {{"data", std::move(encoder).Data()}};
}

}  // namespace caios::lsp
