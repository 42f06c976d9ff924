// The clauses of a distributed loop's bucket item sources that are written into the state
// machine as they are (docs/language.md, `for`): `headers:` and `delimiter:` of `csv`, `raw:`
// of `objects`. `max_items:` is an ordinary `int` argument (its range is a quota).
#include <set>
#include <string>

#include "compiler/check/checker.h"
#include "compiler/check/plain_string.h"

namespace caios::check {

// `within:` of an `s3.*` item source: the declared buckets the bucket named at run time may
// be (the flow's role may read those), or "*" for any bucket.
void Checker::CheckBucketScope(const ast::Expr& arg, ExprContext ctx) {
  RecordType(arg, types_.Json());
  if (const std::string* text = PlainString(arg); text != nullptr && *text == "*") return;
  if (arg.kind != ast::ExprKind::kArray ||
      static_cast<const ast::ArrayExpr&>(arg).elements.empty()) {
    if (arg.kind != ast::ExprKind::kString) CheckExpr(arg, ctx);
    Error(arg.span, diag::RunTimeBucketWithinForm)
        .Note("for example `within: [Drops, Archive]`, or `within: \"*\"` for any bucket");
    return;
  }
  for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(arg).elements) {
    const Symbol* bucket = nullptr;
    if (x->kind == ast::ExprKind::kName) {
      const ast::Ident& name = static_cast<const ast::NameExpr&>(*x).name;
      if (LookupVariable(name.text) == nullptr) bucket = LookupGlobal(name.text);
      if (bucket != nullptr) {
        model_.resolved[&name] = bucket;
        model_.names[static_cast<const ast::NameExpr*>(x.get())] = NameRef{nullptr, bucket, {}};
      }
    }
    const bool is_bucket =
        bucket != nullptr && bucket->kind == Symbol::Kind::kResource &&
        static_cast<const ast::ResourceDecl*>(bucket->decl)->resource == ast::ResourceKind::kBucket;
    if (!is_bucket) {
      // An unknown name is reported as such (E0211); a variable or other value is not a bucket.
      if (bucket == nullptr && CheckExpr(*x, ctx)->is_unknown()) continue;
      auto& d =
          Error(x->span, diag::RunTimeBucketWithinNotBucket,
                x->kind == ast::ExprKind::kName ? static_cast<const ast::NameExpr&>(*x).name.text
                                                : std::string("this value"));
      if (bucket != nullptr) d.Label(bucket->span, "declared here");
      d.Note("name declared buckets (`bucket Drops` or `existing bucket Drops \"name\"`)");
      continue;
    }
    RecordType(*x, types_.Json());
  }
}

TypeId Checker::CheckItemSourceClauses(const ResourceOp& op, ExprContext ctx, const CallInfo& info,
                                       const Symbol& resource, TypeId element) {
  for (size_t i = 0; i < op.params.size() && i < info.args.size(); ++i) {
    const ast::Expr* arg = info.args[i];
    if (arg == nullptr) continue;
    switch (op.params[i].type) {
      case OpType::kCsvHeaders: {
        const auto* list =
            arg->kind == ast::ExprKind::kArray ? static_cast<const ast::ArrayExpr*>(arg) : nullptr;
        if (list == nullptr) {
          CheckExpr(*arg, ctx);
          Error(arg->span, diag::CsvHeadersNotLiteral, "a list of string literals");
          break;
        }
        if (list->elements.empty()) {
          Error(arg->span, diag::CsvHeadersNotLiteral, "a non-empty list")
              .Note("without `headers:` the first row of the file names the columns");
          break;
        }
        RecordType(*arg, types_.Array(types_.String()));
        std::set<std::string> seen;
        std::vector<Field> columns;
        bool ok = true;
        for (const ast::ExprPtr& x : list->elements) {
          const std::string* name = PlainString(*x);
          if (name == nullptr || name->empty()) {
            CheckExpr(*x, ctx);
            Error(x->span, diag::CsvHeadersNotLiteral, "a list of non-empty string literals");
            ok = false;
            continue;
          }
          RecordType(*x, types_.String());
          if (!seen.insert(*name).second) {
            Error(x->span, diag::CsvHeadersNotLiteral, "a list of distinct names")
                .Note("`" + *name + "` is given twice");
            ok = false;
            continue;
          }
          columns.push_back(Field{*name, types_.String(), false});
        }
        // Each row is a record of its columns, every value a string (as the reader gives it).
        if (ok) element = types_.Record(std::move(columns));
        break;
      }
      case OpType::kCsvDelimiter: {
        const std::string* text = PlainString(*arg);
        if (text == nullptr) CheckExpr(*arg, ctx);
        RecordType(*arg, types_.String());
        if (text == nullptr ||
            (*text != "," && *text != "|" && *text != ";" && *text != " " && *text != "\t")) {
          Error(arg->span, diag::CsvDelimiterWord,
                text == nullptr ? std::string("a value computed at run time") : "\"" + *text + "\"")
              .Note("write one of \",\" \"|\" \";\" \" \" \"\\t\" (comma is the default)");
        }
        break;
      }
      case OpType::kRawObjects: {
        if (arg->kind != ast::ExprKind::kBool) {
          CheckExpr(*arg, ctx);
          Error(arg->span, diag::RawFlagNotLiteral);
          break;
        }
        RecordType(*arg, types_.Bool());
        if (static_cast<const ast::BoolExpr&>(*arg).value) {
          element = OpTypeFor(OpType::kRawObjectInfo, resource);
        }
        break;
      }
      case OpType::kBucketScope:
        CheckBucketScope(*arg, ctx);
        break;
      default:
        break;
    }
  }
  return element;
}

}  // namespace caios::check
