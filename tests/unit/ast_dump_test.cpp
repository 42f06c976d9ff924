// Tests of the AST dump (compiler/ast/ast_dump.h): every kind of node appears in it, the same
// tree dumps the same text, and trees one span, flag, optional or depth apart dump differently.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/ast/ast_dump.h"
#include "compiler/parse/parse.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

struct DumpedModule {
  ast::Module module;
  bool ok = false;
};

DumpedModule ParseForDump(const std::string& name, const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.Add(name, text);
  DumpedModule p;
  p.module = ParseFile(sources.Get(id), sink);
  p.ok = !sink.has_errors();
  return p;
}

// A program with every declaration, statement and expression kind, and every optional field
// of the tree set somewhere.
const char* const kEveryKind = R"caios(app dumpall

import std.retry
import "./types.caios"

type Item { id: string, "test-run-id"?: string, tags: [string], extra: int?, nothing: null }

table Orders: Item { key id: string; stream new_and_old; index byTag(tag, id) }
bucket Out
queue Jobs { existing param JobsQueueName }
connection Stripe { auth api_key; header "Authorization"; secret "stripe/api-key" }

policy Gentle retry {
  Aggressive
  on States.Timeout, "Busy", * attempts 3 interval 2s backoff 1.5 max 30s jitter
}

function charge(id: string, note?: string) -> { ok: bool } {
  runtime python3.12
  memory 512
  timeout 10s
  ratio 0.25
  flag true
  empty null
  share 5%
  env { A: "x" }
  layers ["l1"]
  uses Orders(read, write)
}

function handle(whole event: json) {
  runtime python3.12
}

flow child(x: int) express { return x }

flow other() -> string standard timeout 1h logging error tracing query jsonpath uses Out(read) {
  return "x"
}

flow outside(a: int) { existing "arn:aws:states:us-east-1:1:stateMachine:x" }

flow main(order: Item, n: int) -> json {
  let total: int = n * 2 + 1 - 3 / 4 % 5
  total = -total
  let ok = not (n < 1 or n <= 2 and n > 3 and n >= 4 and n == 5 or n != 6)
  let v = order.extra ?? 0
  let inn = "a" in order.tags
  let f = 1.5
  let b = false
  let z = null
  let s = "pre ${order.id} post"
  let o = { id: order.id, n, "q k": 1 }
  let arr = [1, 2][0]
  let c = [t for t in order.tags if t != ""]
  let c2 = [t for t in order.tags]
  charge(order.id, note: "n") retry Gentle timeout 10s heartbeat n
  charge(order.id) retry { on * attempts 2 }
  let r = run child(n) name "c-${n}" details
  start child(n)
  let a = await charge(order.id, task_token) timeout n heartbeat 1h
  if n > 1 { wait 5s } else if n > 2 { wait until "2026-01-01T00:00:00Z" } else { wait n }
  switch n {
    case 1, 2 { fail Bad("x") }
    default { fail Worse }
  }
  while true {
    if b { break } else { continue }
  }
  let ys = for i, x in order.tags concurrency 5 { yield x }
  for x in Out.objects(prefix: "in/") batch 10 max_bytes 1000 tolerate 5% distributed express results Out "runs/${n}/" {
    charge(x)
  }
  for x in order.tags batch max_bytes 100 tolerate 3 distributed standard results Out {
    charge(x)
  }
  let p = parallel {
    branch { yield 1 }
    branch { yield 2 }
  }
  try {
    fail Oops()
  } catch Oops, States.Timeout as e {
    return e
  } catch {
    return null
  }
  return {}
}

api Shop {
  rate 10
  GET "/orders/{id}" { burst 5 } -> charge
  POST "/x" -> start main
  PUT "/y" -> run child
}

schedule nightly "cron(0 2 * * ? *)" { timezone "Europe/Paris" } -> start main
schedule "rate(1 day)" -> charge
on Jobs.message batch 10 -> charge

