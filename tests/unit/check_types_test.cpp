// The type system of compiler/check (interning, assignability, joins, printing), the
// "did you mean" helper, and the semantic model the check phase builds for lowering.
#include <catch2/catch.hpp>

#include <string>

#include "backends/aws/target.h"
#include "compiler/check/check.h"
#include "compiler/diag/suggest.h"
#include "compiler/parse/parse.h"
#include "compiler/types/types.h"
#include "tests/unit/check_test_util.h"

using caios::types::Field;
using caios::types::TypeKind;
using caios::types::TypeTable;

TEST_CASE("types are interned by structure", "[check][types]") {
  TypeTable t;
  CHECK(t.Array(t.Int()) == t.Array(t.Int()));
  CHECK(t.Array(t.Int()) != t.Array(t.Number()));
  CHECK(t.Optional(t.String()) == t.Optional(t.String()));
  CHECK(t.Record({Field{"a", t.Int(), false}}) == t.Record({Field{"a", t.Int(), false}}));
  CHECK(t.Record({Field{"a", t.Int(), false}}) != t.Record({Field{"a", t.Int(), true}}));
  // Declared records are distinct per declaration even with the same fields.
  auto a = t.NewNamedRecord("A");
  auto b = t.NewNamedRecord("B");
  CHECK(a != b);
}

TEST_CASE("optional collapses", "[check][types]") {
  TypeTable t;
  auto opt = t.Optional(t.Int());
  CHECK(t.Optional(opt) == opt);
  CHECK(t.Optional(t.Null()) == t.Null());
  CHECK(t.Optional(t.Json()) == t.Json());
  CHECK(TypeTable::StripOptional(opt) == t.Int());
  CHECK(TypeTable::StripOptional(t.Int()) == t.Int());
}

TEST_CASE("builtin type names", "[check][types]") {
  TypeTable t;
  CHECK(t.Builtin("string") == t.String());
  CHECK(t.Builtin("token") == t.Token());
  CHECK(t.Builtin("json") == t.Json());
  CHECK(t.Builtin("Order") == nullptr);
}

TEST_CASE("primitive assignability", "[check][types]") {
  TypeTable t;
  CHECK(t.Assignable(t.Int(), t.Number()));
  CHECK_FALSE(t.Assignable(t.Number(), t.Int()));
  CHECK(t.Assignable(t.Token(), t.String()));
  CHECK_FALSE(t.Assignable(t.String(), t.Token()));
  CHECK_FALSE(t.Assignable(t.String(), t.Int()));
  CHECK_FALSE(t.Assignable(t.Bool(), t.String()));
  // json is dynamic in both directions.
  CHECK(t.Assignable(t.Json(), t.Int()));
  CHECK(t.Assignable(t.Array(t.String()), t.Json()));
  // Error and never fit everywhere, so one mistake is reported once.
  CHECK(t.Assignable(t.Error(), t.String()));
  CHECK(t.Assignable(t.String(), t.Error()));
  CHECK(t.Assignable(t.Never(), t.Int()));
}

TEST_CASE("optional assignability", "[check][types]") {
  TypeTable t;
  auto opt_int = t.Optional(t.Int());
  CHECK(t.Assignable(t.Int(), opt_int));
  CHECK(t.Assignable(t.Null(), opt_int));
  CHECK(t.Assignable(opt_int, t.Optional(t.Number())));
  CHECK_FALSE(t.Assignable(opt_int, t.Int()));
  CHECK_FALSE(t.Assignable(t.Null(), t.Int()));
}

TEST_CASE("array assignability is by element", "[check][types]") {
  TypeTable t;
  CHECK(t.Assignable(t.Array(t.Int()), t.Array(t.Number())));
  CHECK_FALSE(t.Assignable(t.Array(t.Number()), t.Array(t.Int())));
  CHECK(t.Assignable(t.Array(t.Never()), t.Array(t.String())));  // []
  CHECK_FALSE(t.Assignable(t.String(), t.Array(t.String())));
}

TEST_CASE("records are structural", "[check][types]") {
  TypeTable t;
  auto want = t.Record({Field{"id", t.String(), false}, Field{"note", t.String(), true}});
  // Width: extra fields are fine for values (object literals are checked separately).
  CHECK(t.Assignable(t.Record({Field{"id", t.String(), false}, Field{"x", t.Int(), false}}), want));
  // Missing required field.
  CHECK_FALSE(t.Assignable(t.Record({Field{"note", t.String(), false}}), want));
  // Wrong field type.
  CHECK_FALSE(t.Assignable(t.Record({Field{"id", t.Int(), false}}), want));
  // Optional fields accept T, null and T?, but an optional field does not fill a required one.
  CHECK(t.Assignable(t.Record({Field{"id", t.String(), false}, Field{"note", t.Null(), false}}),
                     want));
  CHECK(t.Assignable(
      t.Record({Field{"id", t.String(), false}, Field{"note", t.Optional(t.String()), false}}),
      want));
  CHECK_FALSE(t.Assignable(t.Record({Field{"id", t.String(), true}}), want));
  // A declared record and an inline record with the same fields fit each other.
  auto named = t.NewNamedRecord("Ref");
  t.SetFields(named, {Field{"id", t.String(), false}});
  CHECK(t.Assignable(named, want));
  CHECK(t.Assignable(t.Record({Field{"id", t.String(), false}}), named));
}

