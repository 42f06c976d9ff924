// The option tables. A number or duration names the target::Quantity that bounds it; the
// target declares the range (AWS: backends/aws/limits.cpp). Fixed facts name their source:
// "quotas" pages are the service's "Quotas"/"Limits" page of the AWS documentation, "CFN"
// the CloudFormation resource reference.
#include "compiler/check/option_schema.h"

#include "compiler/aws_models/aws_models.h"
#include "compiler/check/aws_names.h"
#include "compiler/check/lambda_runtimes.h"
#include "compiler/diag/suggest.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <string>

namespace caios::options {
namespace {

using ast::OptionArg;
using Q = target::Quantity;

ArgSpec Arg(ArgShape shape, std::string_view text) {
  ArgSpec a;
  a.shape = shape;
  a.text = text;
  return a;
}
ArgSpec Int(std::string_view placeholder, target::Quantity limit, std::string_view unit) {
  ArgSpec a = Arg(ArgShape::kInt, placeholder);
  a.limit = limit;
  a.unit = unit;
  return a;
}
ArgSpec Dur(target::Quantity limit) {
  ArgSpec a = Arg(ArgShape::kDuration, "DURATION");
  a.limit = limit;
  return a;
}
ArgSpec Str(std::string_view placeholder) { return Arg(ArgShape::kString, placeholder); }
ArgSpec Name(std::string_view placeholder) { return Arg(ArgShape::kName, placeholder); }
ArgSpec Kw(std::string_view word) { return Arg(ArgShape::kKeyword, word); }
ArgSpec Enum(std::string_view placeholder, std::vector<std::string_view> values) {
  ArgSpec a = Arg(ArgShape::kEnum, placeholder);
  a.values = std::move(values);
  return a;
}
ArgSpec WithParams(std::string_view placeholder, bool variadic = false) {
  ArgSpec a = Arg(ArgShape::kNameWithParams, placeholder);
  a.variadic = variadic;
  return a;
}
ArgSpec NameType(std::string_view placeholder) { return Arg(ArgShape::kNameOptType, placeholder); }
ArgSpec Obj(std::string_view placeholder) { return Arg(ArgShape::kObject, placeholder); }
ArgSpec Arr(std::string_view placeholder) { return Arg(ArgShape::kArray, placeholder); }
ArgSpec StrVariadic(std::string_view placeholder) {
  ArgSpec a = Arg(ArgShape::kString, placeholder);
  a.variadic = true;
  return a;
}

// ---- extra checks

// DynamoDB key attributes are S, N or B (CFN AWS::DynamoDB::Table AttributeDefinition).
void CheckKeyType(const OptionSpec& /*spec*/, const ast::Option& option,
                  const target::Limits& /*limits*/, DiagnosticSink& sink) {
  static const std::vector<std::string_view> kKeyTypes = {"string", "number", "int", "binary"};
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kTyped || !arg.type) continue;
    const ast::TypeRef& type = *arg.type;
    bool ok = type.kind == ast::TypeRef::Kind::kNamed &&
              std::find(kKeyTypes.begin(), kKeyTypes.end(), type.name.text) != kKeyTypes.end();
    if (!ok) {
      sink.Emit(type.span, diag::KeyAttributeMustStringNumber)
          .Note("DynamoDB key attributes are strings, numbers or binary values");
    }
  }
}

// Indexes are `index NAME(partition)` or `index NAME(partition, sort)`.
void CheckIndex(const OptionSpec& /*spec*/, const ast::Option& option,
                const target::Limits& /*limits*/, DiagnosticSink& sink) {
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kWord) continue;
    if (arg.params.empty() || arg.params.size() > 2) {
      sink.Emit(arg.span, diag::IndexNamesPartitionKeyOptionally)
          .Note("expected `index NAME(partition)` or `index NAME(partition, sort)`");
    }
  }
}

// `uses aws.<service>(action, …)`: SDK actions the function's code calls on services outside
// the program.
void CheckServiceUses(const OptionArg& arg, DiagnosticSink& sink) {
  const std::string service = arg.text == "aws" ? "" : arg.text.substr(4);
  if (!check::IsAwsServiceName(service)) {
    std::string lower = service;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto& d = service.empty() ? sink.Emit(arg.span, diag::UsesAwsNeedsService)
                              : sink.Emit(arg.span, diag::UsesAwsServiceNotLowerCase, service);
    if (lower != service && check::IsAwsServiceName(lower)) d.Note("write `aws." + lower + "`");
    d.Note("for example `uses aws.ses(sendEmail)` or `uses aws.ssm(getParameter)`");
    return;
  }
  // The service and its actions must be AWS's, as for `aws.<service>.<action>` calls.
  const aws_models::Service* model = aws_models::FindService(service);
  if (model == nullptr) {
    auto& d = sink.Emit(arg.span, diag::UnknownAWSService, service);
    std::string hint = DidYouMean(service, aws_models::ServiceNames(true));
    if (!hint.empty()) d.Note(hint);
    return;
  }
  if (arg.params.empty()) {
    sink.Emit(arg.span, diag::UsesGrantsNothingNameActions, arg.text)
        .Note(
            "name the SDK actions the code calls, in lowerCamelCase, as in "
            "`uses aws.ses(sendEmail)`");
    return;
  }
  for (size_t i = 0; i < arg.params.size(); ++i) {
    const ast::Ident& p = arg.params[i];
    if (!check::IsAwsActionName(p.text)) {
      auto& d = sink.Emit(p.span, diag::UsesAwsActionNotCamelCase, p.text);
      const std::string fixed = check::LowerCamel(p.text);
      if (fixed != p.text && check::IsAwsActionName(fixed)) {
        d.Note("write `" + fixed + "`").Fix(p.span, fixed);
      }
    } else if (model->FindOperation(p.text) == nullptr) {
      auto& d = sink.Emit(p.span, diag::AWSServiceAction, service, p.text);
      std::vector<std::string> actions;
      for (const aws_models::Operation& op : model->operations()) {
        actions.push_back(aws_models::ActionName(op.name));
      }
      std::string hint = DidYouMean(p.text, actions);
      if (!hint.empty()) d.Note(hint);
    }
    for (size_t j = 0; j < i; ++j) {
      if (arg.params[j].text == p.text) {
        sink.Emit(p.span, diag::ActionListedTwice, p.text)
            .Label(arg.params[j].span, "first listed here");
        break;
      }
    }
  }
}

