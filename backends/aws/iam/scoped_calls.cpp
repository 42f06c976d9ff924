#include "backends/aws/iam/scoped_calls.h"

#include <cctype>

#include "backends/aws/iam/athena_calls.h"
#include "backends/aws/iam/policies.h"

namespace caios::aws {
namespace {

// How the resource ARN is made from the literal.
enum class Form {
  kRegional,      // Fn::Sub of
                  // arn:${AWS::Partition}:<svc>:${AWS::Region}:${AWS::AccountId}:<type>/<literal>
  kSsmParameter,  // as kRegional, without the name's leading `/`; a literal ARN as it is
  kStateMachine,  // the literal is the state machine's ARN
};

struct Entry {
  std::string_view service, operation;  // as in `aws.<service>.<operation>`
  std::string_view parameter;           // the parameter that names the resource
  Form form;
  std::string_view arn_service, resource_type;  // kRegional, kSsmParameter
  bool sync_same = false;  // the `.sync` actions take the same ARN (Glue job runs)
};

// The resource types are those of the IAM Service Authorization Reference for each action.
constexpr Entry kEntries[] = {
    {"glue", "startCrawler", "Name", Form::kRegional, "glue", "crawler"},
    {"glue", "getCrawler", "Name", Form::kRegional, "glue", "crawler"},
    {"glue", "stopCrawler", "Name", Form::kRegional, "glue", "crawler"},
    {"glue", "startJobRun", "JobName", Form::kRegional, "glue", "job", true},
    {"glue", "getJobRun", "JobName", Form::kRegional, "glue", "job"},
    {"glue", "getJobRuns", "JobName", Form::kRegional, "glue", "job"},
    {"ssm", "getParameter", "Name", Form::kSsmParameter, "ssm", "parameter"},
    {"sfn", "startExecution", "StateMachineArn", Form::kStateMachine, "", ""},
    {"states", "startExecution", "StateMachineArn", Form::kStateMachine, "", ""},
};

// Text inside Fn::Sub stands for itself: `${` becomes `${!` (CloudFormation writes `${!x}`
// as `${x}`), so a literal can never name a parameter or a resource attribute.
std::string SubLiteral(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      out += "{!";
      ++i;
    }
  }
  return out;
}

// A name the table scopes: not empty and no IAM wildcard (which would widen the grant).
bool Usable(std::string_view name) {
  return !name.empty() && name.find_first_of("*?") == std::string_view::npos;
}

Json Regional(std::string_view service, std::string_view type, std::string_view name) {
  return Sub("arn:${AWS::Partition}:" + std::string(service) +
             ":${AWS::Region}:${AWS::AccountId}:" + std::string(type) + "/" + SubLiteral(name));
}

}  // namespace

Json RegionalArn(std::string_view service, std::string_view type, std::string_view name) {
  return Regional(service, type, name);
}

bool ScopableName(std::string_view name) { return Usable(name); }

std::optional<ScopedCall> ScopeServiceCall(
    std::string_view service, std::string_view operation,
    const std::vector<std::pair<std::string, std::string>>& literal_params) {
  for (const Entry& e : kEntries) {
    if (e.service != service || e.operation != operation) continue;
    const std::string* literal = nullptr;
    for (const auto& [name, text] : literal_params) {
      if (name == e.parameter) literal = &text;
    }
    if (literal == nullptr || !Usable(*literal)) return std::nullopt;
    const std::string& name = *literal;
    ScopedCall out;
    switch (e.form) {
      case Form::kRegional:
        out.resources = {Regional(e.arn_service, e.resource_type, name)};
        if (e.sync_same) out.sync_resources = out.resources;
        break;
      case Form::kSsmParameter:
        if (name.starts_with("arn:")) {
          out.resources = {Json(name)};
        } else {
          out.resources = {Regional(e.arn_service, e.resource_type,
                                    name.starts_with("/") ? name.substr(1) : name)};
        }
        break;
      case Form::kStateMachine: {
        // arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME; its executions are
        // execution:NAME:ID (standard) or express:NAME:ID:ID (express).
        static constexpr std::string_view kType = ":stateMachine:";
        const size_t at = name.find(kType);
        if (!name.starts_with("arn:") || at == std::string::npos) return std::nullopt;
        const std::string base = name.substr(0, at);
        const std::string machine = name.substr(at + kType.size());
        if (machine.empty() || machine.find(':') != std::string::npos) return std::nullopt;
        out.resources = {Json(name)};
        out.sync_resources = {Json(base + ":execution:" + machine + ":*"),
                              Json(base + ":express:" + machine + ":*:*")};
        break;
      }
    }
    return out;
  }
  return std::nullopt;
}

