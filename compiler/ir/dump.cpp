#include "compiler/ir/dump.h"

#include <algorithm>
#include <cctype>

#include "fmt/format.h"

namespace caios::ir {
namespace {

const char* OpText(BinaryOp op) {
  static constexpr const char* kOps[] = {"+",  "-", "*",  "/",  "%",   "==", "!=", "<",
                                         "<=", ">", ">=", "in", "and", "or", "??"};
  return kOps[static_cast<int>(op)];
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string RefText(const App& app, EntityRef ref) {
  if (!ref.valid()) return "-";
  return std::string(KindName(ref.kind)) + " " + app.NameOf(ref);
}

const char* StateKind(State::Kind k) {
  static constexpr const char* kNames[] = {"action",   "assign",   "branch",  "wait",
                                           "parallel", "for_each", "succeed", "fail"};
  return kNames[static_cast<int>(k)];
}

void DumpGraph(const App& app, const StateGraph& g, uint32_t index, int indent, std::ostream& out) {
  std::string pad(indent, ' ');
  const Graph& graph = g.graphs[index];
  out << pad << "start " << Quoted(g.at(graph.start).name) << '\n';
  // The start state first, then source order, as the ASL lists them.
  std::vector<StateId> order = graph.states;
  std::stable_sort(order.begin(), order.end(), [&](StateId a, StateId b) {
    if ((a == graph.start) != (b == graph.start)) return a == graph.start;
    const Span& x = g.at(a).span;
    const Span& y = g.at(b).span;
    return std::pair(x.file.value, x.begin) < std::pair(y.file.value, y.begin);
  });
  for (StateId id : order) {
    const State& s = g.at(id);
    out << pad << StateKind(s.kind) << ' ' << Quoted(s.name);
    if (s.action) {
      const Action& a = *s.action;
      static constexpr const char* kActions[] = {"invoke", "op", "run", "start", "call", "http"};
      out << " [" << kActions[static_cast<int>(a.kind)];
      if (a.target.valid()) out << ' ' << RefText(app, a.target);
      if (!a.service.empty()) out << ' ' << a.service;
      if (a.kind == Action::Kind::kResourceOp) {
        out << '.' << Spelling(a.resource_op);
      } else if (a.kind == Action::Kind::kHttp) {
        std::string verb = Spelling(a.http_method);
        for (char& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out << '.' << verb;
      } else if (!a.operation.empty()) {
        out << '.' << a.operation;
      }
      if (a.sync) out << " sync";
      if (a.callback) out << " callback";
      for (const auto& [name, value] : a.args) out << ' ' << name << '=' << ToText(*value);
      if (a.execution_name) out << " name " << ToText(*a.execution_name);
      if (a.details) out << " details";
      for (size_t i = 0; i < a.projection.size(); ++i) {
        out << (i == 0 ? " fields=" : ",") << a.projection[i];
      }
      out << ']';
    }
    if (s.kind == State::Kind::kFail) {
      out << ' ' << s.error;
      if (s.cause) out << '(' << ToText(*s.cause) << ')';
    }
    if (s.wait_seconds) out << ' ' << *s.wait_seconds << 's';
    if (s.wait_seconds_value) out << " seconds=" << ToText(*s.wait_seconds_value);
    if (s.wait_until) out << " until=" << ToText(*s.wait_until);
    if (s.timeout_seconds) out << " timeout=" << *s.timeout_seconds << 's';
    if (s.heartbeat_seconds) out << " heartbeat=" << *s.heartbeat_seconds << 's';
    for (const Assignment& a : s.assign) out << " {" << a.var << " = " << ToText(*a.value) << '}';
    if (s.output) out << " output=" << ToText(*s.output);
    for (const State::Rule& r : s.rules) {
      out << " (if " << ToText(*r.condition) << " -> " << Quoted(g.at(r.next).name) << ')';
    }
    if (s.default_next.valid()) out << " (else -> " << Quoted(g.at(s.default_next).name) << ')';
    for (const RetryRule& r : s.retries) {
      out << " retry(";
      if (r.transient) out << "transient";
      for (size_t i = 0; i < r.errors.size(); ++i) out << (i ? "," : "") << r.errors[i];
      out << " x" << r.attempts << ' ' << r.interval_seconds << "s*" << r.backoff
          << (r.jitter ? " jitter" : "") << ')';
    }
    for (const CatchEdge& c : s.catches) {
      out << " catch(";
      for (size_t i = 0; i < c.errors.size(); ++i) out << (i ? "," : "") << c.errors[i];
      if (c.binding) out << " as " << *c.binding;
      out << " -> " << Quoted(g.at(c.next).name) << ')';
    }
    if (s.next.valid()) {
      out << " -> " << Quoted(g.at(s.next).name);
    } else if (s.kind != State::Kind::kBranch && s.kind != State::Kind::kSucceed &&
               s.kind != State::Kind::kFail) {
      out << " -> end";
    }
    out << '\n';
    for (size_t b = 0; b < s.branches.size(); ++b) {
      out << pad << "  branch " << b + 1 << ":\n";
      DumpGraph(app, g, s.branches[b], indent + 4, out);
    }
    if (s.loop) {
      const Loop& l = *s.loop;
      out << pad << "  for " << (l.index_var.empty() ? "" : l.index_var + ", ") << l.var << " in ";
      if (l.items) out << ToText(*l.items);
      if (l.source) {
        const ItemSource& src = *l.source;
        if (src.bucket_name) {
          out << "bucket " << ToText(*src.bucket_name) << " items";
          for (BucketId b : src.within) out << " within " << app.buckets[b.index].name;
          if (src.any_bucket) out << " within *";
        } else {
          out << "bucket " << app.buckets[src.bucket.index].name << " items";
        }
        if (src.max_items) out << " max_items " << ToText(*src.max_items);
        if (src.raw) out << " raw";
        for (const std::string& h : src.csv_headers) out << " header " << Quoted(h);
        static constexpr const char* kDelimiters[] = {",", "|", ";", " ", "\\t"};
        if (src.csv_delimiter != ItemSource::Delimiter::kComma) {
          out << " delimiter " << Quoted(kDelimiters[static_cast<int>(src.csv_delimiter)]);
        }
      }
      if (l.distributed)
        out << (l.express_children ? " distributed express" : " distributed standard");
      if (l.concurrency) out << " concurrency " << *l.concurrency;
      if (l.batch) out << " batch " << *l.batch;
      if (l.batch_max_bytes) out << " max_bytes " << *l.batch_max_bytes;
      if (l.tolerate) out << " tolerate " << *l.tolerate << (l.tolerate_percent ? "%" : "");
      for (const auto& [name, type] : l.captures) out << " capture " << name;
      out << ":\n";
      DumpGraph(app, g, l.body, indent + 4, out);
    }
  }
}

}  // namespace

std::string ToText(const Value& v) {
  switch (v.kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return v.boolean ? "true" : "false";
    case ValueKind::kInt:
      return std::to_string(v.integer);
    case ValueKind::kNumber:
      return fmt::format("{}", v.number);
    case ValueKind::kString:
      return Quoted(v.text);
    case ValueKind::kVar:
      return v.text;
    case ValueKind::kField:
      return ToText(*v.children[0]) + "." + v.text;
    case ValueKind::kIndex:
      return ToText(*v.children[0]) + "[" + ToText(*v.children[1]) + "]";
    case ValueKind::kObject: {
      std::string out = "{";
      for (size_t i = 0; i < v.keys.size(); ++i) {
        out += (i ? ", " : " ") + v.keys[i] + ": " + ToText(*v.children[i]);
      }
      return out + (v.keys.empty() ? "}" : " }");
    }
    case ValueKind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.children.size(); ++i)
        out += (i ? ", " : "") + ToText(*v.children[i]);
      return out + "]";
    }
    case ValueKind::kConcat: {
      std::string out = "concat(";
      for (size_t i = 0; i < v.children.size(); ++i)
        out += (i ? ", " : "") + ToText(*v.children[i]);
      return out + ")";
    }
    case ValueKind::kUnary:
      return (v.unary_op == UnaryOp::kNot ? "not " : "-") + ToText(*v.children[0]);
    case ValueKind::kBinary:
      return "(" + ToText(*v.children[0]) + " " + OpText(v.binary_op) + " " +
             ToText(*v.children[1]) + ")";
    case ValueKind::kBuiltin: {
      std::string out = v.text + "(";
      for (size_t i = 0; i < v.children.size(); ++i)
        out += (i ? ", " : "") + ToText(*v.children[i]);
      return out + ")";
    }
    case ValueKind::kContext:
      return Spelling(v.context);
    case ValueKind::kResource:  // text: the entity's declared name
      return v.text + "." + Spelling(v.attribute);
    case ValueKind::kTaskToken:
      return "task_token";
    case ValueKind::kResult:
      return "<result>";
    case ValueKind::kInput:
      return "<input>";
    case ValueKind::kCaught:
      return "<error>";
    case ValueKind::kElement:
      return v.text;
    case ValueKind::kComprehension: {
      std::string out =
          "[" + ToText(*v.children[1]) + " for " + v.text + " in " + ToText(*v.children[0]);
      if (v.children.size() > 2) out += " if " + ToText(*v.children[2]);
      return out + "]";
    }
  }
  return "?";
}

void Dump(const App& app, std::ostream& out) {
  out << "app " << app.name << '\n';
  for (const Table& t : app.tables) {
    out << "table " << t.name << " key " << t.key.name;
    if (t.sort) out << " sort " << t.sort->name;
    for (const TableIndex& i : t.indexes) out << " index " << i.name;
    out << '\n';
  }
  for (const Bucket& b : app.buckets) out << "bucket " << b.name << '\n';
  for (const Queue& q : app.queues) out << "queue " << q.name << (q.fifo ? " fifo" : "") << '\n';
  for (const Topic& t : app.topics) out << "topic " << t.name << '\n';
  for (const Stream& s : app.streams) out << "stream " << s.name << '\n';
  for (const EventBus& b : app.buses) out << "events " << b.name << '\n';
  for (const Connection& c : app.connections) out << "connection " << c.name << '\n';
  for (const Function& f : app.functions) {
    out << "function " << f.name << " runtime " << f.runtime << " memory " << f.memory_mb
        << " timeout " << f.timeout_seconds << 's';
    for (const Grant& g : f.grants) {
      out << " uses " << RefText(app, g.target) << '(';
      for (size_t i = 0; i < g.permissions.size(); ++i) {
        out << (i ? "," : "") << Spelling(g.permissions[i]);
      }
      out << ')';
    }
    for (const ServiceGrant& g : f.service_grants) {
      out << " uses aws." << g.service << '(';
      for (size_t i = 0; i < g.operations.size(); ++i) {
        out << (i ? "," : "") << g.operations[i].name;
      }
      out << ')';
    }
    out << '\n';
  }
  for (const Api& a : app.apis) {
    for (const Route& r : a.routes) {
      out << "api " << a.name << ' ' << Spelling(r.method) << ' ' << r.path << " -> "
          << RefText(app, r.target.entity);
      if (r.response.on) {
        out << " response";
        for (const std::string& h : r.response.headers) out << ' ' << h;
      }
      out << '\n';
    }
  }
  for (const Schedule& s : app.schedules) {
    out << "schedule " << s.name << ' ' << s.expression << " -> " << RefText(app, s.target.entity)
        << '\n';
  }
  for (const Trigger& t : app.triggers) {
    out << "trigger " << t.name << " on " << RefText(app, t.source) << '.' << t.event << " -> "
        << RefText(app, t.target.entity) << '\n';
  }
  for (const Access& a : app.accesses) {
    static constexpr const char* kKinds[] = {"op",   "invoke", "start",   "run",     "call",
                                             "http", "items",  "results", "children"};
    out << "access flow " << app.flows[a.from.index].name << ' ' << kKinds[static_cast<int>(a.kind)]
        << ' ' << RefText(app, a.to);
    if (!a.service.empty()) out << ' ' << a.service;
    if (a.kind == Access::Kind::kResourceOp) {
      out << '.' << Spelling(a.resource_op);
    } else if (a.kind == Access::Kind::kItemRead) {
      out << '.' << ItemSource::Spelling(a.item_source) << (a.any_bucket ? " any bucket" : "");
    } else if (!a.operation.empty()) {
      out << '.' << a.operation;
    }
    out << '\n';
  }
  for (size_t i = 0; i < app.flows.size(); ++i) {
    const Flow& f = app.flows[i];
    out << "flow " << f.name << (f.express ? " express" : " standard");
    for (const TargetHint& hint : f.target_hints) out << ' ' << hint.name << ' ' << hint.value;
    out << '\n';
    const RunLength& run = f.run_length;
    out << "  run length: " << run.tasks << " tasks";
    if (run.runs > 0) out << " (runs of flows: " << run.runs << ")";
    out << ", " << run.steps << " other steps";
    if (!run.unbounded.empty()) out << ", " << run.unbounded.size() << " loops of unknown bound";
    out << '\n';
    if (!f.graph.graphs.empty()) DumpGraph(app, f.graph, 0, 2, out);
  }
}

}  // namespace caios::ir
