// Table-driven schemas of the options of resources, functions, triggers and schedules (names,
// argument shapes, the target's quantity that bounds each number or duration), plus the "did you
// mean" and duration-formatting helpers the option and quota checks share.
#pragma once

#include "compiler/diag/suggest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/target/limits.h"

namespace caios::options {

using target::kDay;
using target::kHour;
using target::kMinute;
using target::kSecond;
using target::kYear;

enum class ArgShape {
  kInt,             // 512
  kNumber,          // 1.5 or 2
  kDuration,        // 30s
  kString,          // "index.handler"
  kName,            // Orders (a plain word without parentheses)
  kKeyword,         // exactly the word `text` (e.g. `after` in `dead_letter after 5`)
  kEnum,            // one word of `values`
  kNameWithParams,  // byCustomer(customer, createdAt)
  kNameOptType,     // id  or  id: string
  kObject,          // { KEY: "value" }
  kArray,           // ["a", "b"]
};

struct ArgSpec {
  ArgShape shape = ArgShape::kName;
  std::string_view text;  // kKeyword: the word; otherwise the placeholder shown in usage
  // kInt and kDuration: the quantity whose range the target declares (target/limits.h).
  std::optional<target::Quantity> limit;
  std::string_view unit;                 // kInt: "MB", "bytes", ... (for messages)
  std::vector<std::string_view> values;  // kEnum: the accepted words
  bool variadic = false;                 // the last argument may repeat (`uses A(r), B(w)`)
};

struct OptionSpec;
// Extra checks of one option beyond shapes and ranges (env size, key types, ...).
using ExtraCheck = void (*)(const OptionSpec& spec, const ast::Option& option,
                            const target::Limits& limits, DiagnosticSink& sink);

struct OptionSpec {
  std::string_view name;
  std::vector<std::vector<ArgSpec>> forms;  // accepted argument lists; an empty one is a flag
  bool repeatable = false;
  ExtraCheck extra = nullptr;
};

// Relations between the options of one declaration.
struct Relation {
  enum class Kind {
    kRequired,        // `a` must be present ...
    kRequiredUnless,  // ... unless `b` is present
    kRequires,        // `a` (when its first argument is `a_value`, if set) needs `b` (with
                      // the first argument `b_value`, if set)
    kConflicts,       // `a` and `b` exclude each other
  };
  Kind kind;
  std::string_view a;
  std::string_view a_value;
  std::string_view b;
  std::string_view b_value;
};

struct Schema {
  std::string_view what;  // "table", "function", "queue trigger", ...
  std::vector<OptionSpec> options;
  std::vector<Relation> relations;
  // With `existing` (a resource outside the application): the options that still apply because
  // they describe the resource (a table's `key`, a queue's `fifo`) rather than configure it.
  // Every other option is E0535 beside `existing`, and only these remain required.
  std::vector<std::string_view> describing = {};
};

// The option that declares a resource or function outside the application:
// `existing "NAME-OR-ARN"`, `existing param PARAMETER` (the parameter holds the name) or
// `existing arn param PARAMETER` (it holds the ARN) (docs/language.md, section 4).
inline constexpr std::string_view kExistingOption = "existing";

// What a trigger listens to, as far as the module tells.
enum class TriggerSource {
  kUnknown,
  kQueue,
  kFifoQueue,
  kStream,
  kTable,
  kBucket,
  kTopic,
  kEvents
};

const Schema& ResourceSchema(ast::ResourceKind kind);
const Schema& FunctionSchema();
// `flow F(…) -> R { existing "NAME-OR-ARN" }`: the one option of a flow outside the application.
const Schema& ExistingFlowSchema();
const Schema& TriggerSchema(TriggerSource source);
const Schema& ScheduleSchema();
const Schema& ApiSchema();
const Schema& RouteSchema();

const OptionSpec* FindOption(const Schema& schema, std::string_view name);
// The first option line named `name` in a declaration's options, or null.
const ast::Option* FindOptionLine(const std::vector<ast::Option>& options, std::string_view name);
// What to say of `name`, an option `schema` lacks but a user may expect from another schema
// (E0501 shows it instead of the list of options); empty when there is nothing particular.
std::string_view MissingOptionNote(const Schema& schema, std::string_view name);
// The accepted shapes of an option for messages: "`memory MB`" or "`stream` or `stream VIEW`".
std::string Usage(const OptionSpec& spec);

// Known Lambda runtimes and permission words of `uses`, for tests and docs.
const std::vector<std::string_view>& LambdaRuntimes();
const std::vector<std::string_view>& UsePermissions();

// Whether a `uses` argument grants AWS SDK actions (`aws.ses(sendEmail)`) rather than
// permissions on a declared entity.
bool IsServiceUse(const ast::OptionArg& arg);

// ---- helpers shared by the option and quota checks

// "`a`, `b` or `c`"
std::string JoinChoices(const std::vector<std::string_view>& words);
// 90000 -> "90s", 3600000 -> "1h", 1500 -> "1500ms": the largest unit that divides evenly.
std::string FormatDuration(int64_t millis);
// 300000 -> "5 minutes", 3600000 -> "1 hour", for prose: the largest unit that divides evenly.
std::string FormatDurationInWords(int64_t millis);

}  // namespace caios::options
