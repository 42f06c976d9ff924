#include "backends/aws/iam/scoped_calls.h"

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

}  // namespace caios::aws