TEST_CASE("recursive records terminate", "[check][types]") {
  TypeTable t;
  auto tree = t.NewNamedRecord("Tree");
  t.SetFields(tree, {Field{"name", t.String(), false}, Field{"children", t.Array(tree), false}});
  auto node = t.NewNamedRecord("Node");
  t.SetFields(node, {Field{"name", t.String(), false}, Field{"children", t.Array(node), false}});
  CHECK(t.Assignable(tree, node));
  CHECK(t.Assignable(node, tree));
  CHECK(TypeTable::ToString(tree) == "Tree");
}

TEST_CASE("join finds the common type", "[check][types]") {
  TypeTable t;
  CHECK(t.Join(t.Int(), t.Int()) == t.Int());
  CHECK(t.Join(t.Int(), t.Number()) == t.Number());
  CHECK(t.Join(t.Never(), t.String()) == t.String());
  CHECK(t.Join(t.String(), t.Null()) == t.Optional(t.String()));
  CHECK(t.Join(t.Null(), t.Int()) == t.Optional(t.Int()));
  CHECK(t.Join(t.Optional(t.Int()), t.Number()) == t.Optional(t.Number()));
  CHECK(t.Join(t.String(), t.Int()) == t.Json());
}

TEST_CASE("types print as written", "[check][types]") {
  TypeTable t;
  CHECK(TypeTable::ToString(t.Array(t.Optional(t.Int()))) == "[int?]");
  CHECK(TypeTable::ToString(t.Optional(t.Array(t.String()))) == "[string]?");
  CHECK(TypeTable::ToString(
            t.Record({Field{"id", t.String(), false}, Field{"n", t.Number(), true}})) ==
        "{ id: string, n?: number }");
  CHECK(TypeTable::ToString(t.Record({})) == "{}");
  CHECK(TypeTable::ToString(t.Token()) == "token");
}

TEST_CASE("did you mean", "[check][suggest]") {
  using caios::ClosestMatch;
  using caios::EditDistance;
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("Order", "order") == 0);
  std::vector<std::string> names = {"order", "orders", "total"};
  CHECK(ClosestMatch("ordr", names) == std::optional<std::string>("order"));
  CHECK(ClosestMatch("totl", names) == std::optional<std::string>("total"));
  CHECK_FALSE(ClosestMatch("zzz", names).has_value());
  CHECK(ClosestMatch("ORDERS", names) == std::optional<std::string>("orders"));
  CHECK(caios::JoinQuoted({"a", "b", "c"}) == "`a`, `b` and `c`");
}

namespace {

using caios::testing::Checked;
using caios::testing::CheckText;

const caios::ast::FlowDecl& FirstFlow(const Checked& c) {
  for (const auto& d : c.program.modules[0].ast.decls) {
    if (d->kind == caios::ast::DeclKind::kFlow) return static_cast<const caios::ast::FlowDecl&>(*d);
  }
  FAIL("no flow");
  throw 0;
}

std::string VariableType(const Checked& c, const std::string& name) {
  const auto* flow = c.result.model->Flow(&FirstFlow(c));
  REQUIRE(flow != nullptr);
  for (const auto* v : flow->variables) {
    if (v->name == name) return TypeTable::ToString(v->type);
  }
  return "<none>";
}

}  // namespace

TEST_CASE("the model records inferred variable types", "[check][model]") {
  auto c = CheckText(R"(
type Item { sku: string, qty: int }
table Items: Item { key sku: string }
function price(item: Item) -> { total: number } {
  runtime python3.12; handler "p.handler"; code "functions/p"
}
flow f(sku: string, items: [Item]) -> json {
  let found = Items.get({ sku: sku })
  let item = found ?? { sku: sku, qty: 0 }
  let p = price(item)
  let n = item.qty + 1
  let avg = n / 2
  let label = "${sku}: ${n}"
  let qtys = for i in items { yield i.qty }
  let mixed = parallel {
    branch { yield 1 }
    branch { wait 1s }
  }
  let s = start f(sku, items)
  let empty = []
  return p
}
)");
  INFO((c->diagnostics.empty() ? std::string() : c->diagnostics.front().message));
  REQUIRE(c->result.ok);
  CHECK(VariableType(*c, "sku") == "string");
  CHECK(VariableType(*c, "found") == "Item?");
  CHECK(VariableType(*c, "item") == "Item");
  CHECK(VariableType(*c, "p") == "{ total: number }");
  CHECK(VariableType(*c, "n") == "int");
  CHECK(VariableType(*c, "avg") == "number");
  CHECK(VariableType(*c, "label") == "string");
  CHECK(VariableType(*c, "qtys") == "[int]");
  CHECK(VariableType(*c, "mixed") == "[int?]");
  CHECK(VariableType(*c, "s") == "{ executionArn: string, startDate: string }");
  CHECK(VariableType(*c, "empty") == "[json]");
  CHECK(VariableType(*c, "i") == "Item");
}

