// DynamoDB attribute-value marshalling in JSONata, driven by the static types: a record type
// becomes a fixed object of `{"S": …}`/`{"N": …}` attributes, `json` values go through a
// generic recursive function.
#pragma once

#include <string>

#include "compiler/types/types.h"

namespace caios::aws {

// JSONata for the DynamoDB item/key map (attribute name → AttributeValue) of `expr`, a value of
// record or json type.
std::string MarshalItem(const std::string& expr, types::TypeId type);
// JSONata for one AttributeValue of `expr`.
std::string MarshalValue(const std::string& expr, types::TypeId type);
// JSONata for the value of type `type` held in the item map `expr` (the inverse of MarshalItem).
std::string UnmarshalItem(const std::string& expr, types::TypeId type);

}  // namespace caios::aws
