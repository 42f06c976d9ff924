#include <algorithm>
#include <set>

#include "compiler/driver/lsp_assist.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/vocabulary.h"

namespace caios::lsp {

namespace {

bool IsOpener(uint16_t kind) { return Is(kind, "(") || Is(kind, "[") || Is(kind, "{"); }
bool IsCloser(uint16_t kind) { return Is(kind, ")") || Is(kind, "]") || Is(kind, "}"); }

// Blocks nest at most kMaxNestingDepth deep (the lexer's limit); this bounds the walk anyway.
constexpr int kMaxScopeDepth = 256;

bool Within(Span span, uint32_t offset) { return span.begin <= offset && offset <= span.end; }

// Collects the variables in scope at `offset` inside `block` (docs/language.md, "Variables"):
// the `let`s of the block before it, and those of the statements it lies in.
void CollectScope(const check::Model& model, const ast::Block& block, uint32_t offset, int depth,
                  std::vector<const check::Variable*>& out);

void CollectStmt(const check::Model& model, const ast::Stmt& stmt, uint32_t offset, int depth,
                 std::vector<const check::Variable*>& out) {
  if (depth > kMaxScopeDepth || !Within(stmt.span, offset)) return;
  auto block = [&](const ast::Block& b) { CollectScope(model, b, offset, depth + 1, out); };
  switch (stmt.kind) {
    case ast::StmtKind::kLet: {
      const auto& let = static_cast<const ast::LetStmt&>(stmt);
      if (let.value.compound) CollectStmt(model, *let.value.compound, offset, depth + 1, out);
      break;
    }
    case ast::StmtKind::kAssign: {
      const auto& assign = static_cast<const ast::AssignStmt&>(stmt);
      if (assign.value.compound) {
        CollectStmt(model, *assign.value.compound, offset, depth + 1, out);
      }
      break;
    }
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) block(arm.body);
      if (s.else_body) block(*s.else_body);
      break;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) block(c.body);
      if (s.default_body) block(*s.default_body);
      break;
    }
    case ast::StmtKind::kWhile:
      block(static_cast<const ast::WhileStmt&>(stmt).body);
      break;
    case ast::StmtKind::kFor: {
      const auto& s = static_cast<const ast::ForStmt&>(stmt);
      if (!Within(s.body.span, offset)) break;
      // The item (and its index) are bound in the body only.
      for (const auto& [flow, info] : model.flows) {
        for (const check::Variable* v : info.variables) {
          if (v->stmt == &stmt && v->kind == check::Variable::Kind::kForItem) out.push_back(v);
        }
      }
      block(s.body);
      break;
    }
    case ast::StmtKind::kParallel:
      for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(stmt).branches) {
        block(b.body);
      }
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      block(s.body);
      for (const ast::CatchClause& c : s.catches) {
        if (!Within(c.body.span, offset)) continue;
        if (const check::Variable* v = model.VariableOf(&c)) out.push_back(v);
        block(c.body);
      }
      break;
    }
    default:
      break;
  }
}

void CollectScope(const check::Model& model, const ast::Block& block, uint32_t offset, int depth,
                  std::vector<const check::Variable*>& out) {
  if (depth > kMaxScopeDepth || !Within(block.span, offset)) return;
  for (const ast::StmtPtr& stmt : block.stmts) {
    if (stmt->span.begin >= offset) break;
    // A `let` is in scope after its statement (not in its own value).
    if (stmt->span.end < offset && stmt->kind == ast::StmtKind::kLet) {
      if (const check::Variable* v = model.VariableOf(stmt.get())) out.push_back(v);
    }
    CollectStmt(model, *stmt, offset, depth, out);
  }
}

}  // namespace