TEST_CASE("the model resolves names and calls", "[check][model]") {
  auto c = CheckText(R"(
queue Jobs
function work(job: json, note?: string) {
  runtime python3.12; handler "w.handler"; code "functions/w"
}
flow f(job: json) {
  let r = work(note: "x", job: job)
  Jobs.send(job)
}
)");
  REQUIRE(c->result.ok);
  const auto& flow = FirstFlow(*c);
  const auto& let = static_cast<const caios::ast::LetStmt&>(*flow.body.stmts[0]);
  const auto& call = static_cast<const caios::ast::CallExpr&>(*let.value.expr);
  const auto* info = c->result.model->Call(&call);
  REQUIRE(info != nullptr);
  CHECK(info->kind == caios::check::CallInfo::Kind::kFunction);
  CHECK(info->target->name == "work");
  REQUIRE(info->args.size() == 2);
  // Arguments are in parameter order, whatever order the call names them in.
  CHECK(info->args[0] == call.args[1].value.get());
  CHECK(info->args[1] == call.args[0].value.get());
  const auto& arg = static_cast<const caios::ast::NameExpr&>(*call.args[1].value);
  const auto* ref = c->result.model->Name(&arg);
  REQUIRE(ref != nullptr);
  REQUIRE(ref->variable != nullptr);
  CHECK(ref->variable->kind == caios::check::Variable::Kind::kParam);

  const auto& send = static_cast<const caios::ast::ExprStmt&>(*flow.body.stmts[1]);
  const auto* op = c->result.model->Call(static_cast<const caios::ast::CallExpr*>(send.expr.get()));
  REQUIRE(op != nullptr);
  CHECK(op->kind == caios::check::CallInfo::Kind::kResourceOp);
  CHECK(op->operation == "send");
  CHECK(TypeTable::ToString(c->result.model->TypeOf(send.expr.get())) == "{ messageId: string }");
}

TEST_CASE("errors are reported, never thrown", "[check][model]") {
  auto c = CheckText(R"(
type A = B
type B = A
flow f(x: Missing) {
  let y = z + 1
}
)");
  CHECK_FALSE(c->result.ok);
  REQUIRE(c->result.model != nullptr);
  bool cycle = false, unknown_type = false, unknown_name = false;
  for (const auto& d : c->diagnostics) {
    cycle |= d.kind == caios::DiagCode::kCyclicTypeAlias;
    unknown_type |= d.kind == caios::DiagCode::kUnknownType;
    unknown_name |= d.kind == caios::DiagCode::kUnknownName;
  }
  CHECK(cycle);
  CHECK(unknown_type);
  CHECK(unknown_name);
}

TEST_CASE("recursive and deep records: assignability without recursion", "[check][types]") {
  TypeTable t;
  // type Tree { id: string, kids: [Tree] } and an identical declaration under another name.
  auto tree = t.NewNamedRecord("Tree");
  t.SetFields(tree, {{"id", t.String(), false}, {"kids", t.Array(tree), false}});
  auto copy = t.NewNamedRecord("Copy");
  t.SetFields(copy,
              {{"id", t.String(), false}, {"kids", t.Array(copy), false}, {"n", t.Int(), false}});
  CHECK(t.Assignable(copy, tree));        // extra field `n` is fine
  CHECK_FALSE(t.Assignable(tree, copy));  // `n` is missing
  // Chains of 100,000 records (recursion would overflow the stack), each holding the one before;
  // they differ only at the bottom.
  auto chain = [&](const std::string& name, caios::types::TypeId bottom) {
    caios::types::TypeId prev = bottom;
    for (int i = 0; i < 100000; ++i) {
      auto r = t.NewNamedRecord(name + std::to_string(i));
      t.SetFields(r, {{"v", t.String(), false}, {"prev", prev, false}});
      prev = r;
    }
    return prev;
  };
  auto a = chain("A", t.Int());
  auto b = chain("B", t.Number());
  auto c = chain("C", t.String());
  CHECK(t.Assignable(a, b));  // int → number at the bottom
  CHECK_FALSE(t.Assignable(b, a));
  CHECK_FALSE(t.Assignable(a, c));
}
