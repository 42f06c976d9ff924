// Unit tests of the JSONPath value renderer (backends/aws/asl/jsonpath_values.cpp) on
// hand-built IR values: cases the language's own programs reach rarely or not at all.
#include <catch2/catch.hpp>

#include <string>

#include "backends/aws/asl/jsonpath.h"

using namespace caios;
using aws::JpValue;
using ir::ValueKind;

namespace {

struct ValueFixture {
  types::TypeTable types;
  aws::JpProblem problem;

  ir::ValuePtr Var(const std::string& name, types::TypeId type) { return ir::MakeVar(name, type); }
  ir::ValuePtr Int(int64_t n) {
    auto v = ir::MakeValue(ValueKind::kInt, types.Int());
    v->integer = n;
    return v;
  }
  ir::ValuePtr Node(ValueKind kind, types::TypeId type, ir::ValuePtr a, ir::ValuePtr b = {}) {
    auto v = ir::MakeValue(kind, type);
    v->children.push_back(std::move(a));
    if (b) v->children.push_back(std::move(b));
    return v;
  }
  // Variables in reach, nothing stored or chained (as in a Choice rule's operands).
  aws::JpScope Plain() { return aws::JpScope{std::nullopt, true, "", false, {}, {}, {}}; }
};

}  // namespace

TEST_CASE_METHOD(ValueFixture, "jsonpath values: a constant negative index counts from the end") {
  auto v = Node(ValueKind::kIndex, types.Int(), Var("xs", types.Array(types.Int())), Int(-2));
  auto out = aws::JsonPathValue(*v, Plain(), problem);
  REQUIRE(out);
  CHECK(out->kind == JpValue::Kind::kIntrinsic);
  CHECK(out->text ==
        "States.ArrayGetItem($.vars.xs.v, States.MathAdd(States.ArrayLength($.vars.xs.v), -2))");
}

TEST_CASE_METHOD(ValueFixture, "jsonpath values: a constant index of zero or more is a path") {
  auto v = Node(ValueKind::kIndex, types.Int(), Var("xs", types.Array(types.Int())), Int(1));
  auto out = aws::JsonPathValue(*v, Plain(), problem);
  REQUIRE(out);
  CHECK(out->kind == JpValue::Kind::kPath);
  CHECK(out->text == "$.vars.xs.v[1]");
}

TEST_CASE_METHOD(ValueFixture,
                 "jsonpath values: an object with computed fields is no intrinsic argument "
                 "without a place to store it") {
  // `{ a: x } in rows`: States.ArrayContains needs the object as a path.
  auto object = ir::MakeValue(ValueKind::kObject, types.Json());
  object->keys.push_back("a");
  object->children.push_back(Var("x", types.Int()));
  auto v = Node(ValueKind::kBinary, types.Bool(), std::move(object),
                Var("rows", types.Array(types.Json())));
  v->binary_op = ir::BinaryOp::kIn;
  auto out = aws::JsonPathValue(*v, Plain(), problem);
  CHECK_FALSE(out);
  CHECK(problem.reason.find("computed fields") != std::string::npos);
}

TEST_CASE_METHOD(ValueFixture, "jsonpath values: interpolation keeps every character of the text") {
  // A control character in the literal text once served as the marker of a hole.
  auto v = ir::MakeValue(ValueKind::kConcat, types.String());
  v->children.push_back(ir::MakeString("a\x01{", types.String()));
  v->children.push_back(Var("s", types.String()));
  v->children.push_back(ir::MakeString("}'\x01", types.String()));
  auto out = aws::JsonPathValue(*v, Plain(), problem);
  REQUIRE(out);
  CHECK(out->text == "States.Format('a\x01\\{{}\\}\\'\x01', $.vars.s.v)");
}

TEST_CASE_METHOD(ValueFixture,
                 "jsonpath values: a field of a json value is read null-safely, once for a chain") {
  // `x.a.b` with x: json: one IsPresent read of the whole path (the fields on the way may be
  // absent too), not one per field.
  auto a = Node(ValueKind::kField, types.Json(), Var("x", types.Json()));
  a->text = "a";
  auto b = Node(ValueKind::kField, types.Json(), std::move(a));
  b->text = "b";
  std::vector<std::string> reads;
  aws::JpScope scope = Plain();
  scope.absent = [&](const std::string& path) {
    reads.push_back(path);
    return std::string("$.tmp_c0.v");
  };
  auto out = aws::JsonPathValue(*b, scope, problem);
  REQUIRE(out);
  CHECK(out->text == "$.tmp_c0.v");
  CHECK(reads == std::vector<std::string>{"$.vars.x.v.a.b"});
  // `x["k"]` and `x[0]` as well.
  auto k = Node(ValueKind::kIndex, types.Json(), Var("x", types.Json()),
                ir::MakeString("k", types.String()));
  reads.clear();
  REQUIRE(aws::JsonPathValue(*k, scope, problem));
  auto first = Node(ValueKind::kIndex, types.Json(), Var("x", types.Json()), Int(0));
  REQUIRE(aws::JsonPathValue(*first, scope, problem));
  CHECK(reads == std::vector<std::string>{"$.vars.x.v['k']", "$.vars.x.v[0]"});
}

TEST_CASE_METHOD(ValueFixture,
                 "jsonpath values: a field of a json value where nothing can be read first") {
  auto v = Node(ValueKind::kField, types.Json(), Var("x", types.Json()));
  v->text = "k";
  CHECK_FALSE(aws::JsonPathValue(*v, Plain(), problem));
  CHECK(problem.reason.find("may be absent") != std::string::npos);
}
