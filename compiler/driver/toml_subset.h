// A strict reader of the small part of TOML that caios.toml may use (docs/cli.md#caiostoml):
// `[table]` headers, `key = "string" | true | false | ["string", …]`, comments, blank lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

struct TomlString {
  std::string text;  // unescaped
  Span span;         // the quoted string, quotes included
};

struct TomlValue {
  enum class Kind { kBool, kString, kArray };
  Kind kind = Kind::kBool;
  bool boolean = false;
  TomlString string;              // kString
  std::vector<TomlString> items;  // kArray: strings only
  Span span;                      // the whole value
};

struct TomlEntry {
  std::string table;  // "" before the first header
  std::string key;
  Span key_span;
  TomlValue value;
};

struct TomlTable {
  std::string name;
  Span span;  // the name inside the brackets
};

struct TomlDocument {
  std::vector<TomlTable> tables;
  std::vector<TomlEntry> entries;  // in file order
};

// Reads `text` (the contents of `file`). On the first problem, reports E0040 at it and returns
// false; nothing outside the subset is accepted. Iterative, no recursion: arrays do not nest.
bool ParseTomlSubset(FileId file, std::string_view text, DiagnosticSink& sink,
                     TomlDocument& document);

}  // namespace caios