void CheckUses(const OptionSpec& /*spec*/, const ast::Option& option,
               const target::Limits& /*limits*/, DiagnosticSink& sink) {
  const auto& perms = UsePermissions();
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kWord) continue;
    if (IsServiceUse(arg)) {
      CheckServiceUses(arg, sink);
      continue;
    }
    if (arg.params.empty()) {
      sink.Emit(arg.span, diag::UsesGrantsNothingNamePermissions, arg.text)
          .Note("for example `uses " + arg.text +
                "(read, write)`; known permissions: " + JoinChoices(perms));
      continue;
    }
    for (size_t i = 0; i < arg.params.size(); ++i) {
      const ast::Ident& p = arg.params[i];
      if (std::find(perms.begin(), perms.end(), p.text) == perms.end()) {
        auto& d = sink.Emit(p.span, diag::UnknownPermission, p.text);
        if (auto close = ClosestMatch(p.text, perms)) {
          d.Note("did you mean `" + std::string(*close) + "`?").Fix(p.span, std::string(*close));
        } else {
          d.Note("known permissions: " + JoinChoices(perms));
        }
      }
      for (size_t j = 0; j < i; ++j) {
        if (arg.params[j].text == p.text) {
          sink.Emit(p.span, diag::PermissionListedTwice, p.text)
              .Label(arg.params[j].span, "first listed here");
          break;
        }
      }
    }
  }
}

// The words of an environment variable name in upper case: `DB_PASSWORD` and `dbPassword`
// both give DB, PASSWORD.
std::vector<std::string> NameWords(std::string_view key) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < key.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (c == '_') {
      if (!words.back().empty()) words.emplace_back();
      continue;
    }
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(key[i - 1])) &&
        !words.back().empty()) {
      words.emplace_back();
    }
    words.back() += static_cast<char>(std::toupper(c));
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// Whether a variable named `key` holds a secret: a word such as PASSWORD or TOKEN, or a pair
// such as API KEY, unless the last word says it holds where to find one (`…_SECRET_NAME`,
// `…_TOKEN_URL`, `…_PASSWORD_ARN`).
bool IsSecretName(std::string_view key) {
  static const std::set<std::string, std::less<>> kWords = {
      "PASSWORD", "PASSWD",     "PASSPHRASE",  "PWD",    "SECRET",
      "TOKEN",    "CREDENTIAL", "CREDENTIALS", "APIKEY", "PRIVATEKEY"};
  static const std::set<std::string, std::less<>> kKeyQualifiers = {"API", "PRIVATE", "ACCESS",
                                                                    "SIGNING", "ENCRYPTION"};
  static const std::set<std::string, std::less<>> kReferences = {
      "NAME", "ARN", "ID", "PATH", "URL", "URI", "PARAM", "PARAMETER", "FILE", "HEADER", "TTL"};
  const std::vector<std::string> words = NameWords(key);
  if (words.empty() || kReferences.count(words.back()) > 0) return false;
  for (size_t i = 0; i < words.size(); ++i) {
    if (kWords.count(words[i]) > 0) return true;
    if (words[i] == "KEY" && i > 0 && kKeyQualifiers.count(words[i - 1]) > 0) return true;
  }
  return false;
}

