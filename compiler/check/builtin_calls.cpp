// Type rules of the builtin functions (their table and documentation are in builtins.cpp).
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/builtins.h"
#include "compiler/check/checker.h"
#include "compiler/check/plain_string.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

size_t CountPlaceholders(const std::string& text) {
  size_t count = 0;
  for (size_t pos = text.find("{}"); pos != std::string::npos; pos = text.find("{}", pos + 2)) {
    ++count;
  }
  return count;
}
}  // namespace

TypeId Checker::CheckBuiltinCall(const ast::CallExpr& call, std::string_view name, ExprContext ctx,
                                 CallInfo& info) {
  const BuiltinInfo& builtin = *FindBuiltin(name);
  const std::string quoted = "`" + std::string(name) + "`";
  std::vector<const ast::Expr*> args;
  for (const ast::Arg& arg : call.args) {
    if (arg.name) {
      Error(arg.name->span, diag::BuiltinTakesPositionalArgumentsOnly, quoted)
          .Note(std::string("its signature is `") + std::string(builtin.signature) + "`");
    }
    args.push_back(arg.value.get());
  }
  info.args = args;
  const int n = static_cast<int>(args.size());
  if (n < builtin.min_args || (builtin.max_args >= 0 && n > builtin.max_args)) {
    std::string takes;
    if (builtin.max_args == builtin.min_args) {
      takes =
          std::to_string(builtin.min_args) + (builtin.min_args == 1 ? " argument" : " arguments");
    } else if (builtin.max_args < 0) {
      takes = "at least " + std::to_string(builtin.min_args) +
              (builtin.min_args == 1 ? " argument" : " arguments");
    } else {
      takes = std::to_string(builtin.min_args) + " or " + std::to_string(builtin.max_args) +
              " arguments";
    }
    const Span at = call.args_span.valid() ? call.args_span : call.span;
    (n == 1 ? Error(at, diag::BuiltinTakesButOneGiven, quoted, takes)
            : Error(at, diag::BuiltinTakesButGiven, quoted, takes, n))
        .Note(std::string("its signature is `") + std::string(builtin.signature) + "`");
    for (const ast::Expr* a : args) CheckExpr(*a, ctx);
    return types_.Error();
  }

  // Checks argument i against `expected` (null: any type) and returns its type.
  auto arg = [&](size_t i, TypeId expected = nullptr) {
    return CheckExpr(*args[i], ctx, expected);
  };
  auto mismatch = [&](size_t i, TypeId found, const std::string& wanted) {
    if (found->is_unknown()) return;
    Error(args[i]->span, diag::MismatchedTypesExpectsFound, quoted, wanted, Str(found));
  };
  auto all_int = [&](size_t from) {
    bool ints = true;
    for (size_t i = from; i < args.size(); ++i) {
      TypeId t = arg(i, types_.Number());
      if (!t->is(TypeKind::kInt)) ints = false;
    }
    return ints;
  };

  if (name == "uuid" || name == "now") return types_.String();
  // Type tests take any value (docs/language.md, "Type tests").
  if (name.rfind("is_", 0) == 0) {
    arg(0);
    return types_.Bool();
  }
  if (name == "len") {
    TypeId t = arg(0);
    if (!t->is_stringish() && !t->is(TypeKind::kArray) && !t->is(TypeKind::kJson)) {
      mismatch(0, t, "a string, an array or json");
    }
    return types_.Int();
  }
  if (name == "keys") {
    TypeId t = arg(0);
    if (!t->is(TypeKind::kRecord) && !t->is(TypeKind::kJson)) mismatch(0, t, "a record or json");
    return types_.Array(types_.String());
  }
  if (name == "merge") {
    TypeId a = arg(0), b = arg(1);
    bool ok = true;
    for (size_t i = 0; i < 2; ++i) {
      TypeId t = i == 0 ? a : b;
      if (!t->is(TypeKind::kRecord) && !t->is(TypeKind::kJson)) {
        mismatch(i, t, "a record or json");
        ok = false;
      }
    }
    if (!ok || a->is_unknown() || b->is_unknown()) return types_.Error();
    if (a->is(TypeKind::kRecord) && b->is(TypeKind::kRecord)) {
      std::vector<Field> fields;
      for (const Field& f : a->fields) {
        if (b->FindField(f.name) == nullptr) fields.push_back(f);
      }
      for (const Field& f : b->fields) {
        const Field* old = a->FindField(f.name);
        // An optional field of `b` may be absent, so the result keeps `a`'s value then.
        if (f.optional && old != nullptr) {
          fields.push_back(Field{f.name, types_.Join(old->type, f.type), old->optional});
        } else {
          fields.push_back(f);
        }
      }
      return types_.Record(std::move(fields));
    }
    return types_.Json();
  }
  if (name == "contains") {
    TypeId hay = arg(0);
    if (hay->is(TypeKind::kArray)) {
      TypeId needle = arg(1);
      if (!types_.Comparable(needle, hay->element)) {
        mismatch(1, needle, "an element of type `" + Str(hay->element) + "`");
      }
    } else if (hay->is_stringish()) {
      arg(1, types_.String());
    } else {
      if (!hay->is(TypeKind::kJson)) mismatch(0, hay, "a string or an array");
      arg(1);
    }
    return types_.Bool();
  }
  if (name == "range") {
    for (size_t i = 0; i < args.size(); ++i) arg(i, types_.Int());
    return types_.Array(types_.Int());
  }
  if (name == "split") {
    arg(0, types_.String());
    arg(1, types_.String());
    return types_.Array(types_.String());
  }
  if (name == "join") {
    arg(0, types_.Array(types_.String()));
    arg(1, types_.String());
    return types_.String();
  }
  if (name == "json_parse") {
    arg(0, types_.String());
    return types_.Json();
  }
  if (name == "json_string") {
    arg(0);
    return types_.String();
  }
  if (name == "base64_encode" || name == "base64_decode" || name == "upper" || name == "lower" ||
      name == "trim") {
    arg(0, types_.String());
    return types_.String();
  }
  if (name == "hash") {
    arg(0, types_.String());
    if (args.size() == 2) {
      arg(1, types_.String());
      if (const std::string* algorithm = PlainString(*args[1])) {
        const auto& known = HashAlgorithms();
        if (std::find(known.begin(), known.end(), *algorithm) == known.end()) {
          auto& d = Error(args[1]->span, diag::UnknownHashAlgorithm, *algorithm);
          auto match = ClosestMatch(*algorithm, known);
          if (match) d.Note("did you mean \"" + *match + "\"?");
          d.Note("`hash` supports \"MD5\", \"SHA-1\", \"SHA-256\", \"SHA-384\" and \"SHA-512\"");
        }
      }
    }
    return types_.String();
  }
  if (name == "format") {
    arg(0, types_.String());
    for (size_t i = 1; i < args.size(); ++i) {
      TypeId t = arg(i);
      if (t->is(TypeKind::kOptional)) {
        Error(args[i]->span, diag::FormatArgumentTypeMayNull, Str(t))
            .Note("give a default with `?? value`");
      }
    }
    if (const std::string* tmpl = PlainString(*args[0])) {
      const size_t want = CountPlaceholders(*tmpl);
      if (want != args.size() - 1) {
        // The plural of the two counts is data here, not a different message.
        Error(call.span, diag::FormatPlaceholderCount, want,
              want == 1 ? "placeholder" : "placeholders", args.size() - 1,
              args.size() == 2 ? "argument follows" : "arguments follow")
            .Label(args[0]->span, "the template");
      }
    }
    return types_.String();
  }
  if (name == "abs") {
    TypeId t = arg(0, types_.Number());
    return t->is(TypeKind::kInt) ? types_.Int() : types_.Number();
  }
  if (name == "floor" || name == "ceil" || name == "round") {
    arg(0, types_.Number());
    return types_.Int();
  }
  if (name == "min" || name == "max") return all_int(0) ? types_.Int() : types_.Number();
  if (name == "random") {
    arg(0, types_.Int());
    arg(1, types_.Int());
    return types_.Int();
  }
  CAIOS_CHECK_INVARIANT(false && "every builtin of the table has a type rule above");
  return types_.Error();
}

}  // namespace caios::check
