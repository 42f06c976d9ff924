#include "compiler/ast/ast_dump.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace caios::ast {
namespace {

// ---------------------------------------------------------------- scalars

std::string SpanText(Span s) {
  return std::to_string(s.file.value) + ":" + std::to_string(s.begin) + "-" + std::to_string(s.end);
}

std::string OptSpanText(const std::optional<Span>& s) { return s ? SpanText(*s) : "-"; }

// Quoted, with `"`, `\` and control bytes escaped: different strings never print the same.
std::string Quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string OptQuote(const std::optional<std::string>& s) { return s ? Quote(*s) : "-"; }

std::string BoolText(bool b) { return b ? "true" : "false"; }

std::string OptBoolText(const std::optional<bool>& b) { return b ? BoolText(*b) : "-"; }

// The shortest text that reads back as the same double (so it is exact).
std::string NumberText(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

std::string OptNumberText(const std::optional<double>& d) { return d ? NumberText(*d) : "-"; }

std::string OptIntText(const std::optional<int64_t>& i) { return i ? std::to_string(*i) : "-"; }

std::string IdentText(const Ident& id) { return Quote(id.text) + "@" + SpanText(id.span); }

std::string OptIdentText(const std::optional<Ident>& id) { return id ? IdentText(*id) : "-"; }

std::string IdentsText(const std::vector<Ident>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ", ";
    out += IdentText(ids[i]);
  }
  return out + "]";
}

std::string DurationText(const Duration& d) {
  return std::to_string(d.millis) + "ms@" + SpanText(d.span);
}

std::string OptDurationText(const std::optional<Duration>& d) { return d ? DurationText(*d) : "-"; }

std::string ErrorNameText(const ErrorName& e) { return Quote(e.text) + "@" + SpanText(e.span); }

std::string OptErrorNameText(const std::optional<ErrorName>& e) {
  return e ? ErrorNameText(*e) : "-";
}

std::string ErrorNamesText(const std::vector<ErrorName>& errors) {
  std::string out = "[";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += ", ";
    out += ErrorNameText(errors[i]);
  }
  return out + "]";
}

// ---------------------------------------------------------------- enums (no `default:`, so
// that -Wswitch flags a kind added later)

const char* Name(ExprKind kind) {
  switch (kind) {
    case ExprKind::kString:
      return "StringExpr";
    case ExprKind::kInt:
      return "IntExpr";
    case ExprKind::kNumber:
      return "NumberExpr";
    case ExprKind::kBool:
      return "BoolExpr";
    case ExprKind::kNull:
      return "NullExpr";
    case ExprKind::kTaskToken:
      return "TaskTokenExpr";
    case ExprKind::kName:
      return "NameExpr";
    case ExprKind::kObject:
      return "ObjectExpr";
    case ExprKind::kArray:
      return "ArrayExpr";
    case ExprKind::kField:
      return "FieldExpr";
    case ExprKind::kIndex:
      return "IndexExpr";
    case ExprKind::kCall:
      return "CallExpr";
    case ExprKind::kUnary:
      return "UnaryExpr";
    case ExprKind::kBinary:
      return "BinaryExpr";
    case ExprKind::kPrefix:
      return "PrefixExpr";
    case ExprKind::kComprehension:
      return "ComprehensionExpr";
    case ExprKind::kError:
      return "ErrorExpr";
  }
  return "?Expr";
}

const char* Name(StmtKind kind) {
  switch (kind) {
    case StmtKind::kLet:
      return "LetStmt";
    case StmtKind::kAssign:
      return "AssignStmt";
    case StmtKind::kExpr:
      return "ExprStmt";
    case StmtKind::kIf:
      return "IfStmt";
    case StmtKind::kSwitch:
      return "SwitchStmt";
    case StmtKind::kWhile:
      return "WhileStmt";
    case StmtKind::kFor:
      return "ForStmt";
    case StmtKind::kParallel:
      return "ParallelStmt";
    case StmtKind::kTry:
      return "TryStmt";
    case StmtKind::kFail:
      return "FailStmt";
    case StmtKind::kReturn:
      return "ReturnStmt";
    case StmtKind::kYield:
      return "YieldStmt";
    case StmtKind::kWait:
      return "WaitStmt";
    case StmtKind::kBreak:
      return "BreakStmt";
    case StmtKind::kContinue:
      return "ContinueStmt";
  }
  return "?Stmt";
}