// The environment's size is bounded by the target (Lambda: 4 KB in all); keys must start with a
// letter and hold only letters, digits and `_`; some keys are reserved by the runtime
// ("Defined runtime environment variables", Lambda developer guide).
void CheckEnvironment(const OptionSpec& /*spec*/, const ast::Option& option,
                      const target::Limits& limits, DiagnosticSink& sink) {
  static const std::vector<std::string_view> kReserved = {"_HANDLER",
                                                          "_X_AMZN_TRACE_ID",
                                                          "AWS_DEFAULT_REGION",
                                                          "AWS_REGION",
                                                          "AWS_EXECUTION_ENV",
                                                          "AWS_LAMBDA_FUNCTION_NAME",
                                                          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                                                          "AWS_LAMBDA_FUNCTION_VERSION",
                                                          "AWS_LAMBDA_INITIALIZATION_TYPE",
                                                          "AWS_LAMBDA_LOG_GROUP_NAME",
                                                          "AWS_LAMBDA_LOG_STREAM_NAME",
                                                          "AWS_ACCESS_KEY",
                                                          "AWS_ACCESS_KEY_ID",
                                                          "AWS_SECRET_ACCESS_KEY",
                                                          "AWS_SESSION_TOKEN",
                                                          "AWS_LAMBDA_RUNTIME_API",
                                                          "LAMBDA_TASK_ROOT",
                                                          "LAMBDA_RUNTIME_DIR"};
  const int64_t max_bytes = limits.Of(target::Quantity::kFunctionEnvironmentSize).max;
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kObject || !arg.expr) continue;
    const auto& object = static_cast<const ast::ObjectExpr&>(*arg.expr);
    size_t total = 0;
    for (const ast::ObjectField& field : object.fields) {
      const std::string& key = field.key.text;
      total += key.size();
      bool key_ok = !key.empty() && std::isalpha(static_cast<unsigned char>(key[0]));
      for (char c : key)
        key_ok = key_ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
      if (!key_ok) {
        sink.Emit(field.key.span, diag::EnvironmentVariableNamesStartLetter);
      } else if (std::find(kReserved.begin(), kReserved.end(), key) != kReserved.end()) {
        sink.Emit(field.key.span, diag::ReservedLambdaRuntime, key);
      }
      const ast::Expr* value = field.value.get();
      if (value && value->kind == ast::ExprKind::kString &&
          static_cast<const ast::StringExpr*>(value)->is_plain()) {
        const std::string& text = static_cast<const ast::StringExpr*>(value)->texts[0];
        total += text.size();
        if (key_ok && !text.empty() && IsSecretName(key)) {
          sink.Emit(value->span, diag::LooksLikeSecretWrittenHere, key)
              .Note(
                  "environment values are stored in plain text in the template and the "
                  "function's configuration; keep the secret in Secrets Manager or SSM, pass its "
                  "name (e.g. `" +
                  key +
                  "_NAME`) and read it at run time with `uses aws.secretsmanager(getSecretValue)` "
                  "or `uses aws.ssm(getParameter)`");
        }
      } else if (value) {
        sink.Emit(value->span, diag::EnvironmentValuesMustPlainStrings)
            .Note("the compiler adds the names of used resources itself; see `uses`");
      }
    }
    if (static_cast<int64_t>(total) > max_bytes) {
      sink.Emit(arg.span, diag::EnvironmentTooLarge, total, max_bytes)
          .Note("the limit counts every key and value");
    }
  }
}

// Layers are ARNs, as many as the target allows (Lambda: five).
void CheckLayers(const OptionSpec& /*spec*/, const ast::Option& option,
                 const target::Limits& limits, DiagnosticSink& sink) {
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kArray || !arg.expr) continue;
    const auto& array = static_cast<const ast::ArrayExpr&>(*arg.expr);
    for (const ast::ExprPtr& e : array.elements) {
      if (e->kind != ast::ExprKind::kString ||
          !static_cast<const ast::StringExpr&>(*e).is_plain()) {
        sink.Emit(e->span, diag::LayerPlainStringARN);
      }
    }
    const int64_t max_layers = limits.Of(target::Quantity::kFunctionLayers).max;
    if (static_cast<int64_t>(array.elements.size()) > max_layers) {
      sink.Emit(arg.span, diag::TooManyLayers, max_layers, array.elements.size());
    }
  }
}

// CloudWatch Logs accepts only these retention periods (CFN AWS::Logs::LogGroup RetentionInDays).
void CheckLogRetention(const OptionSpec& /*spec*/, const ast::Option& option,
                       const target::Limits& /*limits*/, DiagnosticSink& sink) {
  static const int64_t kDays[] = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kDuration || arg.duration.millis % kDay != 0) continue;
    int64_t days = arg.duration.millis / kDay;
    if (std::find(std::begin(kDays), std::end(kDays), days) == std::end(kDays)) {
      int64_t best = kDays[0];
      for (int64_t d : kDays) {
        if (std::llabs(d - days) < std::llabs(best - days)) best = d;
      }
      sink.Emit(arg.span, diag::CloudWatchLogsKeepLogsDays, days)
          .Note(
              "valid periods are 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, "
              "731, 1096, 1827, 2192, 2557, 2922, 3288 and 3653 days; the closest is " +
              std::to_string(best) + "d");
    }
  }
}

// S3 lifecycle: objects must stay a while in S3 Standard before a transition to Standard-IA or
// One Zone-IA (the target's kInfrequentAccessTransitionAge).
void CheckLifecycle(const OptionSpec& /*spec*/, const ast::Option& option,
                    const target::Limits& limits, DiagnosticSink& sink) {
  if (option.args.size() != 3 || option.args[0].text != "transition") return;
  const OptionArg& cls = option.args[1];
  const OptionArg& after = option.args[2];
  if (after.kind != OptionArg::Kind::kDuration) return;
  const int64_t min_age = limits.Of(target::Quantity::kInfrequentAccessTransitionAge).min;
  if ((cls.text == "standard_ia" || cls.text == "onezone_ia") && after.duration.millis < min_age) {
    sink.Emit(after.span, diag::TransitionTooEarly, FormatDurationInWords(min_age), cls.text);
  }
}

