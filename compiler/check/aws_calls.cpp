// `aws.<service>.<action>(...)` calls checked against AWS's own service models
// (compiler/aws_models/aws_models.h): the service and the action exist, the parameters are the
// operation's, the required ones are given, and the result is typed with the output shape
// (docs/language.md, "AWS SDK calls").
#include <algorithm>
#include <set>

#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

using aws_models::Member;
using aws_models::Operation;
using aws_models::Ref;
using aws_models::Service;
using aws_models::Shape;

// Response shapes may be recursive and deep; past this many levels a value is `json`.
constexpr int kMaxTypeDepth = 24;
// Nested parameter objects are checked this deep (the lexer already bounds nesting).
constexpr int kMaxParamDepth = 32;

std::string CallName(const Service& service, const Operation& op) {
  return "aws." + std::string(service.name) + "." + aws_models::ActionName(op.name);
}

const Shape* StructureOf(const Service& service, Ref ref) {
  if (ref.kind != Ref::Kind::kShape) return nullptr;
  const Shape& shape = service.shape(ref.index);
  return shape.kind == Shape::Kind::kStructure ? &shape : nullptr;
}

std::vector<std::string> MemberNames(const Shape& shape) {
  std::vector<std::string> names;
  for (const Member& m : shape.members) names.emplace_back(m.name);
  return names;
}

}  // namespace

const aws_models::Operation* Checker::FindAwsOperation(const ast::FieldExpr& callee,
                                                       const aws_models::Service*& service) {
  const auto& service_field = static_cast<const ast::FieldExpr&>(*callee.object).field;
  const std::string& action = callee.field.text;
  service = aws_models::FindService(service_field.text);
  if (service == nullptr) {
    auto& d = Error(service_field.span, diag::UnknownAWSService, service_field.text);
    std::vector<const Service*> with_action = aws_models::ServicesWithOperation(action);
    auto match = ClosestMatch(service_field.text, aws_models::ServiceNames(true));
    const Service* suggested = match ? aws_models::FindService(*match) : nullptr;
    if (match) d.Note("did you mean `" + *match + "`?");
    if (!with_action.empty() && (suggested == nullptr || !suggested->FindOperation(action))) {
      // The suggested service lacks the action (`bedrok.invokeModel`): name one that has it.
      d.Note("`" + action + "` is an action of `" + std::string(with_action.front()->name) + "`");
    } else if (!match) {
      d.Note(
          "services are spelled as Step Functions' `aws-sdk:` integration spells them, e.g. "
          "`aws.s3`, `aws.dynamodb`, `aws.sfn`, `aws.cloudwatchlogs`");
    }
    return nullptr;
  }
  if (const Operation* op = service->FindOperation(action)) return op;
  auto& d = Error(callee.field.span, diag::AWSServiceAction, service_field.text, action);
  // The action of another service (`bedrock.invokeModel` is `bedrockruntime.invokeModel`):
  // prefer a service whose name starts with the one written.
  std::vector<const Service*> others = aws_models::ServicesWithOperation(action, service);
  std::stable_partition(others.begin(), others.end(), [&](const Service* s) {
    return s->name.substr(0, service->name.size()) == service->name;
  });
  std::vector<std::string> actions;
  for (const Operation& op : service->operations())
    actions.push_back(aws_models::ActionName(op.name));
  std::string hint = DidYouMean(action, actions);
  if (!others.empty()) {
    const std::string other(others.front()->name);
    d.Note("`" + action + "` is an action of `" + other + "`: write `aws." + other + "." + action +
           "`");
    d.Fix(service_field.span, other);
  } else if (!hint.empty()) {
    d.Note(hint);
  }
  return nullptr;
}

void Checker::CheckAwsParameters(const ast::CallExpr& call, const ast::Expr* arg, TypeId type,
                                 const aws_models::Service& service,
                                 const aws_models::Operation& op) {
  const Shape* input = StructureOf(service, op.input);
  const std::string name = CallName(service, op);
  if (arg != nullptr && arg->kind == ast::ExprKind::kObject) {
    if (input != nullptr) {
      CheckAwsValue(*arg, service, op.input, name, "", 0);
    } else if (!static_cast<const ast::ObjectExpr&>(*arg).fields.empty()) {
      Error(arg->span, diag::AwsCallTakesNoParameters, name);
    }
    return;
  }
  if (input == nullptr) return;
  // A value of a record type: its fields are the parameters (a `json` value is not checked).
  std::set<std::string_view> given;
  if (arg != nullptr) {
    if (type == nullptr || !type->is(TypeKind::kRecord)) return;
    for (const Field& f : type->fields) {
      given.insert(f.name);
      if (input->Find(f.name) == nullptr) {
        auto& d = Error(arg->span, diag::AwsCallHasNoParameter, name, f.name);
        d.Note("the parameter object has type `" + Str(type) + "`");
        std::string hint = DidYouMean(f.name, MemberNames(*input));
        if (!hint.empty()) d.Note(hint);
      }
    }
  }
  std::vector<std::string> missing;
  for (const Member& m : input->members) {
    if (m.required && given.count(m.name) == 0) missing.emplace_back(m.name);
  }
  if (!missing.empty()) {
    const Span at = arg != nullptr ? arg->span : call.span;
    (missing.size() == 1 ? Error(at, diag::MissingAwsParameterOf, JoinQuoted(missing), name)
                         : Error(at, diag::MissingAwsParametersOf, JoinQuoted(missing), name))
        .Note("pass them in the parameter object: `" + name + "({ " + missing.front() +
              ": ... })`");
  }
}

