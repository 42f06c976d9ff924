// RenderYaml: the template as block YAML through yaml-cpp's emitter.
#include <regex>

#include "backends/aws/cloudformation/template.h"
#include "yaml-cpp/yaml.h"

namespace caios::aws {
namespace {

using Json = nlohmann::ordered_json;

// Whether a plain scalar `text` would be read back as something other than this string by a
// YAML 1.1 or 1.2 reader (booleans, nulls, numbers, timestamps, merge keys): then it is quoted.
bool NeedsQuotes(const std::string& text) {
  if (text.empty()) return true;
  static const std::regex kSpecial(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      "~|null|Null|NULL|<<|=|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(text, kSpecial)) return true;
  // Anything that starts like a number (ints, floats, 0x/0o, sexagesimal, dates).
  static const std::regex kNumeric("[-+]?\\.?[0-9].*");
  return std::regex_match(text, kNumeric);
}

void EmitString(YAML::Emitter& out, const std::string& text) {
  if (NeedsQuotes(text)) out << YAML::DoubleQuoted;
  out << text;
}

void Emit(YAML::Emitter& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key;
        EmitString(out, key);
        out << YAML::Value;
        Emit(out, item);
      }
      out << YAML::EndMap;
      return;
    case Json::value_t::array:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const Json& item : value) Emit(out, item);
      out << YAML::EndSeq;
      return;
    case Json::value_t::string:
      EmitString(out, value.get_ref<const std::string&>());
      return;
    case Json::value_t::boolean:
      out << (value.get<bool>() ? "true" : "false");
      return;
    case Json::value_t::null:
    case Json::value_t::discarded:
      out << YAML::Null;
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
    case Json::value_t::binary:
      // The JSON spelling (2.0 stays 2.0); plain, so it reads back as a number.
      out << value.dump();
      return;
  }
}

}  // namespace

std::string RenderYaml(const nlohmann::ordered_json& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetMapFormat(YAML::Block);
  out.SetSeqFormat(YAML::Block);
  Emit(out, doc);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace caios::aws