void CheckHttpsUrl(const OptionSpec& /*spec*/, const ast::Option& option,
                   const target::Limits& /*limits*/, DiagnosticSink& sink) {
  for (const OptionArg& arg : option.args) {
    if (arg.kind == OptionArg::Kind::kString && arg.text.rfind("https://", 0) != 0) {
      sink.Emit(arg.span, diag::UrlMustStartHttps)
          .Note("Step Functions HTTP tasks call only HTTPS endpoints");
    }
  }
}

// A Lambda runtime is any identifier of the lifecycle table (runtime_lifecycle.cpp judges its
// dates). An unknown one suggests the closest identifier, else the newest runtime of each
// language rather than the whole table, most of which AWS no longer deploys.
void CheckRuntime(const OptionSpec& /*spec*/, const ast::Option& option,
                  const target::Limits& /*limits*/, DiagnosticSink& sink) {
  const OptionArg& arg = option.args[0];
  if (runtimes::FindRuntime(arg.text)) return;
  auto& d = sink.Emit(arg.span, diag::ValidValueRuntime, arg.text);
  if (auto close = ClosestMatch(arg.text, LambdaRuntimes())) {
    d.Note("did you mean `" + std::string(*close) + "`?").Fix(arg.span, std::string(*close));
    return;
  }
  std::vector<std::string_view> newest;
  for (const runtimes::RuntimeLifecycle& r : runtimes::AllRuntimes()) {
    if (r.successor.empty()) newest.push_back(r.id);
  }
  d.Note("expected a Lambda runtime identifier, such as " + JoinChoices(newest));
}

// A connection's secret becomes `{{resolve:secretsmanager:NAME}}`: only the characters
// Secrets Manager allows in a name, so the text cannot end the reference or start another.
void CheckSecretName(const OptionSpec& /*spec*/, const ast::Option& option,
                     const target::Limits& /*limits*/, DiagnosticSink& sink) {
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kString) continue;
    if (arg.text.empty()) {
      sink.Emit(arg.span, diag::SecretEmpty);
      continue;
    }
    size_t bad = arg.text.find_first_not_of(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_+=.@-");
    if (bad == std::string::npos && arg.text.size() <= 512) continue;
    (bad == std::string::npos
         ? sink.Emit(arg.span, diag::SecretNameTooLong)
         : sink.Emit(arg.span, diag::SecretNameBadCharacter, arg.text.substr(bad, 1)))
        .Note(
            "a secret name holds letters, digits and `/_+=.@-`; it becomes "
            "`{{resolve:secretsmanager:NAME}}` in the template");
  }
}

void CheckNonEmptyString(const OptionSpec& spec, const ast::Option& option,
                         const target::Limits& /*limits*/, DiagnosticSink& sink) {
  for (const OptionArg& arg : option.args) {
    if (arg.kind == OptionArg::Kind::kString && arg.text.empty()) {
      sink.Emit(arg.span, diag::OptionValueEmpty, spec.name);
    }
  }
}

// `existing "NAME-OR-ARN"` | `existing param PARAMETER` | `existing arn param PARAMETER`: what
// the literal or the parameter may hold is the target's to judge (backends/aws, E0619); here it
// must not be empty.
OptionSpec Existing() {
  return OptionSpec{kExistingOption,
                    {{Str("NAME_OR_ARN")},
                     {Kw("param"), Name("PARAMETER")},
                     {Kw("arn"), Kw("param"), Name("PARAMETER")}},
                    false,
                    CheckNonEmptyString};
}

const std::vector<std::string_view> kStorageClasses = {
    "standard_ia", "onezone_ia", "intelligent_tiering", "glacier_ir", "glacier", "deep_archive"};

// ---- the schemas

Schema MakeTable() {
  return Schema{
      "table",
      {
          Existing(),
          {"key", {{NameType("NAME[: TYPE]")}}, false, CheckKeyType},
          {"sort", {{NameType("NAME[: TYPE]")}}, false, CheckKeyType},
          {"ttl", {{Name("ATTRIBUTE")}}},
          // CFN StreamSpecification.StreamViewType.
          {"stream", {{}, {Enum("VIEW", {"new_image", "old_image", "new_and_old", "keys_only"})}}},
          {"index", {{WithParams("NAME(PARTITION[, SORT])")}}, true, CheckIndex},
          {"billing", {{Enum("MODE", {"on_demand", "provisioned"})}}},
          {"capacity",
           {{Int("READ", Q::kTableReadCapacity, "read units"),
             Int("WRITE", Q::kTableWriteCapacity, "write units")}}},
          {"pitr", {{}}},
          {"deletion", {{Enum("POLICY", {"retain", "delete"})}}},
      },
      {
          {Relation::Kind::kRequired, "key", {}, {}, {}},
          {Relation::Kind::kRequires, "capacity", {}, "billing", "provisioned"},
          {Relation::Kind::kRequires, "billing", "provisioned", "capacity", {}},
      },
      {"key", "sort", "index"}};
}