const char* Name(DeclKind kind) {
  switch (kind) {
    case DeclKind::kApp:
      return "AppDecl";
    case DeclKind::kImport:
      return "ImportDecl";
    case DeclKind::kType:
      return "TypeDecl";
    case DeclKind::kResource:
      return "ResourceDecl";
    case DeclKind::kPolicy:
      return "PolicyDecl";
    case DeclKind::kFunction:
      return "FunctionDecl";
    case DeclKind::kFlow:
      return "FlowDecl";
    case DeclKind::kApi:
      return "ApiDecl";
    case DeclKind::kSchedule:
      return "ScheduleDecl";
    case DeclKind::kTrigger:
      return "TriggerDecl";
  }
  return "?Decl";
}

const char* Name(TypeRef::Kind kind) {
  switch (kind) {
    case TypeRef::Kind::kNamed:
      return "named";
    case TypeRef::Kind::kNull:
      return "null";
    case TypeRef::Kind::kArray:
      return "array";
    case TypeRef::Kind::kOptional:
      return "optional";
    case TypeRef::Kind::kRecord:
      return "record";
  }
  return "?";
}

const char* Name(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNeg:
      return "neg";
    case UnaryOp::kNot:
      return "not";
  }
  return "?";
}

const char* Name(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "add";
    case BinaryOp::kSub:
      return "sub";
    case BinaryOp::kMul:
      return "mul";
    case BinaryOp::kDiv:
      return "div";
    case BinaryOp::kMod:
      return "mod";
    case BinaryOp::kEq:
      return "eq";
    case BinaryOp::kNe:
      return "ne";
    case BinaryOp::kLt:
      return "lt";
    case BinaryOp::kLe:
      return "le";
    case BinaryOp::kGt:
      return "gt";
    case BinaryOp::kGe:
      return "ge";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kCoalesce:
      return "coalesce";
  }
  return "?";
}

const char* Name(PrefixOp op) {
  switch (op) {
    case PrefixOp::kRun:
      return "run";
    case PrefixOp::kStart:
      return "start";
    case PrefixOp::kAwait:
      return "await";
  }
  return "?";
}

const char* Name(ForClause::Kind kind) {
  switch (kind) {
    case ForClause::Kind::kConcurrency:
      return "concurrency";
    case ForClause::Kind::kBatch:
      return "batch";
    case ForClause::Kind::kTolerate:
      return "tolerate";
    case ForClause::Kind::kDistributed:
      return "distributed";
    case ForClause::Kind::kResults:
      return "results";
  }
  return "?";
}

const char* Name(WaitStmt::Mode mode) {
  switch (mode) {
    case WaitStmt::Mode::kDuration:
      return "duration";
    case WaitStmt::Mode::kUntil:
      return "until";
    case WaitStmt::Mode::kSeconds:
      return "seconds";
  }
  return "?";
}

const char* Name(OptionArg::Kind kind) {
  switch (kind) {
    case OptionArg::Kind::kString:
      return "string";
    case OptionArg::Kind::kInt:
      return "int";
    case OptionArg::Kind::kNumber:
      return "number";
    case OptionArg::Kind::kBool:
      return "bool";
    case OptionArg::Kind::kNull:
      return "null";
    case OptionArg::Kind::kDuration:
      return "duration";
    case OptionArg::Kind::kPercent:
      return "percent";
    case OptionArg::Kind::kWord:
      return "word";
    case OptionArg::Kind::kTyped:
      return "typed";
    case OptionArg::Kind::kObject:
      return "object";
    case OptionArg::Kind::kArray:
      return "array";
  }
  return "?";
}

const char* Name(FlowOption::Kind kind) {
  switch (kind) {
    case FlowOption::Kind::kExpress:
      return "express";
    case FlowOption::Kind::kStandard:
      return "standard";
    case FlowOption::Kind::kTimeout:
      return "timeout";
    case FlowOption::Kind::kLogging:
      return "logging";
    case FlowOption::Kind::kTracing:
      return "tracing";
    case FlowOption::Kind::kQuery:
      return "query";
  }
  return "?";
}

