// AWS's own service models (generated from botocore by scripts/gen_aws_models.py): services,
// operations, their input members and output shapes, read lazily from the embedded table.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caios::aws_models {

// A reference to a shape: a scalar, or a composite shape of the same service by index.
struct Ref {
  enum class Kind : uint8_t {
    kNone,  // an operation without input or output
    kString,
    kInt,
    kNumber,
    kBool,
    kTimestamp,
    kBlob,
    kJson,  // documents and event streams: any JSON
    kShape,
  };
  Kind kind = Kind::kNone;
  uint32_t index = 0;  // kShape
};

struct Member {
  std::string_view name;  // as Step Functions spells it (PascalCase)
  Ref ref;
  bool required = false;
};

struct Shape {
  enum class Kind : uint8_t { kStructure, kList, kMap };
  Kind kind = Kind::kStructure;
  std::string_view name;        // kStructure reached by an output; empty otherwise
  std::vector<Member> members;  // kStructure, in model order
  Ref element;                  // kList element, kMap value
  const Member* Find(std::string_view member) const;
};

struct Operation {
  std::string_view name;  // PascalCase, as in the model (`GetObject`)
  Ref input, output;
};

class Service {
 public:
  std::string_view name;  // the Step Functions `aws-sdk:` spelling (`sfn`, `s3`)
  // Other names of the service, comma-separated: botocore's name without hyphens when it
  // differs (`stepfunctions`, `logs`), and former names (`cloudwatchevents`).
  std::string_view aliases;
  std::string_view iam_prefix;  // the IAM action prefix (`states`, `s3`)

  bool HasAlias(std::string_view alias) const;
  // The operation an action in lowerCamelCase names (`getObject`), or nullptr.
  const Operation* FindOperation(std::string_view action) const;
  const std::vector<Operation>& operations() const;
  const Shape& shape(uint32_t index) const;
  // The undecoded lines of the service.
  std::string_view body() const { return body_; }

 private:
  friend struct Table;
  void Decode() const;
  std::string_view body_;
  mutable std::atomic<bool> decoded_{false};
  mutable std::vector<Operation> operations_;
  mutable std::vector<Shape> shapes_;
};

// The service named `name` (its Step Functions name or an alias), or nullptr.
const Service* FindService(std::string_view name);
// Every service's Step Functions name, sorted; then the aliases when `aliases` is set.
std::vector<std::string> ServiceNames(bool aliases = false);
// The services other than `except` that have an operation `action` (lowerCamelCase).
std::vector<const Service*> ServicesWithOperation(std::string_view action,
                                                  const Service* except = nullptr);
// The botocore version the table was generated from.
std::string_view BotocoreVersion();
// The embedded table (its size is measured in docs/performance.md).
std::string_view RawTable();

// `getObject` for `GetObject`.
std::string ActionName(std::string_view operation);

}  // namespace caios::aws_models