Schema MakeBucket() {
  return Schema{
      "bucket",
      {
          Existing(),
          {"versioned", {{}}},
          {"lifecycle",
           {{Kw("expire"), Dur(Q::kBucketLifecycleAge)},
            {Kw("transition"), Enum("CLASS", kStorageClasses), Dur(Q::kBucketLifecycleAge)}},
           true,
           CheckLifecycle},
          {"cors", {{}, {StrVariadic("ORIGIN")}}},
          {"events", {{}}},
          {"deletion", {{Enum("POLICY", {"retain", "delete"})}}},
      },
      {},
      {}};
}

Schema MakeQueue() {
  return Schema{
      "queue",
      {
          Existing(),
          {"fifo", {{}}},
          {"visibility", {{Dur(Q::kQueueVisibility)}}},
          {"retention", {{Dur(Q::kQueueRetention)}}},
          {"delay", {{Dur(Q::kQueueDelay)}}},
          {"max_size", {{Int("BYTES", Q::kQueueMessageSize, "bytes")}}},
          {"receive_wait", {{Dur(Q::kQueueReceiveWait)}}},
          // RedrivePolicy maxReceiveCount (SQS developer guide, dead-letter queues).
          {"dead_letter",
           {{Kw("after"), Int("N", Q::kQueueMaxReceives, "receives")},
            {Kw("after"), Int("N", Q::kQueueMaxReceives, "receives"), Kw("to"), Name("QUEUE")}}},
          {"content_dedup", {{}}},
          {"deletion", {{Enum("POLICY", {"retain", "delete"})}}},
      },
      {{Relation::Kind::kRequires, "content_dedup", {}, "fifo", {}}},
      {"fifo"}};
}

Schema MakeTopic() {
  return Schema{"topic",
                {Existing(), {"fifo", {{}}}, {"content_dedup", {{}}}},
                {{Relation::Kind::kRequires, "content_dedup", {}, "fifo", {}}},
                {"fifo"}};
}

Schema MakeStream() {
  return Schema{"stream",
                {
                    Existing(),
                    {"shards", {{Int("N", Q::kStreamShards, "shards")}}},
                    {"retention", {{Dur(Q::kStreamRetention)}}},
                    {"on_demand", {{}}},
                    {"deletion", {{Enum("POLICY", {"retain", "delete"})}}},
                },
                {{Relation::Kind::kConflicts, "shards", {}, "on_demand", {}}},
                {}};
}

Schema MakeEvents() {
  return Schema{"events",
                {
                    Existing(),
                    // EventBridge archive RetentionDays (no argument: kept forever).
                    {"archive", {{}, {Dur(Q::kEventsArchiveRetention)}}},
                    // Applies to the archive: the bus itself holds no data.
                    {"deletion", {{Enum("POLICY", {"retain", "delete"})}}},
                },
                {{Relation::Kind::kRequires, "deletion", {}, "archive", {}}},
                {}};
}

Schema MakeConnection() {
  return Schema{
      "connection",
      {
          {"url", {{Str("URL")}}, false, CheckHttpsUrl},
          // EventBridge connection AuthorizationType: API_KEY | BASIC | OAUTH_CLIENT_CREDENTIALS.
          {"auth", {{Enum("KIND", {"api_key", "basic", "oauth"})}}},
          {"header", {{Str("NAME")}}, true, CheckNonEmptyString},
          {"secret", {{Str("SECRET_NAME")}}, false, CheckSecretName},
      },
      {{Relation::Kind::kRequired, "auth", {}, {}, {}}}};
}

// A secret or a parameter of the parameter store is always outside the application: caios
// reads them and creates neither (docs/language.md, section 4).
Schema MakeSecret() {
  return Schema{"secret", {Existing()}, {{Relation::Kind::kRequired, "existing", {}, {}, {}}}};
}

Schema MakeParameter() {
  return Schema{"parameter", {Existing()}, {{Relation::Kind::kRequired, "existing", {}, {}, {}}}};
}

Schema MakeFunction() {
  return Schema{
      "function",
      {
          Existing(),
          {"runtime", {{Name("RUNTIME")}}, false, CheckRuntime},
          {"handler", {{Str("HANDLER")}}, false, CheckNonEmptyString},
          {"code", {{Str("PATH")}}, false, CheckNonEmptyString},
          {"image", {{Str("IMAGE_URI")}}, false, CheckNonEmptyString},
          {"memory", {{Int("MB", Q::kFunctionMemory, "MB")}}},
          {"timeout", {{Dur(Q::kFunctionTimeout)}}},
          {"ephemeral", {{Int("MB", Q::kFunctionEphemeralStorage, "MB")}}},
          {"arch", {{Enum("ARCH", {"x86_64", "arm64"})}}},
          {"env", {{Obj("{ NAME: \"value\" }")}}, false, CheckEnvironment},
          {"uses", {{WithParams("RESOURCE(PERMISSION, ...)", true)}}, true, CheckUses},
          {"concurrency", {{Int("N", Q::kFunctionReservedConcurrency, "reserved executions")}}},
          {"layers", {{Arr("[\"LAYER_ARN\", ...]")}}, false, CheckLayers},
          {"tracing", {{}}},
          {"log_retention", {{Dur(Q::kFunctionLogRetention)}}, false, CheckLogRetention},
      },
      {
          {Relation::Kind::kRequiredUnless, "runtime", {}, "image", {}},
          {Relation::Kind::kRequiredUnless, "handler", {}, "image", {}},
          {Relation::Kind::kRequiredUnless, "code", {}, "image", {}},
          {Relation::Kind::kConflicts, "image", {}, "runtime", {}},
          {Relation::Kind::kConflicts, "image", {}, "handler", {}},
          {Relation::Kind::kConflicts, "image", {}, "code", {}},
          {Relation::Kind::kConflicts, "image", {}, "layers", {}},
      },
      {}};
}

