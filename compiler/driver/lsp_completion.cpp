// `textDocument/completion` for `caios lsp` (docs/editors.md): what may be written at the
// cursor, judged from the tokens before it (the buffer is usually half-typed and does not
// parse) and the last analysis of the project in which the file loaded.
#include <algorithm>
#include <set>

#include "compiler/check/aws_catalog.h"
#include "compiler/check/builtins.h"
#include "compiler/check/context_fields.h"
#include "compiler/check/option_schema.h"
#include "compiler/check/resource_attributes.h"
#include "compiler/driver/lsp_assist.h"
#include "compiler/parse/vocabulary.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace {

using json = nlohmann::json;

// LSP 3.17 CompletionItemKind values.
enum class CompletionKind {
  kMethod = 2,
  kFunction = 3,
  kField = 5,
  kVariable = 6,
  kClass = 7,
  kInterface = 8,
  kModule = 9,
  kProperty = 10,
  kKeyword = 14,
  kConstant = 21,
  kStruct = 22,
  kEvent = 23,
};

// The order items are offered in: what the cursor's scope declares first, keywords last.
enum Rank { kRankLocal = 1, kRankMember, kRankDeclared, kRankBuiltin, kRankKeyword };

class Items {
 public:
  void Add(std::string label, CompletionKind kind, std::string detail, Rank rank) {
    if (label.empty() || !seen_.insert(label).second) return;
    json item = {{"label", label},
                 {"kind", static_cast<int>(kind)},
                 {"sortText", fmt::format("{}{}", static_cast<int>(rank), label)}};
    if (!detail.empty()) item["detail"] = std::move(detail);
    items_.push_back(std::move(item));
  }
  void Keywords(const std::vector<std::string>& words) {
    for (const std::string& w : words) Add(w, CompletionKind::kKeyword, "keyword", kRankKeyword);
  }
  json List() && { return {{"isIncomplete", false}, {"items", std::move(items_)}}; }

 private:
  std::set<std::string> seen_;
  json items_ = json::array();
};

// `flow checkout(order: Order) -> Receipt`, `table Orders: Order`, `type Order`.
std::string SymbolDetail(const check::Symbol& symbol, const check::Model& model) {
  if (std::optional<SignatureText> signature = CallableSignature(symbol, model)) {
    return std::string(check::Describe(symbol.kind)) + " " + signature->Label();
  }
  if (symbol.kind == check::Symbol::Kind::kResource) {
    const auto* decl = static_cast<const ast::ResourceDecl*>(symbol.decl);
    std::string detail = std::string(ast::Spelling(decl->resource)) + " " + symbol.name;
    if (decl->item_type) detail += ": " + TypeName(symbol.type);
    return detail;
  }
  return std::string(check::Describe(symbol.kind)) + " " + symbol.name;
}

CompletionKind CompletionKindOf(check::Symbol::Kind kind) {
  switch (kind) {
    case check::Symbol::Kind::kType:
      return CompletionKind::kStruct;
    case check::Symbol::Kind::kResource:
      return CompletionKind::kClass;
    case check::Symbol::Kind::kPolicy:
      return CompletionKind::kConstant;
    case check::Symbol::Kind::kFunction:
    case check::Symbol::Kind::kFlow:
      return CompletionKind::kFunction;
    case check::Symbol::Kind::kApi:
      return CompletionKind::kInterface;
    case check::Symbol::Kind::kSchedule:
      return CompletionKind::kEvent;
  }
  return CompletionKind::kVariable;
}

class Completer {
 public:
  Completer(const AssistContext& context, uint32_t offset) : c_(context), offset_(offset) {}

