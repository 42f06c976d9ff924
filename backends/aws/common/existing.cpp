#include "backends/aws/common/existing.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

// How one kind of entity is named and addressed (each service's naming rules, from its API
// reference: CreateTable, CreateBucket, CreateQueue, CreateTopic, CreateStream,
// CreateEventBus, CreateFunction, CreateStateMachine).
struct Naming {
  std::string_view what;          // "table name"
  std::string_view service;       // the ARN's service: `dynamodb`
  std::string_view arn_resource;  // what precedes the name in the ARN's resource: `table/`
  bool regional = true;           // false: the ARN has no region and account (S3)
  size_t min = 1, max = 0;
  std::string_view extra;    // characters allowed besides ASCII letters and digits
  bool lower_only = false;   // S3: lower-case letters only
  std::string_view rule;     // for messages
  bool fifo_suffix = false;  // `.fifo` names a FIFO queue or topic
};

const Naming& NamingOf(K kind) {
  static const Naming kTable{
      "table name", "dynamodb", "table/",
      true,         3,          255,
      "_.-",        false,      "3 to 255 letters, digits, `_`, `.` and `-`"};
  static const Naming kBucket{"bucket name",
                              "s3",
                              "",
                              false,
                              3,
                              63,
                              ".-",
                              true,
                              "3 to 63 lower-case letters, digits, `.` and `-`, starting and "
                              "ending with a letter or digit"};
  static const Naming kQueue{"queue name",
                             "sqs",
                             "",
                             true,
                             1,
                             80,
                             "_-",
                             false,
                             "1 to 80 letters, digits, `_` and `-` (a FIFO queue's ending in "
                             "`.fifo`)",
                             true};
  static const Naming kTopic{"topic name",
                             "sns",
                             "",
                             true,
                             1,
                             256,
                             "_-",
                             false,
                             "1 to 256 letters, digits, `_` and `-` (a FIFO topic's ending in "
                             "`.fifo`)",
                             true};
  static const Naming kStream{
      "stream name", "kinesis", "stream/",
      true,          1,         128,
      "_.-",         false,     "1 to 128 letters, digits, `_`, `.` and `-`"};
  static const Naming kBus{"event bus name",
                           "events",
                           "event-bus/",
                           true,
                           1,
                           256,
                           "/._-",
                           false,
                           "1 to 256 letters, digits, `/`, `.`, `_` and `-`"};
  static const Naming kFunction{"function name",
                                "lambda",
                                "function:",
                                true,
                                1,
                                64,
                                "_-",
                                false,
                                "1 to 64 letters, digits, `_` and `-`"};
  static const Naming kFlow{"state machine name",
                            "states",
                            "stateMachine:",
                            true,
                            1,
                            80,
                            "_-",
                            false,
                            "1 to 80 letters, digits, `_` and `-`"};
  // Secrets Manager (CreateSecret): the ARN's name ends in `-` and 6 random characters.
  static const Naming kSecret{"secret name",
                              "secretsmanager",
                              "secret:",
                              true,
                              1,
                              512,
                              "/_+=.@-",
                              false,
                              "1 to 512 letters, digits, `/`, `_`, `+`, `=`, `.`, `@` and `-`"};
  // Systems Manager (PutParameter): a name or a path `/a/b`; the ARN's resource is
  // `parameter/a/b` or `parameter/NAME`.
  static const Naming kParameter{"parameter name",
                                 "ssm",
                                 "parameter/",
                                 true,
                                 1,
                                 1011,
                                 "/_.-",
                                 false,
                                 "1 to 1011 letters, digits, `/`, `_`, `.` and `-`"};
  switch (kind) {
    case K::kSecret:
      return kSecret;
    case K::kParameter:
      return kParameter;
    case K::kTable:
      return kTable;
    case K::kBucket:
      return kBucket;
    case K::kQueue:
      return kQueue;
    case K::kTopic:
      return kTopic;
    case K::kStream:
      return kStream;
    case K::kEventBus:
      return kBus;
    case K::kFunction:
      return kFunction;
    default:
      return kFlow;
  }
}

bool Allowed(const Naming& naming, char c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= '0' && c <= '9') return true;
  if (c >= 'A' && c <= 'Z') return !naming.lower_only;
  return naming.extra.find(c) != std::string_view::npos;
}

