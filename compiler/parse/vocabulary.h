// Token kinds, keywords and punctuation taken from the ANTLR grammar, and their display names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

// The token kind of keyword `word`, or 0 if it is not a keyword.
uint16_t KeywordKind(std::string_view word);
// The token kind of the punctuation at the start of `text` (longest match) and its length.
uint16_t PunctuationKind(std::string_view text, size_t& length);
// How a token kind reads in a message: "`flow`", "`}`", "a name", "a string", "end of file".
std::string DisplayName(uint16_t kind);
// The literal spelling of a keyword or punctuation kind ("flow", "}"), or "" for others.
std::string_view Spelling(uint16_t kind);
// True for keyword kinds that the grammar also accepts as identifiers (contextual keywords).
bool IsContextualKeyword(uint16_t kind);

// What a token kind is, for tools that classify tokens (`caios lsp`, docs/editors.md) without
// the grammar's generated constants, which are private to the parser.
enum class TokenClass { kName, kKeyword, kString, kNumber, kPunctuation, kOther };
TokenClass ClassOf(uint16_t kind);

// The reserved keywords a construct can start with: the FIRST set of its rule, read from the
// parser's ATN so that the lists follow the grammar; sorted. Completion offers them.
enum class GrammarRule { kTopDecl, kStatement, kExpr, kRhs };
const std::vector<std::string>& StartKeywords(GrammarRule rule);

}  // namespace caios
