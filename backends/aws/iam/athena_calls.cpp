#include "backends/aws/iam/athena_calls.h"

#include <cctype>
#include <string>
#include <string_view>

#include "backends/aws/iam/code_list.h"
#include "backends/aws/iam/policies.h"
#include "backends/aws/iam/scoped_calls.h"

namespace caios::aws {
namespace {

// What Athena reads from the Glue Data Catalog to run any query on a table (the database,
// the table and its partitions), and what DDL and writing queries change there.
const std::vector<std::string> kCatalogRead = {"glue:BatchGetPartition", "glue:GetDatabase",
                                               "glue:GetPartition",      "glue:GetPartitions",
                                               "glue:GetTable",          "glue:GetTables"};
const std::vector<std::string> kCatalogWrite = {
    "glue:BatchCreatePartition", "glue:BatchDeletePartition", "glue:BatchDeleteTable",
    "glue:CreatePartition",      "glue:CreateTable",          "glue:DeletePartition",
    "glue:DeleteTable",          "glue:UpdatePartition",      "glue:UpdateTable"};

bool IsStartQuery(const ir::Access& a) {
  return a.kind == ir::Access::Kind::kServiceCall && a.service == "athena" &&
         a.operation == "startQueryExecution";
}

const ir::Access::ParamText* Param(const ir::Access& a, std::string_view path) {
  for (const ir::Access::ParamText& p : a.param_texts) {
    if (p.path == path) return &p;
  }
  return nullptr;
}

// The query only reads the catalog: its text starts with a statement that changes nothing
// there. A text whose start is computed is not known to read only.
bool ReadsOnly(const ir::Access& a) {
  const ir::Access::ParamText* q = Param(a, "QueryString");
  if (q == nullptr) return false;
  size_t i = 0;
  while (i < q->text.size() &&
         (std::isspace(static_cast<unsigned char>(q->text[i])) || q->text[i] == '(')) {
    ++i;
  }
  std::string word;
  while (i < q->text.size() && std::isalpha(static_cast<unsigned char>(q->text[i]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(q->text[i++])));
  }
  // A keyword cut short by a computed part (`"SEL${x}"`) is not the keyword.
  if (i == q->text.size() && !q->whole) return false;
  for (std::string_view read :
       {"SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES", "TABLE"}) {
    if (word == read) return true;
  }
  return false;
}

// Why a Glue database name would not name the database: empty (no reason) when it does.
std::string DatabaseNameProblem(std::string_view name) {
  if (name.empty()) return "it is empty";
  if (name.size() > 255)
    return "it has " + std::to_string(name.size()) + " characters, not 1 to 255";
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      return "Glue stores names in lower case, and the grant would name another database";
    }
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return "Athena accepts only lower-case letters, digits and `_`";
    }
  }
  return {};
}

Json GlueArn(std::string_view rest) {
  return Sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:" + std::string(rest));
}

}  // namespace

std::optional<Json> AthenaWorkGroup(const ir::Access& access) {
  for (const auto& [name, text] : access.literal_params) {
    if (name == "WorkGroup") {
      if (!ScopableName(text)) return std::nullopt;
      return RegionalArn("athena", "workgroup", text);
    }
  }
  for (const std::string& key : access.param_keys) {
    if (key == "WorkGroup") return std::nullopt;  // computed
  }
  return RegionalArn("athena", "workgroup", "primary");
}

std::optional<std::vector<Json>> FlowAthenaWorkGroups(const ir::App& app, ir::FlowId flow) {
  std::vector<Json> groups;
  for (const ir::Access& a : app.AccessesOf(flow)) {
    if (!IsStartQuery(a)) continue;
    std::optional<Json> group = AthenaWorkGroup(a);
    if (!group) return std::nullopt;
    bool seen = false;
    for (const Json& g : groups) seen = seen || g == *group;
    if (!seen) groups.push_back(std::move(*group));
  }
  if (groups.empty()) return std::nullopt;
  return groups;
}

void AthenaQueryPolicy(PolicyBuilder& policy, const ir::App& app, const ir::Access& a,
                       DiagnosticSink& sink) {
  if (!IsStartQuery(a)) return;
  std::vector<std::string> actions = kCatalogRead;
  if (!ReadsOnly(a)) actions.insert(actions.end(), kCatalogWrite.begin(), kCatalogWrite.end());

  // The catalog: the account's Glue Data Catalog unless another one is named.
  const ir::Access::ParamText* catalog = Param(a, "QueryExecutionContext.Catalog");
  const ir::Access::ParamText* database = Param(a, "QueryExecutionContext.Database");
  std::string why;
  if (catalog != nullptr && !(catalog->whole && catalog->text == "AwsDataCatalog")) {
    why = catalog->whole ? "the query's catalog `" + catalog->text +
                               "` is not the account's AWS Glue Data Catalog, whose ARNs the "
                               "compiler knows"
                         : "the query's catalog is computed";
  } else if (database == nullptr) {
    why =
        "the query names its database only in its text; give "
        "`QueryExecutionContext: { Database: \"NAME\" }` to scope it";
  } else if (!database->whole) {
    why = "the query's database is computed; write it as a string literal to scope it";
  }
  if (why.empty()) {
    const std::string problem = DatabaseNameProblem(database->text);
    if (!problem.empty()) {
      sink.Emit(database->span, diag::AthenaDatabaseInvalid, database->text, problem);
      return;
    }
    policy.Allow(actions, {GlueArn("catalog"), GlueArn("database/" + database->text),
                           GlueArn("table/" + database->text + "/*")});
  } else {
    const std::string sid = "UnscopedAthenaCatalog";
    policy.AllowEverywhere(sid, actions);
    sink.Emit(a.span, diag::AwsAllowedEveryResource, a.service, a.operation)
        .Note("Athena reads the Glue Data Catalog with the flow's credentials: the role gets " +
              CodeList(actions) + " on `\"Resource\": \"*\"` in statement `" + sid + "`; " + why);
  }

  // The tables' data: Athena lists and reads (or writes) the buckets the flow `uses`.
  const ir::Flow& flow = app.flow(a.from);
  for (const ir::Grant& grant : flow.grants) {
    if (grant.target.kind != ir::EntityRef::Kind::kBucket) continue;
    bool reads = false, writes = false;
    for (ir::Permission p : grant.permissions) {
      reads = reads || p == ir::Permission::kRead;
      writes = writes || p == ir::Permission::kWrite || p == ir::Permission::kPut;
    }
    if (reads || writes) {
      policy.Allow({"s3:GetBucketLocation", "s3:ListBucket"},
                   {ScopeArn(app, grant.target, Scope::kEntity)});
    }
    if (writes) {
      policy.Allow({"s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"},
                   {ScopeArn(app, grant.target, Scope::kObjects)});
    }
  }
}

}  // namespace caios::aws