AssistContext::AssistContext(std::string path, std::string text, const Analysis* analysis,
                             const LoadedModule* module)
    : file_(FileId{1}, std::move(path), std::move(text)), analysis_(analysis), module_(module) {
  DiagnosticSink sink;  // the buffer's lexical errors are the diagnostics' business
  LexResult lexed = Lex(file_, sink);
  tokens_ = std::move(lexed.tokens);
  comments_ = std::move(lexed.comments);
  if (analysis_ == nullptr || module_ == nullptr) return;
  model_ = analysis_->checked.model.get();
  module_index_ = static_cast<size_t>(module_ - analysis_->program.modules.data());
  if (model_ != nullptr && module_index_ >= model_->modules.size()) model_ = nullptr;
  std::string_view old_text = analysis_->sources.Get(module_->ast.file).text();
  std::string_view new_text = file_.text();
  analysed_size_ = static_cast<uint32_t>(old_text.size());
  size_t limit = std::min(old_text.size(), new_text.size());
  size_t prefix = 0;
  while (prefix < limit && old_text[prefix] == new_text[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < limit - prefix &&
         old_text[old_text.size() - 1 - suffix] == new_text[new_text.size() - 1 - suffix]) {
    ++suffix;
  }
  prefix_ = static_cast<uint32_t>(prefix);
  suffix_ = static_cast<uint32_t>(suffix);
}

std::optional<uint32_t> AssistContext::ToAnalysed(uint32_t offset) const {
  if (module_ == nullptr) return std::nullopt;
  auto size = static_cast<uint32_t>(file_.text().size());
  if (offset <= prefix_) return offset;
  if (offset >= size - suffix_ && offset <= size) return offset - size + analysed_size_;
  return std::nullopt;
}

std::optional<uint32_t> AssistContext::ToAnalysedNear(uint32_t offset) const {
  if (module_ == nullptr) return std::nullopt;
  std::optional<uint32_t> exact = ToAnalysed(offset);
  return exact ? exact : std::optional<uint32_t>(prefix_);
}

std::string_view AssistContext::analysed_text() const {
  if (module_ == nullptr) return {};
  return analysis_->sources.Get(module_->ast.file).text();
}

FileId AssistContext::analysed_file() const { return module_ ? module_->ast.file : FileId{}; }

const check::Symbol* AssistContext::Visible(std::string_view name) const {
  if (model_ == nullptr) return nullptr;
  const auto& visible = model_->modules[module_index_].visible;
  auto it = visible.find(std::string(name));
  return it == visible.end() ? nullptr : it->second;
}

std::vector<const check::Symbol*> AssistContext::AllVisible() const {
  std::vector<const check::Symbol*> out;
  if (model_ == nullptr) return out;
  for (const auto& [name, symbol] : model_->modules[module_index_].visible) out.push_back(symbol);
  std::sort(out.begin(), out.end(),
            [](const check::Symbol* a, const check::Symbol* b) { return a->name < b->name; });
  return out;
}

std::vector<const check::Variable*> AssistContext::VariablesAt(uint32_t offset) const {
  std::vector<const check::Variable*> out;
  if (model_ == nullptr) return out;
  for (const ast::DeclPtr& decl : module_->ast.decls) {
    if (decl->kind != ast::DeclKind::kFlow || !Within(decl->span, offset)) continue;
    const auto& flow = static_cast<const ast::FlowDecl&>(*decl);
    if (const check::FlowInfo* info = model_->Flow(&flow)) {
      for (const check::Variable* v : info->variables) {
        if (v->kind == check::Variable::Kind::kParam) out.push_back(v);
      }
    }
    CollectScope(*model_, flow.body, offset, 0, out);
  }
  return out;
}

size_t AssistContext::TokenIndexAt(uint32_t offset) const {
  auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                             [](const Token& t, uint32_t o) { return t.begin < o; });
  return static_cast<size_t>(it - tokens_.begin());
}

bool IsWordKind(uint16_t kind) {
  TokenClass c = ClassOf(kind);
  return c == TokenClass::kName || c == TokenClass::kKeyword;
}

bool IsDeclKeyword(uint16_t kind) {
  static const std::set<std::string_view> kWords = {
      "app",    "import",     "type",     "table", "bucket", "queue",    "topic", "stream",
      "events", "connection", "function", "flow",  "api",    "schedule", "on",    "policy"};
  return kWords.count(Spelling(kind)) > 0;
}

bool ExpectsOperand(uint16_t kind) {
  static const std::set<std::string_view> kSpellings = {
      "=",     "(",    "[",      ",",     ":",  "??",    "==",  "!=",     "<=",
      ">=",    "<",    ">",      "&&",    "||", "!",     "+",   "-",      "*",
      "/",     "%",    "return", "yield", "if", "while", "in",  "switch", "case",
      "until", "wait", "not",    "and",   "or", "await", "run", "start"};
  return kSpellings.count(Spelling(kind)) > 0;
}

