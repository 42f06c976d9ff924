// Internals of the lowering phase shared by its files: the per-application context that maps
// declarations to IR entities, and the declaration and flow lowerers.
#pragma once

#include <string>
#include <unordered_map>

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/modules/program.h"

namespace caios::lower {

struct Context {
  const Program& program;
  const check::Model& model;
  const SourceManager& sources;
  DiagnosticSink& sink;
  ir::App& app;
  size_t program_index = 0;
  std::unordered_map<const ast::Decl*, ir::EntityRef> entities;
  std::unordered_map<const ast::Decl*, size_t> module_of;  // declaration → module index
  std::vector<size_t> modules;  // the modules lowered: the program's, with its tests or not

  ir::EntityRef EntityOf(const check::Symbol* symbol) const;
  ir::EntityRef EntityOf(const ast::Decl* decl) const;
};

// The first option called `name`, or nullptr.
const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name);
std::vector<const ast::Option*> FindOptions(const std::vector<ast::Option>& options,
                                            std::string_view name);
int64_t Seconds(const ast::Duration& d);
// A route's method (`GET`) or an HTTP call's verb (`http.get`), in any case; the check phase
// accepts no other word (a route's in quotas.cpp, a call's in check_calls.cpp).
ir::HttpMethod HttpMethodOf(std::string_view word);

// Declarations: every entity of the application except the flows' graphs.
void LowerDeclarations(Context& ctx);
// The state graph of flow `id` (declared by `decl`), and its accesses, appended to `accesses`.
// Writes only flow `id` of ctx.app and `accesses`: flows are lowered in parallel.
void LowerFlowBody(const Context& ctx, ir::FlowId id, const ast::FlowDecl& decl,
                   std::vector<ir::Access>& accesses);
// The retry rules of a retry clause, with policies expanded.
std::vector<ir::RetryRule> LowerRetry(const Context& ctx, const ast::RetrySpec& spec);

}  // namespace caios::lower
