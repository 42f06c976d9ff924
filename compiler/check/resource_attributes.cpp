#include "compiler/check/resource_attributes.h"

#include "compiler/check/option_schema.h"

namespace caios::check {
namespace {

using A = ResourceAttribute;

struct Named {
  std::string_view name;
  ResourceAttribute attribute;
};

constexpr Named kNameArn[] = {{"name", A::kName}, {"arn", A::kArn}};
constexpr Named kQueue[] = {{"name", A::kName}, {"url", A::kUrl}, {"arn", A::kArn}};
constexpr Named kTableWithStream[] = {
    {"name", A::kName}, {"arn", A::kArn}, {"stream_arn", A::kStreamArn}};

const ast::ResourceDecl* AsResource(const Symbol& symbol) {
  if (symbol.kind != Symbol::Kind::kResource) return nullptr;
  return static_cast<const ast::ResourceDecl*>(symbol.decl);
}

bool DeclaresStream(const ast::ResourceDecl& table) {
  for (const ast::Option& o : table.options) {
    if (o.name.text == "stream") return true;
  }
  return false;
}

// The attributes of the symbol's kind; empty for symbols that are not values.
std::vector<Named> Attributes(const Symbol& symbol) {
  if (symbol.kind == Symbol::Kind::kFlow || symbol.kind == Symbol::Kind::kFunction) {
    return {std::begin(kNameArn), std::end(kNameArn)};
  }
  const ast::ResourceDecl* r = AsResource(symbol);
  if (r == nullptr) return {};
  switch (r->resource) {
    case ast::ResourceKind::kQueue:
      return {std::begin(kQueue), std::end(kQueue)};
    case ast::ResourceKind::kTable:
      if (DeclaresStream(*r)) return {std::begin(kTableWithStream), std::end(kTableWithStream)};
      return {std::begin(kNameArn), std::end(kNameArn)};
    case ast::ResourceKind::kBucket:
    case ast::ResourceKind::kTopic:
    case ast::ResourceKind::kStream:
    case ast::ResourceKind::kEvents:
    case ast::ResourceKind::kConnection:
    case ast::ResourceKind::kSecret:
    case ast::ResourceKind::kParameter:
      return {std::begin(kNameArn), std::end(kNameArn)};
  }
  return {};
}

}  // namespace

std::vector<std::string> AttributeNames(const Symbol& symbol) {
  std::vector<std::string> out;
  for (const Named& n : Attributes(symbol)) out.emplace_back(n.name);
  return out;
}

bool HasAttributes(const Symbol& symbol) { return !Attributes(symbol).empty(); }

std::optional<ResourceAttribute> FindAttribute(const Symbol& symbol, std::string_view name) {
  for (const Named& n : Attributes(symbol)) {
    if (n.name == name) return n.attribute;
  }
  return std::nullopt;
}

bool IsTableWithoutStream(const Symbol& symbol) {
  const ast::ResourceDecl* r = AsResource(symbol);
  return r != nullptr && r->resource == ast::ResourceKind::kTable && !DeclaresStream(*r);
}

bool IsExisting(const Symbol& symbol) {
  const std::vector<ast::Option>* options = nullptr;
  if (const ast::ResourceDecl* r = AsResource(symbol)) {
    options = &r->options;
  } else if (symbol.kind == Symbol::Kind::kFunction) {
    options = &static_cast<const ast::FunctionDecl*>(symbol.decl)->options;
  } else if (symbol.kind == Symbol::Kind::kFlow) {
    return !static_cast<const ast::FlowDecl*>(symbol.decl)->existing.empty();
  }
  if (options == nullptr) return false;
  for (const ast::Option& o : *options) {
    if (o.name.text == options::kExistingOption) return true;
  }
  return false;
}

}  // namespace caios::check
