// `caios lsp`: a Language Server Protocol 3.17 server on the standard input and output, on the
// compiler's own loader, checker and formatter (docs/editors.md, docs/architecture.md).
#pragma once

#include <istream>
#include <ostream>
#include <string>

namespace caios {

struct LspOptions {
  std::string stdlib;  // --stdlib; empty: CAIOS_STDLIB, then the installed or source stdlib
};

// Serves one client until `exit` or the end of `in`. Returns the exit code LSP prescribes:
// 0 after `shutdown` then `exit`, else 1 (also 2 when the stdlib is not found). `log` gets
// one line per problem with the input (malformed frames and messages).
int RunLsp(const LspOptions& options, std::istream& in, std::ostream& out, std::ostream& log);

}  // namespace caios
