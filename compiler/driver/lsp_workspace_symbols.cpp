// Workspace symbols for `caios lsp`: the declarations of a project whose names match the
// editor's query (docs/editors.md, "Workspace symbols").
#include <cctype>

#include "compiler/driver/lsp_navigation.h"

namespace caios::lsp {

bool MatchesQuery(std::string_view query, std::string_view name) {
  size_t at = 0;
  for (char q : query) {
    char want = static_cast<char>(std::tolower(static_cast<unsigned char>(q)));
    while (at < name.size() &&
           static_cast<char>(std::tolower(static_cast<unsigned char>(name[at]))) != want) {
      ++at;
    }
    if (at == name.size()) return false;
    ++at;
  }
  return true;
}

std::vector<WorkspaceSymbol> WorkspaceSymbols(const Analysis& analysis, std::string_view query) {
  std::vector<WorkspaceSymbol> symbols;
  for (const LoadedModule& module : analysis.program.modules) {
    if (module.is_stdlib) continue;
    for (OutlineEntry& entry : Outline(analysis, module)) {
      for (OutlineEntry& child : entry.children) {
        if (MatchesQuery(query, child.name)) {
          symbols.push_back({std::move(child), &module, entry.name});
        }
      }
      entry.children.clear();
      if (MatchesQuery(query, entry.name)) symbols.push_back({std::move(entry), &module, ""});
    }
  }
  return symbols;
}

}  // namespace caios::lsp
