// The mocks of a test (`mock F returns V`, `mock F fails E("cause")`, docs/testing.md): F is a
// function of the application, V a constant of F's result type, the cause a string literal.
#include "compiler/ast/constant_json.h"
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

void Checker::CheckTestMocks(const ast::FlowDecl& test) {
  for (const ast::MockAnswer& mock : test.test->mocks) {
    const std::string& name = mock.function.text;
    const Symbol* symbol = LookupGlobal(name);
    const Signature* signature = nullptr;
    if (symbol == nullptr) {
      std::vector<std::string> functions;
      for (const auto& [visible, s] : model_.modules[module_].visible) {
        if (s->kind == Symbol::Kind::kFunction) functions.push_back(visible);
      }
      auto& d = Error(mock.function.span, diag::MockUnknownFunction, name);
      std::string hint = DidYouMean(name, functions);
      if (!hint.empty()) d.Note(hint);
    } else if (symbol->kind != Symbol::Kind::kFunction) {
      Error(mock.function.span, diag::MockNotFunction, name, Describe(symbol->kind))
          .Label(symbol->span, "declared here");
    } else {
      signature = &model_.signatures.at(symbol->decl);
    }
    if (mock.returns) {
      CheckExpr(*mock.returns, ExprContext{}, signature ? signature->result : nullptr);
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