std::string Show(char c) {
  if (c == ' ') return "a space";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    return "a character outside printable ASCII";
  }
  return "`" + std::string(1, c) + "`";
}

std::optional<std::string> NameProblem(const Naming& naming, std::string_view name, bool fifo) {
  std::string_view base = name;
  const bool has_fifo_suffix = naming.fifo_suffix && base.ends_with(".fifo");
  if (has_fifo_suffix) base.remove_suffix(5);
  for (char c : base) {
    if (!Allowed(naming, c)) {
      return std::string(naming.what) + " `" + std::string(name) + "` holds " + Show(c) +
             "; it has " + std::string(naming.rule);
    }
  }
  if (name.size() < naming.min || name.size() > naming.max) {
    return std::string(naming.what) + " `" + std::string(name) + "` has " +
           std::to_string(name.size()) + " characters; it has " + std::string(naming.rule);
  }
  if (naming.lower_only && (!std::isalnum(static_cast<unsigned char>(name.front())) ||
                            !std::isalnum(static_cast<unsigned char>(name.back())))) {
    return std::string(naming.what) + " `" + std::string(name) +
           "` must start and end with a letter or digit";
  }
  if (naming.service == "ssm" && name.find('/') != std::string_view::npos &&
      (!name.starts_with("/") || name.ends_with("/") ||
       name.find("//") != std::string_view::npos)) {
    return std::string(naming.what) + " `" + std::string(name) +
           "` is a path: it starts with `/` and has no empty level (`/app/threshold`)";
  }
  if (naming.fifo_suffix && fifo != has_fifo_suffix) {
    return fifo ? std::string(naming.what) + " `" + std::string(name) +
                      "` is declared `fifo`, but the name of a FIFO one ends in `.fifo`"
                : std::string(naming.what) + " `" + std::string(name) +
                      "` ends in `.fifo`, which names a FIFO one: declare it `fifo`";
  }
  return std::nullopt;
}

std::vector<std::string_view> Split(std::string_view s, char sep, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t i = s.find(sep);
    if (i == std::string_view::npos) break;
    parts.push_back(s.substr(0, i));
    s.remove_prefix(i + 1);
  }
  parts.push_back(s);
  return parts;
}

bool IsPartition(std::string_view p) {
  return p == "aws" || p == "aws-cn" || p == "aws-us-gov" || p == "aws-iso" || p == "aws-iso-b" ||
         p == "aws-iso-e" || p == "aws-iso-f" || p == "aws-eusc";
}

// `eu-west-1`, `us-gov-east-1`, `cn-north-1`: lower-case words and a number, `-`-separated.
bool IsRegion(std::string_view r) {
  std::vector<std::string_view> words = Split(r, '-', 8);
  if (words.size() < 3) return false;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w.empty()) return false;
    for (char c : w) {
      bool ok = i + 1 == words.size() ? (c >= '0' && c <= '9') : (c >= 'a' && c <= 'z');
      if (!ok) return false;
    }
  }
  return true;
}

