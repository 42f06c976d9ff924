// Unit tests of the typed word options the check phase hands lowering (check::DeclOptions,
// compiler/check/typed_options.h): the option schema accepts exactly the words the typed
// records map, so no accepted word can fall through to a default in lowering (which once made
// an unknown `stream` view `new_and_old`), and any other word is E0504.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "backends/aws/target.h"
#include "compiler/check/check.h"
#include "compiler/check/option_schema.h"
#include "compiler/check/typed_options.h"
#include "compiler/parse/parse.h"
#include "tests/unit/check_test_util.h"

using namespace caios;
using D = check::DeclOptions;

namespace {

const char* const kTypedOptions[] = {"stream", "billing",  "deletion", "auth",
                                     "arch",   "starting", "lifecycle"};

// The words the schema's enumerated argument of `spec` accepts.
std::vector<std::string_view> SchemaWords(const options::OptionSpec& spec) {
  for (const auto& form : spec.forms) {
    for (const options::ArgSpec& arg : form) {
      if (arg.shape == options::ArgShape::kEnum) return arg.values;
    }
  }
  return {};
}

using testing::Checked;
using testing::CheckText;

// The declaration `name` of the checked module: a resource or a function.
const ast::Decl* DeclNamed(const Checked& c, std::string_view name) {
  for (const auto& d : c.program.modules[0].ast.decls) {
    if (d->kind == ast::DeclKind::kResource &&
        static_cast<const ast::ResourceDecl&>(*d).name.text == name) {
      return d.get();
    }
    if (d->kind == ast::DeclKind::kFunction &&
        static_cast<const ast::FunctionDecl&>(*d).name.text == name) {
      return d.get();
    }
  }
  FAIL("no declaration " << name);
  return nullptr;
}

const D& OptionsOf(const Checked& c, std::string_view name) {
  return c.result.model->OptionsOf(DeclNamed(c, name));
}

}  // namespace

TEST_CASE("typed options: the schema accepts exactly the words lowering gets typed",
          "[typed_options]") {
  std::vector<const options::Schema*> schemas = {
      &options::FunctionSchema(), &options::TriggerSchema(options::TriggerSource::kStream),
      &options::TriggerSchema(options::TriggerSource::kTable)};
  for (ast::ResourceKind kind :
       {ast::ResourceKind::kTable, ast::ResourceKind::kBucket, ast::ResourceKind::kQueue,
        ast::ResourceKind::kTopic, ast::ResourceKind::kStream, ast::ResourceKind::kEvents,
        ast::ResourceKind::kConnection}) {
    schemas.push_back(&options::ResourceSchema(kind));
  }
  for (const char* name : kTypedOptions) {
    size_t found = 0;
    for (const options::Schema* schema : schemas) {
      const options::OptionSpec* spec = options::FindOption(*schema, name);
      if (spec == nullptr) continue;
      INFO(schema->what << " " << name);
      ++found;
      std::vector<std::string_view> accepted = SchemaWords(*spec);
      std::vector<std::string_view> typed = check::TypedOptionWords(name);
      std::sort(accepted.begin(), accepted.end());
      std::sort(typed.begin(), typed.end());
      CHECK(accepted == typed);
    }
    INFO(name);
    CHECK(found > 0);
  }
}

TEST_CASE("typed options: the model holds each declaration's words as values", "[typed_options]") {
  auto c = CheckText(R"(
table Orders { key id: string; stream keys_only; billing provisioned; capacity 5, 5; deletion delete }
table Plain { key id: string; stream }
table Bare { key id: string }
bucket Receipts { deletion retain }
connection Partner { url "https://partner.example.com"; auth oauth; secret "partner/creds" }
function resize() { image "123456789012.dkr.ecr.us-east-1.amazonaws.com/resize:1"; arch arm64 }
)");
  INFO((c->diagnostics.empty() ? "" : c->diagnostics[0].message));
  REQUIRE(c->result.ok);
  CHECK(OptionsOf(*c, "Orders").stream == D::StreamView::kKeysOnly);
  CHECK(OptionsOf(*c, "Orders").billing == D::Billing::kProvisioned);
  CHECK(OptionsOf(*c, "Orders").deletion == D::Deletion::kDelete);
  CHECK(OptionsOf(*c, "Plain").stream == D::StreamView::kNewAndOld);  // `stream` alone
  CHECK(OptionsOf(*c, "Bare").stream == D::StreamView::kNone);
  CHECK(OptionsOf(*c, "Bare").billing == D::Billing::kOnDemand);
  CHECK(OptionsOf(*c, "Bare").deletion == D::Deletion::kRetain);
  CHECK(OptionsOf(*c, "Receipts").deletion == D::Deletion::kRetain);
  CHECK(OptionsOf(*c, "Partner").auth == D::Auth::kOAuth);
  CHECK(OptionsOf(*c, "resize").arch == D::Arch::kArm64);
}