const char* Name(Target::Mode mode) {
  switch (mode) {
    case Target::Mode::kCall:
      return "call";
    case Target::Mode::kStart:
      return "start";
    case Target::Mode::kRun:
      return "run";
  }
  return "?";
}

// ---------------------------------------------------------------- the tree

class Dumper {
 public:
  std::string Take() { return std::move(out_); }

  void WriteModule(const Module& m) {
    Line("module", "Module file=" + std::to_string(m.file.value));
    Nest nest(*this);
    List("decls", m.decls,
         [&](std::string_view label, const DeclPtr& d) { WriteDecl(label, d.get()); });
  }

  void WriteDecl(std::string_view label, const Decl* d) {
    if (d == nullptr) {
      Line(label, "-");
      return;
    }
    std::string head = std::string(Name(d->kind)) + " span=" + SpanText(d->span);
    switch (d->kind) {
      case DeclKind::kApp: {
        const auto& a = static_cast<const AppDecl&>(*d);
        Line(label, head + " name=" + IdentText(a.name));
        return;
      }
      case DeclKind::kImport: {
        const auto& i = static_cast<const ImportDecl&>(*d);
        Line(label, head + " path=" + Quote(i.path) + " from_stdlib=" + BoolText(i.from_stdlib) +
                        " path_span=" + SpanText(i.path_span));
        return;
      }
      case DeclKind::kType: {
        const auto& t = static_cast<const TypeDecl&>(*d);
        Line(label, head + " name=" + IdentText(t.name));
        Nest nest(*this);
        WriteType("type", t.type.get());
        return;
      }
      case DeclKind::kResource: {
        const auto& r = static_cast<const ResourceDecl&>(*d);
        Line(label, head + " resource=" + Spelling(r.resource) +
                        " keyword_span=" + SpanText(r.keyword_span) + " name=" + IdentText(r.name));
        Nest nest(*this);
        WriteType("item_type", r.item_type.get());
        WriteOptions("options", r.options);
        return;
      }
      case DeclKind::kPolicy: {
        const auto& p = static_cast<const PolicyDecl&>(*d);
        Line(label, head + " name=" + IdentText(p.name));
        Nest nest(*this);
        WriteRetrySpec("retry", p.retry);
        return;
      }
      case DeclKind::kFunction: {
        const auto& f = static_cast<const FunctionDecl&>(*d);
        Line(label, head + " name=" + IdentText(f.name));
        Nest nest(*this);
        WriteParams("params", f.params);
        WriteType("result", f.result.get());
        WriteOptions("options", f.options);
        return;
      }
      case DeclKind::kFlow: {
        const auto& f = static_cast<const FlowDecl&>(*d);
        Line(label, head + " name=" + IdentText(f.name));
        Nest nest(*this);
        WriteTest("test", f.test.get());
        WriteParams("params", f.params);
        WriteType("result", f.result.get());
        List("options", f.options, [&](std::string_view l, const FlowOption& o) {
          Line(l, std::string("FlowOption kind=") + Name(o.kind) + " span=" + SpanText(o.span) +
                      " duration=" + DurationText(o.duration) + " value=" + IdentText(o.value));
        });
        WriteOptions("uses", f.uses);
        WriteOptions("existing", f.existing);
        WriteBlock("body", f.body);
        return;
      }
      case DeclKind::kApi: {
        const auto& a = static_cast<const ApiDecl&>(*d);
        Line(label, head + " name=" + IdentText(a.name));
        Nest nest(*this);
        WriteOptions("options", a.options);
        List("routes", a.routes, [&](std::string_view l, const Route& r) {
          Line(l, "Route span=" + SpanText(r.span) + " method=" + IdentText(r.method) +
                      " path=" + Quote(r.path) + " path_span=" + SpanText(r.path_span));
          Nest inner(*this);
          WriteOptions("options", r.options);
          WriteTarget("target", r.target);
        });
        return;
      }
      case DeclKind::kSchedule: {
        const auto& s = static_cast<const ScheduleDecl&>(*d);
        Line(label, head + " name=" + OptIdentText(s.name) + " expression=" + Quote(s.expression) +
                        " expression_span=" + SpanText(s.expression_span));
        Nest nest(*this);
        WriteOptions("options", s.options);
        WriteTarget("target", s.target);
        return;
      }
      case DeclKind::kTrigger: {
        const auto& t = static_cast<const TriggerDecl&>(*d);
        Line(label, head + " source=" + IdentText(t.source) + " event=" + IdentText(t.event));
        Nest nest(*this);
        WriteOptions("options", t.options);
        WriteTarget("target", t.target);
        return;
      }
    }
    Line(label, head + " ?");
  }