bool IsAccount(std::string_view a) {
  if (a.size() != 12) return false;
  for (char c : a) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

struct ArnParts {
  std::string_view partition, service, region, account, resource;
};

std::optional<ArnParts> SplitArn(std::string_view arn) {
  std::vector<std::string_view> parts = Split(arn, ':', 6);
  if (parts.size() != 6 || parts[0] != "arn") return std::nullopt;
  return ArnParts{parts[1], parts[2], parts[3], parts[4], parts[5]};
}

std::optional<std::string> ArnProblem(const Naming& naming, std::string_view arn, bool fifo) {
  std::optional<ArnParts> parts = SplitArn(arn);
  const std::string shape = "`arn:PARTITION:" + std::string(naming.service) +
                            (naming.regional ? ":REGION:ACCOUNT:" : ":::") +
                            std::string(naming.arn_resource) + "NAME`";
  if (!parts) return "`" + std::string(arn) + "` is not an ARN: " + shape;
  if (!IsPartition(parts->partition)) {
    return "`" + std::string(parts->partition) +
           "` is not an AWS partition (`aws`, `aws-cn`, "
           "`aws-us-gov`, …)";
  }
  if (parts->service != naming.service) {
    return "the ARN names a resource of `" + std::string(parts->service) + "`; the ARN of a " +
           std::string(naming.what.substr(0, naming.what.rfind(' '))) + " is " + shape;
  }
  if (naming.regional) {
    if (!IsRegion(parts->region)) {
      return "`" + std::string(parts->region) + "` is not a region (`eu-west-1`)";
    }
    if (!IsAccount(parts->account)) {
      return "`" + std::string(parts->account) + "` is not an account ID (12 digits)";
    }
  } else if (!parts->region.empty() || !parts->account.empty()) {
    return "the ARN of a bucket has no region and account: " + shape;
  }
  if (!parts->resource.starts_with(naming.arn_resource)) {
    return "the ARN's resource is `" + std::string(parts->resource) + "`; expected " + shape;
  }
  std::string_view rest = parts->resource.substr(naming.arn_resource.size());
  if (naming.service == "secretsmanager") {
    // `secret:NAME-AbCdEf`: the 6 characters Secrets Manager added to the name. Without them
    // (a partial ARN) no IAM statement naming the ARN would match the secret's real one.
    const bool suffixed = rest.size() > 7 && rest[rest.size() - 7] == '-' &&
                          std::all_of(rest.end() - 6, rest.end(), [](char c) {
                            return std::isalnum(static_cast<unsigned char>(c)) != 0;
                          });
    if (!suffixed) {
      return "a secret's ARN ends in `-` and the 6 characters Secrets Manager added to its name "
             "(`…:secret:NAME-AbCdEf`); give the whole ARN, or the secret's name";
    }
    return NameProblem(naming, rest.substr(0, rest.size() - 7), fifo);
  }
  if (naming.service == "ssm" && rest.find('/') != std::string_view::npos) {
    return NameProblem(naming, "/" + std::string(rest), fifo);  // `parameter/a/b`: `/a/b`
  }
  return NameProblem(naming, rest, fifo);
}

Json Pseudo(std::string_view name) { return Json{{"Ref", std::string(name)}}; }

// The ARN of an existing entity named `name` (a string or a `Ref`) in this stack's partition,
// region and account.
Json ArnInThisAccount(const Naming& naming, Json name) {
  if (naming.service == "ssm") {
    // `parameter/a/b` for the path `/a/b`, `parameter/NAME` for a name; a template parameter
    // holds a path (its AllowedPattern), which brings its own `/`.
    if (name.is_string()) {
      std::string text = name.get<std::string>();
      name = text.starts_with("/") ? text : "/" + text;
    }
    return JoinParts(Json::array({"arn:", Pseudo("AWS::Partition"), ":ssm:", Pseudo("AWS::Region"),
                                  ":", Pseudo("AWS::AccountId"), ":parameter", std::move(name)}));
  }
  Json parts = Json::array({"arn:", Pseudo("AWS::Partition"), ":" + std::string(naming.service)});
  if (naming.regional) {
    parts.push_back(":");
    parts.push_back(Pseudo("AWS::Region"));
    parts.push_back(":");
    parts.push_back(Pseudo("AWS::AccountId"));
    parts.push_back(":" + std::string(naming.arn_resource));
  } else {
    parts.push_back(":::");
  }
  parts.push_back(std::move(name));
  return JoinParts(parts);
}

// `Fn::Select` of part `index` of `Fn::Split` of `text` at `separator`.
Json SelectPart(int index, std::string_view separator, Json text) {
  return Json{
      {"Fn::Select",
       Json::array(
           {index, Json{{"Fn::Split", Json::array({std::string(separator), std::move(text)})}}})}};
}

// The name in an ARN that a template parameter holds: what follows the kind's resource prefix
// (`table/`, `function:`), an S3 ARN's `:::` or (queues, topics) the account. A secret's and a
// parameter's ARN is given as their name (both services take it): a secret's ends in 6 random
// characters, a path parameter's lacks the `/` its name starts with.
Json NameFromArn(K kind, Json arn) {
  const Naming& naming = NamingOf(kind);
  if (kind == K::kSecret || kind == K::kParameter) return arn;
  if (!naming.regional) return SelectPart(1, ":::", std::move(arn));
  if (naming.arn_resource.empty()) return SelectPart(5, ":", std::move(arn));
  return SelectPart(1, naming.arn_resource, std::move(arn));
}

Json NameJson(const ir::Existing& existing, K kind) {
  if (existing.parameter_holds_arn) return NameFromArn(kind, Pseudo(existing.parameter));
  if (!existing.parameter.empty()) return Pseudo(existing.parameter);
  return ReadExistingLiteral(kind, existing.literal).name;
}

}  // namespace