namespace {

bool IsTypeRole(Opener role) { return role == Opener::kRecordType || role == Opener::kTypeGroup; }

// What the bracket at token `index` opens, inside a bracket of role `parent` (kTop: none) of
// a declaration whose keyword is `decl`.
Opener RoleOf(const std::vector<Token>& tokens, size_t index, Opener parent,
              std::string_view decl) {
  uint16_t kind = tokens[index].kind;
  uint16_t prev = index > 0 ? tokens[index - 1].kind : 0;
  bool type_follows = IsTypeRole(parent) || Is(prev, "->");
  if (Is(prev, ":") && index >= 2) {
    // `name: {` is a type in a parameter list, a record type, after `let x` and in a
    // resource's header; elsewhere `:` introduces a value.
    bool let = index >= 3 && Is(tokens[index - 3].kind, "let");
    type_follows = type_follows || parent == Opener::kParams ||
                   (parent == Opener::kTop && decl != "flow" && decl != "function") ||
                   ((parent == Opener::kBody || parent == Opener::kBlock) && let);
  }
  if (parent == Opener::kTop && Is(prev, "=") && decl == "type") {
    type_follows = true;
  }
  if (Is(kind, "(")) {
    if (parent == Opener::kTop && (decl == "flow" || decl == "function")) {
      return Opener::kParams;
    }
    return parent == Opener::kTop || parent == Opener::kOptions ? Opener::kOther
                                                                : Opener::kExprGroup;
  }
  if (Is(kind, "[")) {
    if (type_follows) return Opener::kTypeGroup;
    return parent == Opener::kTop ? Opener::kOther : Opener::kExprGroup;
  }
  if (type_follows) return Opener::kRecordType;
  switch (parent) {
    case Opener::kTop:
      if (decl == "flow") return Opener::kBody;
      if (decl == "type") return Opener::kRecordType;
      if (decl == "api") return Opener::kRoutes;
      if (decl == "policy") return Opener::kRetry;
      return Opener::kOptions;
    case Opener::kBody:
    case Opener::kBlock:
      if (Is(prev, "retry")) return Opener::kRetry;
      if (Is(prev, "parallel")) return Opener::kBranches;
      return ExpectsOperand(prev) ? Opener::kObject : Opener::kBlock;
    case Opener::kBranches:
      return Opener::kBlock;
    case Opener::kObject:
    case Opener::kExprGroup:
      if (Is(prev, "retry")) return Opener::kRetry;
      return Opener::kObject;
    default:
      return Opener::kOther;
  }
}

}  // namespace

TokenScope ScopeBefore(const AssistContext& context, size_t end) {
  const std::vector<Token>& tokens = context.tokens();
  end = std::min(end, tokens.size());
  TokenScope scope;
  for (size_t i = 0; i < end; ++i) {
    uint16_t kind = tokens[i].kind;
    if (scope.open.empty() && IsDeclKeyword(kind)) {
      scope.decl = i;
      scope.decl_word = Spelling(kind);
    }
    if (IsOpener(kind)) {
      scope.roles.push_back(RoleOf(tokens, i, scope.Innermost(), scope.decl_word));
      scope.open.push_back(i);
    } else if (IsCloser(kind)) {
      std::string_view open = Is(kind, ")") ? "(" : Is(kind, "]") ? "[" : "{";
      // Pop to the matching opener if there is one; a stray closer changes nothing (as the
      // lexer's `;` insertion treats it).
      for (size_t k = scope.open.size(); k > 0; --k) {
        if (Is(tokens[scope.open[k - 1]].kind, open)) {
          // The braces of a declaration's body end it (not those of a result's record type).
          Opener role = scope.roles[k - 1];
          if (k == 1 && open == "{" && (role != Opener::kRecordType || scope.decl_word == "type")) {
            scope.decl_word = {};
          }
          scope.open.resize(k - 1);
          scope.roles.resize(k - 1);
          break;
        }
      }
    }
  }
  return scope;
}

}  // namespace caios::lsp