namespace {

// ---------------------------------------------------------------- calls on declared entities

using EK = ir::EntityRef::Kind;
using RA = ir::ResourceAttribute;

constexpr unsigned Bit(RA a) { return 1u << static_cast<unsigned>(a); }

// What a rule's resources are for.
enum class Use {
  kOwn,    // the call's own actions
  kSplit,  // `actions` of the call's own, on these resources only (ScopedCall::split)
  kSync,   // the describe/stop actions of the `.sync` variant
  kData,   // `actions` the service performs with the caller's credentials (ScopedCall::data)
};

// A parameter that must name an entity of `kind` through one of `attributes`.
struct Rule {
  std::string_view parameter;  // nested parameters joined with `.`
  EK kind;
  unsigned attributes;
  std::string_view prefix;  // the literal text before the attribute
  bool whole;               // the attribute alone; else it may be followed by `/…`
  Scope scope;
  Use use = Use::kOwn;
  std::vector<std::string> actions = {};  // kSplit, kData
};

// How the call's own actions are scoped when no rule gives them resources.
enum class Own {
  kRules,
  kAthenaWorkGroup,       // the query's workgroup (athena_calls.h)
  kAthenaFlowWorkGroups,  // the workgroups of all the flow's queries (athena_calls.h)
};

struct EntityEntry {
  std::string_view service, operation;
  std::vector<Rule> rules;  // all must match
  Own own = Own::kRules;
};

const std::vector<EntityEntry>& EntityEntries() {
  static const std::vector<EntityEntry> entries = [] {
    std::vector<EntityEntry> out;
    const unsigned name = Bit(RA::kName), arn = Bit(RA::kArn), url = Bit(RA::kUrl);
    // S3: object actions are authorised on the bucket's objects, bucket actions on the bucket.
    for (std::string_view op :
         {"getObject", "putObject", "deleteObject", "deleteObjects", "headObject",
          "getObjectTagging", "putObjectTagging", "deleteObjectTagging", "getObjectAttributes",
          "restoreObject", "createMultipartUpload", "uploadPart", "completeMultipartUpload",
          "abortMultipartUpload"}) {
      out.push_back({"s3", op, {{"Bucket", EK::kBucket, name, "", true, Scope::kObjects}}});
    }
    for (std::string_view op : {"listObjectsV2", "listObjects", "listObjectVersions", "headBucket",
                                "getBucketLocation"}) {
      out.push_back({"s3", op, {{"Bucket", EK::kBucket, name, "", true, Scope::kEntity}}});
    }
    // Writes the destination, reads the source (`SOURCE-BUCKET/KEY`).
    out.push_back(
        {"s3",
         "copyObject",
         {{"Bucket", EK::kBucket, name, "", true, Scope::kObjects, Use::kSplit, {"s3:PutObject"}},
          {"CopySource",
           EK::kBucket,
           name,
           "",
           false,
           Scope::kObjects,
           Use::kSplit,
           {"s3:GetObject"}}}});
    for (std::string_view op :
         {"getItem", "putItem", "updateItem", "deleteItem", "scan", "describeTable"}) {
      out.push_back(
          {"dynamodb", op, {{"TableName", EK::kTable, name | arn, "", true, Scope::kEntity}}});
    }
    out.push_back({"dynamodb",
                   "query",
                   {{"TableName", EK::kTable, name | arn, "", true, Scope::kEntity},
                    {"TableName", EK::kTable, name | arn, "", true, Scope::kIndexes}}});
    for (std::string_view op :
         {"sendMessage", "sendMessageBatch", "receiveMessage", "deleteMessage",
          "deleteMessageBatch", "changeMessageVisibility", "getQueueAttributes", "purgeQueue"}) {
      out.push_back({"sqs", op, {{"QueueUrl", EK::kQueue, url, "", true, Scope::kEntity}}});
    }
    for (std::string_view op : {"publish", "publishBatch", "getTopicAttributes", "subscribe"}) {
      out.push_back({"sns", op, {{"TopicArn", EK::kTopic, arn, "", true, Scope::kEntity}}});
    }
    for (std::string_view op : {"putRecord", "putRecords", "describeStream",
                                "describeStreamSummary", "getShardIterator", "listShards"}) {
      out.push_back({"kinesis", op, {{"StreamName", EK::kStream, name, "", true, Scope::kEntity}}});
      out.push_back({"kinesis", op, {{"StreamARN", EK::kStream, arn, "", true, Scope::kEntity}}});
    }
    out.push_back({"lambda",
                   "invoke",
                   {{"FunctionName", EK::kFunction, name | arn, "", true, Scope::kEntity},
                    {"FunctionName", EK::kFunction, name | arn, "", true, Scope::kVersions}}});
    // A secret or a parameter of the parameter store, by its name or ARN.
    for (std::string_view op : {"getSecretValue", "describeSecret"}) {
      out.push_back({"secretsmanager",
                     op,
                     {{"SecretId", EK::kSecret, name | arn, "", true, Scope::kEntity}}});
    }
    for (std::string_view op : {"getParameter", "getParameterHistory"}) {
      out.push_back({"ssm", op, {{"Name", EK::kParameter, name | arn, "", true, Scope::kEntity}}});
    }
    for (std::string_view service : {"sfn", "states"}) {
      for (std::string_view op : {"startExecution", "startSyncExecution"}) {
        out.push_back(
            {service,
             op,
             {{"StateMachineArn", EK::kFlow, arn, "", true, Scope::kEntity},
              {"StateMachineArn", EK::kFlow, arn, "", true, Scope::kExecutions, Use::kSync}}});
      }
    }
    // Athena writes the results to the output location with the caller's credentials (the
    // policy AWS documents for Step Functions' Athena integration, on the declared bucket).
    out.push_back({"athena",
                   "startQueryExecution",
                   {{"ResultConfiguration.OutputLocation",
                     EK::kBucket,
                     name,
                     "s3://",
                     false,
                     Scope::kEntity,
                     Use::kData,
                     {"s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"}},
                    {"ResultConfiguration.OutputLocation",
                     EK::kBucket,
                     name,
                     "s3://",
                     false,
                     Scope::kObjects,
                     Use::kData,
                     {"s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts",
                      "s3:PutObject"}}},
                   Own::kAthenaWorkGroup});
    // A query's execution and results are authorised on its workgroup, which the call does
    // not name: the flow's own queries' workgroups (a query of another one is refused).
    for (std::string_view op : {"getQueryExecution", "getQueryResults", "stopQueryExecution"}) {
      out.push_back({"athena", op, {}, Own::kAthenaFlowWorkGroups});
    }
    return out;
  }();
  return entries;
}

const ir::Access::EntityParam* Match(const Rule& rule, const ir::Access& access) {
  for (const ir::Access::EntityParam& p : access.entity_params) {
    if (p.path != rule.parameter || p.entity.kind != rule.kind) continue;
    if ((rule.attributes & Bit(p.attribute)) == 0 || p.prefix != rule.prefix) continue;
    if (rule.whole ? !p.whole : !p.delimited) continue;
    return &p;
  }
  return nullptr;
}

}  // namespace

