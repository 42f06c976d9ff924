// The mocks of a test (`mock F returns V`, `mock F fails E("cause")`, docs/testing.md): F is a
// function of the application or an AWS SDK action (`aws.s3.getObject`), V a constant of its
// result type, the cause a string literal.
#include "compiler/ast/constant_json.h"
#include "compiler/check/checker.h"
#include "compiler/check/resource_attributes.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

// `aws.<service>.<action>` as the callee of a call (`aws`, `service` and `action` with their
// own spans), to look the action up as a call's is; null for any other name.
ast::ExprPtr AwsCallee(const ast::Ident& name) {
  const std::string& text = name.text;
  const size_t first = text.find('.');
  const size_t second = first == std::string::npos ? first : text.find('.', first + 1);
  if (text.substr(0, first) != "aws" || second == std::string::npos ||
      text.find('.', second + 1) != std::string::npos) {
    return nullptr;
  }
  auto at = [&](size_t begin, size_t end) {
    return Span{name.span.file, name.span.begin + static_cast<uint32_t>(begin),
                name.span.begin + static_cast<uint32_t>(end)};
  };
  auto aws = std::make_unique<ast::NameExpr>(at(0, first), ast::Ident{"aws", at(0, first)});
  auto service = std::make_unique<ast::FieldExpr>(
      at(0, second), std::move(aws),
      ast::Ident{text.substr(first + 1, second - first - 1), at(first + 1, second)});
  return std::make_unique<ast::FieldExpr>(
      name.span, std::move(service),
      ast::Ident{text.substr(second + 1), at(second + 1, text.size())});
}

}  // namespace

void Checker::CheckTestMocks(const ast::FlowDecl& test) {
  for (const ast::MockAnswer& mock : test.test->mocks) {
    const std::string& name = mock.function.text;
    const Symbol* symbol = name.find('.') == std::string::npos ? LookupGlobal(name) : nullptr;
    TypeId result = nullptr;
    if (ast::ExprPtr callee = AwsCallee(mock.function)) {
      // An AWS SDK call: its answer is the action's output (docs/testing.md).
      const aws_models::Service* service = nullptr;
      const auto& call = static_cast<const ast::FieldExpr&>(*callee);
      if (const aws_models::Operation* op = FindAwsOperation(call, service)) {
        result = AwsType(*service, op->output, 0);
      }
    } else if (symbol == nullptr) {
      std::vector<std::string> functions;
      for (const auto& [visible, s] : model_.modules[module_].visible) {
        if (s->kind == Symbol::Kind::kFunction) functions.push_back(visible);
      }
      auto& d = Error(mock.function.span, diag::MockUnknownFunction, name);
      std::string hint = DidYouMean(name, functions);
      if (!hint.empty()) d.Note(hint);
    } else if (symbol->kind != Symbol::Kind::kFunction &&
               !(symbol->kind == Symbol::Kind::kFlow && IsExisting(*symbol))) {
      // A flow outside the application (`existing`) is mocked like a function: its state
      // machine is not the application's, and answers as the mock says (docs/testing.md).
      Error(mock.function.span, diag::MockNotFunction, name, Describe(symbol->kind))
          .Label(symbol->span, "declared here");
    } else {
      result = model_.signatures.at(symbol->decl).result;
    }
    if (mock.returns) {
      CheckExpr(*mock.returns, ExprContext{}, result);
      if (!ast::ConstantJson(*mock.returns)) {
        Error(mock.returns->span, diag::MockValueNotConstant);
      }
    }
    if (mock.cause) {
      CheckExpr(*mock.cause, ExprContext{}, types_.String());
      const auto* text = mock.cause->kind == ast::ExprKind::kString
                             ? static_cast<const ast::StringExpr*>(mock.cause.get())
                             : nullptr;
      if (text == nullptr || !text->is_plain()) Error(mock.cause->span, diag::MockCauseNotConstant);
    }
  }
}

}  // namespace caios::check
