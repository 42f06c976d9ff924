// The clauses of a distributed loop's bucket item source, which the check phase has typed and
// checked as literals (compiler/check/item_source_clauses.cpp), and its arguments, as the IR's
// ItemSource fields.
#include "compiler/check/resource_ops.h"
#include "compiler/lower/flow_lowerer.h"
#include "compiler/lower/values.h"

namespace caios::lower {
namespace {

ir::ItemSource::Delimiter DelimiterOf(const std::string& text) {
  using D = ir::ItemSource::Delimiter;
  if (text == "|") return D::kPipe;
  if (text == ";") return D::kSemicolon;
  if (text == " ") return D::kSpace;
  if (text == "\t") return D::kTab;
  return D::kComma;  // "," (the check phase accepts no other character)
}

}  // namespace

void FlowLowerer::LowerItemSourceClauses(const check::CallInfo& info, ir::ItemSource& source) {
  const check::ResourceOp& op = *info.resource_op;
  for (size_t i = 0; i < op.params.size() && i < info.args.size(); ++i) {
    const ast::Expr* arg = info.args[i];
    if (arg == nullptr) continue;
    const check::OpParam& p = op.params[i];
    switch (p.type) {
      case check::OpType::kCsvHeaders:
        for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(*arg).elements) {
          source.csv_headers.push_back(static_cast<const ast::StringExpr&>(*x).texts.front());
        }
        break;
      case check::OpType::kCsvDelimiter:
        source.csv_delimiter = DelimiterOf(static_cast<const ast::StringExpr&>(*arg).texts.front());
        break;
      case check::OpType::kRawObjects:
        source.raw = static_cast<const ast::BoolExpr&>(*arg).value;
        break;
      case check::OpType::kBucketScope:
        if (arg->kind == ast::ExprKind::kArray) {
          for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(*arg).elements) {
            const auto& name = static_cast<const ast::NameExpr&>(*x).name;
            source.within.push_back(ir::BucketId{ctx_.EntityOf(ctx_.model.Resolved(&name)).index});
          }
        } else {
          source.any_bucket = true;  // "*" (the check phase accepts no other string)
        }
        break;
      default:
        if (p.name == "max_items") source.max_items = LowerValue(ctx_, *arg);
        if (p.name == "bucket") source.bucket_name = LowerValue(ctx_, *arg);
        if (p.name == "prefix" || p.name == "key") source.argument = LowerValue(ctx_, *arg);
        break;
    }
  }
}

}  // namespace caios::lower
