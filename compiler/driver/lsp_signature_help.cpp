// `textDocument/signatureHelp` for `caios lsp` (docs/editors.md): inside the parentheses of a
// call, the callee's parameters and the one being written.
#include <algorithm>

#include "compiler/check/aws_catalog.h"
#include "compiler/check/builtins.h"
#include "compiler/driver/lsp_assist.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace {

using json = nlohmann::json;

// AWS parameters shown in a signature; the rest are summed up as `…`.
constexpr size_t kMaxAwsMembers = 12;

// UTF-16 code units of UTF-8 text (LSP counts label offsets in them).
uint32_t Utf16Length(std::string_view text) {
  uint32_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 ? 2 : 1;        // four-byte sequences are surrogate pairs
  }
  return units;
}

// A builtin's documented signature (`range(start: int, end: int, step?: int) -> [int]`) split
// into its parameters and result.
SignatureText BuiltinSignature(const check::BuiltinInfo& builtin) {
  SignatureText out{std::string(builtin.name), {}, {}};
  std::string_view s = builtin.signature;
  size_t open = s.find('(');
  if (open == std::string_view::npos) return out;
  int depth = 0;
  size_t start = open + 1;
  for (size_t i = open + 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
      continue;
    }
    if ((c == ',' && depth == 0) || (c == ')' && depth == 0)) {
      std::string_view param = s.substr(start, i - start);
      while (!param.empty() && param.front() == ' ') param.remove_prefix(1);
      if (!param.empty()) out.params.emplace_back(param);
      start = i + 1;
      if (c == ')') {
        size_t arrow = s.find("->", i);
        if (arrow != std::string_view::npos) out.result = std::string(s.substr(arrow + 3));
        break;
      }
    }
  }
  return out;
}

// `getObject(input: { Bucket: string, Key: string, … })`: one object argument.
SignatureText AwsSignature(std::string_view action, const check::AwsActionShape& shape) {
  SignatureText out{std::string(action), {}, shape.output};
  // The required members first: the ones a call must write.
  std::vector<check::AwsMember> input = shape.input;
  std::stable_partition(input.begin(), input.end(),
                        [](const check::AwsMember& m) { return m.required; });
  std::string members;
  for (size_t i = 0; i < input.size(); ++i) {
    if (i == kMaxAwsMembers) {
      members += ", …";
      break;
    }
    const check::AwsMember& m = input[i];
    members += fmt::format("{}{}{}: {}", i ? ", " : "", m.name, m.required ? "" : "?", m.type);
  }
  out.params.push_back(members.empty() ? "input: {}" : "input: { " + members + " }");
  return out;
}

json SignatureJson(const SignatureText& signature, size_t active) {
  json parameters = json::array();
  std::string label = signature.name + "(";
  for (size_t i = 0; i < signature.params.size(); ++i) {
    if (i) label += ", ";
    uint32_t begin = Utf16Length(label);
    label += signature.params[i];
    parameters.push_back({{"label", {begin, Utf16Length(label)}}});
  }
  label += ")";
  if (!signature.result.empty()) label += " -> " + signature.result;
  if (!signature.params.empty()) active = std::min(active, signature.params.size() - 1);
  return {{"signatures", json::array({{{"label", label}, {"parameters", parameters}}})},
          {"activeSignature", 0},
          {"activeParameter", active}};
}

// The parameter a named argument (`group: g`) names; nullopt when it names none.
std::optional<size_t> NamedParameter(const SignatureText& signature, std::string_view name) {
  for (size_t i = 0; i < signature.params.size(); ++i) {
    std::string_view param = signature.params[i];
    size_t end = param.find_first_of("?:");
    if (param.substr(0, end) == name) return i;
  }
  return std::nullopt;
}

}  // namespace

std::string SignatureText::Label() const {
  std::string label = name + "(";
  for (size_t i = 0; i < params.size(); ++i) label += (i ? ", " : "") + params[i];
  label += ")";
  if (!result.empty()) label += " -> " + result;
  return label;
}