  void WriteStmt(std::string_view label, const Stmt* s) {
    if (s == nullptr) {
      Line(label, "-");
      return;
    }
    std::string head = std::string(Name(s->kind)) + " span=" + SpanText(s->span);
    switch (s->kind) {
      case StmtKind::kLet: {
        const auto& l = static_cast<const LetStmt&>(*s);
        Line(label, head + " name=" + IdentText(l.name));
        Nest nest(*this);
        WriteType("type", l.type.get());
        WriteRhs("value", l.value);
        return;
      }
      case StmtKind::kAssign: {
        const auto& a = static_cast<const AssignStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("target", a.target.get());
        WriteRhs("value", a.value);
        return;
      }
      case StmtKind::kExpr: {
        const auto& e = static_cast<const ExprStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("expr", e.expr.get());
        WriteClauses("clauses", e.clauses);
        return;
      }
      case StmtKind::kIf: {
        const auto& i = static_cast<const IfStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        List("arms", i.arms, [&](std::string_view l, const IfArm& arm) {
          Line(l, "IfArm span=" + SpanText(arm.span));
          Nest inner(*this);
          WriteExpr("cond", arm.cond.get());
          WriteBlock("body", arm.body);
        });
        WriteOptBlock("else_body", i.else_body);
        return;
      }
      case StmtKind::kSwitch: {
        const auto& w = static_cast<const SwitchStmt&>(*s);
        Line(label, head + " default_span=" + SpanText(w.default_span));
        Nest nest(*this);
        WriteExpr("subject", w.subject.get());
        List("cases", w.cases, [&](std::string_view l, const SwitchCase& c) {
          Line(l, "SwitchCase span=" + SpanText(c.span));
          Nest inner(*this);
          WriteExprs("values", c.values);
          WriteBlock("body", c.body);
        });
        WriteOptBlock("default_body", w.default_body);
        return;
      }
      case StmtKind::kWhile: {
        const auto& w = static_cast<const WhileStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("cond", w.cond.get());
        WriteBlock("body", w.body);
        return;
      }
      case StmtKind::kFor: {
        const auto& f = static_cast<const ForStmt&>(*s);
        Line(label, head + " index=" + OptIdentText(f.index) + " var=" + IdentText(f.var));
        Nest nest(*this);
        WriteExpr("iterable", f.iterable.get());
        List("clauses", f.clauses, [&](std::string_view l, const ForClause& c) {
          Line(l, std::string("ForClause kind=") + Name(c.kind) + " span=" + SpanText(c.span) +
                      " value=" + std::to_string(c.value) + " has_count=" + BoolText(c.has_count) +
                      " limit_word=" + OptIdentText(c.limit_word) + " max_bytes=" +
                      std::to_string(c.max_bytes) + " percent=" + BoolText(c.percent) +
                      " express_children=" + OptBoolText(c.express_children) +
                      " bucket=" + IdentText(c.bucket));
          Nest inner(*this);
          WriteExpr("prefix", c.prefix.get());
        });
        WriteBlock("body", f.body);
        return;
      }
      case StmtKind::kParallel: {
        const auto& p = static_cast<const ParallelStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        List("branches", p.branches, [&](std::string_view l, const Branch& b) {
          Line(l, "Branch span=" + SpanText(b.span));
          Nest inner(*this);
          WriteBlock("body", b.body);
        });
        return;
      }
      case StmtKind::kTry: {
        const auto& t = static_cast<const TryStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteBlock("body", t.body);
        List("catches", t.catches, [&](std::string_view l, const CatchClause& c) {
          Line(l, "CatchClause span=" + SpanText(c.span) + " errors=" + ErrorNamesText(c.errors) +
                      " binding=" + OptIdentText(c.binding));
          Nest inner(*this);
          WriteBlock("body", c.body);
        });
        return;
      }
      case StmtKind::kFail: {
        const auto& f = static_cast<const FailStmt&>(*s);
        Line(label, head + " error=" + ErrorNameText(f.error));
        Nest nest(*this);
        WriteExpr("cause", f.cause.get());
        return;
      }
      case StmtKind::kReturn: {
        const auto& r = static_cast<const ReturnStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("value", r.value.get());
        return;
      }
      case StmtKind::kYield: {
        const auto& y = static_cast<const YieldStmt&>(*s);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("value", y.value.get());
        return;
      }
      case StmtKind::kWait: {
        const auto& w = static_cast<const WaitStmt&>(*s);
        Line(label, head + " mode=" + Name(w.mode) + " duration=" + DurationText(w.duration));
        Nest nest(*this);
        WriteExpr("expr", w.expr.get());
        return;
      }
      case StmtKind::kBreak:
      case StmtKind::kContinue:
        Line(label, head);
        return;
    }
    Line(label, head + " ?");
  }

