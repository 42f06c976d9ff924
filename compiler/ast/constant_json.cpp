#include "compiler/ast/constant_json.h"

namespace caios::ast {

std::optional<nlohmann::json> ConstantJson(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kString: {
      const auto& s = static_cast<const StringExpr&>(e);
      if (!s.is_plain()) return std::nullopt;
      return nlohmann::json(s.texts.empty() ? std::string() : s.texts[0]);
    }
    case ExprKind::kInt:
      return nlohmann::json(static_cast<const IntExpr&>(e).value);
    case ExprKind::kNumber:
      return nlohmann::json(static_cast<const NumberExpr&>(e).value);
    case ExprKind::kBool:
      return nlohmann::json(static_cast<const BoolExpr&>(e).value);
    case ExprKind::kNull:
      return nlohmann::json(nullptr);
    case ExprKind::kUnary: {
      const auto& u = static_cast<const UnaryExpr&>(e);
      if (u.op != UnaryOp::kNeg) return std::nullopt;
      if (u.operand->kind == ExprKind::kInt) {
        return nlohmann::json(-static_cast<const IntExpr&>(*u.operand).value);
      }
      if (u.operand->kind == ExprKind::kNumber) {
        return nlohmann::json(-static_cast<const NumberExpr&>(*u.operand).value);
      }
      return std::nullopt;
    }
    case ExprKind::kObject: {
      nlohmann::json object = nlohmann::json::object();
      for (const ObjectField& f : static_cast<const ObjectExpr&>(e).fields) {
        if (f.shorthand || f.value == nullptr) return std::nullopt;
        std::optional<nlohmann::json> value = ConstantJson(*f.value);
        if (!value) return std::nullopt;
        object[f.key.text] = std::move(*value);
      }
      return object;
    }
    case ExprKind::kArray: {
      nlohmann::json array = nlohmann::json::array();
      for (const ExprPtr& element : static_cast<const ArrayExpr&>(e).elements) {
        std::optional<nlohmann::json> value = ConstantJson(*element);
        if (!value) return std::nullopt;
        array.push_back(std::move(*value));
      }
      return array;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace caios::ast
