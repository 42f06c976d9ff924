#include "compiler/lower/lower.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>
#include <vector>

#include "compiler/base/invariant.h"
#include "compiler/base/parallel_for.h"
#include "compiler/lower/batch_inputs.h"
#include "compiler/lower/event_inputs.h"
#include "compiler/lower/fold_ends.h"
#include "compiler/lower/function_cycles.h"
#include "compiler/lower/lowering.h"
#include "compiler/lower/merge_assigns.h"
#include "compiler/lower/reachability.h"
#include "compiler/lower/route_inputs.h"
#include "compiler/lower/route_responses.h"

namespace caios {
namespace lower {

ir::EntityRef Context::EntityOf(const check::Symbol* symbol) const {
  return symbol ? EntityOf(symbol->decl) : ir::EntityRef{};
}

ir::EntityRef Context::EntityOf(const ast::Decl* decl) const {
  auto it = entities.find(decl);
  return it == entities.end() ? ir::EntityRef{} : it->second;
}

const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name) {
  for (const ast::Option& o : options) {
    if (o.name.text == name) return &o;
  }
  return nullptr;
}

std::vector<const ast::Option*> FindOptions(const std::vector<ast::Option>& options,
                                            std::string_view name) {
  std::vector<const ast::Option*> found;
  for (const ast::Option& o : options) {
    if (o.name.text == name) found.push_back(&o);
  }
  return found;
}

int64_t Seconds(const ast::Duration& d) { return d.millis / 1000; }

ir::HttpMethod HttpMethodOf(std::string_view word) {
  using M = ir::HttpMethod;
  static constexpr M kMethods[] = {M::kGet,    M::kPost, M::kPut,     M::kPatch,
                                   M::kDelete, M::kHead, M::kOptions, M::kAny};
  for (M method : kMethods) {
    std::string_view spelling = ir::Spelling(method);
    if (spelling.size() == word.size() &&
        std::equal(word.begin(), word.end(), spelling.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == b;
        })) {
      return method;
    }
  }
  CAIOS_CHECK_INVARIANT(false && "an HTTP method the check phase does not accept");
  return M::kGet;
}

}  // namespace lower

std::unique_ptr<ir::App> Lower(const Program& program, size_t program_index,
                               const check::Model& model, const SourceManager& sources,
                               DiagnosticSink& sink, unsigned jobs, bool with_tests) {
  auto app = std::make_unique<ir::App>();
  app->types = model.type_table;
  const check::ProgramInfo& info = model.programs[program_index];
  if (info.app) {
    app->name = info.app->name.text;
    app->span = info.app->name.span;
  } else {
    app->name = program.modules[info.root].path.stem().string();
  }
  lower::Context ctx{program, model, sources, sink, *app, program_index, {}, {}, {}};
  // The test files' modules only for `caios test` (docs/testing.md).
  const size_t lowered = with_tests ? info.modules.size() : info.app_modules;
  for (size_t i = 0; i < lowered && i < info.modules.size(); ++i) {
    ctx.modules.push_back(info.modules[i]);
  }
  lower::LowerDeclarations(ctx);
  lower::MarkFunctionCycles(*app);
  lower::MarkBatchInputs(*app, sink);
  lower::CheckEventInputs(*app, sink);
  lower::BindRouteInputs(*app, sink);
  lower::BindRouteResponses(*app, sink);
  // Each flow's body is lowered on its own (it writes only its graph and its list of accesses),
  // so they are lowered in parallel; the accesses are appended in declaration order, as a
  // serial lowering would add them (docs/performance.md).
  std::vector<std::pair<ir::FlowId, const ast::FlowDecl*>> flows;
  for (size_t m : ctx.modules) {
    for (const ast::DeclPtr& decl : program.modules[m].ast.decls) {
      if (decl->kind != ast::DeclKind::kFlow) continue;
      ir::EntityRef ref = ctx.EntityOf(decl.get());
      flows.emplace_back(ir::FlowId{ref.index}, static_cast<const ast::FlowDecl*>(decl.get()));
    }
  }
  std::vector<std::vector<ir::Access>> accesses(flows.size());
  ParallelFor(flows.size(), jobs, [&](size_t i) {
    lower::LowerFlowBody(ctx, flows[i].first, *flows[i].second, accesses[i]);
  });
  for (std::vector<ir::Access>& flow_accesses : accesses) {
    app->accesses.insert(app->accesses.end(), std::make_move_iterator(flow_accesses.begin()),
                         std::make_move_iterator(flow_accesses.end()));
  }
  ir::IndexAccesses(*app);
  lower::CheckBatchInputStarts(*app, sink);
  ParallelFor(app->flows.size(), jobs, [&](size_t i) {
    ir::StateGraph& graph = app->flows[i].graph;
    lower::MergeAssignSteps(graph);
    lower::FoldEndStates(graph);
    lower::DropUnreachableStates(graph);
  });
  return app;
}

}  // namespace caios