// Event source mappings (CFN AWS::Lambda::EventSourceMapping): BatchSize,
// MaximumBatchingWindowInSeconds, MaximumRetryAttempts and ParallelizationFactor (streams),
// ScalingConfig.MaximumConcurrency (SQS).
Schema MakeTrigger(TriggerSource source) {
  OptionSpec batch{"batch", {{Int("N", Q::kTriggerBatch, "records")}}};
  OptionSpec window{"window", {{Dur(Q::kTriggerBatchWindow)}}};
  // Failure handling of stream and table triggers: DestinationConfig.OnFailure (a mapping) or
  // DeadLetterConfig (a pipe), BisectBatchOnFunctionError / OnPartialBatchItemFailure,
  // MaximumRecordAgeInSeconds. The destination is resolved in resolve_names.cpp (E0225, E0523).
  OptionSpec on_failure{"on_failure", {{Name("QUEUE_OR_TOPIC")}}};
  OptionSpec bisect{"bisect", {{}}};
  OptionSpec max_age{"max_age", {{Dur(Q::kStreamTriggerMaxRecordAge)}}};
  switch (source) {
    case TriggerSource::kFifoQueue:
      return Schema{
          "FIFO queue trigger",
          {{"batch", {{Int("N", Q::kFifoQueueTriggerBatch, "messages")}}},
           {"concurrency", {{Int("N", Q::kQueueTriggerConcurrency, "concurrent invocations")}}}},
          {}};
    case TriggerSource::kQueue:
      return Schema{
          "queue trigger",
          {batch,
           window,
           {"concurrency", {{Int("N", Q::kQueueTriggerConcurrency, "concurrent invocations")}}}},
          {}};
    case TriggerSource::kStream:
    case TriggerSource::kTable:
      return Schema{
          source == TriggerSource::kStream ? "stream trigger" : "table stream trigger",
          {batch,
           window,
           {"starting", {{Enum("POSITION", {"latest", "trim_horizon"})}}},
           {"retries", {{Int("N", Q::kStreamTriggerRetries, "retries")}}},
           {"parallelization", {{Int("N", Q::kStreamTriggerParallelization, "batches per shard")}}},
           on_failure,
           bisect,
           max_age},
          {}};
    case TriggerSource::kBucket:
      return Schema{
          "bucket trigger", {{"prefix", {{Str("PREFIX")}}}, {"suffix", {{Str("SUFFIX")}}}}, {}};
    case TriggerSource::kTopic:
      return Schema{"topic trigger", {}, {}};
    // The event pattern's `source`: events from one producer, such as an AWS service
    // (`source "aws.ec2"`) on the account's default bus.
    case TriggerSource::kEvents:
      return Schema{"events trigger", {{"source", {{Str("SOURCE")}}}}, {}};
    case TriggerSource::kUnknown:
      break;
  }
  return Schema{
      "trigger",
      {batch,
       window,
       {"concurrency", {{Int("N", Q::kQueueTriggerConcurrency, "concurrent invocations")}}},
       {"starting", {{Enum("POSITION", {"latest", "trim_horizon"})}}},
       {"retries", {{Int("N", Q::kStreamTriggerRetries, "retries")}}},
       {"parallelization", {{Int("N", Q::kStreamTriggerParallelization, "batches per shard")}}},
       on_failure,
       bisect,
       max_age,
       {"prefix", {{Str("PREFIX")}}},
       {"suffix", {{Str("SUFFIX")}}},
       {"source", {{Str("SOURCE")}}}},
      {}};
}

// EventBridge Scheduler (CFN AWS::Scheduler::Schedule): RetryPolicy.MaximumRetryAttempts,
// RetryPolicy.MaximumEventAgeInSeconds, DeadLetterConfig.Arn an SQS queue,
// ScheduleExpressionTimezone 1..50 characters (checked in quotas.cpp, E0521).
Schema MakeSchedule() {
  return Schema{"schedule",
                {{"timezone", {{Str("AREA/CITY")}}},
                 {"retries", {{Int("N", Q::kScheduleRetries, "retries")}}},
                 {"max_age", {{Dur(Q::kScheduleMaxEventAge)}}},
                 {"dead_letter", {{Name("QUEUE")}}}},
                {}};
}

// Why `text` is not an origin a browser sends (`scheme://host[:port]`), or nullptr.
const char* OriginProblem(std::string_view text) {
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return "it starts with a scheme and `://`";
  for (char c : text.substr(0, sep)) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return "the scheme is letters only";
  }
  std::string_view host = text.substr(sep + 3);
  if (host.empty()) return "a host follows `://`";
  const size_t colon = host.find(':');
  if (colon != std::string_view::npos) {
    std::string_view port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (port.empty() || port.size() > 5) return "a port is one to five digits";
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return "a port is one to five digits";
    }
  }
  if (host.empty()) return "a host follows `://`";
  for (char c : host) {
    if (c == '/') return "an origin has no path, not even a trailing `/`";
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') {
      return "a host holds letters, digits, `.` and `-` only";
    }
  }
  return nullptr;
}

