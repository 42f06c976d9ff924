// Flow lowering: `parallel` branches and `for` loops (inline and distributed Map states),
// with the outer variables a distributed child needs in its input.
#include <map>
#include <set>

#include "compiler/base/invariant.h"
#include "compiler/lower/flow_lowerer.h"
#include "compiler/lower/resource_ops.h"
#include "compiler/lower/values.h"

namespace caios::lower {

using ir::State;
using ir::StateId;

using ir::ValueKind;

StateId FlowLowerer::LowerParallel(const ast::ParallelStmt& s, std::optional<Target> var,
                                   StateId next, Scope& scope) {
  StateId par = NewState(State::Kind::kParallel, "Parallel", s.span, scope.graph);
  for (const ast::Branch& b : s.branches) {
    Scope inner;
    inner.graph = NewGraph();
    inner.end = NewEnd(inner.graph, b.span);
    StateId start = LowerBlock(b.body, inner.end, inner);
    g_.graphs[inner.graph].start = start;
    At(par).branches.push_back(inner.graph);
  }
  if (var) At(par).assign.push_back({var->name, Result(var->type, s.span)});
  At(par).catches = scope.catches;
  At(par).next = next;
  return par;
}

StateId FlowLowerer::LowerFor(const ast::ForStmt& s, std::optional<Target> var, StateId next,
                              Scope& scope) {
  StateId map = NewState(State::Kind::kForEach, "For each " + s.var.text, s.span, scope.graph);
  auto loop = std::make_unique<ir::Loop>();
  loop->var = s.var.text;
  if (s.index) loop->index_var = s.index->text;
  const check::Variable* item = ctx_.model.VariableOf(&s);
  loop->var_type = item ? item->type : types().Json();
  loop->distributed = s.distributed();
  for (const ast::ForClause& c : s.clauses) {
    using K = ast::ForClause::Kind;
    switch (c.kind) {
      case K::kConcurrency:
        loop->concurrency = c.value;
        break;
      case K::kBatch:
        if (c.has_count) loop->batch = c.value;
        if (c.limit_word) loop->batch_max_bytes = c.max_bytes;
        break;
      case K::kTolerate:
        loop->tolerate = c.value;
        loop->tolerate_percent = c.percent;
        break;
      case K::kDistributed:
        loop->express_children = c.express_children.value_or(true);
        break;
      case K::kResults: {
        ir::EntityRef bucket = ctx_.EntityOf(ctx_.model.Resolved(&c.bucket));
        if (bucket.kind == ir::EntityRef::Kind::kBucket) {
          loop->results_bucket = ir::BucketId{bucket.index};
          if (c.prefix) loop->results_prefix = LowerValue(ctx_, *c.prefix);
          AddAccess(ir::Access::Kind::kResultWrite, bucket, "", c.span);
        }
        break;
      }
    }
  }
  // The items: an array value, or a bucket item source of a distributed loop.
  if (s.iterable->kind == ast::ExprKind::kCall &&
      ctx_.model.Call(static_cast<const ast::CallExpr*>(s.iterable.get()))->is_item_source) {
    const auto& call = static_cast<const ast::CallExpr&>(*s.iterable);
    const check::CallInfo* info = ctx_.model.Call(&call);
    CAIOS_CHECK_INVARIANT(info->resource_op != nullptr);
    ir::ItemSource source;
    source.kind = LowerItemSource(info->resource_op->id);
    LowerItemSourceClauses(*info, source);
    // The role reads the declared bucket, or those a bucket named at run time may be.
    std::vector<ir::EntityRef> read;
    if (!info->resource_op->run_time_bucket) {
      ir::EntityRef bucket = ctx_.EntityOf(info->target);
      source.bucket = ir::BucketId{bucket.index};
      read.push_back(bucket);
    }
    for (ir::BucketId b : source.within) read.push_back(ir::Ref(b));
    const bool any_bucket = source.any_bucket;
    const ir::ItemSource::Kind kind = source.kind;
    loop->source = std::move(source);
    for (const ir::EntityRef& bucket : read) {
      AddAccess(ir::Access::Kind::kItemRead, bucket, "", s.iterable->span);
      accesses_.back().item_source = kind;
    }
    if (any_bucket) {
      AddAccess(ir::Access::Kind::kItemRead, ir::EntityRef{}, "", s.iterable->span);
      accesses_.back().item_source = kind;
      accesses_.back().any_bucket = true;
    }
  } else {
    loop->items = LowerValue(ctx_, *s.iterable);
  }
  if (loop->distributed) {
    AddAccess(ir::Access::Kind::kChildFlows, ir::Ref(id_), "", s.span);
  }

  // The body: bind the loop variable (and, for a distributed loop, the captured outer
  // variables) from the iteration's input, then the statements.
  Scope inner;
  inner.graph = NewGraph();
  inner.end = NewEnd(inner.graph, s.body.span);
  StateId body = LowerBlock(s.body, inner.end, inner);
  StateId bind = NewState(State::Kind::kAssign, "Bind " + s.var.text, s.var.span, inner.graph);
  At(bind).next = body;
  g_.graphs[inner.graph].start = bind;
  if (loop->distributed) loop->captures = Captures(inner.graph, s.var.text, loop->index_var);
  loop->body = inner.graph;
  ir::ValuePtr input = ir::MakeValue(ValueKind::kInput, types().Json());
  auto read = [&](const std::string& field, types::TypeId type) {
    ir::ValuePtr v = ir::MakeValue(ValueKind::kField, type);
    v->text = field;
    v->children.push_back(ir::Clone(*input));
    return v;
  };
  // Batches arrive as { Items: [...], BatchInput: {...} }; single items as the ItemSelector
  // object { item, <captures> }.
  const bool batched = loop->batched();
  At(bind).assign.push_back({loop->var, read(batched ? "Items" : "item", loop->var_type)});
  // The check phase refuses an index on a batched loop (E0270).
  if (!loop->index_var.empty() && !batched) {
    At(bind).assign.push_back({loop->index_var, read("index", types().Int())});
  }
  for (const auto& [name, type] : loop->captures) {
    if (batched) {
      ir::ValuePtr batch_input = read("BatchInput", types().Json());
      ir::ValuePtr v = ir::MakeValue(ValueKind::kField, type);
      v->text = name;
      v->children.push_back(std::move(batch_input));
      At(bind).assign.push_back({name, std::move(v)});
    } else {
      At(bind).assign.push_back({name, read(name, type)});
    }
  }
  At(map).loop = std::move(loop);
  if (var) At(map).assign.push_back({var->name, Result(var->type, s.span)});
  At(map).catches = scope.catches;
  At(map).next = next;
  return map;
}

std::vector<std::pair<std::string, types::TypeId>> FlowLowerer::Captures(
    uint32_t graph, const std::string& loop_var, const std::string& index_var) {
  std::map<std::string, types::TypeId> read;
  std::set<std::string> declared = {loop_var, index_var};
  std::vector<uint32_t> work = {graph};
  auto visit = [&](const ir::Value* v) {
    if (!v) return;
    ir::ForEachVar(*v, [&](const std::string& name) { read.emplace(name, nullptr); });
  };
  while (!work.empty()) {
    uint32_t gi = work.back();
    work.pop_back();
    for (StateId id : g_.graphs[gi].states) {
      const State& st = At(id);
      for (const ir::Assignment& a : st.assign) {
        declared.insert(a.var);
        visit(a.value.get());
      }
      for (const ir::CatchEdge& c : st.catches) {
        if (c.binding) declared.insert(*c.binding);
      }
      visit(st.output.get());
      visit(st.timeout_value.get());
      visit(st.heartbeat_value.get());
      visit(st.wait_seconds_value.get());
      visit(st.wait_until.get());
      visit(st.cause.get());
      for (const auto& r : st.rules) visit(r.condition.get());
      if (st.action) {
        for (const auto& [name, value] : st.action->args) visit(value.get());
        visit(st.action->execution_name.get());
      }
      for (uint32_t b : st.branches) work.push_back(b);
      if (st.loop) {
        visit(st.loop->items.get());
        if (st.loop->source) {
          visit(st.loop->source->argument.get());
          visit(st.loop->source->bucket_name.get());
          visit(st.loop->source->max_items.get());
        }
        declared.insert(st.loop->var);
        work.push_back(st.loop->body);
      }
    }
  }
  std::vector<std::pair<std::string, types::TypeId>> captures;
  const check::FlowInfo* info = ctx_.model.Flow(decl_);
  for (const auto& [name, unused] : read) {
    if (declared.count(name)) continue;
    types::TypeId type = types().Json();
    if (info) {
      for (const check::Variable* v : info->variables) {
        if (v->name == name) type = v->type;
      }
    }
    captures.emplace_back(name, type);
  }
  return captures;
}

}  // namespace caios::lower