void Checker::CheckAwsValue(const ast::Expr& value, const aws_models::Service& service,
                            aws_models::Ref ref, const std::string& call, const std::string& path,
                            int depth) {
  if (depth > kMaxParamDepth || ref.kind != Ref::Kind::kShape) return;
  const Shape& shape = service.shape(ref.index);
  switch (shape.kind) {
    case Shape::Kind::kStructure: {
      if (value.kind != ast::ExprKind::kObject) return;
      const auto& object = static_cast<const ast::ObjectExpr&>(value);
      const std::string where =
          path.empty() ? "of `" + call + "`" : "in `" + path + "` of `" + call + "`";
      std::set<std::string_view> given;
      for (const ast::ObjectField& field : object.fields) {
        given.insert(field.key.text);
        const Member* m = shape.Find(field.key.text);
        if (m == nullptr) {
          auto& d = Error(field.key.span, diag::UnknownAwsParameterIn, field.key.text, where);
          std::string hint = DidYouMean(field.key.text, MemberNames(shape));
          if (!hint.empty()) {
            d.Note(hint);
          } else if (shape.members.empty()) {
            d.Note("`" + (path.empty() ? call : path) + "` takes no parameters");
          } else if (shape.members.size() <= 12) {
            d.Note("the parameters are " + JoinQuoted(MemberNames(shape)));
          }
          continue;
        }
        CheckAwsValue(*field.value, service, m->ref, call,
                      path.empty() ? field.key.text : path + "." + field.key.text, depth + 1);
      }
      std::vector<std::string> missing;
      for (const Member& m : shape.members) {
        if (m.required && given.count(m.name) == 0) missing.emplace_back(m.name);
      }
      if (!missing.empty()) {
        if (missing.size() == 1) {
          Error(object.span, diag::MissingAwsParameterIn, JoinQuoted(missing), where);
        } else {
          Error(object.span, diag::MissingAwsParametersIn, JoinQuoted(missing), where);
        }
      }
      return;
    }
    case Shape::Kind::kList:
      if (value.kind != ast::ExprKind::kArray) return;
      for (const ast::ExprPtr& e : static_cast<const ast::ArrayExpr&>(value).elements) {
        CheckAwsValue(*e, service, shape.element, call, path + "[]", depth + 1);
      }
      return;
    case Shape::Kind::kMap:
      if (value.kind != ast::ExprKind::kObject) return;
      for (const ast::ObjectField& field : static_cast<const ast::ObjectExpr&>(value).fields) {
        CheckAwsValue(*field.value, service, shape.element, call, path + "." + field.key.text,
                      depth + 1);
      }
      return;
  }
}

TypeId Checker::AwsType(const aws_models::Service& service, aws_models::Ref ref, int depth) {
  switch (ref.kind) {
    case Ref::Kind::kString:
    case Ref::Kind::kBlob:  // Step Functions gives blobs as text
      return types_.String();
    case Ref::Kind::kInt:
      return types_.Int();
    case Ref::Kind::kNumber:
      return types_.Number();
    case Ref::Kind::kBool:
      return types_.Bool();
    case Ref::Kind::kNone:  // no output: an empty object
      return types_.Record({});
    case Ref::Kind::kTimestamp:  // text or epoch seconds, depending on the service's protocol
    case Ref::Kind::kJson:
      return types_.Json();
    case Ref::Kind::kShape:
      break;
  }
  if (depth > kMaxTypeDepth) return types_.Json();
  const auto key = std::make_pair(&service, ref.index);
  if (auto it = aws_types_.find(key); it != aws_types_.end()) return it->second;
  const Shape& shape = service.shape(ref.index);
  switch (shape.kind) {
    case Shape::Kind::kMap:  // string keys chosen by the data: read with `m["key"]`
      return aws_types_[key] = types_.Json();
    case Shape::Kind::kList: {
      TypeId t = types_.Array(AwsType(service, shape.element, depth + 1));
      return aws_types_[key] = t;
    }
    case Shape::Kind::kStructure: {
      // Named (and entered in the cache first) so recursive shapes end in themselves.
      TypeId t = types_.NewNamedRecord(shape.name.empty() ? "object" : std::string(shape.name));
      aws_types_[key] = t;
      std::vector<Field> fields;
      for (const Member& m : shape.members) {
        fields.push_back(
            Field{std::string(m.name), AwsType(service, m.ref, depth + 1), !m.required});
      }
      types_.SetFields(t, std::move(fields));
      return t;
    }
  }
  return types_.Json();
}

}  // namespace caios::check