std::optional<ScopedCall> ScopeEntityCall(const ir::App& app, const ir::Access& access) {
  for (const EntityEntry& e : EntityEntries()) {
    if (e.service != access.service || e.operation != access.operation) continue;
    ScopedCall out;
    bool all = true;
    for (const Rule& rule : e.rules) {
      const ir::Access::EntityParam* p = Match(rule, access);
      if (p == nullptr) {
        all = false;
        break;
      }
      Json arn = ScopeArn(app, p->entity, rule.scope);
      switch (rule.use) {
        case Use::kOwn:
          out.resources.push_back(std::move(arn));
          break;
        case Use::kSplit:
          out.split.push_back({rule.actions, {std::move(arn)}});
          break;
        case Use::kSync:
          out.sync_resources.push_back(std::move(arn));
          break;
        case Use::kData:
          out.data.push_back({rule.actions, {std::move(arn)}});
          break;
      }
    }
    if (!all) continue;
    if (e.own == Own::kAthenaWorkGroup) {
      std::optional<Json> group = AthenaWorkGroup(access);
      if (!group) continue;
      out.resources = {*group};
      out.sync_resources = {*group};
    } else if (e.own == Own::kAthenaFlowWorkGroups) {
      std::optional<std::vector<Json>> groups = FlowAthenaWorkGroups(app, access.from);
      if (!groups) continue;
      out.resources = std::move(*groups);
    }
    return out;
  }
  return std::nullopt;
}