test "it works" {
  mock charge returns { ok: true } times 2
  mock charge fails Busy("later")
  mock http.post "https://api.example.com/*" returns { status: 200 }
  expect true
}
)caios";

bool DumpHas(const std::string& dump, const std::string& text) {
  return dump.find(text) != std::string::npos;
}

TEST_CASE("ast dump: every declaration, statement and expression kind appears", "[ast_dump]") {
  DumpedModule p = ParseForDump("t.test.caios", kEveryKind);
  REQUIRE(p.ok);
  std::string dump = ast::Dump(p.module);
  INFO(dump);
  for (const char* kind : {"AppDecl", "ImportDecl", "TypeDecl", "ResourceDecl", "PolicyDecl",
                           "FunctionDecl", "FlowDecl", "ApiDecl", "ScheduleDecl", "TriggerDecl"}) {
    CAPTURE(kind);
    CHECK(DumpHas(dump, std::string(" ") + kind + " span="));
  }
  for (const char* kind : {"LetStmt", "AssignStmt", "ExprStmt", "IfStmt", "SwitchStmt", "WhileStmt",
                           "ForStmt", "ParallelStmt", "TryStmt", "FailStmt", "ReturnStmt",
                           "YieldStmt", "WaitStmt", "BreakStmt", "ContinueStmt"}) {
    CAPTURE(kind);
    CHECK(DumpHas(dump, std::string(" ") + kind + " span="));
  }
  // kError only comes out of a parse that recovered: checked below.
  for (const char* kind :
       {"StringExpr", "IntExpr", "NumberExpr", "BoolExpr", "NullExpr", "TaskTokenExpr", "NameExpr",
        "ObjectExpr", "ArrayExpr", "FieldExpr", "IndexExpr", "CallExpr", "UnaryExpr", "BinaryExpr",
        "PrefixExpr", "ComprehensionExpr"}) {
    CAPTURE(kind);
    CHECK(DumpHas(dump, std::string(" ") + kind + " span="));
  }
  // Fields that are absent by default, set by this program.
  for (const char* field : {"from_stdlib=true",
                            "from_stdlib=false",
                            "kind=record",
                            "kind=array",
                            "kind=optional",
                            "kind=null",
                            "optional=true",
                            "whole=true",
                            "resource=queue",
                            "OptionArg kind=typed",
                            "OptionArg kind=word",
                            "OptionArg kind=int",
                            "OptionArg kind=number",
                            "OptionArg kind=bool",
                            "OptionArg kind=null",
                            "OptionArg kind=duration",
                            "OptionArg kind=percent",
                            "OptionArg kind=object",
                            "OptionArg kind=array",
                            "OptionArg kind=string",
                            "has_params=true",
                            "FlowOption kind=express",
                            "FlowOption kind=standard",
                            "FlowOption kind=timeout",
                            "FlowOption kind=logging",
                            "FlowOption kind=tracing",
                            "FlowOption kind=query",
                            "value=1.5",
                            "backoff=1.5",
                            "attempts=3",
                            "jitter=true",
                            "interval=2000ms@",
                            "max_delay=30000ms@",
                            "op=neg",
                            "op=not",
                            "op=add",
                            "op=sub",
                            "op=mul",
                            "op=div",
                            "op=mod",
                            "op=eq",
                            "op=ne",
                            "op=lt",
                            "op=le",
                            "op=gt",
                            "op=ge",
                            "op=in",
                            "op=and",
                            "op=or",
                            "op=coalesce",
                            "op=run",
                            "op=start",
                            "op=await",
                            "shorthand=true",
                            "ExecutionName span=",
                            "literal=10000ms@",
                            "literal=-",
                            "mode=duration",
                            "mode=until",
                            "mode=seconds",
                            "ForClause kind=concurrency",
                            "ForClause kind=batch",
                            "ForClause kind=tolerate",
                            "ForClause kind=distributed",
                            "ForClause kind=results",
                            "has_count=false",
                            "limit_word=\"max_bytes\"@",
                            "percent=true",
                            "express_children=true",
                            "express_children=false",
                            "binding=\"e\"@",
                            "errors=[\"Oops\"@",
                            "TestInfo title=\"it works\"",
                            "url=\"https://api.example.com/*\"",
                            "error=\"Busy\"@",
                            "times=2",
                            "Target mode=call",
                            "Target mode=start",
                            "Target mode=run",
                            "Route span=",
                            "name=\"nightly\"@",
                            "name=-"}) {
    CAPTURE(field);
    CHECK(DumpHas(dump, field));
  }
  // No kind the dump does not know.
  for (const char* unknown : {"=?", "?Expr", "?Decl", "?Stmt", " ?\n"})
    CHECK_FALSE(DumpHas(dump, unknown));
  // Optional nodes present: an else block, a default block, a for index, a comprehension's
  // condition, a compound right-hand side, `details`, a test's `times`.
  CHECK(DumpHas(dump, "else_body Block span="));
  CHECK(DumpHas(dump, "default_body Block span="));
  CHECK(DumpHas(dump, "index=\"i\"@"));
  CHECK(DumpHas(dump, "condition BinaryExpr span="));
  CHECK(DumpHas(dump, "compound ParallelStmt span="));
  CHECK(DumpHas(dump, "compound ForStmt span="));
  CHECK(DumpHas(dump, "TaskClauses details=1:"));
  CHECK(DumpHas(dump, "heartbeat TimeValue span="));
  CHECK(DumpHas(dump, "seconds NameExpr span="));
  CHECK(DumpHas(dump, "times_span=1:"));
  CHECK(DumpHas(dump, "existing [1]"));
  CHECK(DumpHas(dump, "uses [1]"));
}

