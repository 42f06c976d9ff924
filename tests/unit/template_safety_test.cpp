// Source text cannot become a CloudFormation substitution: the whole build of a program with
// hostile strings, with DefinitionSubstitutions applied the way CloudFormation's state machine
// handler applies them (every `${KEY}` replaced in the definition's text, repeatedly), must
// leave the program's strings as written and still fill every placeholder (docs/iam.md,
// docs/architecture.md "Placeholders").
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "backends/aws/asl/placeholders.h"
#include "backends/aws/common/json.h"
#include "backends/aws/common/json_writer.h"
#include "compiler/driver/cli.h"
#include "nlohmann/json.hpp"
#include "tests/unit/scratch_test_util.h"
#include "yaml-cpp/yaml.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

using testing::Read;
using testing::Scratch;

int Build(const fs::path& src, const fs::path& out, const std::string& query, std::string& err) {
  std::vector<std::string> args = {"caios",      "build", "--stdlib",   CAIOS_SOURCE_STDLIB,
                                   src.string(), "-o",    out.string(), "--query-language",
                                   query};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream o, e;
  int exit = RunCli(static_cast<int>(args.size()), argv.data(), o, e);
  err = e.str();
  return exit;
}

// CloudFormation's substitution: each `${KEY}` replaced by its value until none is left.
std::string Substitute(std::string text, const std::vector<std::string>& keys) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::string& key : keys) {
      const std::string needle = "${" + key + "}";
      for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at)) {
        text.replace(at, needle.size(), "<value of " + key + ">");
        changed = true;
      }
    }
  }
  return text;
}

const char* kHostileApp = R"(app hostile
type Item { id: string }
table T: Item { key id: string }
bucket In
flow f(id: string) -> json {
  let item = T.get({ id: id })
  let k = In.get("\${InBucketName}")
  let p = "\${InBucketName}/${In.name}/${id}"
  return { a: "\${TTableName}", b: "\${AWS::AccountId}", c: "\${TTableName2}", item: item, k: k, p: p, q: "\${InBucketName}/${In.name}/x" }
}
)";

}  // namespace

TEST_CASE("safety: program strings survive DefinitionSubstitutions", "[safety]") {
  for (const std::string query : {"jsonata", "jsonpath"}) {
    Scratch s;
    std::ofstream(s.dir / "main.caios") << kHostileApp;
    std::string err;
    const int exit = Build(s.dir / "main.caios", s.dir / "out", query, err);
    INFO(query << "\n" << err);
    REQUIRE(exit == 0);
    YAML::Node machine = YAML::LoadFile(
        (s.dir / "out" / "template.yaml").string())["Resources"]["FStateMachine"]["Properties"];
    std::vector<std::string> keys;
    for (const auto& kv : machine["DefinitionSubstitutions"]) {
      keys.push_back(kv.first.as<std::string>());
    }
    REQUIRE(keys.size() == 2);
    const std::string definition = Read(s.dir / "out" / "statemachines" / "f.asl.json");
    const std::string deployed = Substitute(definition, keys);
    INFO(deployed);
    for (const char* text :
         {"${TTableName}", "${AWS::AccountId}", "${TTableName2}", "${InBucketName}"}) {
      CHECK(deployed.find(text) != std::string::npos);
    }
    // Both placeholders were filled: the table's and the bucket's.
    CHECK(deployed.find("<value of TTableName") != std::string::npos);
    CHECK(deployed.find("<value of InBucketName") != std::string::npos);
    // A resource's name inside the same string as the program's `${InBucketName}` text
    // (docs/language.md, "Resources as values"): the text stays, the name is filled.
    CHECK(deployed.find("${InBucketName}/<value of InBucketName2>/x") != std::string::npos);
  }
}

TEST_CASE("safety: sealing renames only placeholders the text already holds", "[safety]") {
  std::map<std::string, aws::Placeholder> placeholders;
  placeholders["TTableName"] =
      aws::Placeholder{"TTableName", ir::EntityRef{}, aws::Attribute::kName};
  placeholders["QQueueUrl"] = aws::Placeholder{"QQueueUrl", ir::EntityRef{}, aws::Attribute::kUrl};
  caios::aws::Json asl = {
      {"a", aws::PlaceholderMarker("TTableName")},
      {"b", aws::PlaceholderMarker("QQueueUrl")},
      {"${TTableName}", "x ${TTableName2} y"},
      {"c",
       "s3://" + aws::PlaceholderMarker("TTableName") + "/" + aws::PlaceholderMarker("QQueueUrl")},
  };
  std::vector<aws::Placeholder> sealed = aws::SealPlaceholders(asl, placeholders);
  REQUIRE(sealed.size() == 2);
  CHECK(sealed[0].name == "QQueueUrl");
  CHECK(sealed[1].name == "TTableName3");
  CHECK(asl["a"] == "${TTableName3}");
  CHECK(asl["b"] == "${QQueueUrl}");
  CHECK(asl["${TTableName}"] == "x ${TTableName2} y");
  // Markers inside a string (an interpolation, a JSONata expression) are sealed in place.
  CHECK(asl["c"] == "s3://${TTableName3}/${QQueueUrl}");
  CHECK_FALSE(aws::HoldsLiteralSubstitutionText(asl["c"], sealed));
  CHECK(aws::HoldsLiteralSubstitutionText(asl["${TTableName}"], sealed));
}

TEST_CASE("safety: the rendered definition answers as its tree does", "[safety]") {
  // RenderDefinition asks the JSON text whether the program's own `${` reaches the definition
  // (TextHoldsLiteralSubstitution) instead of walking the tree again: the answers must agree,
  // also where JSON escapes a name or an unterminated `${` runs on past its string.
  const std::vector<aws::Placeholder> placeholders = {
      aws::Placeholder{"TTableName", ir::EntityRef{}, aws::Attribute::kName}};
  const std::vector<caios::aws::Json> cases = {
      {{"a", "${TTableName}"}, {"b", {1, "x ${TTableName} y"}}},
      {{"a", "${TTableName"}, {"b", "}"}},
      {{"a", "${TTableName\"}"}, {"b", "x"}},
      {{"a", "$"}, {"b", "{TTableName}"}},
      {{"a", "${Other}"}},
      {{"${Key}", "plain"}},
      {{"a", "${\n}"}},
      {{"a", "$${TTableName}"}, {"b", {{"c", "{}"}}}},
      {{"a", "no placeholder at all"}, {"b", nullptr}, {"c", true}},
  };
  for (const caios::aws::Json& asl : cases) {
    std::string text;
    aws::JsonWriter(text).Value(asl);
    CAPTURE(text);
    CHECK(aws::TextHoldsLiteralSubstitution(text, placeholders) ==
          aws::HoldsLiteralSubstitutionText(asl, placeholders));
  }
  CHECK_FALSE(aws::TextHoldsLiteralSubstitution(R"({"a": "${TTableName}"})", placeholders));
  CHECK(aws::TextHoldsLiteralSubstitution(R"({"a": "${TTableName"})", placeholders));
}

}  // namespace caios