// `cors` of an api: no origin (any), `"*"`, or one origin (E0524, E0525).
void CheckApiCors(const OptionSpec& /*spec*/, const ast::Option& option,
                  const target::Limits& /*limits*/, DiagnosticSink& sink) {
  if (option.args.size() > 1) {
    sink.Emit(option.args[1].span, diag::ApiCorsOneOrigin, std::to_string(option.args.size()))
        .Note("write one origin, or `cors` alone to allow any origin");
  }
  for (const OptionArg& arg : option.args) {
    if (arg.kind != OptionArg::Kind::kString || arg.text == "*") continue;
    if (const char* problem = OriginProblem(arg.text)) {
      sink.Emit(arg.span, diag::CorsOriginInvalid, arg.text, problem)
          .Note("an origin is `scheme://host[:port]`, as in `https://shop.example.com`");
    }
  }
}

// Why `text` is not a Cognito user pool ARN
// (`arn:PARTITION:cognito-idp:REGION:ACCOUNT:userpool/ID`), or nullptr.
const char* UserPoolArnProblem(std::string_view text) {
  auto all = [](std::string_view s, auto pred) {
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [&](char c) { return pred(static_cast<unsigned char>(c)); });
  };
  std::vector<std::string_view> parts;
  size_t at = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t colon = text.find(':', at);
    if (colon == std::string_view::npos)
      return "it has the form `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID`";
    parts.push_back(text.substr(at, colon - at));
    at = colon + 1;
  }
  std::string_view resource = text.substr(at);
  if (parts[0] != "arn" || parts[1].rfind("aws", 0) != 0 || parts[2] != "cognito-idp") {
    return "it starts with `arn:aws:cognito-idp:`";
  }
  if (!all(parts[3],
           [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; })) {
    return "the region is lower-case letters, digits and `-`";
  }
  if (parts[4].size() != 12 || !all(parts[4], [](unsigned char c) { return std::isdigit(c); })) {
    return "the account is twelve digits";
  }
  if (resource.rfind("userpool/", 0) != 0 || !all(resource.substr(9), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
      })) {
    return "it ends with `userpool/` and the pool's ID (letters, digits, `_`, `-`)";
  }
  return nullptr;
}

// `auth iam | none | FUNCTION | cognito "ARN"` (the function is resolved with the names).
void CheckAuth(const OptionSpec& /*spec*/, const ast::Option& option,
               const target::Limits& /*limits*/, DiagnosticSink& sink) {
  if (option.args.size() != 2 || option.args[1].kind != OptionArg::Kind::kString) return;
  if (const char* problem = UserPoolArnProblem(option.args[1].text)) {
    sink.Emit(option.args[1].span, diag::CognitoArnInvalid, option.args[1].text, problem)
        .Note(
            "the pool's ARN is on its page in the Cognito console, or `aws cognito-idp "
            "describe-user-pool`");
  }
}

// API Gateway stage MethodSettings (CFN AWS::ApiGateway::Stage): ThrottlingRateLimit (requests
// per second) and ThrottlingBurstLimit, for the whole API (`/*/*`) or one route's method. `cors`
// is the API's (api_cors.h in the AWS backend).
Schema MakeApi(std::string_view what) {
  Schema schema{what,
                {{"rate", {{Int("N", Q::kApiThrottleRate, "requests per second")}}},
                 {"burst", {{Int("N", Q::kApiThrottleBurst, "requests")}}},
                 {"auth",
                  {{Name("iam|none|FUNCTION")}, {Kw("cognito"), Str("USER_POOL_ARN")}},
                  false,
                  CheckAuth}},
                {}};
  if (what == "REST API") {
    schema.options.push_back({"cors", {{}, {StrVariadic("ORIGIN")}}, false, CheckApiCors});
  } else {
    // `response`: the flow a `run` route runs answers with its result's `status`, `headers`
    // and `body` (compiler/lower/route_responses.h).
    schema.options.push_back({"response", {{}}});
  }
  return schema;
}

std::string ArgUsage(const ArgSpec& arg) {
  std::string text(arg.text);
  if (arg.shape == ArgShape::kEnum && arg.values.size() <= 4) {
    text.clear();
    for (size_t i = 0; i < arg.values.size(); ++i) {
      if (i) text += "|";
      text += arg.values[i];
    }
  }
  if (arg.variadic) text += ", ...";
  return text;
}

}  // namespace

const ast::Option* FindOptionLine(const std::vector<ast::Option>& options, std::string_view name) {
  for (const ast::Option& o : options) {
    if (o.name.text == name) return &o;
  }
  return nullptr;
}

const std::vector<std::string_view>& LambdaRuntimes() {
  // Every identifier of the lifecycle table: a deprecated or blocked runtime is still a runtime,
  // and the lifecycle check (runtime_lifecycle.cpp) names its successor.
  static const std::vector<std::string_view> kRuntimes = [] {
    std::vector<std::string_view> ids;
    for (const runtimes::RuntimeLifecycle& r : runtimes::AllRuntimes()) ids.push_back(r.id);
    return ids;
  }();
  return kRuntimes;
}

