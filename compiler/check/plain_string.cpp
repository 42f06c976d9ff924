#include "compiler/check/plain_string.h"

namespace caios::check {

const std::string* PlainString(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kString) return nullptr;
  const auto& s = static_cast<const ast::StringExpr&>(e);
  return s.is_plain() ? &s.texts.front() : nullptr;
}

}  // namespace caios::check