std::optional<std::string> ExistingLiteralProblem(K kind, std::string_view literal, bool fifo) {
  const Naming& naming = NamingOf(kind);
  if (literal.starts_with("arn:")) return ArnProblem(naming, literal, fifo);
  return NameProblem(naming, literal, fifo);
}

ExistingLiteral ReadExistingLiteral(K kind, std::string_view literal) {
  ExistingLiteral out;
  std::optional<ArnParts> parts = literal.starts_with("arn:") ? SplitArn(literal) : std::nullopt;
  if (!parts) {
    out.name = std::string(literal);
    return out;
  }
  out.is_arn = true;
  out.partition = std::string(parts->partition);
  out.region = std::string(parts->region);
  out.account = std::string(parts->account);
  out.name = std::string(
      parts->resource.substr(std::min(parts->resource.size(), NamingOf(kind).arn_resource.size())));
  // `parameter/a/b` is the path `/a/b` (a name without `/` is itself).
  if (kind == K::kParameter && out.name.find('/') != std::string::npos) out.name = "/" + out.name;
  // A secret's ARN ends in `-` and 6 characters that Secrets Manager adds to its name.
  if (kind == K::kSecret && out.name.size() > 7 && out.name[out.name.size() - 7] == '-') {
    out.name.resize(out.name.size() - 7);
  }
  return out;
}

std::optional<std::string> ExistingParameterProblem(std::string_view parameter) {
  if (parameter.empty() || parameter.size() > 255) {
    return "a template parameter's name has 1 to 255 letters and digits";
  }
  for (char c : parameter) {
    if (!std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      return "a template parameter's name holds only letters and digits, not " + Show(c);
    }
  }
  return std::nullopt;
}

std::string ExistingNamePattern(K kind) {
  // A parameter store name held by a template parameter is a path, so that its ARN is known.
  if (kind == K::kParameter) return "^(/[A-Za-z0-9_.-]+)+$";
  const Naming& naming = NamingOf(kind);
  std::string chars = naming.lower_only ? "a-z0-9" : "A-Za-z0-9";
  for (char c : naming.extra) {
    if (c == '-') continue;  // last, below, so that it is literal
    chars += c == '.' ? "\\." : std::string(1, c);
  }
  if (naming.extra.find('-') != std::string_view::npos) chars += "-";
  return "^[" + chars + "]{" + std::to_string(naming.min) + "," + std::to_string(naming.max) + "}" +
         (naming.fifo_suffix ? "(\\.fifo)?" : "") + "$";
}

std::string ExistingArnPattern(K kind) {
  const Naming& naming = NamingOf(kind);
  std::string resource;
  for (char c : naming.arn_resource) {
    if (c == '/' || c == ':' || std::isalnum(static_cast<unsigned char>(c))) resource += c;
  }
  std::string name = ExistingNamePattern(kind);  // ^[…]{m,n}(\.fifo)?$
  if (kind == K::kParameter) name = "^[A-Za-z0-9_./-]{1,1011}$";
  name = name.substr(1, name.size() - 2);
  return "^arn:aws[a-z-]*:" + std::string(naming.service) +
         (naming.regional ? ":[a-z0-9-]+:[0-9]{12}:" : ":::") + resource + name + "$";
}

Json ExistingArn(K kind, const ir::Existing& existing) {
  const Naming& naming = NamingOf(kind);
  if (existing.parameter_holds_arn) return Pseudo(existing.parameter);
  if (existing.parameter.empty() && existing.literal.starts_with("arn:")) {
    return existing.literal;
  }
  return ArnInThisAccount(naming, NameJson(existing, kind));
}

Json ExistingName(K kind, const ir::Existing& existing) { return NameJson(existing, kind); }