TEST_CASE("ast dump: an expression the parser recovered from is an ErrorExpr", "[ast_dump]") {
  // A mock below a test's top level is diagnosed and kept as an ErrorExpr statement.
  DumpedModule p =
      ParseForDump("t.test.caios", "test \"t\" {\n  if true {\n    mock f returns 1\n  }\n}\n");
  CHECK_FALSE(p.ok);
  CHECK(DumpHas(ast::Dump(p.module), "expr ErrorExpr span=1:"));
}

TEST_CASE("ast dump: lines, spans and strings are written exactly", "[ast_dump]") {
  DumpedModule p = ParseForDump("t.caios", "app shop\nflow f() { return \"a\\\"b\\n\" }\n");
  REQUIRE(p.ok);
  CHECK(ast::Dump(p.module) ==
        "module Module file=1\n"
        "  decls [2]\n"
        "    [0] AppDecl span=1:0-8 name=\"shop\"@1:4-8\n"
        "    [1] FlowDecl span=1:9-37 name=\"f\"@1:14-15\n"
        "      test -\n"
        "      params [0]\n"
        "      result -\n"
        "      options [0]\n"
        "      uses [0]\n"
        "      existing [0]\n"
        "      body Block span=1:18-37\n"
        "        stmts [1]\n"
        "          [0] ReturnStmt span=1:20-35\n"
        "            value StringExpr span=1:27-35 depth=1\n"
        "              texts [1]\n"
        "                [0] \"a\\\"b\\n\"\n"
        "              exprs [0]\n");
}

TEST_CASE("ast dump: the same tree dumps the same text", "[ast_dump]") {
  DumpedModule a = ParseForDump("t.test.caios", kEveryKind);
  DumpedModule b = ParseForDump("t.test.caios", kEveryKind);
  REQUIRE(a.ok);
  CHECK(ast::Dump(a.module) == ast::Dump(a.module));
  CHECK(ast::Dump(a.module) == ast::Dump(b.module));
  // Every sample too.
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(CAIOS_REPO_ROOT) / "samples")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".caios") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    CAPTURE(entry.path().string());
    DumpedModule first = ParseForDump(entry.path().filename().string(), text.str());
    DumpedModule second = ParseForDump(entry.path().filename().string(), text.str());
    CHECK(first.ok);
    std::string dump = ast::Dump(first.module);
    CHECK(dump == ast::Dump(second.module));
    CHECK(DumpHas(dump, "decls ["));
    CHECK_FALSE(DumpHas(dump, "decls [0]"));
  }
}

