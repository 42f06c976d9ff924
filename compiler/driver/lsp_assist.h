// Completion, signature help and semantic tokens for `caios lsp` (docs/editors.md): what the
// editor asks while text is typed, answered from the buffer's tokens and the last analysis of
// its project in which the file loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/model.h"
#include "compiler/check/resource_ops.h"
#include "compiler/driver/lsp_analysis.h"
#include "compiler/parse/token.h"
#include "compiler/parse/vocabulary.h"
#include "compiler/source/source.h"
#include "nlohmann/json.hpp"

namespace caios::lsp {

// The buffer as it is now, lexed, and the analysis that explains it. The analysis may be of an
// older text of the file (the buffer does not parse while it is typed); offsets outside the
// region edited since then are translated between the two texts.
class AssistContext {
 public:
  // `analysis` and `module` may be null (the file never loaded); both must outlive the context.
  AssistContext(std::string path, std::string text, const Analysis* analysis,
                const LoadedModule* module);

  std::string_view text() const { return file_.text(); }
  const std::vector<Token>& tokens() const { return tokens_; }  // `;` insertion applied
  const std::vector<CommentToken>& comments() const { return comments_; }
  const check::Model* model() const { return model_; }
  const LoadedModule* module() const { return module_; }

  // The offset in the analysed text of byte `offset` of the buffer; nullopt inside the region
  // edited since the analysis (or without one).
  std::optional<uint32_t> ToAnalysed(uint32_t offset) const;
  // As ToAnalysed, but an offset inside the edited region gives the region's start.
  std::optional<uint32_t> ToAnalysedNear(uint32_t offset) const;
  // The text the analysis read for the file ("" without one).
  std::string_view analysed_text() const;
  // The analysed file's id (spans of the module's AST carry it).
  FileId analysed_file() const;

  // The top-level declaration named `name` visible in the module (its own or imported).
  const check::Symbol* Visible(std::string_view name) const;
  // Every visible top-level declaration.
  std::vector<const check::Symbol*> AllVisible() const;
  // The variables of the flow around analysed offset `offset` that are in scope there:
  // parameters, `let`s of enclosing blocks before it, `for` and `catch … as` bindings.
  std::vector<const check::Variable*> VariablesAt(uint32_t offset) const;

  // The index of the first token that starts at or after `offset`.
  size_t TokenIndexAt(uint32_t offset) const;

 private:
  SourceFile file_;
  std::vector<Token> tokens_;
  std::vector<CommentToken> comments_;
  const Analysis* analysis_;
  const LoadedModule* module_;
  const check::Model* model_ = nullptr;
  size_t module_index_ = 0;
  // The edit since the analysis: bytes [prefix_, size - suffix_) of each text differ.
  uint32_t prefix_ = 0, suffix_ = 0;
  uint32_t analysed_size_ = 0;
};

// What a bracket of the buffer opens, judged from the tokens before it (the buffer need not
// parse): a flow's body or a block holds statements, a record type fields, and so on.
enum class Opener {
  kTop,         // no bracket: between declarations or in a declaration's header
  kParams,      // a flow's or function's parameter list
  kRecordType,  // `{` of a record type
  kTypeGroup,   // `[` of an array type
  kBody,        // a flow's body
  kBlock,       // the block of if/else/for/while/try/catch/branch/case
  kObject,      // an object literal
  kExprGroup,   // `(` or `[` inside an expression: arguments, grouping, an array
  kOptions,     // a resource's, function's or schedule's options
  kRoutes,      // an api's routes
  kRetry,       // a retry specification
  kBranches,    // `parallel { ... }`
  kOther,
};

// The brackets open before token `end` of the buffer and what each opens, with the keyword of
// the top-level declaration they are in.
struct TokenScope {
  size_t decl = SIZE_MAX;      // token index of the declaration's keyword
  std::string_view decl_word;  // its spelling (`flow`)
  std::vector<size_t> open;    // token indices of the open brackets, outermost first
  std::vector<Opener> roles;   // parallel to `open`
  Opener Innermost() const { return roles.empty() ? Opener::kTop : roles.back(); }
};
TokenScope ScopeBefore(const AssistContext& context, size_t end);

// Whether token kind `kind` is the keyword or punctuation spelled `spelling` (the grammar's
// generated token constants are private to the parser).
inline bool Is(uint16_t kind, std::string_view spelling) { return Spelling(kind) == spelling; }
// Whether a name or keyword token has this kind.
bool IsWordKind(uint16_t kind);
// Whether a token of this kind starts a top-level declaration (`flow`, `table`, ...).
bool IsDeclKeyword(uint16_t kind);
// Whether an expression follows a token of this kind (`=`, `(`, `return`, `and`, ...).
bool ExpectsOperand(uint16_t kind);

// A callable's signature as shown to the user: `put(item: Order) -> json`.
struct SignatureText {
  std::string name;
  std::vector<std::string> params;  // `item: Order`
  std::string result;               // empty: none shown
  std::string Label() const;
};
// The signature of a flow or function symbol; nullopt for other symbols.
std::optional<SignatureText> CallableSignature(const check::Symbol& symbol,
                                               const check::Model& model);
// The signature of operation `op` on resource `resource`.
SignatureText ResourceOpSignature(const check::ResourceOp& op, const check::Symbol& resource,
                                  const check::Model& model);

// `textDocument/completion`: a CompletionList for byte `offset` of the buffer.
nlohmann::json Completion(const AssistContext& context, uint32_t offset);
// The characters after which editors ask for completion unprompted.
std::vector<std::string> CompletionTriggers();

// `textDocument/signatureHelp`: a SignatureHelp, or null outside the parentheses of a call.
nlohmann::json SignatureHelp(const AssistContext& context, uint32_t offset);

// `textDocument/semanticTokens/full`: `{ data: [...] }` in the relative encoding of LSP 3.17.
nlohmann::json SemanticTokens(const AssistContext& context);
// What `initialize` announces: full documents only, and the legend (token types and
// modifiers, in the order `data` uses).
nlohmann::json SemanticTokensOptions();

}  // namespace caios::lsp