Json ExistingExecutionsArn(const ir::Existing& existing) {
  if (existing.parameter_holds_arn) {
    // arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME
    const Json arn = Pseudo(existing.parameter);
    return JoinParts(
        Json::array({"arn:", SelectPart(1, ":", arn), ":states:", SelectPart(3, ":", arn), ":",
                     SelectPart(4, ":", arn), ":execution:", SelectPart(6, ":", arn), ":*"}));
  }
  if (existing.parameter.empty()) {
    ExistingLiteral lit = ReadExistingLiteral(K::kFlow, existing.literal);
    if (lit.is_arn) {
      return "arn:" + lit.partition + ":states:" + lit.region + ":" + lit.account +
             ":execution:" + lit.name + ":*";
    }
  }
  return JoinParts(
      Json::array({"arn:", Pseudo("AWS::Partition"), ":states:", Pseudo("AWS::Region"), ":",
                   Pseudo("AWS::AccountId"), ":execution:", NameJson(existing, K::kFlow), ":*"}));
}

Json ExistingSecretPolicyArn(const ir::Existing& existing) {
  if (GivenByArn(&existing)) return ExistingArn(K::kSecret, existing);
  Json arn = ExistingArn(K::kSecret, existing);
  if (arn.is_string()) return arn.get<std::string>() + "-??????";
  Json parts = arn["Fn::Join"][1];  // one `Fn::Join`, not one inside another
  parts.push_back("-??????");
  return JoinParts(parts);
}

Json ExistingUrl(K kind, const ir::Existing& existing) {
  // https://sqs.<region>.<URL suffix>/<account>/<name> (SQS: "queue and message identifiers").
  if (existing.parameter_holds_arn) {
    const Json arn = Pseudo(existing.parameter);
    return JoinParts(
        Json::array({"https://sqs.", SelectPart(3, ":", arn), ".", Pseudo("AWS::URLSuffix"), "/",
                     SelectPart(4, ":", arn), "/", SelectPart(5, ":", arn)}));
  }
  if (existing.parameter.empty()) {
    ExistingLiteral lit = ReadExistingLiteral(kind, existing.literal);
    if (lit.is_arn) {
      const std::string suffix = lit.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
      return "https://sqs." + lit.region + "." + suffix + "/" + lit.account + "/" + lit.name;
    }
  }
  return JoinParts(
      Json::array({"https://sqs.", Pseudo("AWS::Region"), ".", Pseudo("AWS::URLSuffix"), "/",
                   Pseudo("AWS::AccountId"), "/", NameJson(existing, kind)}));
}

void ForEachExisting(const ir::App& app,
                     const std::function<void(ir::EntityRef, const ir::Existing&)>& fn) {
  auto each = [&](K kind, size_t count) {
    for (uint32_t i = 0; i < count; ++i) {
      const ir::EntityRef ref{kind, i};
      if (const ir::Existing* existing = app.ExistingOf(ref)) fn(ref, *existing);
    }
  };
  each(K::kTable, app.tables.size());
  each(K::kBucket, app.buckets.size());
  each(K::kQueue, app.queues.size());
  each(K::kTopic, app.topics.size());
  each(K::kStream, app.streams.size());
  each(K::kEventBus, app.buses.size());
  each(K::kFunction, app.functions.size());
  each(K::kFlow, app.flows.size());
  each(K::kSecret, app.secrets.size());
  each(K::kParameter, app.parameters.size());
}

bool IsFifo(const ir::App& app, ir::EntityRef ref) {
  if (ref.kind == K::kQueue) return app.queues[ref.index].fifo;
  if (ref.kind == K::kTopic) return app.topics[ref.index].fifo;
  return false;
}

Json JoinParts(const Json& parts) {
  Json merged = Json::array();
  for (const Json& part : parts) {
    if (part.is_string() && !merged.empty() && merged.back().is_string()) {
      merged.back() = merged.back().get<std::string>() + part.get<std::string>();
    } else {
      merged.push_back(part);
    }
  }
  if (merged.size() == 1 && merged[0].is_string()) return merged[0];
  return Json{{"Fn::Join", Json::array({"", std::move(merged)})}};
}

}  // namespace caios::aws