// ---- trees built by hand, one field apart

ast::ExprPtr NameAt(const std::string& text, uint32_t begin) {
  Span s{FileId{1}, begin, begin + static_cast<uint32_t>(text.size())};
  return std::make_unique<ast::NameExpr>(s, ast::Ident{text, s});
}

// app x; flow f(p: string) { let o = { a: p, b } ; run f(1.5) details } with an error name and
// a test; every mutation below changes one field of it.
ast::Module BuildSample() {
  ast::Module m;
  m.file = FileId{1};
  auto app = std::make_unique<ast::AppDecl>(Span{FileId{1}, 0, 5});
  app->name = ast::Ident{"x", Span{FileId{1}, 4, 5}};
  m.decls.push_back(std::move(app));

  auto flow = std::make_unique<ast::FlowDecl>(Span{FileId{1}, 6, 90});
  flow->name = ast::Ident{"f", Span{FileId{1}, 11, 12}};
  ast::Param param;
  param.name = ast::Ident{"p", Span{FileId{1}, 13, 14}};
  param.type = std::make_unique<ast::TypeRef>();
  param.type->kind = ast::TypeRef::Kind::kNamed;
  param.type->span = Span{FileId{1}, 16, 22};
  param.type->name = ast::Ident{"string", Span{FileId{1}, 16, 22}};
  param.span = Span{FileId{1}, 13, 22};
  flow->params.push_back(std::move(param));
  flow->body.span = Span{FileId{1}, 24, 90};

  auto let = std::make_unique<ast::LetStmt>(Span{FileId{1}, 26, 50});
  let->name = ast::Ident{"o", Span{FileId{1}, 30, 31}};
  auto object = std::make_unique<ast::ObjectExpr>(Span{FileId{1}, 34, 50});
  object->depth = 2;
  ast::ObjectField a;
  a.key = ast::Ident{"a", Span{FileId{1}, 36, 37}};
  a.value = NameAt("p", 39);
  a.span = Span{FileId{1}, 36, 40};
  object->fields.push_back(std::move(a));
  ast::ObjectField b;
  b.key = ast::Ident{"b", Span{FileId{1}, 42, 43}};
  b.value = NameAt("b", 42);
  b.shorthand = true;
  b.span = Span{FileId{1}, 42, 43};
  object->fields.push_back(std::move(b));
  let->value.expr = std::move(object);
  let->value.span = Span{FileId{1}, 34, 50};
  flow->body.stmts.push_back(std::move(let));

  auto stmt = std::make_unique<ast::ExprStmt>(Span{FileId{1}, 52, 80});
  auto call = std::make_unique<ast::CallExpr>(Span{FileId{1}, 56, 65}, NameAt("f", 56));
  ast::Arg arg;
  arg.value = std::make_unique<ast::NumberExpr>(Span{FileId{1}, 58, 61}, 1.5);
  arg.span = Span{FileId{1}, 58, 61};
  call->args.push_back(std::move(arg));
  call->args_span = Span{FileId{1}, 57, 62};
  call->depth = 2;
  auto run = std::make_unique<ast::PrefixExpr>(Span{FileId{1}, 52, 65}, ast::PrefixOp::kRun,
                                               Span{FileId{1}, 52, 55}, std::move(call));
  run->depth = 3;
  stmt->expr = std::move(run);
  stmt->clauses.details = Span{FileId{1}, 66, 73};
  flow->body.stmts.push_back(std::move(stmt));

  auto fail = std::make_unique<ast::FailStmt>(Span{FileId{1}, 81, 88});
  fail->error = ast::ErrorName{"Oops", Span{FileId{1}, 86, 90}};
  flow->body.stmts.push_back(std::move(fail));

  flow->test = std::make_unique<ast::TestInfo>();
  flow->test->title = "t";
  flow->test->title_span = Span{FileId{1}, 5, 8};
  ast::MockAnswer mock;
  mock.span = Span{FileId{1}, 1, 3};
  mock.function = ast::Ident{"g", Span{FileId{1}, 2, 3}};
  mock.returns = std::make_unique<ast::Expr>(ast::ExprKind::kNull, Span{FileId{1}, 3, 4});
  flow->test->mocks.push_back(std::move(mock));
  m.decls.push_back(std::move(flow));
  return m;
}