  void WriteExpr(std::string_view label, const Expr* e) {
    if (e == nullptr) {
      Line(label, "-");
      return;
    }
    std::string head = std::string(Name(e->kind)) + " span=" + SpanText(e->span) +
                       " depth=" + std::to_string(e->depth);
    switch (e->kind) {
      case ExprKind::kString: {
        const auto& s = static_cast<const StringExpr&>(*e);
        Line(label, head);
        Nest nest(*this);
        List("texts", s.texts,
             [&](std::string_view l, const std::string& text) { Line(l, Quote(text)); });
        WriteExprs("exprs", s.exprs);
        return;
      }
      case ExprKind::kInt:
        Line(label, head + " value=" + std::to_string(static_cast<const IntExpr&>(*e).value));
        return;
      case ExprKind::kNumber:
        Line(label, head + " value=" + NumberText(static_cast<const NumberExpr&>(*e).value));
        return;
      case ExprKind::kBool:
        Line(label, head + " value=" + BoolText(static_cast<const BoolExpr&>(*e).value));
        return;
      case ExprKind::kNull:
      case ExprKind::kTaskToken:
      case ExprKind::kError:
        Line(label, head);
        return;
      case ExprKind::kName:
        Line(label, head + " name=" + IdentText(static_cast<const NameExpr&>(*e).name));
        return;
      case ExprKind::kObject: {
        const auto& o = static_cast<const ObjectExpr&>(*e);
        Line(label, head);
        Nest nest(*this);
        List("fields", o.fields, [&](std::string_view l, const ObjectField& f) {
          Line(l, "ObjectField span=" + SpanText(f.span) + " key=" + IdentText(f.key) +
                      " shorthand=" + BoolText(f.shorthand));
          Nest inner(*this);
          WriteExpr("value", f.value.get());
        });
        return;
      }
      case ExprKind::kArray: {
        const auto& a = static_cast<const ArrayExpr&>(*e);
        Line(label, head);
        Nest nest(*this);
        WriteExprs("elements", a.elements);
        return;
      }
      case ExprKind::kField: {
        const auto& f = static_cast<const FieldExpr&>(*e);
        Line(label, head + " field=" + IdentText(f.field));
        Nest nest(*this);
        WriteExpr("object", f.object.get());
        return;
      }
      case ExprKind::kIndex: {
        const auto& i = static_cast<const IndexExpr&>(*e);
        Line(label, head);
        Nest nest(*this);
        WriteExpr("object", i.object.get());
        WriteExpr("index", i.index.get());
        return;
      }
      case ExprKind::kCall: {
        const auto& c = static_cast<const CallExpr&>(*e);
        Line(label, head + " args_span=" + SpanText(c.args_span));
        Nest nest(*this);
        WriteExpr("callee", c.callee.get());
        List("args", c.args, [&](std::string_view l, const Arg& a) {
          Line(l, "Arg span=" + SpanText(a.span) + " name=" + OptIdentText(a.name));
          Nest inner(*this);
          WriteExpr("value", a.value.get());
        });
        return;
      }
      case ExprKind::kUnary: {
        const auto& u = static_cast<const UnaryExpr&>(*e);
        Line(label, head + " op=" + Name(u.op) + " op_span=" + SpanText(u.op_span));
        Nest nest(*this);
        WriteExpr("operand", u.operand.get());
        return;
      }
      case ExprKind::kBinary: {
        const auto& b = static_cast<const BinaryExpr&>(*e);
        Line(label, head + " op=" + Name(b.op) + " op_span=" + SpanText(b.op_span));
        Nest nest(*this);
        WriteExpr("lhs", b.lhs.get());
        WriteExpr("rhs", b.rhs.get());
        return;
      }
      case ExprKind::kPrefix: {
        const auto& p = static_cast<const PrefixExpr&>(*e);
        Line(label, head + " op=" + Name(p.op) + " op_span=" + SpanText(p.op_span));
        Nest nest(*this);
        WriteExpr("operand", p.operand.get());
        return;
      }
      case ExprKind::kComprehension: {
        const auto& c = static_cast<const ComprehensionExpr&>(*e);
        Line(label, head + " var=" + IdentText(c.var));
        Nest nest(*this);
        WriteExpr("element", c.element.get());
        WriteExpr("source", c.source.get());
        WriteExpr("condition", c.condition.get());
        return;
      }
    }
    Line(label, head + " ?");
  }

