// The files a target produces: what the driver writes into the output folder.
#pragma once

#include <map>
#include <string>

namespace caios {

// Relative path (with `/`) → content, sorted by path.
using OutputFiles = std::map<std::string, std::string>;

}  // namespace caios
