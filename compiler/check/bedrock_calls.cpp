// `aws.bedrockruntime.invokeModel({...})`: Step Functions' optimized Bedrock integration
// (`arn:aws:states:::bedrock:invokeModel`) takes its own parameters, not the SDK's: `Body` is a
// JSON value, `Input`/`Output` name S3 objects, and it answers at once (docs/language.md,
// "Bedrock").
#include <algorithm>

#include "compiler/aws_models/bedrock.h"
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

const ast::ObjectField* FindField(const ast::ObjectExpr& object, std::string_view key) {
  for (const ast::ObjectField& f : object.fields) {
    if (f.key.text == key) return &f;
  }
  return nullptr;
}

}  // namespace

void Checker::CheckBedrockString(const ast::ObjectField& field) {
  TypeId t = model_.TypeOf(field.value.get());
  if (t == nullptr || t->is_unknown() || t->is(TypeKind::kJson)) return;
  if (!types_.Assignable(t, types_.String())) {
    Error(field.value->span, diag::MismatchedTypesExpectsFound, "`" + field.key.text + "`",
          "`string`", Str(t));
  }
}

TypeId Checker::CheckBedrockInvoke(const ast::CallExpr& call, const ast::Expr* params,
                                   TypeId params_type, const ast::PrefixOp* prefix) {
  // { Body: the model's response (JSON), ContentType }.
  TypeId result = types_.Record(
      {Field{"Body", types_.Json(), false}, Field{"ContentType", types_.String(), false}});
  if (prefix != nullptr && *prefix != ast::PrefixOp::kStart) {
    Error(call.span, diag::BedrockNoPattern,
          *prefix == ast::PrefixOp::kRun ? "`run` (`.sync`)" : "`await` (`.waitForTaskToken`)")
        .Note("call `aws.bedrockruntime.invokeModel({...})` without `" +
              std::string(*prefix == ast::PrefixOp::kRun ? "run" : "await") + "`");
  }
  if (params == nullptr || params->kind != ast::ExprKind::kObject) {
    if (params == nullptr || !params_type->is_unknown()) {
      Error(params != nullptr ? params->span : call.span, diag::BedrockNotObject)
          .Note(
              "for example `aws.bedrockruntime.invokeModel({ ModelId: \"amazon.titan-text-"
              "express-v1\", Body: { inputText: prompt } })`");
    }
    return result;
  }
  const auto& object = static_cast<const ast::ObjectExpr&>(*params);
  const std::vector<std::string>& known = aws_models::BedrockInvokeParameters();
  for (const ast::ObjectField& f : object.fields) {
    if (std::find(known.begin(), known.end(), f.key.text) == known.end()) {
      auto& d = Error(f.key.span, diag::BedrockUnknownParameter, f.key.text);
      std::string hint = DidYouMean(f.key.text, known);
      if (!hint.empty()) {
        d.Note(hint);
      } else {
        d.Note("the parameters are " + JoinQuoted(known));
      }
      continue;
    }
    if (f.key.text == "Body") continue;  // any JSON value
    if (f.key.text != "Input" && f.key.text != "Output") {
      CheckBedrockString(f);
      continue;
    }
    if (f.value->kind != ast::ExprKind::kObject) continue;  // a computed object: not checked
    const auto& s3 = static_cast<const ast::ObjectExpr&>(*f.value);
    for (const ast::ObjectField& g : s3.fields) {
      if (g.key.text != "S3Uri") {
        Error(g.key.span, diag::BedrockUnknownS3Parameter, f.key.text, g.key.text);
      } else {
        CheckBedrockString(g);
      }
    }
    if (FindField(s3, "S3Uri") == nullptr) {
      Error(s3.span, diag::BedrockMissingS3Uri, f.key.text)
          .Note("write `" + f.key.text + ": { S3Uri: \"s3://bucket/key\" }`");
    }
  }
  const ast::ObjectField* model = FindField(object, "ModelId");
  if (model == nullptr) {
    Error(object.span, diag::MissingAwsParameterOf, "`ModelId`", "aws.bedrockruntime.invokeModel")
        .Note(
            "pass it in the parameter object: `aws.bedrockruntime.invokeModel({ ModelId: ... })`");
  } else if (model->value->kind == ast::ExprKind::kString) {
    const auto& s = static_cast<const ast::StringExpr&>(*model->value);
    std::string problem;
    if (s.is_plain() && !aws_models::ParseBedrockModelId(s.texts.front(), &problem)) {
      Error(model->value->span, diag::BedrockModelIdInvalid, s.texts.front(), problem);
    }
  }
  const ast::ObjectField* body = FindField(object, "Body");
  const ast::ObjectField* input = FindField(object, "Input");
  if (body != nullptr && input != nullptr) {
    Error(input->span, diag::BedrockBodyAndInput)
        .Label(body->span, "`Body` given here")
        .Note("remove `Body` to read the request from S3, or `Input` to pass it inline");
  } else if (body == nullptr && input == nullptr) {
    Error(object.span, diag::BedrockNoBody)
        .Note("`Body` holds the model's request as JSON, e.g. `Body: { inputText: prompt }`");
  }
  return result;
}

}  // namespace caios::check