namespace {

// `corp-drop` -> `CorpDrop`, from the last part of a name or ARN; a kind's name when nothing
// of it makes a name (`Bucket`).
std::string DeclarationName(std::string_view literal, std::string_view kind) {
  const size_t cut = literal.find_last_of(":/");
  if (cut != std::string_view::npos) literal = literal.substr(cut + 1);
  std::string out;
  bool upper = true;
  for (char c : literal) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  std::string prefix(kind);
  prefix[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(prefix[0])));
  if (out.empty()) return prefix;
  if (std::isdigit(static_cast<unsigned char>(out[0])) != 0) return prefix + out;
  return out;
}

// The application's `existing` entity of `kind` declared with `literal`, if any.
std::optional<std::string> DeclaredExisting(const ir::App& app, EK kind, std::string_view literal) {
  auto find = [&](const auto& entities) -> std::optional<std::string> {
    for (const auto& e : entities) {
      if (e.existing && e.existing->parameter.empty() && e.existing->literal == literal) {
        return e.name;
      }
    }
    return std::nullopt;
  };
  switch (kind) {
    case EK::kBucket:
      return find(app.buckets);
    case EK::kTable:
      return find(app.tables);
    case EK::kTopic:
      return find(app.topics);
    case EK::kStream:
      return find(app.streams);
    case EK::kSecret:
      return find(app.secrets);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<ExistingSuggestion> SuggestExisting(const ir::App& app, const ir::Access& access) {
  for (const EntityEntry& e : EntityEntries()) {
    if (e.service != access.service || e.operation != access.operation) continue;
    for (const Rule& rule : e.rules) {
      if (!rule.whole || !rule.prefix.empty()) continue;
      if (rule.kind != EK::kBucket && rule.kind != EK::kTable && rule.kind != EK::kTopic &&
          rule.kind != EK::kStream && rule.kind != EK::kSecret) {
        continue;
      }
      for (const auto& [name, text] : access.literal_params) {
        if (name != rule.parameter || !ScopableName(text)) continue;
        const bool arn = text.starts_with("arn:");
        if (arn && (rule.attributes & Bit(RA::kArn)) == 0) continue;
        if (!arn && (rule.attributes & Bit(RA::kName)) == 0) continue;
        ExistingSuggestion out;
        out.kind = ir::KindName(rule.kind);
        out.literal = text;
        std::optional<std::string> already = DeclaredExisting(app, rule.kind, text);
        out.declared = already.has_value();
        const std::string declared = already ? *already : DeclarationName(text, out.kind);
        out.declaration = out.kind + " " + declared + " { existing \"" + text + "\"" +
                          (rule.kind == EK::kTable ? "; key …" : "") + " }";
        out.parameter = name;
        out.value = declared + (arn ? ".arn" : ".name");
        return out;
      }
    }
  }
  return std::nullopt;
}

}  // namespace caios::aws
