#include "compiler/ast/ast.h"

namespace caios::ast {

const char* Spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kCoalesce:
      return "??";
  }
  return "?";
}

const char* Spelling(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kTable:
      return "table";
    case ResourceKind::kBucket:
      return "bucket";
    case ResourceKind::kQueue:
      return "queue";
    case ResourceKind::kTopic:
      return "topic";
    case ResourceKind::kStream:
      return "stream";
    case ResourceKind::kEvents:
      return "events";
    case ResourceKind::kConnection:
      return "connection";
    case ResourceKind::kSecret:
      return "secret";
    case ResourceKind::kParameter:
      return "parameter";
  }
  return "?";
}

}  // namespace caios::ast