TEST_CASE("typed options: a word the schema does not accept is E0504, never a default",
          "[typed_options]") {
  auto c = CheckText(R"(
table Orders { key id: string; stream new_and_olds; billing reserved; deletion destroy }
connection Partner { url "https://partner.example.com"; auth token; secret "partner/creds" }
function resize() { image "123456789012.dkr.ecr.us-east-1.amazonaws.com/resize:1"; arch arm }
)");
  CHECK_FALSE(c->result.ok);  // lowering does not run
  std::vector<std::string> bad;
  for (const Diagnostic& d : c->diagnostics) {
    if (d.kind == DiagCode::kOptionBadValue) bad.push_back(d.message);
  }
  CHECK(bad == std::vector<std::string>{
                   "`new_and_olds` is not a valid value of `stream`",
                   "`reserved` is not a valid value of `billing`",
                   "`destroy` is not a valid value of `deletion`",
                   "`token` is not a valid value of `auth`",
                   "`arm` is not a valid value of `arch`",
               });
}

TEST_CASE("typed options: a flow's logging level is typed; another word is E0504",
          "[typed_options]") {
  const std::pair<std::string_view, D::Logging> kLevels[] = {{"all", D::Logging::kAll},
                                                             {"error", D::Logging::kError},
                                                             {"fatal", D::Logging::kFatal},
                                                             {"off", D::Logging::kOff}};
  CHECK(check::TypedOptionWords("logging").size() == std::size(kLevels));
  for (const auto& [word, level] : kLevels) {
    auto c = CheckText("flow f() logging " + std::string(word) + " {\n  return 1\n}\n");
    INFO(word);
    REQUIRE(c->result.ok);
    const ast::Decl* flow = c->program.modules[0].ast.decls[0].get();
    CHECK(c->result.model->OptionsOf(flow).logging == level);
  }
  auto c = CheckText("flow f() logging verbose {\n  return 1\n}\n");
  CHECK_FALSE(c->result.ok);
  REQUIRE(!c->diagnostics.empty());
  CHECK(c->diagnostics[0].kind == DiagCode::kOptionBadValue);
}

TEST_CASE("typed options: a trigger's starting position and a bucket's storage classes are typed",
          "[typed_options]") {
  auto c = CheckText(R"(
stream Clicks { shards 1 }
table Orders { key id: string; stream }
bucket Archive { lifecycle transition glacier_ir 30d; lifecycle expire 400d; lifecycle transition deep_archive 180d }
function track(records: json[]) { runtime python3.12; handler "main.handler"; code "fn" }
on Clicks.record starting trim_horizon -> track
on Orders.change -> track
)");
  INFO((c->diagnostics.empty() ? "" : c->diagnostics[0].message));
  REQUIRE(c->result.ok);
  using S = D::StorageClass;
  CHECK(OptionsOf(*c, "Archive").transitions == std::vector<S>{S::kGlacierIr, S::kDeepArchive});
  std::vector<std::optional<D::Starting>> starting;
  for (const auto& d : c->program.modules[0].ast.decls) {
    if (d->kind == ast::DeclKind::kTrigger) {
      starting.push_back(c->result.model->OptionsOf(d.get()).starting);
    }
  }
  CHECK(starting ==
        std::vector<std::optional<D::Starting>>{D::Starting::kTrimHorizon, std::nullopt});
}