 private:
  // Indents the lines written while it lives one level deeper.
  class Nest {
   public:
    explicit Nest(Dumper& d) : d_(d) { ++d_.indent_; }
    ~Nest() { --d_.indent_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Dumper& d_;
  };

  void Line(std::string_view label, std::string_view text) {
    out_.append(2 * indent_, ' ');
    out_ += label;
    out_ += ' ';
    out_ += text;
    out_ += '\n';
  }

  // `label [N]`, then each element one level deeper, labelled `[i]`.
  template <typename T, typename F>
  void List(std::string_view label, const std::vector<T>& items, F&& each) {
    Line(label, "[" + std::to_string(items.size()) + "]");
    Nest nest(*this);
    for (size_t i = 0; i < items.size(); ++i) each("[" + std::to_string(i) + "]", items[i]);
  }

  void WriteExprs(std::string_view label, const std::vector<ExprPtr>& exprs) {
    List(label, exprs, [&](std::string_view l, const ExprPtr& e) { WriteExpr(l, e.get()); });
  }

  void WriteType(std::string_view label, const TypeRef* t) {
    if (t == nullptr) {
      Line(label, "-");
      return;
    }
    Line(label, std::string("TypeRef kind=") + Name(t->kind) + " span=" + SpanText(t->span) +
                    " name=" + IdentText(t->name));
    Nest nest(*this);
    WriteType("element", t->element.get());
    List("fields", t->fields, [&](std::string_view l, const FieldType& f) {
      Line(l, "FieldType span=" + SpanText(f.span) + " name=" + IdentText(f.name) +
                  " optional=" + BoolText(f.optional));
      Nest inner(*this);
      WriteType("type", f.type.get());
    });
  }

  void WriteBlock(std::string_view label, const Block& b) {
    Line(label, "Block span=" + SpanText(b.span));
    Nest nest(*this);
    List("stmts", b.stmts, [&](std::string_view l, const StmtPtr& s) { WriteStmt(l, s.get()); });
  }

  void WriteOptBlock(std::string_view label, const std::optional<Block>& b) {
    if (b) {
      WriteBlock(label, *b);
    } else {
      Line(label, "-");
    }
  }

  void WriteRhs(std::string_view label, const Rhs& r) {
    Line(label, "Rhs span=" + SpanText(r.span));
    Nest nest(*this);
    WriteExpr("expr", r.expr.get());
    WriteClauses("clauses", r.clauses);
    WriteStmt("compound", r.compound.get());
  }

  void WriteRetrySpec(std::string_view label, const RetrySpec& r) {
    Line(label, "RetrySpec span=" + SpanText(r.span) + " policy=" + OptIdentText(r.policy));
    Nest nest(*this);
    List("rules", r.rules, [&](std::string_view l, const RetryRule& rule) {
      Line(l, "RetryRule span=" + SpanText(rule.span) + " policy=" + OptIdentText(rule.policy) +
                  " errors=" + ErrorNamesText(rule.errors) + " attempts=" +
                  OptIntText(rule.attempts) + " attempts_span=" + SpanText(rule.attempts_span) +
                  " interval=" + OptDurationText(rule.interval) + " backoff=" +
                  OptNumberText(rule.backoff) + " backoff_span=" + SpanText(rule.backoff_span) +
                  " max_delay=" + OptDurationText(rule.max_delay) +
                  " jitter=" + BoolText(rule.jitter));
    });
  }