ast::FlowDecl& Flow(ast::Module& m) { return static_cast<ast::FlowDecl&>(*m.decls[1]); }

ast::ObjectExpr& SampleObject(ast::Module& m) {
  auto& let = static_cast<ast::LetStmt&>(*Flow(m).body.stmts[0]);
  return static_cast<ast::ObjectExpr&>(*let.value.expr);
}

ast::ExprStmt& SampleRunStmt(ast::Module& m) {
  return static_cast<ast::ExprStmt&>(*Flow(m).body.stmts[1]);
}

ast::CallExpr& SampleCall(ast::Module& m) {
  auto& run = static_cast<ast::PrefixExpr&>(*SampleRunStmt(m).expr);
  return static_cast<ast::CallExpr&>(*run.operand);
}

TEST_CASE("ast dump: trees one field apart dump differently", "[ast_dump]") {
  const std::string base = ast::Dump(BuildSample());
  CHECK(base == ast::Dump(BuildSample()));

  const std::vector<std::pair<const char*, std::function<void(ast::Module&)>>> mutations = {
      {"an identifier's span", [](ast::Module& m) { Flow(m).name.span.end += 1; }},
      {"a span's file", [](ast::Module& m) { m.decls[0]->span.file = FileId{2}; }},
      {"the module's file", [](ast::Module& m) { m.file = FileId{2}; }},
      {"a declaration's span", [](ast::Module& m) { Flow(m).span.begin -= 1; }},
      {"a block's span", [](ast::Module& m) { Flow(m).body.span.end += 1; }},
      {"an expression's depth", [](ast::Module& m) { SampleObject(m).depth = 3; }},
      {"a shorthand flag", [](ast::Module& m) { SampleObject(m).fields[1].shorthand = false; }},
      {"an object field's span", [](ast::Module& m) { SampleObject(m).fields[0].span.end = 41; }},
      {"details absent", [](ast::Module& m) { SampleRunStmt(m).clauses.details.reset(); }},
      {"details' span", [](ast::Module& m) { SampleRunStmt(m).clauses.details->begin = 67; }},
      {"an argument's name",
       [](ast::Module& m) {
         SampleCall(m).args[0].name = ast::Ident{"x", Span{FileId{1}, 58, 59}};
       }},
      {"the arguments' span", [](ast::Module& m) { SampleCall(m).args_span.end = 63; }},
      {"a number",
       [](ast::Module& m) {
         auto& n = static_cast<ast::NumberExpr&>(*SampleCall(m).args[0].value);
         n.value = std::nextafter(n.value, 2.0);
       }},
      {"an operator's span",
       [](ast::Module& m) {
         static_cast<ast::PrefixExpr&>(*SampleRunStmt(m).expr).op_span.end = 54;
       }},
      {"an operator",
       [](ast::Module& m) {
         static_cast<ast::PrefixExpr&>(*SampleRunStmt(m).expr).op = ast::PrefixOp::kStart;
       }},
      {"a retry clause", [](ast::Module& m) { SampleRunStmt(m).clauses.retries.emplace_back(); }},
      {"an error name's text",
       [](ast::Module& m) {
         static_cast<ast::FailStmt&>(*Flow(m).body.stmts[2]).error.text = "Oops ";
       }},
      {"a cause present",
       [](ast::Module& m) {
         static_cast<ast::FailStmt&>(*Flow(m).body.stmts[2]).cause = NameAt("c", 87);
       }},
      {"a parameter's optional flag", [](ast::Module& m) { Flow(m).params[0].optional = true; }},
      {"a parameter's type absent", [](ast::Module& m) { Flow(m).params[0].type.reset(); }},
      {"an expression's kind",
       [](ast::Module& m) { Flow(m).test->mocks[0].returns->kind = ast::ExprKind::kError; }},
      {"a mock's times", [](ast::Module& m) { Flow(m).test->mocks[0].times = 2; }},
      {"a mock's times span",
       [](ast::Module& m) {
         Flow(m).test->mocks[0].times_span = Span{FileId{1}, 3, 4};
       }},
      {"a mock's url", [](ast::Module& m) { Flow(m).test->mocks[0].url = ""; }},
      {"a mock's url span", [](ast::Module& m) { Flow(m).test->mocks[0].url_span.end = 1; }},
      {"a test's title", [](ast::Module& m) { Flow(m).test->title = "t\n"; }},
      {"the test absent", [](ast::Module& m) { Flow(m).test.reset(); }},
  };
  for (const auto& [what, mutate] : mutations) {
    CAPTURE(what);
    ast::Module m = BuildSample();
    mutate(m);
    CHECK(ast::Dump(m) != base);
  }
}

