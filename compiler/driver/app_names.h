// Application names: with several applications each names a folder under `-o`, so a name
// must be a safe path component, distinct from the others, and usable as a CloudFormation
// stack name (docs/cli.md, "Application names").
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace caios {

struct AppName {
  std::string name;
  Span span;              // the name in `app NAME`, or the start of the root file
  bool declared;          // false: taken from the root file's name
  std::string file_name;  // the root file's name, for the message when not declared
};

// At most this many bytes: a stack name has at most 128 characters.
inline constexpr size_t kMaxAppNameBytes = 128;

// True for an ASCII letter followed by letters, digits, `-` and `_`, at most kMaxAppNameBytes.
bool IsValidAppName(const std::string& name);

// Reports E0020 for each invalid name and E0021 for each application whose name equals an
// earlier one's, ignoring case (folders collide on case-insensitive file systems). Returns,
// parallel to `apps`, whether the application may be given a folder of its own.
std::vector<bool> CheckAppNames(const std::vector<AppName>& apps, DiagnosticSink& sink);

}  // namespace caios