  void WriteTime(std::string_view label, const std::optional<TimeValue>& t) {
    if (!t) {
      Line(label, "-");
      return;
    }
    Line(label, "TimeValue span=" + SpanText(t->span) + " literal=" + OptDurationText(t->literal));
    Nest nest(*this);
    WriteExpr("seconds", t->seconds.get());
  }

  void WriteClauses(std::string_view label, const TaskClauses& c) {
    Line(label, "TaskClauses details=" + OptSpanText(c.details));
    Nest nest(*this);
    List("retries", c.retries,
         [&](std::string_view l, const RetrySpec& r) { WriteRetrySpec(l, r); });
    WriteTime("timeout", c.timeout);
    WriteTime("heartbeat", c.heartbeat);
    if (c.name) {
      Line("name", "ExecutionName span=" + SpanText(c.name->span));
      Nest inner(*this);
      WriteExpr("value", c.name->value.get());
    } else {
      Line("name", "-");
    }
  }

  void WriteOptions(std::string_view label, const std::vector<Option>& options) {
    List(label, options, [&](std::string_view l, const Option& o) {
      Line(l, "Option span=" + SpanText(o.span) + " name=" + IdentText(o.name));
      Nest nest(*this);
      List("args", o.args, [&](std::string_view al, const OptionArg& a) {
        Line(al, std::string("OptionArg kind=") + Name(a.kind) + " span=" + SpanText(a.span) +
                     " text=" + Quote(a.text) + " int_value=" + std::to_string(a.int_value) +
                     " number_value=" + NumberText(a.number_value) + " bool_value=" +
                     BoolText(a.bool_value) + " duration=" + DurationText(a.duration) +
                     " has_params=" + BoolText(a.has_params) + " params=" + IdentsText(a.params));
        Nest inner(*this);
        WriteType("type", a.type.get());
        WriteExpr("expr", a.expr.get());
      });
    });
  }

  void WriteParams(std::string_view label, const std::vector<Param>& params) {
    List(label, params, [&](std::string_view l, const Param& p) {
      Line(l, "Param span=" + SpanText(p.span) + " name=" + IdentText(p.name) +
                  " optional=" + BoolText(p.optional) + " whole=" + BoolText(p.whole));
      Nest nest(*this);
      WriteType("type", p.type.get());
    });
  }

  void WriteTarget(std::string_view label, const Target& t) {
    Line(label, std::string("Target mode=") + Name(t.mode) + " name=" + IdentText(t.name) +
                    " span=" + SpanText(t.span));
  }

  void WriteTest(std::string_view label, const TestInfo* t) {
    if (t == nullptr) {
      Line(label, "-");
      return;
    }
    Line(label, "TestInfo title=" + Quote(t->title) + " title_span=" + SpanText(t->title_span));
    Nest nest(*this);
    List("mocks", t->mocks, [&](std::string_view l, const MockAnswer& m) {
      Line(l, "MockAnswer span=" + SpanText(m.span) + " function=" + IdentText(m.function) +
                  " url=" + OptQuote(m.url) + " url_span=" + SpanText(m.url_span) +
                  " error=" + OptErrorNameText(m.error) + " times=" + std::to_string(m.times) +
                  " times_span=" + OptSpanText(m.times_span));
      Nest inner(*this);
      WriteExpr("returns", m.returns.get());
      WriteExpr("cause", m.cause.get());
    });
  }

  std::string out_;
  int indent_ = 0;
};

}  // namespace

std::string Dump(const Module& module) {
  Dumper d;
  d.WriteModule(module);
  return d.Take();
}

std::string Dump(const Decl& decl) {
  Dumper d;
  d.WriteDecl("decl", &decl);
  return d.Take();
}

std::string Dump(const Stmt& stmt) {
  Dumper d;
  d.WriteStmt("stmt", &stmt);
  return d.Take();
}

std::string Dump(const Expr& expr) {
  Dumper d;
  d.WriteExpr("expr", &expr);
  return d.Take();
}

}  // namespace caios::ast