TEST_CASE("ast dump: strings are quoted so that different strings dump differently", "[ast_dump]") {
  // Each of these would print like another without escapes, or break the line.
  const std::vector<std::string> texts = {"a",   "a\"",   "a\\",    "a\\\"", "a\n", "a\\n",
                                          "a\t", "a\x01", "a\\x01", "",      " ",   "a\r"};
  std::vector<std::string> dumps;
  for (const std::string& text : texts) {
    ast::StringExpr s(Span{FileId{1}, 0, 1});
    s.texts.push_back(text);
    std::string dump = ast::Dump(s);
    CAPTURE(text, dump);
    CHECK(std::count(dump.begin(), dump.end(), '\n') == 4);  // one node or list a line
    for (const std::string& other : dumps) CHECK(dump != other);
    dumps.push_back(dump);
  }
  CHECK(dumps[1] ==
        "expr StringExpr span=1:0-1 depth=1\n  texts [1]\n    [0] \"a\\\"\"\n  exprs [0]\n");
}

TEST_CASE("ast dump: absent and present optionals differ in every kind of field", "[ast_dump]") {
  ast::ForStmt f(Span{FileId{1}, 0, 10});
  ast::ForClause clause;
  clause.kind = ast::ForClause::Kind::kDistributed;
  f.clauses.push_back(std::move(clause));
  std::string none = ast::Dump(f);
  CHECK(DumpHas(none, "express_children=-"));
  CHECK(DumpHas(none, "index=-"));
  CHECK(DumpHas(none, "iterable -"));
  f.clauses[0].express_children = false;
  std::string standard = ast::Dump(f);
  CHECK(DumpHas(standard, "express_children=false"));
  f.clauses[0].express_children = true;
  CHECK(DumpHas(ast::Dump(f), "express_children=true"));
  CHECK(standard != none);

  ast::RetryRule rule;
  ast::PolicyDecl policy(Span{FileId{1}, 0, 10});
  policy.retry.rules.push_back(rule);
  std::string plain = ast::Dump(policy);
  CHECK(DumpHas(plain, "attempts=- attempts_span=0:0-0 interval=- backoff=-"));
  policy.retry.rules[0].attempts = 0;
  CHECK(DumpHas(ast::Dump(policy), "attempts=0 "));
  policy.retry.rules[0].backoff = 0.1;
  CHECK(DumpHas(ast::Dump(policy), "backoff=0.1 "));
  policy.retry.rules[0].backoff = 0.1 + 0.2;
  CHECK(DumpHas(ast::Dump(policy), "backoff=0.30000000000000004 "));
}

}  // namespace
}  // namespace caios