bool IsServiceUse(const ast::OptionArg& arg) {
  return arg.kind == ast::OptionArg::Kind::kWord &&
         (arg.text == "aws" || arg.text.rfind("aws.", 0) == 0);
}

const std::vector<std::string_view>& UsePermissions() {
  static const std::vector<std::string_view> kPerms = {
      "read",    "write", "delete", "list",  "query", "publish",   "send",
      "consume", "put",   "invoke", "start", "run",   "subscribe", "callback"};
  return kPerms;
}

const Schema& ResourceSchema(ast::ResourceKind kind) {
  static const Schema kTable = MakeTable(), kBucket = MakeBucket(), kQueue = MakeQueue(),
                      kTopic = MakeTopic(), kStream = MakeStream(), kEvents = MakeEvents(),
                      kConnection = MakeConnection(), kSecret = MakeSecret(),
                      kParameter = MakeParameter();
  switch (kind) {
    case ast::ResourceKind::kTable:
      return kTable;
    case ast::ResourceKind::kBucket:
      return kBucket;
    case ast::ResourceKind::kQueue:
      return kQueue;
    case ast::ResourceKind::kTopic:
      return kTopic;
    case ast::ResourceKind::kStream:
      return kStream;
    case ast::ResourceKind::kEvents:
      return kEvents;
    case ast::ResourceKind::kConnection:
      return kConnection;
    case ast::ResourceKind::kSecret:
      return kSecret;
    case ast::ResourceKind::kParameter:
      return kParameter;
  }
  return kTable;
}

const Schema& FunctionSchema() {
  static const Schema kFunction = MakeFunction();
  return kFunction;
}

const Schema& ExistingFlowSchema() {
  static const Schema kFlow{"flow", {Existing()}, {}, {}};
  return kFlow;
}

const Schema& TriggerSchema(TriggerSource source) {
  static const Schema kSchemas[] = {
      MakeTrigger(TriggerSource::kUnknown),   MakeTrigger(TriggerSource::kQueue),
      MakeTrigger(TriggerSource::kFifoQueue), MakeTrigger(TriggerSource::kStream),
      MakeTrigger(TriggerSource::kTable),     MakeTrigger(TriggerSource::kBucket),
      MakeTrigger(TriggerSource::kTopic),     MakeTrigger(TriggerSource::kEvents)};
  return kSchemas[static_cast<size_t>(source)];
}

const Schema& ApiSchema() {
  static const Schema kApi = MakeApi("REST API");
  return kApi;
}

const Schema& RouteSchema() {
  static const Schema kRoute = MakeApi("route");
  return kRoute;
}

const Schema& ScheduleSchema() {
  static const Schema kSchedule = MakeSchedule();
  return kSchedule;
}

std::string_view MissingOptionNote(const Schema& schema, std::string_view name) {
  // A queue trigger has no failure options of its own: SQS makes a failed message visible
  // again and moves it to the queue's redrive target after `dead_letter after N` receives.
  const bool queue_trigger = &schema == &TriggerSchema(TriggerSource::kQueue) ||
                             &schema == &TriggerSchema(TriggerSource::kFifoQueue);
  if (queue_trigger &&
      (name == "on_failure" || name == "retries" || name == "max_age" || name == "bisect")) {
    return "a queue trigger retries by letting the message become visible again; give the "
           "queue a dead-letter queue instead: `dead_letter after N to QUEUE` on the queue";
  }
  return {};
}

const OptionSpec* FindOption(const Schema& schema, std::string_view name) {
  for (const OptionSpec& spec : schema.options) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string Usage(const OptionSpec& spec) {
  std::string out;
  for (size_t f = 0; f < spec.forms.size(); ++f) {
    if (f) out += f + 1 == spec.forms.size() ? " or " : ", ";
    out += "`" + std::string(spec.name);
    for (const ArgSpec& arg : spec.forms[f]) out += " " + ArgUsage(arg);
    out += "`";
  }
  return out;
}

std::string JoinChoices(const std::vector<std::string_view>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += i + 1 == words.size() ? " or " : ", ";
    out += "`" + std::string(words[i]) + "`";
  }
  return out;
}

std::string FormatDuration(int64_t millis) {
  struct Unit {
    int64_t size;
    const char* suffix;
  };
  static const Unit kUnits[] = {{kDay, "d"}, {kHour, "h"}, {kMinute, "m"}, {kSecond, "s"}};
  if (millis == 0) return "0s";
  for (const Unit& u : kUnits) {
    if (millis % u.size == 0) return std::to_string(millis / u.size) + u.suffix;
  }
  return std::to_string(millis) + "ms";
}

std::string FormatDurationInWords(int64_t millis) {
  struct Unit {
    int64_t size;
    const char* name;
  };
  static const Unit kUnits[] = {
      {kYear, "year"}, {kDay, "day"}, {kHour, "hour"}, {kMinute, "minute"}, {kSecond, "second"}};
  for (const Unit& u : kUnits) {
    if (millis != 0 && millis % u.size == 0) {
      const int64_t n = millis / u.size;
      return std::to_string(n) + " " + u.name + (n == 1 ? "" : "s");
    }
  }
  return std::to_string(millis) + " milliseconds";
}

}  // namespace caios::options