  json Run() && {
    if (InCommentOrNumber()) return std::move(items_).List();
    uint32_t quote = 0;
    switch (PlaceInLine(quote)) {
      case Place::kString:
        return std::move(items_).List();
      case Place::kInterpolation:
        Interpolation(quote);
        return std::move(items_).List();
      case Place::kCode:
        break;
    }
    const std::vector<Token>& tokens = c_.tokens();
    size_t end = c_.TokenIndexAt(offset_);
    // A word that ends at the cursor is the one being typed: the context is before it.
    if (end > 0 && tokens[end - 1].end == offset_ && IsWordKind(tokens[end - 1].kind)) --end;
    end_ = end;
    scope_ = ScopeBefore(c_, end);
    uint16_t prev = end > 0 ? tokens[end - 1].kind : 0;
    Opener role = scope_.Innermost();
    if (Is(prev, ".")) {
      Members(end - 1);
    } else if (Is(prev, "retry") || (role == Opener::kRetry && (Is(prev, "{") || Is(prev, ";")))) {
      Symbols(check::Symbol::Kind::kPolicy);
      if (!Is(prev, "retry")) items_.Keywords({"on"});
    } else if (IsTypePosition(end, prev, role)) {
      Symbols(check::Symbol::Kind::kType);
      for (std::string_view name : check::TypeTable::BuiltinNames()) {
        items_.Add(std::string(name), CompletionKind::kStruct, "builtin type", kRankBuiltin);
      }
    } else if (IsTargetPosition(prev, role)) {
      Symbols(check::Symbol::Kind::kFlow);
      if (Is(prev, "->")) {
        Symbols(check::Symbol::Kind::kFunction);
        items_.Keywords({"run", "start"});
      }
    } else if (role == Opener::kTop) {
      if (prev == 0 || Is(prev, ";") || Is(prev, "}")) {
        items_.Keywords(StartKeywords(GrammarRule::kTopDecl));
      } else if (Is(prev, "on")) {
        Symbols(check::Symbol::Kind::kResource);
      }
    } else if (role == Opener::kBranches) {
      items_.Keywords({"branch"});
    } else if (role == Opener::kBody || role == Opener::kBlock) {
      if (Is(prev, "{") || Is(prev, ";") || Is(prev, "}")) {
        Names();
        items_.Keywords(StartKeywords(GrammarRule::kStatement));
        ContinuationKeywords(end);
      } else if (ExpectsOperand(prev)) {
        Names();
        items_.Keywords(StartKeywords(Is(prev, "=") ? GrammarRule::kRhs : GrammarRule::kExpr));
      }
    } else if (role == Opener::kOptions) {
      if (Is(prev, "{") || Is(prev, ";")) Options();
    } else if (role == Opener::kObject || role == Opener::kExprGroup) {
      if (role == Opener::kObject && (Is(prev, "{") || Is(prev, ",") || Is(prev, ";"))) {
        AwsInputMembers();
      }
      if (ExpectsOperand(prev) || Is(prev, "{") || Is(prev, ";")) {
        Names();
        items_.Keywords(StartKeywords(GrammarRule::kExpr));
      }
    }
    return std::move(items_).List();
  }

 private:
  bool InCommentOrNumber() const {
    for (const CommentToken& comment : c_.comments()) {
      bool line_comment = c_.text().substr(comment.begin, 2) == "//";
      if (comment.begin < offset_ &&
          (offset_ < comment.end || (line_comment && offset_ == comment.end))) {
        return true;
      }
    }
    size_t i = c_.TokenIndexAt(offset_);
    if (i == 0) return false;
    const Token& t = c_.tokens()[i - 1];
    return t.end == offset_ && ClassOf(t.kind) == TokenClass::kNumber;
  }

  enum class Place { kCode, kString, kInterpolation };

