// The attributes a declared resource, flow or function has as a value (`Docs.name`, `Jobs.url`,
// `Orders.stream_arn`, `checkout.arn`): docs/language.md, "Resources as values".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/model.h"

namespace caios::check {

// The attribute names of the kind of `symbol` (a resource, flow or function), in the order the
// diagnostics list them; empty for other symbols. A table's `stream_arn` is listed only when
// the table declares a stream.
std::vector<std::string> AttributeNames(const Symbol& symbol);

// Whether `symbol` can be read as a value through an attribute at all.
bool HasAttributes(const Symbol& symbol);

// The attribute `name` of `symbol`, when its kind has it (a table's `stream_arn` only with a
// stream).
std::optional<ResourceAttribute> FindAttribute(const Symbol& symbol, std::string_view name);

// Whether `symbol` is a resource or function declared `existing` (outside the application).
bool IsExisting(const Symbol& symbol);

// Whether `symbol` is a table that declares no stream (its `stream_arn` is E0241, not E0240).
bool IsTableWithoutStream(const Symbol& symbol);

}  // namespace caios::check