std::optional<SignatureText> CallableSignature(const check::Symbol& symbol,
                                               const check::Model& model) {
  if (symbol.kind != check::Symbol::Kind::kFlow && symbol.kind != check::Symbol::Kind::kFunction) {
    return std::nullopt;
  }
  const check::Signature* signature = model.SignatureOf(symbol.decl);
  if (signature == nullptr) return std::nullopt;
  SignatureText out{symbol.name, {}, {}};
  for (const check::ParamInfo& p : signature->params) {
    out.params.push_back(fmt::format("{}{}: {}", p.name, p.optional ? "?" : "", TypeName(p.type)));
  }
  if (signature->has_declared_result) out.result = TypeName(signature->result);
  return out;
}

SignatureText ResourceOpSignature(const check::ResourceOp& op, const check::Symbol& resource,
                                  const check::Model& model) {
  SignatureText out{std::string(op.name), {}, {}};
  for (const check::OpParam& p : op.params) {
    out.params.push_back(fmt::format("{}{}: {}", p.name, p.optional ? "?" : "",
                                     TypeName(check::OpTypeOf(p.type, resource, model))));
  }
  out.result = TypeName(check::OpTypeOf(op.result, resource, model));
  return out;
}

json SignatureHelp(const AssistContext& context, uint32_t offset) {
  const std::vector<Token>& tokens = context.tokens();
  size_t end = context.TokenIndexAt(offset);
  TokenScope scope = ScopeBefore(context, end);
  // The innermost `(` of a call around the cursor; an object literal inside it (an AWS call's
  // input) still counts as its argument.
  size_t open = SIZE_MAX;
  for (size_t k = scope.open.size(); k > 0; --k) {
    Opener role = scope.roles[k - 1];
    if (role != Opener::kExprGroup && role != Opener::kObject) break;
    if (Is(tokens[scope.open[k - 1]].kind, "(")) {
      open = scope.open[k - 1];
      break;
    }
  }
  if (open == SIZE_MAX || open == 0 || !IsWordKind(tokens[open - 1].kind)) return nullptr;
  auto word = [&](size_t i) {
    return context.text().substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };
  auto dotted = [&](size_t i) {  // token i is a word after a `.` after a word
    return i >= 2 && Is(tokens[i - 1].kind, ".") && IsWordKind(tokens[i - 2].kind);
  };
  std::optional<SignatureText> signature;
  const check::Model* model = context.model();
  size_t callee = open - 1;
  if (dotted(callee) && dotted(callee - 2) && word(callee - 4) == "aws") {
    if (std::optional<check::AwsActionShape> shape =
            check::AwsAction(word(callee - 2), word(callee))) {
      signature = AwsSignature(word(callee), *shape);
    }
  } else if (dotted(callee) && !dotted(callee - 2)) {
    const check::Symbol* resource = context.Visible(word(callee - 2));
    if (resource && model && resource->kind == check::Symbol::Kind::kResource) {
      auto kind = static_cast<const ast::ResourceDecl*>(resource->decl)->resource;
      if (const check::ResourceOp* op = check::FindResourceOp(kind, word(callee))) {
        signature = ResourceOpSignature(*op, *resource, *model);
      }
    }
  } else if (callee == 0 || !Is(tokens[callee - 1].kind, ".")) {
    const check::Symbol* symbol = context.Visible(word(callee));
    if (symbol && model) {
      signature = CallableSignature(*symbol, *model);
    } else if (const check::BuiltinInfo* builtin = check::FindBuiltin(word(callee))) {
      signature = BuiltinSignature(*builtin);
    }
  }
  if (!signature) return nullptr;
  // The active parameter: the commas of the call before the cursor, or the parameter the
  // argument being written names (`group: g`).
  size_t active = 0, argument_start = open + 1;
  int depth = 0;
  for (size_t i = open + 1; i < end; ++i) {
    uint16_t kind = tokens[i].kind;
    if (Is(kind, "(") || Is(kind, "[") || Is(kind, "{")) {
      ++depth;
    } else if (Is(kind, ")") || Is(kind, "]") || Is(kind, "}")) {
      --depth;
    } else if (Is(kind, ",") && depth == 0) {
      ++active;
      argument_start = i + 1;
    }
  }
  if (argument_start + 1 < end && IsWordKind(tokens[argument_start].kind) &&
      Is(tokens[argument_start + 1].kind, ":")) {
    if (std::optional<size_t> named = NamedParameter(*signature, word(argument_start))) {
      active = *named;
    }
  }
  return SignatureJson(*signature, active);
}

}  // namespace caios::lsp