  // Where the cursor is on its line: in code, in a string, or in the `${…}` of a string (whose
  // opening quote is put in `quote`). Strings do not span lines (docs/language.md), so the
  // line before the cursor tells, also when the string is not closed yet (the lexer's token
  // for an unterminated string is not relied on).
  Place PlaceInLine(uint32_t& quote) const {
    std::string_view text = c_.text();
    size_t start = text.find_last_of("\r\n", offset_ == 0 ? 0 : offset_ - 1);
    start = (start == std::string_view::npos || offset_ == 0) ? 0 : start + 1;
    bool in_string = false, in_interpolation = false;
    for (size_t i = start; i < offset_; ++i) {
      char c = text[i];
      char next = i + 1 < offset_ ? text[i + 1] : '\0';
      if (!in_string) {
        if (c == '"') {
          in_string = true;
          quote = static_cast<uint32_t>(i);
        } else if (c == '/' && next == '*') {
          size_t close = text.find("*/", i + 2);
          if (close == std::string_view::npos || close + 2 > offset_) return Place::kString;
          i = close + 1;
        }
      } else if (in_interpolation) {
        if (c == '}') {
          in_interpolation = false;
        } else if (c == '"') {  // a string inside the interpolation: no `"` or `}` in it
          size_t close = text.find('"', i + 1);
          if (close == std::string_view::npos || close >= offset_) return Place::kString;
          i = close;
        }
      } else if (c == '\\') {
        ++i;
      } else if (c == '$' && next == '{') {
        in_interpolation = true;
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    }
    if (!in_string) return Place::kCode;
    return in_interpolation ? Place::kInterpolation : Place::kString;
  }

  static bool IsWordChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  // Inside `${…}` of a string starting at byte `quote`: the string is one token, so the dotted
  // names before the cursor are read from the text.
  void Interpolation(uint32_t quote) {
    end_ = c_.TokenIndexAt(quote);
    scope_ = ScopeBefore(c_, end_);
    std::string_view text = c_.text().substr(0, offset_);
    size_t i = text.size();
    while (i > quote && IsWordChar(text[i - 1])) --i;  // the word being typed
    if (i == quote) return;
    if (text[i - 1] != '.') {
      Names();
      return;
    }
    std::vector<std::string> chain;
    for (size_t dot = i - 1;;) {
      size_t word = dot;
      while (word > quote && IsWordChar(text[word - 1])) --word;
      if (word == dot) return;  // `).`, `].`: a result's type is not known without a parse
      chain.insert(chain.begin(), std::string(text.substr(word, dot - word)));
      if (word == quote || text[word - 1] != '.') break;
      dot = word - 1;
    }
    MembersOf(chain);
  }

  std::string_view Word(size_t i) const {
    const Token& t = c_.tokens()[i];
    return c_.text().substr(t.begin, t.end - t.begin);
  }

  // The analysed offset standing for the cursor (the start of the edit when it is inside it).
  uint32_t AnalysedOffset() const { return c_.ToAnalysedNear(offset_).value_or(0); }

  // `name:` in a parameter list, a record type, after `let x` or a resource's name; `->` in a
  // flow's or function's header; `type T =`; `[` of an array type.
  bool IsTypePosition(size_t end, uint16_t prev, Opener role) const {
    const std::vector<Token>& tokens = c_.tokens();
    std::string_view decl = scope_.decl_word;
    if (Is(prev, "->")) {
      return role == Opener::kTop && (decl == "flow" || decl == "function");
    }
    if (Is(prev, "=")) return role == Opener::kTop && decl == "type";
    if (Is(prev, "[")) return role == Opener::kTypeGroup;
    if (!Is(prev, ":")) return false;
    if (role == Opener::kParams || role == Opener::kRecordType) return true;
    if (role == Opener::kTop) return decl != "flow" && decl != "function";
    if (role == Opener::kBody || role == Opener::kBlock) {
      return end >= 3 && Is(tokens[end - 3].kind, "let");
    }
    return false;
  }

  // Inside the braces of a resource, a function or a schedule: the names of its options, from
  // the schemas the checker checks them with.
  void Options() {
    std::string_view decl = scope_.decl_word;
    const options::Schema* schema = nullptr;
    if (decl == "function") {
      schema = &options::FunctionSchema();
    } else if (decl == "schedule") {
      schema = &options::ScheduleSchema();
    } else {
      for (ast::ResourceKind kind :
           {ast::ResourceKind::kTable, ast::ResourceKind::kBucket, ast::ResourceKind::kQueue,
            ast::ResourceKind::kTopic, ast::ResourceKind::kStream, ast::ResourceKind::kEvents,
            ast::ResourceKind::kConnection, ast::ResourceKind::kSecret,
            ast::ResourceKind::kParameter}) {
        if (decl == ast::Spelling(kind)) schema = &options::ResourceSchema(kind);
      }
    }
    if (schema == nullptr) return;
    for (const options::OptionSpec& spec : schema->options) {
      items_.Add(std::string(spec.name), CompletionKind::kProperty, options::Usage(spec),
                 kRankMember);
    }
  }

  // In the object literal that is the input of `aws.SERVICE.ACTION(`: the input's members,
  // the required ones first.
  void AwsInputMembers() {
    const std::vector<Token>& tokens = c_.tokens();
    if (scope_.open.size() < 2) return;
    size_t brace = scope_.open.back();
    size_t paren = scope_.open[scope_.open.size() - 2];
    if (paren + 1 != brace || !Is(tokens[paren].kind, "(") || paren < 5) return;
    // `aws . SERVICE . ACTION (`
    if (!IsWordKind(tokens[paren - 1].kind) || !Is(tokens[paren - 2].kind, ".") ||
        !IsWordKind(tokens[paren - 3].kind) || !Is(tokens[paren - 4].kind, ".") ||
        Word(paren - 5) != "aws") {
      return;
    }
    std::optional<check::AwsActionShape> shape = check::AwsAction(Word(paren - 3), Word(paren - 1));
    if (!shape) return;
    for (const check::AwsMember& m : shape->input) {
      items_.Add(m.name, CompletionKind::kField, m.type + (m.required ? " (required)" : ""),
                 m.required ? kRankLocal : kRankMember);
    }
  }

  // Right after the block of an `if` (or `else if`): `else`; of a `try` or a `catch`: `catch`.
  void ContinuationKeywords(size_t end) {
    const std::vector<Token>& tokens = c_.tokens();
    size_t close = end;
    while (close > 0 && tokens[close - 1].implicit) --close;  // the `;` a line break inserted
    if (close == 0 || !Is(tokens[close - 1].kind, "}")) return;
    // The `{` that the `}` closes, then the nearest keyword before it in its statement.
    int depth = 0;
    size_t i = close - 1;
    for (; i > 0; --i) {
      uint16_t kind = tokens[i - 1].kind;
      if (Is(kind, "}") || Is(kind, ")") || Is(kind, "]")) {
        ++depth;
      } else if (Is(kind, "{") || Is(kind, "(") || Is(kind, "[")) {
        if (depth == 0) break;
        --depth;
      }
    }
    if (i == 0) return;
    for (size_t j = i - 1; j > 0; --j) {
      uint16_t kind = tokens[j - 1].kind;
      if (Is(kind, ";") || Is(kind, "{") || Is(kind, "}")) return;
      if (Is(kind, "if")) {
        items_.Keywords({"else"});
        return;
      }
      if (Is(kind, "try") || Is(kind, "catch")) {
        items_.Keywords({"catch"});
        return;
      }
      if (Is(kind, "else")) return;
    }
  }

  // After `->` of a route, a schedule or a trigger, or `start`/`run` there: a flow or function.
  bool IsTargetPosition(uint16_t prev, Opener role) const {
    if (!Is(prev, "->") && !Is(prev, "start") && !Is(prev, "run")) {
      return false;
    }
    std::string_view decl = scope_.decl_word;
    return (role == Opener::kTop && (decl == "schedule" || decl == "on")) ||
           role == Opener::kRoutes;
  }

  void Symbols(check::Symbol::Kind kind) {
    const check::Model* model = c_.model();
    if (model == nullptr) return;
    for (const check::Symbol* symbol : c_.AllVisible()) {
      if (symbol->kind == kind) {
        items_.Add(symbol->name, CompletionKindOf(kind), SymbolDetail(*symbol, *model),
                   kRankDeclared);
      }
    }
  }

  // The values an expression may name: the variables in scope, the declarations that are
  // values (resources, functions, flows), the builtins and the run's context.
  void Names() {
    const check::Model* model = c_.model();
    if (model != nullptr) {
      for (const check::Variable* v : c_.VariablesAt(AnalysedOffset())) {
        items_.Add(v->name, CompletionKind::kVariable,
                   fmt::format("({}) {}: {}", VariableKind(v->kind), v->name, TypeName(v->type)),
                   kRankLocal);
      }
    }
    // `let`s typed since the analysis: the buffer's own, in the flow around the cursor.
    if (scope_.decl_word == "flow" && !scope_.open.empty()) {
      // A `let` counts once its statement ended: not the one being written at the cursor.
      const std::vector<Token>& tokens = c_.tokens();
      size_t pending = SIZE_MAX;
      for (size_t i = scope_.open.front(); i < end_; ++i) {
        if (Is(tokens[i].kind, "let") && i + 1 < end_ && IsWordKind(tokens[i + 1].kind) &&
            !c_.ToAnalysed(tokens[i + 1].begin)) {
          pending = i + 1;
        } else if (Is(tokens[i].kind, ";") && pending != SIZE_MAX) {
          items_.Add(std::string(Word(pending)), CompletionKind::kVariable, "(let)", kRankLocal);
          pending = SIZE_MAX;
        }
      }
    }
    if (model != nullptr) {
      for (const check::Symbol* symbol : c_.AllVisible()) {
        if (symbol->kind == check::Symbol::Kind::kResource ||
            symbol->kind == check::Symbol::Kind::kFunction ||
            symbol->kind == check::Symbol::Kind::kFlow) {
          items_.Add(symbol->name, CompletionKindOf(symbol->kind), SymbolDetail(*symbol, *model),
                     kRankDeclared);
        }
      }
    }
    for (const check::BuiltinInfo& builtin : check::AllBuiltins()) {
      items_.Add(std::string(builtin.name), CompletionKind::kFunction,
                 std::string(builtin.signature), kRankBuiltin);
    }
    for (std::string_view object : {"execution", "state"}) {
      items_.Add(std::string(object), CompletionKind::kModule, "the run's context", kRankBuiltin);
    }
    items_.Add("aws", CompletionKind::kModule, "AWS SDK calls: aws.<service>.<action>(…)",
               kRankBuiltin);
  }

  // After `a.b.`: the members of what the dotted names before `dot` (a token index) denote.
  void Members(size_t dot) {
    const std::vector<Token>& tokens = c_.tokens();
    std::vector<std::string> chain;
    for (size_t i = dot; i > 0 && IsWordKind(tokens[i - 1].kind);) {
      chain.insert(chain.begin(), std::string(Word(i - 1)));
      if (i >= 2 && Is(tokens[i - 2].kind, ".")) {
        i -= 2;
      } else {
        break;
      }
    }
    if (chain.empty()) return;  // a call's or an index's result: not known without a parse
    MembersOf(chain);
  }

  // The members of what the dotted names `chain` denote.
  void MembersOf(const std::vector<std::string>& chain) {
    const check::Model* model = c_.model();
    const check::Variable* variable = nullptr;
    if (model != nullptr) {
      for (const check::Variable* v : c_.VariablesAt(AnalysedOffset())) {
        if (v->name == chain[0]) variable = v;  // the innermost declaration is the last
      }
    }
    if (variable != nullptr) {
      RecordFields(variable->type, chain);
      return;
    }
    const check::Symbol* symbol = c_.Visible(chain[0]);
    if (symbol != nullptr && model != nullptr) {
      if (chain.size() == 1) SymbolMembers(*symbol, *model);
      return;
    }
    if (chain[0] == "aws") {
      AwsMembers(chain);
    } else if (chain.size() == 1 && check::IsContextObject(chain[0])) {
      for (const check::ContextFieldInfo& f : check::AllContextFields()) {
        if (f.object != chain[0]) continue;
        const char* type = f.type == check::TypeKind::kInt      ? "int"
                           : f.type == check::TypeKind::kString ? "string"
                                                                : "json";
        items_.Add(std::string(f.field), CompletionKind::kProperty, type, kRankMember);
      }
    }
  }

  // The fields of the record type reached from `type` through chain[1..].
  void RecordFields(check::TypeId type, const std::vector<std::string>& chain) {
    for (size_t i = 1; i < chain.size() && type != nullptr; ++i) {
      type = check::TypeTable::StripOptional(type);
      if (!type->is(check::TypeKind::kRecord)) return;
      check::TypeId next = nullptr;
      for (const check::Field& f : type->fields) {
        if (f.name == chain[i]) next = f.type;
      }
      type = next;
    }
    if (type == nullptr) return;
    type = check::TypeTable::StripOptional(type);
    if (!type->is(check::TypeKind::kRecord)) return;
    for (const check::Field& f : type->fields) {
      items_.Add(f.name, CompletionKind::kField,
                 TypeName(f.type) + (f.optional ? " (optional)" : ""), kRankMember);
    }
  }

  // A resource's operations with their signatures, and the attributes of a resource, flow or
  // function (`Orders.name`, `checkout.arn`).
  void SymbolMembers(const check::Symbol& symbol, const check::Model& model) {
    if (symbol.kind == check::Symbol::Kind::kResource) {
      auto kind = static_cast<const ast::ResourceDecl*>(symbol.decl)->resource;
      for (const std::string& name : check::ResourceOpNames(kind)) {
        const check::ResourceOp* op = check::FindResourceOp(kind, name);
        if (op == nullptr) continue;
        // `Q.messages()`: offered everywhere, marked, since a flow's use is E0247.
        items_.Add(name, CompletionKind::kMethod,
                   ResourceOpSignature(*op, symbol, model).Label() +
                       (op->test_only ? " (in tests only)" : ""),
                   kRankMember);
      }
    }
    for (const std::string& name : check::AttributeNames(symbol)) {
      items_.Add(name, CompletionKind::kProperty, "string", kRankMember);
    }
  }

  // `aws.`: the services; `aws.svc.`: its actions (the service models the checker types
  // `aws.*` calls with).
  void AwsMembers(const std::vector<std::string>& chain) {
    if (chain.size() == 1) {
      for (const check::AwsServiceEntry& service : check::AwsServices()) {
        items_.Add(service.name, CompletionKind::kModule,
                   fmt::format("AWS service (IAM prefix `{}`)", service.iam_prefix), kRankMember);
      }
    } else if (chain.size() == 2) {
      for (const std::string& action : check::AwsActions(chain[1])) {
        items_.Add(action, CompletionKind::kMethod, fmt::format("aws.{}.{}", chain[1], action),
                   kRankMember);
      }
    }
  }

  const AssistContext& c_;
  uint32_t offset_;
  size_t end_ = 0;
  TokenScope scope_;
  Items items_;
};

}  // namespace

std::vector<std::string> CompletionTriggers() { return {"."}; }

json Completion(const AssistContext& context, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(context.text().size()));
  return Completer(context, offset).Run();
}

}  // namespace caios::lsp
